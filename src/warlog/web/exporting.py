"""Export of the current filter as ACLED CSV, GeoJSON or JSON Lines, streamed.

Records are read in batches by ascending id (keyset pagination), each batch in its own short
read transaction, so a 100,000-event download neither holds the database open nor builds the
whole file in memory. Each record has the same shape as ``Store.iter_event_records`` gives
``warlog export`` (the JSON Lines contract), so both exports agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, select

from warlog.plugins import exporters
from warlog.store import schema as s
from warlog.store.database import Store as Database
from warlog.store.filters import EventFilter, conditions
from warlog.store.records import record_from_row

BATCH = 1000
# the text exporters (the registry's: built-ins and plugins); Parquet is a file, not a stream
FORMATS = tuple(e.name for e in exporters.all() if not e.binary)


def iter_records(db: Database, f: EventFilter, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """The filtered events as export records, by id."""
    ev, doc, evid = s.events, s.documents, s.evidence
    conds = conditions(f, db.read)
    last = 0
    while True:
        q = (
            select(ev, doc.c.name.label("doc"))
            .select_from(ev.join(doc, doc.c.id == ev.c.document_id))
            .where(and_(ev.c.id > last, *conds))
            .order_by(ev.c.id)
            .limit(batch)
        )
        with db.read.connect() as conn:
            rows = conn.execute(q).mappings().all()
            if not rows:
                return
            ids = [r["id"] for r in rows]
            spans: dict[int, list[dict[str, Any]]] = {}
            for r in conn.execute(
                select(evid.c.event_id, evid.c.raw_start, evid.c.raw_end, evid.c.text)
                .where(evid.c.event_id.in_(ids))
                .order_by(evid.c.event_id, evid.c.position)
            ):
                spans.setdefault(r.event_id, []).append(
                    {"start": r.raw_start, "end": r.raw_end, "text": r.text}
                )
        for r in rows:
            rec = record_from_row(r)
            rec["evidence_spans"] = spans.get(r["id"], [])
            rec["evidence"] = " ".join(x["text"] for x in rec["evidence_spans"])
            yield rec
        last = ids[-1]


def export_chunks(db: Database, f: EventFilter, fmt: str) -> Iterator[bytes]:
    """The export file's bytes in chunks of roughly 64 KB, written by exporter ``fmt`` (the
    same streaming writer ``warlog export`` uses)."""
    pending: list[bytes] = []
    size = 0
    for piece in exporters.get(fmt).stream(iter_records(db, f)):
        chunk = piece.encode("utf-8") if isinstance(piece, str) else piece
        pending.append(chunk)
        size += len(chunk)
        if size >= 65536:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def media_type(fmt: str) -> str:
    return exporters.get(fmt).media_type
