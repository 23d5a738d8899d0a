"""Event records out: one module per format, each an exporter plugin (``warlog.exporters``
entry points, see :mod:`warlog.plugins`); :mod:`warlog.exporters.writers` writes a file by its
suffix. The Python API's ``warlog.export(...)`` (:func:`warlog.api.export`) calls them."""
