"""Per-document actor context, under the module name the event stage imports.

The implementation is :mod:`warlog.actors.resolve`; this module only re-exports it.
"""

from warlog.actors.resolve import ActorContext

__all__ = ["ActorContext"]
