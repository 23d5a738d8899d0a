"""Stored events as export records (the JSON Lines contract), streamed by keyset pagination.

:func:`iter_records` is the one read every export goes through (``warlog export``, the web
app's download, ``Store.iter_event_records``): the events an :class:`EventFilter` selects, with
their evidence, read in batches, each batch in its own short read transaction, so a 100,000-event
export neither holds the database open nor builds the whole result in memory.

Two orders:

- ``"id"``: by event id; a batch is the next ``batch`` events after the last id seen.
- ``"document"``: by document name, then date (undated first, as SQLite always sorts NULL;
  PostgreSQL would put them last), then id; a batch is every selected event of the next
  ``batch`` document names. This is the order ``warlog export`` writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from sqlalchemy import Engine, and_, select
from sqlalchemy.sql.elements import ColumnElement

from warlog.model import RECORD_FIELDS
from warlog.store import groups
from warlog.store import schema as s
from warlog.store.filters import EventFilter, conditions

BATCH = 1000
Order = Literal["id", "document"]

ev, doc, evid = s.events, s.documents, s.evidence


def record_from_row(r: Any) -> dict[str, Any]:
    """A stored event row (joined with its document's name as ``doc``) as an export record."""
    rec = {k: r[k] for k in (*RECORD_FIELDS, "review_state")}
    rec["id"] = r["id"]
    for k in ("event_date", "date_end"):
        if rec[k] is not None:
            rec[k] = rec[k].isoformat()
    return rec


def iter_records(
    engine: Engine, f: EventFilter | None = None, order: Order = "id", batch: int = BATCH
) -> Iterator[dict[str, Any]]:
    """The events ``f`` selects (all when ``None``) as export records, in ``order``."""
    conds = conditions(f or EventFilter(), engine)
    grouped = f is not None and f.grouped  # representatives carry their group's record
    if order == "document":
        yield from _by_document(engine, conds, batch, grouped)
        return
    last = 0
    while True:
        records = _read(engine, and_(ev.c.id > last, *conds), [ev.c.id], batch, grouped)
        if not records:
            return
        yield from records
        last = records[-1]["id"]


def _by_document(
    engine: Engine, conds: list[ColumnElement[bool]], batch: int, grouped: bool = False
) -> Iterator[dict[str, Any]]:
    ordering = [doc.c.name, ev.c.event_date.asc().nulls_first(), ev.c.id]
    last: str | None = None
    while True:
        q = select(doc.c.name).distinct().order_by(doc.c.name).limit(batch)
        if last is not None:
            q = q.where(doc.c.name > last)
        with engine.connect() as conn:
            names = conn.execute(q).scalars().all()
        if not names:
            return
        yield from _read(engine, and_(doc.c.name.in_(names), *conds), ordering, None, grouped)
        last = names[-1]


def _read(
    engine: Engine,
    where: ColumnElement[bool],
    ordering: list[Any],
    limit: int | None = None,
    grouped: bool = False,
) -> list[dict[str, Any]]:
    """One batch: the selected events (the first ``limit`` by id, when given) and their
    evidence, in one read transaction."""
    q = (
        select(ev, doc.c.name.label("doc"))
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id))
        .where(where)
        .order_by(*ordering)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(q).mappings().all()
        spans: dict[int, list[dict[str, Any]]] = {}
        if rows:
            if limit is not None:  # the batch ends at its last id (``ordering`` is by id)
                where = and_(where, ev.c.id <= rows[-1]["id"])
            q_spans = (
                select(evid.c.event_id, evid.c.raw_start, evid.c.raw_end, evid.c.text)
                .select_from(
                    evid.join(ev, ev.c.id == evid.c.event_id).join(
                        doc, doc.c.id == ev.c.document_id
                    )
                )
                .where(where)
                .order_by(evid.c.event_id, evid.c.position)
            )
            for r in conn.execute(q_spans):
                spans.setdefault(r.event_id, []).append(
                    {"start": r.raw_start, "end": r.raw_end, "text": r.text}
                )
        found = groups.records_of(conn, [r["id"] for r in rows]) if grouped else {}
    out = []
    for r in rows:
        rec = record_from_row(r)
        rec["evidence_spans"] = spans.get(r["id"], [])
        rec["evidence"] = " ".join(x["text"] for x in rec["evidence_spans"])
        if grouped:
            groups.overlay(rec, found.get(r["id"]))
        out.append(rec)
    return out
