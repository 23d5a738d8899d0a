"""Event records out: one module per format, each an exporter plugin (see
:mod:`warlog.export.writers`).

``warlog.export`` is also the Python API's export function (:func:`warlog.api.export`).
Importing this package (``import warlog.export.writers``) makes the package itself the
attribute ``warlog.export``, so the package is callable and forwards to that function:
``warlog.export("events.csv", db="warlog.db")`` works whichever of the two it is.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> int:
        from warlog.api import export

        return export(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
