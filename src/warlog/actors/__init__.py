"""Actors: the dictionary of who fights (``data/actors.yaml``) and its use on text.

- :class:`~warlog.actors.dictionary.ActorIndex` finds actor mentions in a sentence;
- :class:`~warlog.actors.resolve.ActorContext` names generic ones ("government forces")
  from the document;
- :func:`~warlog.actors.unknown.unknown_candidates` finds armed groups the dictionary lacks.
"""

from warlog.actors.dictionary import ActorIndex, is_generic
from warlog.actors.resolve import ActorContext
from warlog.actors.unknown import unknown_candidates

__all__ = ["ActorContext", "ActorIndex", "is_generic", "unknown_candidates"]
