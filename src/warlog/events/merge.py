"""ACLED's one-event rule: same day, same place, same actors, same type is one event.

Records are merged in document order; the merged record keeps every piece of evidence. Counts
from two sentences are added when the later one reports *other* dead ("17 ISIL fighters were
also killed near the base"), otherwise the larger stands (a restated toll is not new deaths).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from warlog.data import cached, load_yaml
from warlog.model import Event

_ADDITIVE = re.compile(r"\b(also|another|other|additional|further|more)\b", re.I)
_PLACE_NOISE = re.compile(r"\b(the|city|town|village|of)\b|[^a-z0-9 ]")


def place_key(ev: Event) -> str:
    name = _PLACE_NOISE.sub(" ", (ev.location or "").lower())
    return " ".join(name.split())


def _actors(ev: Event) -> tuple[str, ...]:
    return tuple(sorted(a for a in (ev.actor1, ev.actor2) if a))  # no direction implied


def merge_key(ev: Event) -> tuple:
    return (ev.event_date, ev.date_end, place_key(ev), _actors(ev), ev.sub_event_type)


@cached
def _generic_site() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_yaml("extraction.yaml")["generic_sites"])
    return re.compile(rf"^(?:the )?(?:{words})$")


def merge_events(events: Iterable[Event]) -> list[Event]:
    out: list[Event] = []
    by_key: dict[tuple, Event] = {}
    by_point: dict[tuple, Event] = {}
    for ev in events:
        key = merge_key(ev)
        kept = by_key.get(key)
        if kept is None and _generic_site().match(place_key(ev)):
            # "The base was eventually captured that day": the site last named at that point
            kept = by_point.get(point_key(ev))
        if kept is None:
            by_key[key] = ev
            by_point.setdefault(point_key(ev), ev)
            out.append(ev)
            continue
        _absorb(kept, ev)
    return out


def point_key(ev: Event) -> tuple:
    lat = round(ev.latitude, 3) if ev.latitude is not None else None
    lon = round(ev.longitude, 3) if ev.longitude is not None else None
    return (ev.event_date, ev.date_end, lat, lon, _actors(ev), ev.sub_event_type)


def _absorb(kept: Event, new: Event) -> None:
    new_text = " ".join(e.text for e in new.evidence)
    seen = {(e.start, e.end) for e in kept.evidence}
    same_sentence = any((e.start, e.end) in seen for e in new.evidence)
    if new.fatalities is not None:
        if kept.fatalities is None:
            kept.fatalities = new.fatalities
            kept.fatalities_low, kept.fatalities_high = new.fatalities_low, new.fatalities_high
        elif not same_sentence and _ADDITIVE.search(new_text):
            kept.fatalities += new.fatalities
            kept.fatalities_low = kept.fatalities_high = None
        elif new.fatalities > kept.fatalities:
            kept.fatalities = new.fatalities
            kept.fatalities_low, kept.fatalities_high = new.fatalities_low, new.fatalities_high
    for e in new.evidence:
        if (e.start, e.end) not in seen:
            kept.evidence.append(e)
            seen.add((e.start, e.end))
    for attr in ("latitude", "longitude", "geo_precision", "admin1", "assoc_actor_1",
                 "assoc_actor_2"):
        if getattr(kept, attr) is None and getattr(new, attr) is not None:
            setattr(kept, attr, getattr(new, attr))
