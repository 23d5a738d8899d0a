"""ACLED's one-event rule between reports of different documents, written once.

Two reports are one event (docs/guidelines.md, "One-event rule") when they have

- the same sub-event type, or the same event type where one report is vaguer (its sub-event
  type is the event type's generic one: "fighting in X" and "the army recaptured X");
- overlapping dates: within a day for day-precise reports, a week or a month for vaguer ones,
  spans overlapping (``day_tolerance``);
- the same place: the same name, points within ``place_km``, or one report coded to a region
  (``vague_geo_precision``) that contains the other (same admin1);
- compatible actors: the reports name a common actor, or one names none (a report naming the
  army and the group it fought, another the army and its ally).

Each report is first reduced to a :class:`LinkKey` (day numbers, normalised place, planar
kilometres, sorted actors) by :func:`link_key`. :func:`same_event` is the rule itself, written
against a small set of operations (:class:`Ops`): :data:`PY` evaluates it on two keys in Python,
:data:`SQL` turns it into a SQLAlchemy condition between two aliases of the members table, so
the linker's SQL and the Python check cannot disagree. The rule is monotone (no negation), so
SQL's NULL (unknown, never true) and Python's ``False`` for a missing value give the same answer.

Thresholds and words are data: ``grouping.yaml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, false, or_, true

from warlog.data import cached, load_yaml

KM_PER_DEGREE = 111.195


@dataclass(frozen=True)
class GroupingRules:
    day_tolerance: dict[int, int]
    max_span_days: int
    place_km: float
    vague_geo_precision: int
    place_noise: frozenset[str]
    vague_sub_event_types: dict[str, str]
    excluded_states: tuple[str, ...]


@cached
def rules() -> GroupingRules:
    """The thresholds of ``grouping.yaml`` (the active data folder may override it)."""
    raw = load_yaml("grouping.yaml")
    return GroupingRules(
        day_tolerance={int(k): int(v) for k, v in raw["day_tolerance"].items()},
        max_span_days=int(raw["max_span_days"]),
        place_km=float(raw["place_km"]),
        vague_geo_precision=int(raw["vague_geo_precision"]),
        place_noise=frozenset(w.lower() for w in raw["place_noise"]),
        vague_sub_event_types=dict(raw["vague_sub_event_types"]),
        excluded_states=tuple(raw.get("excluded_states", ())),
    )


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What the rule compares of one report (a row of ``group_members``)."""

    event_id: int
    document_id: int
    block: str | None  # country and admin1 (or place): only reports of one block are compared
    day_start: int | None  # date ordinals
    day_end: int | None
    day_hi: int | None  # day_end plus the report's date tolerance
    event_type: str
    sub_event_type: str
    vague_type: int  # 1: the event type's generic sub-event type
    place: str | None
    x_km: float | None
    y_km: float | None
    vague_place: int  # 1: coded to a region
    admin1: str | None
    actor_lo: str | None  # the report's actors, sorted (no direction implied)
    actor_hi: str | None


_NON_WORD = re.compile(r"[^\w ]+")


def place_name(location: str | None, r: GroupingRules | None = None) -> str | None:
    """A place name without case, punctuation and noise words ("the town of Kobanî" → "kobanî")."""
    if not location:
        return None
    noise = (r or rules()).place_noise
    words = [w for w in _NON_WORD.sub(" ", location.lower()).split() if w not in noise]
    return " ".join(words) or None


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.toordinal()


def link_key(ev: dict[str, Any], r: GroupingRules | None = None) -> LinkKey:
    """The key of one stored event (a row of ``events`` as a mapping)."""
    r = r or rules()
    start = _ordinal(ev.get("event_date"))
    end = _ordinal(ev.get("date_end")) or start
    tol = r.day_tolerance.get(ev.get("time_precision") or 1, max(r.day_tolerance.values()))
    lat, lon = ev.get("latitude"), ev.get("longitude")
    x = y = None
    if lat is not None and lon is not None:
        y = lat * KM_PER_DEGREE
        x = lon * KM_PER_DEGREE * math.cos(math.radians(lat))
    place = place_name(ev.get("location"), r)
    country, admin1 = ev.get("country") or "", ev.get("admin1")
    area = admin1 or place
    actors = sorted({a for a in (ev.get("actor1"), ev.get("actor2")) if a})
    etype, sub = ev["event_type"], ev["sub_event_type"]
    return LinkKey(
        event_id=ev["id"],
        document_id=ev["document_id"],
        block=f"{country}|{area}" if area else None,
        day_start=start,
        day_end=end,
        day_hi=None if end is None else end + tol,
        event_type=etype,
        sub_event_type=sub,
        vague_type=int(r.vague_sub_event_types.get(etype) == sub),
        place=place,
        x_km=x,
        y_km=y,
        vague_place=int((ev.get("geo_precision") or 0) >= r.vague_geo_precision),
        admin1=admin1,
        actor_lo=actors[0] if actors else None,
        actor_hi=actors[-1] if actors else None,
    )


