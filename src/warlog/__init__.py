"""warlog: narrative reporting on armed conflict in, ACLED-style event records out.

The Python API mirrors the command line (see ``docs/api.md``)::

    import warlog

    records = warlog.extract("articles/", db="warlog.db")
    warlog.export("events.csv", db="warlog.db")
    with warlog.open_store("warlog.db") as store:
        ...
"""

__version__ = "0.1.0"

from warlog.api import export, extract, open_store  # noqa: E402 - after the version
from warlog.settings import Settings, activate, using  # noqa: E402

__all__ = ["Settings", "__version__", "activate", "export", "extract", "open_store", "using"]
