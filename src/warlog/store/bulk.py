"""Bulk writes to PostgreSQL: many files' documents in one transaction, through ``COPY``.

:meth:`Store.write_file <warlog.store.database.Store.write_file>` inserts a document, then its
events, then their evidence, a few statements per file. Over a cluster, results come back a
shard (many files) at a time; :func:`write_files` stores a shard with three ``COPY`` streams
into temporary staging tables and three set-based ``INSERT … SELECT`` statements:

1. ``pg_advisory_xact_lock`` on every document name of the shard (in one sorted order, so two
   writers never deadlock): a second run, or a retried shard, storing the same names at the same
   time waits for this transaction and then sees its rows.
2. The names already stored are read. A file all of whose documents are new or unchanged (same
   name, same content hash, the same extractor) is written here; a file with a new version of a
   stored document, or one another extractor made,
   or with a name another file of the shard also has, or any file when ``force`` is set, goes
   through ``Store.write_file`` afterwards (re-anchoring reviewed events is its job).
3. ``INSERT INTO documents … ON CONFLICT (name, content_hash) DO NOTHING``: a document another
   writer stored meanwhile is "unchanged" and its events are not inserted, so a rerun, a retried
   shard or two runs at once never duplicate a document or an event.

A file is stored whole or not at all (the shard's transaction holds every file); its
``problems`` (the skipped parts of a JSON Lines file) replace the ones stored for its path
before, as ``write_file`` does. When the shard's transaction fails, each file is written again
on its own, so one bad file cannot take the others with it. SQLite stores keep the per-file
path (:func:`supports_bulk` is false there).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text

from warlog.model import Document, Event
from warlog.store import schema as s
from warlog.store.database import _EVENT_COLUMNS, Store, WriteResult, _jsonable, event_key

FileItem = tuple[str, Sequence[tuple[Document, Sequence[Event]]], Sequence[str]]
Outcome = list[WriteResult] | Exception

_DOC_COLUMNS = ("name", "path", "content_hash", "format", "title", "meta", "raw_text",
                "clean_text", "n_events", "extractor")
_EV_COLUMNS = tuple(c.name for c in s.events.columns if c.name in _EVENT_COLUMNS
                    and c.name != "document_id")
_EVI_COLUMNS = ("position", "text", "raw_start", "raw_end")


def supports_bulk(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"


def write_files(store: Store, files: Sequence[FileItem], force: bool = False) -> list[Outcome]:
    """Store each ``(path, [(document, events)…], problems)``; per file, its write results (one
    per document, as ``Store.write_file`` gives) or the exception that kept it out."""
    if not files:
        return []
    if force or not supports_bulk(store):
        return [_one(store, f, force) for f in files]
    try:
        with store.engine.begin() as conn:
            raw = conn.connection.driver_connection
            bulk, rest, stored = _partition(conn, files, store.extractor)
            written = _write_bulk(conn, raw, [files[i] for i in bulk], stored, store.extractor)
            outcomes: dict[int, Outcome] = dict(zip(bulk, written, strict=True))
    except Exception:  # noqa: BLE001 - each file alone finds which one cannot be stored
        return [_one(store, f, force) for f in files]
    for i in rest:
        outcomes[i] = _one(store, files[i], force)
    return [outcomes[i] for i in range(len(files))]


def _one(store: Store, item: FileItem, force: bool) -> Outcome:
    path, docs, problems = item
    try:
        return store.write_file(path, docs, problems, replace_same=force)
    except Exception as e:  # noqa: BLE001 - reported for this file; the others go on
        return e


def _partition(conn: Any, files: Sequence[FileItem], extractor: str
               ) -> tuple[list[int], list[int], set[tuple[str, str]]]:
    """Lock the shard's names; the files that can be written set-based, the others, and the
    (name, content hash) of the shard's documents already stored (by ``extractor``: a document
    another extractor made is written again by ``Store.write_file``)."""
    names = sorted({d.name for _p, docs, _pr in files for d, _e in docs})
    conn.execute(text(
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(n, 0) AS k "
        "FROM unnest(CAST(:names AS text[])) AS n ORDER BY k) AS keys"), {"names": names})
    stored: dict[str, dict[str, str | None]] = {}
    rows = conn.execute(text("SELECT name, content_hash, extractor FROM documents "
                             "WHERE name = ANY(CAST(:names AS text[]))"), {"names": names})
    for name, h, made_by in rows:
        stored.setdefault(name, {})[h] = made_by

    def new_or_unchanged(d: Document) -> bool:  # not a new version, not another extractor's
        return d.name not in stored or stored[d.name].get(d.content_hash, "") == extractor

    bulk, rest, seen = [], [], set()
    for i, (_path, docs, _pr) in enumerate(files):
        mine = [d.name for d, _e in docs]
        simple = (len(set(mine)) == len(mine) and not seen.intersection(mine)
                  and all(new_or_unchanged(d) for d, _e in docs))
        seen.update(mine)
        (bulk if simple else rest).append(i)
    return bulk, rest, {(n, h) for n, hs in stored.items() for h in hs}


def _write_bulk(conn: Any, raw: Any, files: Sequence[FileItem],
                stored: set[tuple[str, str]], extractor: str) -> list[list[WriteResult]]:
    if not files:
        return []
    paths = [p for p, _d, _pr in files]
    conn.execute(text("DELETE FROM problems WHERE path = ANY(CAST(:paths AS text[]))"),
                 {"paths": paths})
    docs: list[tuple[Document, list[Event]]] = [(d, list(e)) for _p, ds, _pr in files
                                                 for d, e in ds]
    with raw.cursor() as cur:
        _copy(cur, "problems", ("path", "message"),
              [(p, m) for p, _d, problems in files for m in problems])
        _stage(cur)
        kept = _copy_staged(cur, [(d, e) for d, e in docs
                                  if (d.name, d.content_hash) not in stored], extractor)
        cur.execute(f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) "
                    f"SELECT {', '.join(_DOC_COLUMNS)} FROM _wl_docs ORDER BY _ord "
                    "ON CONFLICT (name, content_hash) DO NOTHING RETURNING id, name, content_hash")
        new = {(n, h): i for i, n, h in cur.fetchall()}
        ids = list(new.values())
        join = ("JOIN _wl_docs sd ON sd._ord = x._ord JOIN documents d ON d.name = sd.name "
                "AND d.content_hash = sd.content_hash AND d.id = ANY(%s)")
        cur.execute(f"INSERT INTO events (document_id, {', '.join(_EV_COLUMNS)}) "
                    f"SELECT d.id, {', '.join('x.' + c for c in _EV_COLUMNS)} FROM _wl_ev x "
                    f"{join} ORDER BY x._ord, x._pos "
                    "ON CONFLICT (document_id, event_key) DO NOTHING", (ids,))
        cur.execute(f"INSERT INTO evidence (event_id, {', '.join(_EVI_COLUMNS)}) "
                    f"SELECT e.id, {', '.join('x.' + c for c in _EVI_COLUMNS)} FROM _wl_evi x "
                    f"{join} JOIN events e ON e.document_id = d.id AND e.event_key = x.event_key"
                    " ORDER BY x._ord, x._pos, x.position", (ids,))
        existing: dict[tuple[str, str], int] = {}
        missing = [(d.name, d.content_hash) for d, _e in docs
                   if (d.name, d.content_hash) not in new]
        if missing:
            cur.execute("SELECT id, name, content_hash FROM documents WHERE name = ANY(%s)",
                        ([n for n, _h in missing],))
            existing = {(n, h): i for i, n, h in cur.fetchall()}
        _copy(cur, "profiles", ("document_id", "profile"), _profiles(docs, new))
    out: list[list[WriteResult]] = []
    k = 0
    for _p, ds, _pr in files:
        res = []
        for _ in ds:
            doc, events = docs[k]
            key = (doc.name, doc.content_hash)
            if key in new:
                res.append(WriteResult("stored", new[key], len(events), kept[key]))
            else:
                res.append(WriteResult("unchanged", existing.get(key, 0), 0))
            k += 1
        out.append(res)
    return out


def _profiles(docs: list[tuple[Document, list[Event]]], new: dict[tuple[str, str], int]
              ) -> list[tuple[int, str]]:
    """The new documents' conflict profiles, as ``Store.write_file`` stores them: the reading
    their worker made (remembered by :mod:`warlog.cluster`), not read again now or on first
    view. A profile that cannot be read is left out (built on first read), never costing the
    shard."""
    from warlog.profile import profile_dict

    rows = []
    for doc, _e in docs:
        key = (doc.name, doc.content_hash)
        if key in new:
            try:
                rows.append((new[key], json.dumps(profile_dict(doc.raw, doc.format, doc.meta))))
            except Exception:  # noqa: BLE001, S112 - the events are what the run is for
                continue
    return rows


def _stage(cur: Any) -> None:
    """Temporary staging tables with the target tables' column types, gone at commit."""
    cur.execute("CREATE TEMP TABLE _wl_docs ON COMMIT DROP AS SELECT "
                f"{', '.join(_DOC_COLUMNS)} FROM documents WITH NO DATA")
    cur.execute(f"CREATE TEMP TABLE _wl_ev ON COMMIT DROP AS SELECT {', '.join(_EV_COLUMNS)} "
                "FROM events WITH NO DATA")
    cur.execute("CREATE TEMP TABLE _wl_evi ON COMMIT DROP AS SELECT "
                f"{', '.join(_EVI_COLUMNS)} FROM evidence WITH NO DATA")
    cur.execute("ALTER TABLE _wl_docs ADD COLUMN _ord integer")
    cur.execute("ALTER TABLE _wl_ev ADD COLUMN _ord integer, ADD COLUMN _pos integer")
    cur.execute("ALTER TABLE _wl_evi ADD COLUMN _ord integer, ADD COLUMN _pos integer, "
                "ADD COLUMN event_key text")


