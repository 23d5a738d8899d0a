"""What a document's narrative has established so far: the state the extractor carries from
one sentence to the next, and that argument filling reads (the last place, the last parties,
who fights whom)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from warlog.model import ActorMention, Event, Location


@dataclass
class NarrativeState:
    """What the text has established so far, for clauses that leave it implicit."""

    location: Location | None = None
    actors: tuple[ActorMention | None, ActorMention | None] = (None, None)
    last_event: Event | None = None
    sentence_events: list[Event] = field(default_factory=list)  # of the last sentence with any
    belligerents: Counter[str] = field(default_factory=Counter)
    # each party's opponents as the text named them together (not filled in): who it fights
    foes: dict[str, Counter[str]] = field(default_factory=dict)
    mentions: dict[str, ActorMention] = field(default_factory=dict)