class Ops:
    """The operations the rule is written with."""

    def and_(self, *xs: Any) -> Any: ...
    def or_(self, *xs: Any) -> Any: ...
    def eq(self, a: Any, b: Any) -> Any: ...
    def le(self, a: Any, b: Any) -> Any: ...
    def flag(self, a: Any) -> Any: ...
    def missing(self, a: Any) -> Any: ...
    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> Any: ...


class PyOps(Ops):
    """The rule on two :class:`LinkKey` values: a missing value is never equal or near."""

    def and_(self, *xs: Any) -> bool:
        return all(xs)

    def or_(self, *xs: Any) -> bool:
        return any(xs)

    def eq(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a == b

    def le(self, a: Any, b: Any) -> bool:
        return a is not None and b is not None and a <= b

    def flag(self, a: Any) -> bool:
        return a == 1

    def missing(self, a: Any) -> bool:
        return a is None

    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> bool:
        if None in (ax, ay, bx, by):
            return False
        return bool((ax - bx) ** 2 + (ay - by) ** 2 <= km * km)


class SqlOps(Ops):
    """The rule between two aliases' columns (``alias.c``): SQL's NULL is never true."""

    def and_(self, *xs: Any) -> Any:
        return and_(true(), *xs)

    def or_(self, *xs: Any) -> Any:
        return or_(false(), *xs)

    def eq(self, a: Any, b: Any) -> Any:
        return a == b

    def le(self, a: Any, b: Any) -> Any:
        return a <= b

    def flag(self, a: Any) -> Any:
        return a == 1

    def missing(self, a: Any) -> Any:
        return a.is_(None)

    def near(self, ax: Any, ay: Any, bx: Any, by: Any, km: float) -> Any:
        return (ax - bx) * (ax - bx) + (ay - by) * (ay - by) <= km * km


PY, SQL = PyOps(), SqlOps()


def _actors_compatible(a: Any, b: Any, o: Ops) -> Any:
    """The reports name a common actor, or one of them names none (reports of one clash
    often name its second side differently, or not at all)."""
    return o.or_(
        o.missing(a.actor_lo),
        o.missing(b.actor_lo),
        o.eq(a.actor_lo, b.actor_lo),
        o.eq(a.actor_lo, b.actor_hi),
        o.eq(a.actor_hi, b.actor_lo),
        o.eq(a.actor_hi, b.actor_hi),
    )


def same_event(a: Any, b: Any, o: Ops = PY, r: GroupingRules | None = None) -> Any:
    """ACLED's one-event rule between two reports (keys or column collections)."""
    r = r or rules()
    return o.and_(
        o.eq(a.block, b.block),
        o.le(a.day_start, b.day_hi),
        o.le(b.day_start, a.day_hi),
        o.or_(
            o.eq(a.sub_event_type, b.sub_event_type),
            o.and_(o.eq(a.event_type, b.event_type), o.or_(o.flag(a.vague_type),
                                                           o.flag(b.vague_type))),
        ),
        o.or_(
            o.eq(a.place, b.place),
            o.near(a.x_km, a.y_km, b.x_km, b.y_km, r.place_km),
            o.and_(o.or_(o.flag(a.vague_place), o.flag(b.vague_place)), o.eq(a.admin1, b.admin1)),
        ),
        _actors_compatible(a, b, o),
    )


# -- the group's one record ----------------------------------------------------------------
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


# -- a group is one event: every two of its reports satisfy the rule ---------------------------
@dataclass
class GroupState:
    """What a group's reports hold together, so two groups are joined only when every report
    of one is the same event as every report of the other (no chain of "within a day" links
    walking across a month of daily fighting):

    - dates overlapping all at once: the latest start is no later than the earliest end plus
      tolerance (for intervals, pairwise overlap is common overlap);
    - at most one specific sub-event type (vague ones go with any of their event type);
    - at most three actors in all (two sides, one named two ways).
    """

    documents: set[int]
    max_start: int
    min_hi: int
    subs: set[str]
    actors: set[str]

    @classmethod
    def of(cls, key: LinkKey) -> GroupState:
        return cls(
            documents={key.document_id},
            max_start=key.day_start if key.day_start is not None else 10**9,
            min_hi=key.day_hi if key.day_hi is not None else -(10**9),
            subs=set() if key.vague_type else {key.sub_event_type},
            actors={a for a in (key.actor_lo, key.actor_hi) if a},
        )

    def fits(self, other: GroupState) -> bool:
        return (
            max(self.max_start, other.max_start) <= min(self.min_hi, other.min_hi)
            and len(self.subs | other.subs) <= 1
            and len(self.actors | other.actors) <= 3
        )

    def absorb(self, other: GroupState) -> None:
        self.documents |= other.documents
        self.max_start = max(self.max_start, other.max_start)
        self.min_hi = min(self.min_hi, other.min_hi)
        self.subs |= other.subs
        self.actors |= other.actors
