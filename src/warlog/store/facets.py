"""The filter panel's values with their counts: event types, places, documents, review states,
actors and the date extent, over all events. On PostgreSQL they are read from the count
tables of :mod:`warlog.store.rollup` (a few thousand rows) instead of ``GROUP BY`` scans of
``events``; the answer is the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from warlog.store import rollup
from warlog.store import schema as s
from warlog.store.places import admin1_label
from warlog.store.queries import MAX_FACET_ROWS, _as_date, jsonable
from warlog.taxonomy import event_types

if TYPE_CHECKING:
    from warlog.store.database import Store as Database

ev, doc = s.events, s.documents


def facets(db: Database) -> dict[str, Any]:
    """What the filter controls offer, with counts: types, places, documents, actors."""
    with db.read.connect() as conn:
        if rollup.ready(conn):
            return _facets_counted(conn)
        types = conn.execute(
            select(ev.c.event_type, ev.c.sub_event_type, func.count())
            .group_by(ev.c.event_type, ev.c.sub_event_type)
            .order_by(ev.c.event_type, ev.c.sub_event_type)
        ).all()
        places = conn.execute(
            select(ev.c.country, ev.c.admin1, func.count())
            .where(ev.c.country.is_not(None))
            .group_by(ev.c.country, ev.c.admin1)
            .order_by(ev.c.country, ev.c.admin1)
            .limit(MAX_FACET_ROWS)
        ).all()
        n_by_doc = (
            select(ev.c.document_id, func.count().label("n")).group_by(ev.c.document_id).subquery()
        )
        docs = conn.execute(
            select(doc.c.id, doc.c.name, doc.c.title, func.coalesce(n_by_doc.c.n, 0))
            .select_from(doc.outerjoin(n_by_doc, n_by_doc.c.document_id == doc.c.id))
            .order_by(doc.c.name)
            .limit(MAX_FACET_ROWS)
        ).all()
        states = conn.execute(
            select(ev.c.review_state, func.count()).group_by(ev.c.review_state)
        ).all()
        actor_counts: dict[str, int] = {}
        for col in (ev.c.actor1, ev.c.actor2):  # two ordered index scans, merged here
            for name, n in conn.execute(
                select(col, func.count()).where(col.is_not(None)).group_by(col)
            ):
                actor_counts[name] = actor_counts.get(name, 0) + n
        actors = sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_ROWS]
        first, last = conn.execute(
            select(func.min(ev.c.event_date), func.max(ev.c.event_date))
        ).one()
        total = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    return _facets_answer(total, first, last, types, places, docs, states, actors)


def _facets_counted(conn: Connection) -> dict[str, Any]:
    """:func:`facets` from the count tables (:mod:`warlog.store.rollup`): the same answer
    without a scan of ``events``."""
    c = rollup.facet_counts(conn)
    places = sorted(c["places"], key=lambda r: (r[0], r[1] is None, r[1] or ""))
    per_doc = {i: n for i, n in c["documents"]}
    docs = [
        (i, name, title, int(per_doc.get(i, 0)))
        for i, name, title in conn.execute(
            select(doc.c.id, doc.c.name, doc.c.title).order_by(doc.c.name).limit(MAX_FACET_ROWS)
        )
    ]
    actors = sorted(((a, int(n)) for a, n in c["actors"]), key=lambda kv: (-kv[1], kv[0]))
    first, last = conn.execute(select(func.min(ev.c.event_date), func.max(ev.c.event_date))).one()
    return _facets_answer(
        sum(int(n) for _a, _b, n in c["types"]), first, last,
        [(a, b, int(n)) for a, b, n in c["types"]],
        [(a, b, int(n)) for a, b, n in places[:MAX_FACET_ROWS]],
        docs, [(st, int(n)) for st, n in c["states"]], actors[:MAX_FACET_ROWS],
    )


def _facets_answer(total: int, first: Any, last: Any, types: Any, places: Any, docs: Any,
                   states: Any, actors: Any) -> dict[str, Any]:
    return {
        "total": total,
        "extent": [jsonable(_as_date(first)), jsonable(_as_date(last))],
        "taxonomy": {t: list(subs) for t, subs in event_types().items()},
        "types": [{"event_type": a, "sub_event_type": b, "n": n} for a, b, n in types],
        "places": [
            {"country": a, "admin1": b, "admin1_name": admin1_label(b), "n": n}
            for a, b, n in places
        ],
        "documents": [
            {"id": i, "name": name, "title": title, "n": n} for i, name, title, n in docs
        ],
        "review_states": {st: n for st, n in states},
        "actors": [{"name": a, "n": n} for a, n in actors],
    }
