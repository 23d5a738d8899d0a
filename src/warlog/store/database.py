"""The store: writing documents with their events, idempotently, and the Python API to read,
search, review and export them.

``open_store("warlog.db")`` or ``open_store("postgresql+psycopg://…")``. A document is written in
one transaction with its events: a file that fails leaves nothing behind, and a file already
stored (same name, same content hash) is not written again. The same code runs on SQLite and on
PostgreSQL and gives the same records in the same order (see :mod:`warlog.store.schema`).

Reading and reviewing are methods here (``store.events(f)``, ``store.timeline(f)``,
``store.review(id, changes, version, reviewer)`` …) over :mod:`warlog.store.queries`,
:mod:`warlog.store.review` and :mod:`warlog.store.records`; the web app serves these same
methods. Connections come from :func:`warlog.store.engine.make_engine`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, ProgrammingError

from warlog.extractor_version import extractor_version
from warlog.model import Document, Event
from warlog.store import audit, groups, queries, search
from warlog.store import review as reviewing
from warlog.store import schema as s
from warlog.store.engine import database_url, is_sqlite, make_engine
from warlog.store.filters import EventFilter
from warlog.store.migrate import add_missing_columns
from warlog.store.reanchor import reanchor_kept_events
from warlog.store.records import BATCH, Order, iter_records


@dataclass
class WriteResult:
    status: str  # "stored" | "unchanged" | "replaced"
    document_id: int
    n_events: int
    new_events: int = 0  # events not stored for this document before (kept ones excluded)


class Store:
    """A warlog database (SQLite by default, PostgreSQL for a shared team store).

    ``engine`` writes (and creates the tables); ``read`` serves reads, which on SQLite never
    wait for a writer (see :mod:`warlog.store.engine`); it defaults to ``engine``.
    """

    def __init__(self, engine: Engine, read: Engine | None = None) -> None:
        self.engine = engine
        self.read = read or engine
        for attempt in range(3):
            try:
                self._create_schema()
                break
            except (IntegrityError, ProgrammingError):
                # Two processes opened a new shared database at once and the other one
                # created the same table first: the next pass finds it and only checks.
                if attempt == 2:
                    raise

    def _create_schema(self) -> None:
        s.metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            add_missing_columns(conn, [s.documents])
        try:
            with self.engine.begin() as conn:
                row = conn.execute(
                    select(s.meta_info.c.value).where(s.meta_info.c.key == "schema_version")
                ).first()
                if row is None:
                    conn.execute(insert(s.meta_info).values(key="schema_version",
                                                            value=str(s.SCHEMA_VERSION)))
        except IntegrityError:
            pass  # the other process wrote the same version row between our look-up and insert

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing ---------------------------------------------------------------------------
    @property
    def extractor(self) -> str:
        """The running extractor's version, stored with every document written."""
        return extractor_version()

    def known_documents(self) -> set[tuple[str, str]]:
        """(name, content hash) of every document stored by this extractor: what a re-run need
        not extract (a document another extractor made is extracted again)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.documents.c.name, s.documents.c.content_hash)
                                .where(s.documents.c.extractor == self.extractor)).all()
        return {(r.name, r.content_hash) for r in rows}

    def write_document(
        self, doc: Document, events: Iterable[Event], replace_same: bool = False
    ) -> WriteResult:
        """Store a document and its events in one transaction.

        Same name and content as a stored document: nothing changes ("unchanged"), unless
        ``replace_same`` (a forced re-extraction) or another extractor made the stored events
        (:attr:`extractor`): then its unreviewed events are replaced.
        Same name with new content: the old version's unreviewed events are replaced, reviewed
        ones are kept and moved to the new version ("replaced"). Reviewed events are never
        overwritten.
        """
        events = list(events)
        try:
            return self._write(doc, events, replace_same)
        except IntegrityError:
            # Another writer (a second ``warlog extract`` on a shared server) stored this very
            # document between our look-up and our insert: it is stored, so nothing changes.
            stored = self._document_id(doc.name, doc.content_hash)
            if stored is None or replace_same:
                raise
            return WriteResult("unchanged", stored, 0)

    def _document_id(self, name: str, content_hash: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(s.documents.c.id).where(
                    s.documents.c.name == name, s.documents.c.content_hash == content_hash
                )
            ).scalar()

    def _write(self, doc: Document, events: list[Event], replace_same: bool) -> WriteResult:
        with self.engine.begin() as conn:
            return self._write_in(conn, doc, events, replace_same)

    def write_file(
        self,
        path: str,
        docs: Iterable[tuple[Document, Iterable[Event]]],
        problems: Iterable[str] = (),
        replace_same: bool = False,
    ) -> list[WriteResult]:
        """Store all the documents of one file, and its problems, in ONE transaction.

        A file is stored whole or not at all (a JSON Lines file is one unit: its good records
        together). ``problems`` replace the ones stored for ``path`` before, so an identical
        re-run does not add rows, and a file that is good now has none.
        """
        items = [(d, list(e)) for d, e in docs]
        problems = list(problems)
        for attempt in (1, 2):
            try:
                with self.engine.begin() as conn:
                    self._set_problems(conn, path, problems)
                    return [self._write_in(conn, d, e, replace_same) for d, e in items]
            except IntegrityError:
                # another writer stored one of these documents meanwhile: look again
                if attempt == 2 or replace_same:
                    raise
        raise AssertionError("unreachable")

    def _write_in(
        self, conn: Connection, doc: Document, events: list[Event], replace_same: bool
    ) -> WriteResult:
        h = doc.content_hash
        existing = conn.execute(
            select(s.documents.c.id, s.documents.c.content_hash, s.documents.c.extractor).where(
                s.documents.c.name == doc.name
            )
        ).all()
        for row in existing:
            if row.content_hash == h:
                if not replace_same and row.extractor == self.extractor:
                    return WriteResult("unchanged", row.id, 0)
                before = self._event_keys(conn, [row.id])
                conn.execute(
                    delete(s.events).where(
                        s.events.c.document_id == row.id,
                        s.events.c.review_state == "unreviewed",
                    )
                )
                added = self._insert_events(conn, row.id, events)
                conn.execute(
                    s.documents.update()
                    .where(s.documents.c.id == row.id)
                    .values(clean_text=doc.text, n_events=len(events), extractor=self.extractor)
                )
                return WriteResult("replaced", row.id, len(events), len(added - before))
        doc_id = conn.execute(
            insert(s.documents).values(
                name=doc.name,
                path=doc.path,
                content_hash=h,
                format=doc.format,
                title=doc.title,
                meta=_jsonable(doc.meta),
                raw_text=doc.raw,
                clean_text=doc.text,
                n_events=len(events),
                extractor=self.extractor,
            )
        ).inserted_primary_key[0]
        _save_profile(conn, doc_id, doc)
        before = self._event_keys(conn, [row.id for row in existing])
        for row in existing:
            reanchor_kept_events(conn, row.id, doc)  # reviewed events' evidence, in the new text
            self._retire(conn, row.id, doc_id)
        added = self._insert_events(conn, doc_id, events)
        status = "replaced" if existing else "stored"
        return WriteResult(status, doc_id, len(events), len(added - before))

    def _event_keys(self, conn: Connection, doc_ids: list[int]) -> set[str]:
        if not doc_ids:
            return set()
        return set(
            conn.execute(
                select(s.events.c.event_key).where(s.events.c.document_id.in_(doc_ids))
            ).scalars()
        )

    def _retire(self, conn: Connection, old_id: int, new_id: int) -> None:
        conn.execute(
            delete(s.events).where(
                s.events.c.document_id == old_id, s.events.c.review_state == "unreviewed"
            )
        )
        conn.execute(
            s.events.update().where(s.events.c.document_id == old_id).values(document_id=new_id)
        )
        conn.execute(delete(s.documents).where(s.documents.c.id == old_id))

    def _insert_events(self, conn: Connection, doc_id: int, events: list[Event]) -> set[str]:
        """Insert a document's events and their evidence in a few batched statements (one
        statement per event cost ~3 ms in SQLAlchemy's statement building alone); the keys
        of the events inserted."""
        if not events:
            return set()
        taken = set(
            conn.execute(
                select(s.events.c.event_key).where(s.events.c.document_id == doc_id)
            ).scalars()
        )
        cols = _EVENT_COLUMNS
        rows, evidence = [], {}
        for ev in events:
            rec = ev.as_record()
            key = event_key(rec)
            if key in taken:
                continue  # the same event twice, or a reviewed one kept from before
            taken.add(key)
            row = {k: v for k, v in rec.items() if k in cols}
            row.update(
                event_date=ev.event_date, date_end=ev.date_end, document_id=doc_id, event_key=key
            )
            rows.append(row)
            evidence[key] = ev.evidence
        if not rows:
            return set()
        conn.execute(insert(s.events), rows)  # rows share their keys: one executemany
        ids = dict(
            conn.execute(
                select(s.events.c.event_key, s.events.c.id).where(
                    s.events.c.document_id == doc_id, s.events.c.event_key.in_(list(evidence))
                )
            ).all()
        )
        spans = [
            {
                "event_id": ids[key],
                "position": i,
                "text": e.text,
                "raw_start": e.raw_start,
                "raw_end": e.raw_end,
            }
            for key, evs in evidence.items()
            for i, e in enumerate(evs)
        ]
        if spans:
            conn.execute(insert(s.evidence), spans)
        return set(evidence)

    def record_problem(self, path: str, message: str) -> None:
        """Note why ``path`` failed (replacing what was noted for it before)."""
        with self.engine.begin() as conn:
            self._set_problems(conn, path, [message])

    def _set_problems(self, conn: Connection, path: str, messages: list[str]) -> None:
        conn.execute(delete(s.problems).where(s.problems.c.path == path))
        if messages:
            conn.execute(insert(s.problems), [{"path": path, "message": m} for m in messages])

    # -- reading ---------------------------------------------------------------------------
    @property
    def write(self) -> Engine:
        return self.engine

    @property
    def fts(self) -> bool:
        """Whether full-text search has its SQLite index (else ``q`` falls back to LIKE)."""
        return search.has_fts(self.read)

    def ensure_search(self) -> None:
        """Create the full-text index and the read indexes if missing (idempotent)."""
        search.ensure_search(self.engine)

    def count(self, table: str = "events") -> int:
        """The rows of one table (``"documents"``, ``"events"``, ``"evidence"`` …)."""
        t = s.metadata.tables[table]
        with self.read.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def count_events(self, f: EventFilter | None = None) -> int:
        """How many events the filter selects."""
        return queries.count_events(self, f or EventFilter())

    def events(
        self,
        f: EventFilter | None = None,
        sort: str = "event_date",
        order: str = "asc",
        page: int = 1,
        page_size: int = 50,
        after: str | None = None,
    ) -> dict[str, Any]:
        """One page of the filtered events: ``{"total", "page", "page_size", "items"}``, and
        ``next``, the cursor that ``after`` takes for the following page (see
        :func:`warlog.store.queries.list_events`)."""
        return queries.list_events(self, f or EventFilter(), sort, order, page, page_size,
                                   after)

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event: every field, its evidence, its document's other events, its audit log."""
        return queries.event_detail(self, event_id)

    def profile(self, document_id: int) -> dict[str, Any] | None:
        """The document's conflict profile (:mod:`warlog.profile`), None without an infobox."""
        from warlog.profile import storage

        return storage.get(self, document_id)

    def document(self, document_id: int) -> dict[str, Any] | None:
        """A source document's original text and every evidence span in it."""
        return queries.document_view(self, document_id)

    def timeline(self, f: EventFilter | None = None, bucket: str = "auto") -> dict[str, Any]:
        """Events per day, week or month and event type, over all dates."""
        return queries.timeline(self, f or EventFilter(), bucket)

    def map_points(self, f: EventFilter | None = None, zoom: int | None = None) -> dict[str, Any]:
        """Located events as compact points, or grid clusters at ``zoom`` when there are many."""
        return queries.map_data(self, f or EventFilter(), zoom)

    def facets(self) -> dict[str, Any]:
        """The values the filters can take, with counts."""
        return queries.facets(self)

    def audit_log(
        self, event_id: int | None = None, limit: int = 200, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Review changes, newest first: of one event, or of all events."""
        with self.read.connect() as conn:
            return audit.entries(conn, event_id, limit, offset)

    def records(
        self, f: EventFilter | None = None, order: Order = "id", batch: int = BATCH
    ) -> Iterator[dict[str, Any]]:
        """The filtered events as export records, streamed (see :mod:`warlog.store.records`)."""
        return iter_records(self.read, f, order, batch)

    def iter_event_records(
        self,
        include_rejected: bool = False,
        documents: Iterable[str] | None = None,
        grouped: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored events as export records (the JSON Lines contract), by document and date;
        only those of the named ``documents`` when given; one per event group when
        ``grouped`` (see :mod:`warlog.store.groups`)."""
        names = None if documents is None else tuple(documents)
        if names == ():
            return []
        states = () if include_rejected else tuple(x for x in s.REVIEW_STATES if x != "rejected")
        f = EventFilter(document_name=names or (), review_state=states, grouped=grouped)
        return list(self.records(f, order="document"))

    # -- review ----------------------------------------------------------------------------
    def review(
        self, event_id: int, changes: dict[str, Any], version: int, reviewer: str
    ) -> dict[str, Any]:
        """Edit fields of an event seen at ``version``; every changed field goes to the audit
        log. Raises :class:`warlog.store.review.Conflict` (with the event as it now stands)
        when it changed since, :class:`~warlog.store.review.Invalid` for a bad value."""
        return reviewing.edit_event(self, event_id, version, changes, reviewer)

    def set_state(self, event_id: int, state: str, version: int, reviewer: str) -> dict[str, Any]:
        """Mark an event ``"verified"``, ``"rejected"`` or ``"unreviewed"`` again."""
        return reviewing.set_state(self, event_id, version, state, reviewer)

    def merge(
        self, source_id: int, into: int, version: int, into_version: int, reviewer: str
    ) -> dict[str, Any]:
        """Merge event ``source_id`` into ``into`` (they report one event); the source is
        rejected. Returns ``{"target", "source"}``."""
        return reviewing.merge_events(self, source_id, into, version, into_version, reviewer)

    # -- event groups (warlog.store.groups) ----------------------------------------------
    def link_groups(self) -> dict[str, int]:
        """Link the reports stored since the last call into event groups (incremental)."""
        return groups.link(self.engine)

    def split_report(self, event_id: int, reviewer: str) -> None:
        """Take a report out of its event group for good (audited)."""
        groups.split(self.engine, event_id, reviewer)

    def join_reports(self, event_id: int, other_id: int, reviewer: str) -> None:
        """Put two reports' event groups together (audited)."""
        groups.join(self.engine, event_id, other_id, reviewer)

    def group(self, event_id: int) -> list[dict[str, Any]]:
        """Every report of an event's group, representative first, with its evidence."""
        with self.read.connect() as conn:
            return groups.group_of(conn, event_id)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        if self.read is not self.engine:
            self.read.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


_EVENT_COLUMNS = frozenset(c.name for c in s.events.columns) - {"id", "created_at", "updated_at"}


def event_key(rec: dict[str, Any]) -> str:
    """A stable identity for an extracted event, so re-runs never duplicate it."""
    ident = [
        rec.get(k)
        for k in (
            "event_date",
            "date_end",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "evidence",
        )
    ]
    return hashlib.sha256(json.dumps(ident, default=str).encode()).hexdigest()[:32]


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _save_profile(conn: Connection, doc_id: int, doc: Document) -> None:
    """Store the document's conflict profile with it (warlog.profile). A profile that cannot
    be read never costs the document: the row is left out and built again on first read."""
    from warlog.profile import storage

    try:
        with conn.begin_nested():
            storage.save(conn, doc_id, doc.raw, doc.format, doc.meta)
    except Exception:  # noqa: BLE001 - the events are what the run is for
        return


def open_store(target: str | Path = "warlog.db") -> Store:
    """Open (creating its tables if needed) the store at a SQLite path or a database URL."""
    url = database_url(target)
    write = make_engine(url, write=True)
    return Store(write, make_engine(url, write=False) if is_sqlite(url) else write)
