"""The one record of an event group (:func:`representative`), from its reports.

A group stands for one event told by several reports; its record takes the most precise
report's date and place, every report's actors, and fatalities by ACLED's rule (the most
conservative figure, with the span of the reports' figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def _rank(ev: dict[str, Any]) -> tuple:
    """Most precise first: date precision, place precision, a located report, then the oldest."""
    return (
        ev.get("event_date") is None,
        ev.get("time_precision") or 9,
        ev.get("geo_precision") or 9,
        ev.get("latitude") is None,
        ev["id"],
    )


def representative(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The one record of a group: the most precise report's date and place, every report's
    actors, fatalities by ACLED's rule (the most conservative figure, ``fatalities_low`` and
    ``fatalities_high`` spanning them all) and ``source`` naming every document."""
    ordered = sorted(reports, key=_rank)
    rec = dict(ordered[0])
    actors: list[str] = []
    for ev in ordered:
        for a in (ev.get("actor1"), ev.get("actor2")):
            if a and a not in actors:
                actors.append(a)
    rec["actor1"] = actors[0] if actors else None
    rec["actor2"] = actors[1] if len(actors) > 1 else None
    if len(actors) > 2:
        rec["assoc_actor_1"] = rec.get("assoc_actor_1") or "; ".join(actors[2:])
    counts = [f for ev in reports if (f := ev.get("fatalities")) is not None]
    figures = [f for ev in reports for f in _figures(ev)]
    if counts:
        rec["fatalities"] = min(counts)
        lo, hi = min(figures), max(figures)
        rec["fatalities_low"], rec["fatalities_high"] = (lo, hi) if lo != hi else (None, None)
    rec["source"] = "; ".join(_unique(str(ev.get("source") or ev.get("doc") or "")
                                      for ev in ordered))
    return rec


def _figures(ev: dict[str, Any]) -> Iterable[int]:
    for k in ("fatalities", "fatalities_low", "fatalities_high"):
        if ev.get(k) is not None:
            yield ev[k]


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
