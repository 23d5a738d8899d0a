"""The one filter every read shares (table, map, timeline, exports), as SQL conditions.

An :class:`EventFilter` is built in Python (``EventFilter(country=("Syria",), q="shelling")``)
or from the web app's query parameters (:func:`warlog.web.api.event_filter`) and becomes a list
of SQLAlchemy conditions on ``events``: every value is a bound parameter, never SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Engine, and_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import pg_search
from warlog.store import schema as s
from warlog.store.groups import not_a_representative
from warlog.store.search import matches

ev = s.events


@dataclass(frozen=True)
class EventFilter:
    """What a person asked to see. Empty tuples and ``None`` mean "no restriction"."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None  # a part of any actor's name, case-insensitive
    country: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    document: tuple[int, ...] = ()  # document ids
    document_name: tuple[str, ...] = ()  # document names (file names)
    review_state: tuple[str, ...] = ()
    q: str | None = None  # full-text query over notes and evidence
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    grouped: bool = False  # one row per event group (warlog.store.groups), not every report

    def without_dates(self) -> EventFilter:
        """The same filter over all dates (the timeline shows the whole range it brushes)."""
        return replace(self, date_from=None, date_to=None)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def bbox_condition(bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    """Events inside a map view; a view wider than the world has no longitude limit and one
    that crosses the antimeridian is split in two."""
    west, south, east, north = bbox
    lat = ev.c.latitude.between(min(south, north), max(south, north))
    if east - west >= 360:
        return lat
    west = (west + 180) % 360 - 180
    east = (east + 180) % 360 - 180
    if west <= east:
        return and_(lat, ev.c.longitude.between(west, east))
    return and_(lat, or_(ev.c.longitude >= west, ev.c.longitude <= east))


def actor_condition(actor: str, engine: Engine) -> ColumnElement[bool]:
    """A part of any actor's name, case-insensitive. On PostgreSQL one ``ILIKE`` over the four
    names joined (:data:`warlog.store.pg_search.ACTORS_SQL`), which a trigram index serves."""
    part = actor.strip()
    pattern = f"%{_escape_like(part)}%"
    if engine.dialect.name == "postgresql" and pg_search.SEPARATOR not in part:
        return pg_search.actors_like(pattern)
    # SQLite's LIKE ignores ASCII case by itself; ILIKE would add lower() to every row.
    sqlite = engine.dialect.name == "sqlite"
    cols = (ev.c.actor1, ev.c.actor2, ev.c.assoc_actor_1, ev.c.assoc_actor_2)
    return or_(
        *(col.like(pattern, escape="\\") if sqlite else col.ilike(pattern, escape="\\")
          for col in cols)
    )


def conditions(f: EventFilter, engine: Engine) -> list[ColumnElement[bool]]:
    """SQL conditions on ``events`` for the filter (all must hold)."""
    out: list[ColumnElement[bool]] = []
    if f.date_from is not None:
        out.append(ev.c.event_date >= f.date_from)
    if f.date_to is not None:
        out.append(ev.c.event_date <= f.date_to)
    if f.event_type:
        out.append(ev.c.event_type.in_(f.event_type))
    if f.sub_event_type:
        out.append(ev.c.sub_event_type.in_(f.sub_event_type))
    if f.actor:
        out.append(actor_condition(f.actor, engine))
    if f.country:
        out.append(ev.c.country.in_(f.country))
    if f.admin1:
        out.append(ev.c.admin1.in_(f.admin1))
    if f.document:
        out.append(ev.c.document_id.in_(f.document))
    if f.document_name:
        out.append(
            ev.c.document_id.in_(
                select(s.documents.c.id).where(s.documents.c.name.in_(f.document_name))
            )
        )
    if f.review_state:
        out.append(ev.c.review_state.in_(f.review_state))
    if f.q:
        cond = matches(engine, f.q)
        if cond is not None:
            out.append(cond)
    if f.bbox is not None:
        out.append(bbox_condition(f.bbox))
    if f.grouped:
        out.append(not_a_representative())
    return out
