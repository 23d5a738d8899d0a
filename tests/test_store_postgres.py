"""warlog on a real PostgreSQL server (started by ``tests/pgserver.py``): the CLI end to end,
the URL forms a team uses, and two writers storing the same document at once.

The store's own behaviours run on both backends in ``tests/test_store.py``.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, text
from typer.testing import CliRunner

from test_store import EVENTS, make_doc
from warlog.cli import app
from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.store.engine import database_url

pytest_plugins = ["pgserver"]

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
runner = CliRunner()


def extract(db: str, out: Path):
    res = runner.invoke(
        app, ["extract", str(CORPUS), "--db", db, "--out", str(out), "--quiet", "--workers", "1"]
    )
    assert res.exit_code == 0, res.output
    return res


def counts(db: str) -> tuple[int, int, int]:
    store = open_store(db)
    try:
        return tuple(store.count(t) for t in ("documents", "events", "evidence"))
    finally:
        store.engine.dispose()


def test_cli_extract_twice_on_postgres_matches_a_sqlite_run(pg_url: str, tmp_path: Path):
    extract(pg_url, tmp_path / "pg1.jsonl")
    first = counts(pg_url)
    assert first[0] == len(list(CORPUS.iterdir())) and first[1] > 0 and first[2] >= first[1]
    again = extract(pg_url, tmp_path / "pg2.jsonl")
    assert "0 new events" in again.output
    assert counts(pg_url) == first
    extract(str(tmp_path / "w.db"), tmp_path / "sqlite.jsonl")
    pg1, pg2, lite = (
        (tmp_path / f).read_text(encoding="utf-8")
        for f in ("pg1.jsonl", "pg2.jsonl", "sqlite.jsonl")
    )
    assert pg1 == lite and pg2 == lite
    records = [json.loads(line) for line in lite.splitlines()]
    assert len(records) == first[1]
    assert all(r["evidence_spans"] for r in records)


def test_the_test_database_sorts_by_a_natural_language_locale(pg_cluster, pg_url: str):
    """The store's byte-order guarantees are tested against a non-byte collation."""
    if not pg_cluster.icu:
        pytest.skip("this PostgreSQL has no ICU collations: the test databases sort bytewise")
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 'b' < 'B' AND 'B' < 'c'")).scalar() is True
    engine.dispose()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("warlog.db", "sqlite:///warlog.db"),
        (
            "postgresql://ana:pw@db.example.org:5432/warlog",
            "postgresql+psycopg://ana:pw@db.example.org:5432/warlog",
        ),
        ("postgres://ana@db/warlog", "postgresql+psycopg://ana@db/warlog"),
        ("postgresql+psycopg://ana@db/warlog", "postgresql+psycopg://ana@db/warlog"),
        ("sqlite:////srv/warlog.db", "sqlite:////srv/warlog.db"),
    ],
)
def test_database_url_forms(given: str, expected: str):
    assert database_url(given) == expected


def test_a_plain_postgresql_url_over_the_unix_socket_opens_the_same_store(pg_cluster, pg_url: str):
    store = open_store(pg_url)
    store.write_document(make_doc(), EVENTS)
    store.engine.dispose()
    name = pg_url.rsplit("/", 1)[1]
    plain = pg_cluster.socket_url(name).replace("postgresql+psycopg://", "postgresql://")
    other = open_store(plain)
    assert other.engine.dialect.driver == "psycopg"
    assert [r["event_date"] for r in other.iter_event_records()] == ["2016-10-03", "2016-10-04"]
    other.engine.dispose()


def _wait_for_lock_waiter(engine, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            n = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE "
                    "wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
            if n.scalar_one():
                return
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


def test_a_document_another_writer_stores_meanwhile_counts_as_unchanged(pg_url: str):
    """Two `warlog extract` runs on one shared server: both see the document missing, one
    inserts it first; the other waits on the unique key, then reports it unchanged."""
    store = open_store(pg_url)
    doc = make_doc()
    first = create_engine(pg_url)
    result: dict[str, object] = {}

    def second_writer() -> None:
        try:
            result["res"] = store.write_document(doc, EVENTS)
        except Exception as e:  # reported by the assertion below
            result["error"] = e

    with first.connect() as conn:
        tx = conn.begin()
        conn.execute(
            insert(s.documents).values(
                name=doc.name,
                path=doc.path,
                content_hash=doc.content_hash,
                format=doc.format,
                raw_text=doc.raw,
                clean_text=doc.text,
                n_events=0,
            )
        )
        thread = threading.Thread(target=second_writer)
        thread.start()
        _wait_for_lock_waiter(first)
        tx.commit()
    thread.join(timeout=60)
    first.dispose()
    assert "error" not in result, result.get("error")
    assert result["res"].status == "unchanged"
    assert (store.count("documents"), store.count("events")) == (1, 0)
    store.engine.dispose()


def test_clusters_of_killed_runs_are_swept_and_live_ones_kept():
    import pgserver  # loaded as a plugin above (importing it first would skip its rewrite)

    finished = subprocess.Popen(["true"])
    finished.wait()
    dead = Path(tempfile.mkdtemp(prefix=pgserver.PREFIX))
    live = Path(tempfile.mkdtemp(prefix=pgserver.PREFIX))
    try:
        (dead / pgserver.OWNER_FILE).write_text(str(finished.pid))
        (live / pgserver.OWNER_FILE).write_text(str(os.getpid()))
        assert pgserver.sweep_stale_clusters(Path("/nonexistent")) >= 1
        assert not dead.exists() and live.is_dir()
    finally:
        shutil.rmtree(dead, ignore_errors=True)
        shutil.rmtree(live, ignore_errors=True)
