"""The store's Python API used directly, as a notebook would: filters, pages, aggregates, review
edits with their version check and audit entries, merges, streamed records and the engine
settings. Runs on a real SQLite file built from the fixture articles (``tests/conftest.py``);
the review tests also run on the test PostgreSQL server (skipped without one)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from warlog.store import Conflict, EventFilter, Invalid, NotFound, Store, open_store
from warlog.store.engine import BUSY_TIMEOUT_MS, database_url, make_engine
from warlog.store.queries import POINT_LIMIT

pytest_plugins = ["pgserver"]

N_EVENTS = 38


@pytest.fixture
def store(web_db: Path) -> Iterator[Store]:
    with open_store(web_db) as st:
        yield st


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, web_db: Path, web_db_builder) -> Iterator[Store]:
    """The fixture database on SQLite, or written afresh to the test PostgreSQL server."""
    target: Any = web_db
    if request.param == "postgresql":
        target = web_db_builder(request.getfixturevalue("pg_url"))
    with open_store(target) as st:
        yield st


def all_records(store: Store) -> list[dict[str, Any]]:
    return list(store.records())


def ids_of(store: Store, f: EventFilter) -> set[int]:
    return {r["id"] for r in store.records(f)}


# -- reading -------------------------------------------------------------------------------
def test_every_filter_selects_what_it_says(store: Store) -> None:
    recs = all_records(store)
    assert len(recs) == N_EVENTS == store.count_events() == store.count("events")

    def expect(pred) -> set[int]:
        return {r["id"] for r in recs if pred(r)}

    cases = [
        (EventFilter(country=("Mali",)), lambda r: r["country"] == "Mali"),
        (
            EventFilter(event_type=("Explosions/Remote violence",)),
            lambda r: r["event_type"] == "Explosions/Remote violence",
        ),
        (
            EventFilter(actor="free syrian"),  # part of a name, any case, any actor column
            lambda r: any(
                "free syrian" in (r[k] or "").lower()
                for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            ),
        ),
        (EventFilter(date_from=date(2016, 1, 1)), lambda r: r["event_date"] >= "2016-01-01"),
        (
            EventFilter(date_from=date(2014, 3, 1), date_to=date(2014, 3, 31)),
            lambda r: "2014-03-01" <= r["event_date"] <= "2014-03-31",
        ),
        (
            EventFilter(document_name=("battle_of_boulikessi.md",)),
            lambda r: r["doc"] == "battle_of_boulikessi.md",
        ),
        (
            EventFilter(bbox=(60.0, 30.0, 75.0, 40.0)),  # around Kunduz
            lambda r: 60 <= r["longitude"] <= 75 and 30 <= r["latitude"] <= 40,
        ),
        (
            EventFilter(country=("Syria",), event_type=("Battles",)),
            lambda r: r["country"] == "Syria" and r["event_type"] == "Battles",
        ),
    ]
    for f, pred in cases:
        wanted = expect(pred)
        assert wanted, f  # every case selects something, and not everything
        assert len(wanted) < N_EVENTS, f
        assert ids_of(store, f) == wanted, f
        assert store.count_events(f) == len(wanted), f
        assert store.events(f, page_size=200)["total"] == len(wanted), f


def test_full_text_search_finds_a_word_of_the_evidence(store: Store) -> None:
    store.ensure_search()
    assert store.fts
    recs = all_records(store)
    word = "Kunduz"
    wanted = {
        r["id"] for r in recs if word.lower() in f"{r['evidence']} {r['notes'] or ''}".lower()
    }
    assert wanted and ids_of(store, EventFilter(q=word)) == wanted


def test_pages_are_sorted_disjoint_and_complete(store: Store) -> None:
    seen: list[int] = []
    dates: list[str] = []
    for page in (1, 2, 3, 4):
        got = store.events(sort="event_date", order="desc", page=page, page_size=10)
        assert got["total"] == N_EVENTS
        seen += [e["id"] for e in got["items"]]
        dates += [e["event_date"] for e in got["items"]]
    assert sorted(seen) == sorted(r["id"] for r in all_records(store))
    assert dates == sorted(dates, reverse=True)


def test_timeline_and_map_count_the_filtered_events(store: Store, monkeypatch) -> None:
    f = EventFilter(country=("Syria",))
    tl = store.timeline(f, bucket="month")
    assert tl["bucket"] == "month"
    assert sum(sum(c) for c in tl["counts"].values()) == store.count_events(f) == 31
    pts = store.map_points(f)
    assert (pts["mode"], pts["total"], len(pts["points"])) == ("points", 31, 31)
    monkeypatch.setattr("warlog.store.queries.POINT_LIMIT", 5)
    clusters = store.map_points(f, zoom=3)
    assert clusters["mode"] == "clusters" and sum(c[2] for c in clusters["clusters"]) == 31
    assert POINT_LIMIT > 5


def test_one_event_and_its_document(store: Store) -> None:
    rec = all_records(store)[0]
    ev = store.event(rec["id"])
    assert ev is not None and ev["doc"] == rec["doc"] and ev["version"] == 1
    doc = store.document(ev["document_id"])
    assert doc is not None
    for span in ev["evidence"]:  # offsets point into the original text
        assert doc["text"][span["raw_start"] : span["raw_end"]] == span["text"]
    assert store.event(10**9) is None and store.document(10**9) is None


def test_streamed_records_in_both_orders_and_any_batch(store: Store) -> None:
    by_id = list(store.records(batch=7))
    assert [r["id"] for r in by_id] == sorted(r["id"] for r in by_id)
    assert by_id == list(store.records(batch=1000))
    by_doc = list(store.records(order="document", batch=1))
    assert by_doc == store.iter_event_records()
    assert [(r["doc"], r["event_date"], r["id"]) for r in by_doc] == sorted(
        (r["doc"], r["event_date"], r["id"]) for r in by_id
    )
    assert all(r["evidence"] == " ".join(s["text"] for s in r["evidence_spans"]) for r in by_doc)
    assert store.iter_event_records(documents=[]) == []


# -- review --------------------------------------------------------------------------------
def test_review_edit_checks_the_version_and_writes_the_audit_log(any_store: Store) -> None:
    store = any_store
    first = store.events(EventFilter(country=("Mali",)))["items"][0]
    before = store.event(first["id"])
    assert before is not None and before["review_state"] == "unreviewed"
    after = store.review(first["id"], {"fatalities": 7, "notes": "checked"}, 1, reviewer="ana")
    assert (after["fatalities"], after["notes"], after["version"]) == (7, "checked", 2)
    assert after["review_state"] == "edited"
    log = store.audit_log(first["id"])
    assert {(e["field"], e["before"], e["after"], e["user"], e["action"]) for e in log} == {
        (
            "fatalities",
            str(before["fatalities"]) if before["fatalities"] is not None else None,
            "7",
            "ana",
            "edit",
        ),
        ("notes", before["notes"], "checked", "ana", "edit"),
        ("review_state", "unreviewed", "edited", "ana", "edit"),
    }
    assert store.audit_log()[: len(log)] == log  # the whole log, newest first

    with pytest.raises(Conflict) as stale:  # someone still holding version 1
        store.review(first["id"], {"fatalities": 9}, 1, reviewer="ben")
    assert stale.value.status == 409 and stale.value.current["version"] == 2
    assert stale.value.current["fatalities"] == 7
    again = store.event(first["id"])
    assert again is not None and (again["fatalities"], again["version"]) == (7, 2)
    assert len(store.audit_log(first["id"])) == len(log)  # nothing written


def test_review_refuses_bad_values_and_unknown_events(store: Store) -> None:
    rec = all_records(store)[0]
    for changes in (
        {"latitude": 123},
        {"fatalities": -1},
        {"id": 5},
        {"event_type": ""},
        {"sub_event_type": "Armed clash", "event_type": "Protests"},
        {},
    ):
        with pytest.raises(Invalid):
            store.review(rec["id"], changes, 1, reviewer="ana")
    with pytest.raises(NotFound):
        store.review(10**9, {"notes": "x"}, 1, reviewer="ana")
    assert store.audit_log() == [] and store.event(rec["id"])["version"] == 1


def test_reject_leaves_exports_and_merge_moves_evidence(any_store: Store) -> None:
    store = any_store
    syria = store.events(EventFilter(document_name=("2014_idlib_offensive.md",)), sort="id")
    src, tgt = syria["items"][0], syria["items"][1]
    n_src = len(store.event(src["id"])["evidence"])
    n_tgt = len(store.event(tgt["id"])["evidence"])
    merged = store.merge(src["id"], tgt["id"], src["version"], tgt["version"], reviewer="ana")
    assert merged["source"]["review_state"] == "rejected"
    assert merged["target"]["version"] == tgt["version"] + 1
    target = store.event(tgt["id"])
    assert n_tgt < len(target["evidence"]) <= n_tgt + n_src
    fields = {e["field"] for e in store.audit_log(src["id"])}
    assert {"merged_into", "review_state"} <= fields
    assert "merged_from" in {e["field"] for e in store.audit_log(tgt["id"])}
    kept = {r["id"] for r in store.iter_event_records()}
    assert src["id"] not in kept and len(kept) == N_EVENTS - 1
    assert src["id"] in {r["id"] for r in store.iter_event_records(include_rejected=True)}
    reopened = store.set_state(src["id"], "unreviewed", src["version"] + 1, reviewer="ana")
    assert reopened["review_state"] == "unreviewed"
    assert src["id"] in {r["id"] for r in store.iter_event_records()}


# -- the engine factory --------------------------------------------------------------------
def pragma(engine, name: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(f"PRAGMA {name}")).scalar()


def test_every_sqlite_connection_has_the_same_settings(store: Store) -> None:
    assert store.read is not store.engine
    for engine in (store.read, store.engine):
        assert pragma(engine, "busy_timeout") == BUSY_TIMEOUT_MS
        assert pragma(engine, "journal_mode") == "wal"
        assert pragma(engine, "foreign_keys") == 1


def test_writers_take_the_lock_first_and_readers_never_wait(store: Store, web_db: Path) -> None:
    """A write transaction holds SQLite's write lock from its BEGIN (a second writer queues
    instead of failing half-way); a read beside it answers at once with the last commit."""
    other = sqlite3.connect(web_db, timeout=0, isolation_level=None)
    try:
        with store.engine.begin() as conn:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")  # held before the first statement
            conn.execute(text("UPDATE events SET notes = 'pending' WHERE id = 1"))
            assert store.event(1)["notes"] != "pending"  # the read engine, not blocked
        assert store.event(1)["notes"] == "pending"
    finally:
        other.close()


def test_one_url_rule_for_every_engine(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    assert database_url(path) == f"sqlite:///{path}"
    assert database_url("postgres://ana@db/warlog") == "postgresql+psycopg://ana@db/warlog"
    engine = make_engine(path, write=False)
    try:
        assert pragma(engine, "busy_timeout") == BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_the_documented_example_runs(web_db: Path) -> None:
    import warlog.store

    lines = (warlog.store.__doc__ or "").split("::\n", 1)[1].splitlines()
    end = next(i for i, line in enumerate(lines) if line and not line.startswith("    "))
    code = "\n".join(line[4:] for line in lines[:end])
    scope: dict[str, Any] = {}
    exec(code.replace('"warlog.db"', repr(str(web_db))), scope)  # noqa: S102 - our own docstring
    assert scope["history"][0]["after"] in ("4", "edited")
    assert {e["field"] for e in scope["history"]} >= {"fatalities", "review_state"}
    assert scope["page"]["total"] == len(scope["records"]) > 0
    assert sum(sum(c) for c in scope["per_month"]["counts"].values()) == len(scope["records"])
