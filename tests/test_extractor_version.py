"""A stored document is extracted again when another extractor made its events (an upgrade of
warlog, an edit of its language data): ``warlog extract`` skips only what this extractor
stored with the same content. Real SQLite files and a real PostgreSQL server (``pgserver``),
a corpus article extracted for real."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, update

from warlog import extractor_version as ev_version
from warlog.events.extract import extract_events
from warlog.ingest.reader import read_path
from warlog.pipeline import run
from warlog.store import bulk
from warlog.store import schema as s
from warlog.store.database import Store, open_store

pytest_plugins = ["pgserver"]

ARTICLE = Path(__file__).parent / "fixtures" / "corpus" / "battle_of_boulikessi.md"
OLDER = "0.0.1+0123456789abcdef"


def _statuses(store: Store) -> list[str]:
    return [r.status for r in run([ARTICLE], store, workers=1)]


def _records(store: Store) -> list[tuple]:
    return sorted((r["event_date"], r["sub_event_type"], r["location"], r["fatalities"],
                   r["review_state"]) for r in store.iter_event_records())


def _made_by(store: Store, extractor: str | None) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(s.documents).values(extractor=extractor))


def _stored_extractors(store: Store) -> set[str | None]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(s.documents.c.extractor)).scalars())


def test_an_older_extractors_document_is_extracted_again_and_reviews_are_kept(store: Store):
    assert _statuses(store) == ["stored"]
    assert _stored_extractors(store) == {store.extractor}
    assert _statuses(store) == ["unchanged"]
    first = _records(store)
    with store.engine.begin() as conn:  # a reviewer verified one event and corrected it
        one = conn.execute(select(s.events.c.id).order_by(s.events.c.id)).scalars().first()
        conn.execute(update(s.events).where(s.events.c.id == one)
                     .values(review_state="verified", fatalities=99))
    reviewed = _records(store)
    _made_by(store, OLDER)  # as the previous version of warlog stored it
    assert store.known_documents() == set()
    assert _statuses(store) == ["replaced"]
    assert _records(store) == reviewed and reviewed != first
    assert _stored_extractors(store) == {store.extractor}
    assert store.count("documents") == 1
    assert _statuses(store) == ["unchanged"]  # and then idempotent again


def test_a_store_made_before_the_column_existed_is_opened_and_extracted_again(tmp_path: Path):
    db = tmp_path / "old.db"
    with open_store(db) as st:
        assert _statuses(st) == ["stored"]
        before = _records(st)
    with sqlite3.connect(db) as conn:  # the documents table as an older warlog made it
        conn.execute("ALTER TABLE documents DROP COLUMN extractor")
    with open_store(db) as st:
        assert _stored_extractors(st) == {None}
        assert _statuses(st) == ["replaced"]
        assert _records(st) == before and _stored_extractors(st) == {st.extractor}


def test_bulk_writes_send_an_older_extractors_document_to_the_replacing_path(pg_url: str):
    """Over a cluster (PostgreSQL COPY writes) the same: stored, unchanged, then replaced once
    another extractor made it."""
    docs = [(d, list(extract_events(d))) for d in read_path(ARTICLE)]
    item = (str(ARTICLE), docs, [])
    with open_store(pg_url) as st:
        assert [w.status for w in bulk.write_files(st, [item])[0]] == ["stored"]
        assert [w.status for w in bulk.write_files(st, [item])[0]] == ["unchanged"]
        before = _records(st)
        _made_by(st, OLDER)
        assert [w.status for w in bulk.write_files(st, [item])[0]] == ["replaced"]
        assert _records(st) == before and _stored_extractors(st) == {st.extractor}
        assert st.count("documents") == 1


def test_the_version_follows_the_extracting_code_and_data_not_the_store_or_web(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for rel in ("events/extract.py", "lang/en/calendar.yaml", "store/database.py",
                "web/static/app.js"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("one")
    monkeypatch.setattr(ev_version, "_ROOT", tmp_path)

    def digest() -> str:
        ev_version._code_digest.cache_clear()
        return ev_version._code_digest()

    base = digest()
    (tmp_path / "store/database.py").write_text("two")
    (tmp_path / "web/static/app.js").write_text("two")
    assert digest() == base
    (tmp_path / "lang/en/calendar.yaml").write_text("two")
    changed = digest()
    assert changed != base
    (tmp_path / "events/extract.py").write_text("two")
    assert digest() != changed
    ev_version._code_digest.cache_clear()
