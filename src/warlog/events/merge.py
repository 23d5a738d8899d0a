"""ACLED's one-event rule inside a document: the rule that links reports across documents
(:func:`warlog.store.group_rule.same_event`, evaluated in Python), applied to one document's
records in order.

Reports of one document share its narrative clock, so the rule's one-document branch asks for
the same dates (a day the text reports inside a span is its own event) and lets two reports
that name no place share the narrative's. A record joins the first earlier one that the rule
says is the same event, as long as the merged record is still one event
(:class:`~warlog.store.group_rule.GroupState`: one specific type, at most three actors), exactly
as groups form across documents.

The merged record keeps every piece of evidence, its first report's fields where they are as
precise, and takes from the others what they add: the specific sub-event type over the generic
one, a more precise place, a side it did not name. Counts from two sentences are added when the
later one reports *other* dead ("17 ISIL fighters were also killed near the base", words in
``grouping.yaml``), otherwise the larger stands (a restated toll is not new deaths).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from warlog.data import cached, load_yaml
from warlog.model import Event
from warlog.store.group_rule import (
    PY,
    GroupingRules,
    GroupState,
    LinkKey,
    link_key,
    rules,
    same_event,
)


@cached
def _additive() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_yaml("grouping.yaml")["additive_words"])
    return re.compile(rf"\b(?:{words})\b", re.I)


def _fields(ev: Event, i: int) -> dict[str, Any]:
    """What :func:`link_key` reads of a stored event, for a record not stored yet (the
    document's own index as its id; one document)."""
    return {
        "id": i, "document_id": 0, "event_date": ev.event_date, "date_end": ev.date_end,
        "time_precision": ev.time_precision, "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type, "actor1": ev.actor1, "actor2": ev.actor2,
        "location": ev.location, "latitude": ev.latitude, "longitude": ev.longitude,
        "geo_precision": ev.geo_precision, "country": ev.country, "admin1": ev.admin1,
    }


def merge_events(events: Iterable[Event]) -> list[Event]:
    r = rules()
    out: list[Event] = []
    # a group's state is built when a report first meets it as the same event (most reports
    # meet none): until then it is its first report's, GroupState.of(firsts[g])
    states: list[GroupState | None] = []
    firsts: list[LinkKey] = []
    # reports of one document are one event only with the same dates, sub-event type and
    # actors (the rule's one-document branch): candidates by those, so a long document with
    # thousands of reports compares each with a handful, not with all
    blocks: dict[tuple, list[tuple[LinkKey, int]]] = {}
    for i, ev in enumerate(events):
        key = link_key(_fields(ev, i), r)
        state: GroupState | None = None
        candidates = blocks.setdefault((key.day_start, key.day_end, key.sub_event_type,
                                        key.actor_lo, key.actor_hi), [])
        target = None
        for other, g in candidates:
            if not same_event(other, key, PY, r):
                continue
            if state is None:
                state = GroupState.of(key)
            kept = states[g]
            if kept is None:
                kept = states[g] = GroupState.of(firsts[g])
            if kept.fits(state):
                target = g
                break
        if target is None:
            target = len(out)
            out.append(ev)
            states.append(state)
            firsts.append(key)
        else:
            _absorb(out[target], ev, r)
            states[target].absorb(state)  # type: ignore[union-attr,arg-type]
        candidates.append((key, target))
    return out


def _absorb(kept: Event, new: Event, r: GroupingRules) -> None:
    _add_fatalities(kept, new)
    seen = {(e.start, e.end) for e in kept.evidence}
    for e in new.evidence:
        if (e.start, e.end) not in seen:
            kept.evidence.append(e)
            seen.add((e.start, e.end))
    generic = r.vague_sub_event_types.get(kept.event_type)
    if kept.sub_event_type == generic and new.sub_event_type != generic:
        kept.sub_event_type, kept.trigger = new.sub_event_type, new.trigger
    if new.latitude is not None and (kept.latitude is None or (new.geo_precision or 9)
                                     < (kept.geo_precision or 9)):
        for attr in ("location", "latitude", "longitude", "geo_precision", "country", "admin1"):
            setattr(kept, attr, getattr(new, attr))
    sides = [a for a in (kept.actor1, kept.actor2) if a]
    added = [a for a in dict.fromkeys((new.actor1, new.actor2)) if a and a not in sides]
    if added and len(sides) < 2:
        kept.actor1, kept.actor2 = ([*sides, *added] + [None, None])[:2]
    for attr in ("latitude", "longitude", "geo_precision", "admin1", "assoc_actor_1",
                 "assoc_actor_2"):
        if getattr(kept, attr) is None and getattr(new, attr) is not None:
            setattr(kept, attr, getattr(new, attr))


def _add_fatalities(kept: Event, new: Event) -> None:
    if new.fatalities is None:
        return
    seen = {(e.start, e.end) for e in kept.evidence}
    same_sentence = any((e.start, e.end) in seen for e in new.evidence)
    new_text = " ".join(e.text for e in new.evidence)
    if kept.fatalities is None:
        kept.fatalities = new.fatalities
        kept.fatalities_low, kept.fatalities_high = new.fatalities_low, new.fatalities_high
    elif not same_sentence and _additive().search(new_text):
        kept.fatalities += new.fatalities
        kept.fatalities_low = kept.fatalities_high = None
    elif new.fatalities > kept.fatalities:
        kept.fatalities = new.fatalities
        kept.fatalities_low, kept.fatalities_high = new.fatalities_low, new.fatalities_high
