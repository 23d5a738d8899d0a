"""Bulk writes to a real PostgreSQL server (``warlog.store.bulk``): COPY into staging tables and
set-based inserts give exactly what ``Store.write_file`` gives, never duplicate a document or an
event (rerun, two writers at once), keep a file whole or not at all, and keep its problems.

The documents are corpus articles under ``tests/fixtures``, read and extracted for real.
"""

from __future__ import annotations

import shutil
import threading
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from warlog.events.extract import extract_events
from warlog.ingest.reader import read_path
from warlog.store import bulk
from warlog.store import schema as s
from warlog.store.database import open_store

pytest_plugins = ["pgserver"]

FIXTURES = Path(__file__).parent / "fixtures"
FILES = [FIXTURES / "corpus" / n for n in ("battle_of_boulikessi.md", "2014_idlib_offensive.md",
                                           "Battle_of_Kunduz_(2016).md")]
JSONL = FIXTURES / "golden" / "articles.jsonl"


@cache
def _extracted(path: Path) -> tuple[Any, ...]:
    return tuple((doc, tuple(extract_events(doc))) for doc in read_path(path))


def item(path: Path, problems: tuple[str, ...] = ()) -> tuple[str, Any, list[str]]:
    return str(path), [(d, list(e)) for d, e in _extracted(path)], list(problems)


def rows(url: str) -> dict[str, Any]:
    """Everything stored, without ids and timestamps (which differ between two stores)."""
    with open_store(url) as store:
        records = [{k: v for k, v in r.items() if k != "id"}
                   for r in store.iter_event_records(include_rejected=True)]
        with store.engine.connect() as conn:
            docs = conn.execute(select(
                s.documents.c.name, s.documents.c.path, s.documents.c.content_hash,
                s.documents.c.format, s.documents.c.title, s.documents.c.meta,
                s.documents.c.raw_text, s.documents.c.clean_text, s.documents.c.n_events,
            ).order_by(s.documents.c.name)).all()
            keys = conn.execute(select(s.events.c.event_key, s.events.c.review_state,
                                       s.events.c.version).order_by(s.events.c.id)).all()
            problems = conn.execute(select(s.problems.c.path, s.problems.c.message)
                                    .order_by(s.problems.c.id)).all()
        counts = {t: store.count(t) for t in ("documents", "events", "evidence")}
    return {"records": records, "docs": [tuple(d) for d in docs], "counts": counts,
            "keys": [tuple(k) for k in keys], "problems": [tuple(p) for p in problems]}


@pytest.fixture
def second_url(pg_cluster: Any):
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


def test_bulk_stores_exactly_what_write_file_stores(pg_url: str, second_url: str):
    files = [item(p) for p in (*FILES, JSONL)]
    files[-1] = (*files[-1][:2], ["articles.jsonl#9: not JSON; line skipped"])
    with open_store(pg_url) as one:
        expected = [one.write_file(p, d, pr) for p, d, pr in files]
    with open_store(second_url) as many:
        assert bulk.supports_bulk(many)
        got = bulk.write_files(many, files)
    assert [[(w.status, w.n_events, w.new_events) for w in ws] for ws in got] == \
        [[(w.status, w.n_events, w.new_events) for w in ws] for ws in expected]
    first, second = rows(pg_url), rows(second_url)
    assert second == first
    assert second["counts"]["events"] > 20 and second["counts"]["documents"] == 5
    assert second["problems"] == [(str(JSONL), "articles.jsonl#9: not JSON; line skipped")]


def test_rerun_and_a_second_writer_at_once_add_nothing(pg_url: str):
    files = [item(p) for p in FILES]
    with open_store(pg_url) as store:
        results: list[Any] = []
        start = threading.Barrier(2)

        def write() -> None:
            start.wait()
            results.append(bulk.write_files(store, files))

        threads = [threading.Thread(target=write) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        once = rows(pg_url)
        again = bulk.write_files(store, files)
    statuses = sorted(w.status for run in results for ws in run for w in ws)
    assert statuses == ["stored"] * 3 + ["unchanged"] * 3  # each document stored by one writer
    new = sum(w.new_events for run in results for ws in run for w in ws)
    assert new == once["counts"]["events"]
    assert [w.status for ws in again for w in ws] == ["unchanged"] * 3
    assert rows(pg_url) == once


def test_a_new_version_goes_through_write_file_and_problems_are_replaced(pg_url: str,
                                                                         tmp_path: Path):
    src = tmp_path / "battle_of_boulikessi.md"
    shutil.copyfile(FILES[0], src)
    with open_store(pg_url) as store:
        [first] = bulk.write_files(store, [item(src, ("x: line skipped",))])
        src.write_text(src.read_text(encoding="utf-8") + "\nA comment line.\n", encoding="utf-8")
        _extracted.cache_clear()
        [second] = bulk.write_files(store, [item(src)])
        assert (first[0].status, second[0].status) == ("stored", "replaced")
        assert store.count("documents") == 1
        with store.engine.connect() as conn:
            assert conn.execute(select(s.problems)).all() == []


def test_one_file_that_cannot_be_stored_leaves_nothing_and_the_others_go_on(pg_url: str):
    good = item(FILES[0])
    path, docs, problems = item(FILES[2])
    doc, events = docs[0]
    broken = type(doc)(**{**{f: getattr(doc, f) for f in doc.__dataclass_fields__},
                          "raw": doc.raw + "\x00", "name": "broken.md"})  # PostgreSQL text: no NUL
    got = bulk.write_files(open_store(pg_url), [good, (path, [(broken, events)], problems)])
    assert [w.status for w in got[0]] == ["stored"]
    assert isinstance(got[1], Exception)
    assert rows(pg_url)["counts"]["documents"] == 1


def test_sqlite_keeps_the_per_file_path(tmp_path: Path):
    store = open_store(tmp_path / "w.db")
    assert not bulk.supports_bulk(store)
    got = bulk.write_files(store, [item(FILES[0])])
    assert [w.status for w in got[0]] == ["stored"] and store.count("documents") == 1