def _copy_staged(cur: Any, docs: list[tuple[Document, list[Event]]], extractor: str
                 ) -> dict[tuple[str, str], int]:
    """COPY the documents, events (one per event key, the first) and evidence; per document,
    how many distinct events it has."""
    doc_rows, ev_rows, evi_rows, kept = [], [], [], {}
    for ord_, (doc, events) in enumerate(docs):
        doc_rows.append((doc.name, doc.path, doc.content_hash, doc.format, doc.title,
                         json.dumps(_jsonable(doc.meta)), doc.raw, doc.text, len(events),
                         extractor, ord_))
        taken: set[str] = set()
        for ev in events:
            row = _event_row(ev)
            key = row["event_key"]
            if key in taken:
                continue  # the same event twice: stored once, as Store.write_file does
            taken.add(key)
            pos = len(taken)
            ev_rows.append((*(row[c] for c in _EV_COLUMNS), ord_, pos))
            evi_rows.extend((i, e.text, e.raw_start, e.raw_end, ord_, pos, key)
                            for i, e in enumerate(ev.evidence))
        kept[(doc.name, doc.content_hash)] = len(taken)
    _copy(cur, "_wl_docs", (*_DOC_COLUMNS, "_ord"), doc_rows)
    _copy(cur, "_wl_ev", (*_EV_COLUMNS, "_ord", "_pos"), ev_rows)
    _copy(cur, "_wl_evi", (*_EVI_COLUMNS, "_ord", "_pos", "event_key"), evi_rows)
    return kept


_DEFAULTS = {c.name: c.default.arg for c in s.events.columns
             if c.default is not None and c.default.is_scalar}


def _event_row(ev: Event) -> dict[str, Any]:
    """The events row ``Store.write_file`` would insert (its client-side defaults included)."""
    rec = ev.as_record()
    row = {c: rec.get(c, _DEFAULTS.get(c)) for c in _EV_COLUMNS}
    row.update(event_date=ev.event_date, date_end=ev.date_end, event_key=event_key(rec))
    return row


def _copy(cur: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
