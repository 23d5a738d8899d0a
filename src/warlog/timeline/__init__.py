"""Dates and the narrative clock.

``NarrativeClock.for_document(doc)`` reads a document's sentences in order and resolves every
date mention in them ("23 July", "between 27 and 28 August", "13 days later", "early October")
to calendar days, keeping the narrative's current date for sentences that carry none.
"""

from warlog.timeline.clock import NarrativeClock
from warlog.timeline.days import ClockDate
from warlog.timeline.mentions import Mention, find_mentions

__all__ = ["ClockDate", "Mention", "NarrativeClock", "find_mentions"]
