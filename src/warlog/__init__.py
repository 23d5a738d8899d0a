"""warlog: narrative reporting on armed conflict in, ACLED-style event records out."""

__version__ = "0.1.0"
