"""The web app's reads at scale: indexes the planner uses, count tables kept on write, keyset
pages and capped counts, on a real PostgreSQL server (``pgserver``) and on SQLite.

Plans are read with ``EXPLAIN`` on a table of about 20,000 events (the fixture articles'
events copied with shifted dates and new keys, then ``ANALYZE``): no test depends on timing.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, text

from warlog.store import groups, queries, rollup
from warlog.store import schema as s
from warlog.store.database import Store, open_store
from warlog.store.filters import EventFilter, conditions

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from warlog.web.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pytest_plugins = ["pgserver"]

COPIES = 500  # 38 fixture events × 500 ≈ 19,000 rows: enough for the planner to use indexes


@pytest.fixture
def pg_store(pg_url: str, web_db_builder) -> Iterator[Store]:
    web_db_builder(pg_url)
    store = open_store(pg_url)
    store.ensure_search()
    yield store
    store.close()


def _grow(store: Store, copies: int = COPIES) -> None:
    """Copy every event ``copies`` times (dates shifted a day per copy, new keys) with one
    evidence sentence each, then refresh the planner's statistics."""
    with store.engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(s.events))]
        evid = {r.event_id: r.text for r in conn.execute(select(s.evidence))}
        top = max(r["id"] for r in rows)
        new, new_evid = [], []
        for k in range(1, copies):
            for r in rows:
                c = {**r, "id": r["id"] + k * top, "event_key": f"{k:08d}{r['event_key']}"[:64],
                     "admin1": f"A{k % 50}"}
                if c["event_date"] is not None:
                    c["event_date"] = c["event_date"] + timedelta(days=k)
                c.pop("created_at"), c.pop("updated_at")
                new.append(c)
                new_evid.append({"event_id": c["id"], "position": 0,
                                 "text": evid.get(r["id"], ""), "raw_start": 0, "raw_end": 1})
        for i in range(0, len(new), 1000):  # multi-row statements, as a bulk write makes
            conn.execute(insert(s.events).values(new[i : i + 1000]))
            conn.execute(insert(s.evidence).values(new_evid[i : i + 1000]))
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if store.engine.dialect.name == "sqlite"
                          else "VACUUM ANALYZE"))


MAIN_FILTERS = {
    "country": EventFilter(country=("Mali",)),
    "date range": EventFilter(date_from=date(2016, 10, 1), date_to=date(2016, 10, 3)),
    "event type": EventFilter(event_type=("Strategic developments",)),
    "sub-event type": EventFilter(sub_event_type=("Suicide bomb",)),
    "admin1": EventFilter(admin1=("A7",)),
    "actor part": EventFilter(actor="taliban"),
    "text search": EventFilter(q="assassinated"),
}


def _page_and_count(store: Store, f: EventFilter) -> list[Any]:
    where = queries._where(store, f)
    page = (select(*queries.TABLE_COLUMNS)
            .select_from(s.events.join(s.documents, s.documents.c.id == s.events.c.document_id))
            .where(where).order_by(s.events.c.event_date, s.events.c.id).limit(51))
    count = (select(text("1")).select_from(s.events).where(where)
             .limit(queries.COUNT_CAP + 1))
    return [page, count]


def _pg_plan(conn: Any, q: Any) -> dict[str, Any]:
    compiled = q.compile(
        dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    raw = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params)
    return raw.scalar_one()[0]["Plan"]


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


# -- plans ---------------------------------------------------------------------------------
def test_main_filters_read_an_index_on_postgresql(pg_store: Store) -> None:
    _grow(pg_store)
    with pg_store.read.connect() as conn:
        for name, f in MAIN_FILTERS.items():
            for q in _page_and_count(pg_store, f):
                nodes = list(_nodes(_pg_plan(conn, q)))
                # the text search finds its events in the search index, then may join them
                # to ``events`` whichever way is cheaper
                table = "events_search" if f.q else "events"
                scans = [n for n in nodes if n.get("Relation Name") == table]
                assert scans, name
                assert not [n for n in scans if n["Node Type"] == "Seq Scan"], (
                    name, json.dumps(nodes, default=str)[:2000])
                assert any(n.get("Index Name") for n in nodes), name  # index or bitmap scan


def test_text_and_actor_filters_use_the_gin_indexes(pg_store: Store) -> None:
    _grow(pg_store)
    with pg_store.read.connect() as conn:
        used = {n.get("Index Name") for f in (MAIN_FILTERS["text search"],
                                             MAIN_FILTERS["actor part"])
                for n in _nodes(_pg_plan(conn, select(s.events.c.id).where(
                    *conditions(f, pg_store.read))))}
    assert "ix_events_search_doc" in used
    assert "ix_events_actors_trgm" in used


def test_main_filters_read_an_index_on_sqlite(tmp_path: Path, web_db_builder) -> None:
    store = open_store(web_db_builder(tmp_path / "w.db"))
    store.ensure_search()
    _grow(store)
    with store.read.connect() as conn:
        for name, f in MAIN_FILTERS.items():
            for q in _page_and_count(store, f):
                compiled = q.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
                plan = [r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
                full = [d for d in plan if d.startswith("SCAN events") and "INDEX" not in d]
                assert not full, (name, plan)
    store.close()


# -- count tables ----------------------------------------------------------------------------
def _snapshot(conn: Any) -> dict[str, list[Any]]:
    out = {}
    for name in rollup.NAMES:
        rows = conn.execute(text(f"SELECT * FROM {name} WHERE n <> 0")).all()
        out[name] = sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in r)
                           for r in rows)
    return out


def _assert_current(store: Store) -> None:
    """The count tables equal a recount from ``events`` (rolled back afterwards)."""
    with store.engine.connect() as conn:
        kept = _snapshot(conn)
        rollup.rebuild(conn)
        assert _snapshot(conn) == kept
        conn.rollback()


def _both_ways(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Timeline, map (clusters) and facets from the count tables, then from ``events``."""
    monkeypatch.setattr(queries, "POINT_LIMIT", 5)
    out = []
    for use in (True, False):
        monkeypatch.setattr(rollup, "ready", lambda conn, use=use: use)
        grouped = EventFilter(grouped=True)
        out.append([
            queries.timeline(store, grouped, "day"),
            queries.timeline(store, EventFilter(country=("Syria",)), "day"),
            *(queries.timeline(store, f, bucket) for bucket in ("week", "month", "auto")
              for f in (grouped, EventFilter(event_type=("Battles",)),
                        EventFilter(country=("Syria",), grouped=True))),
            queries.map_data(store, grouped, 3),
            queries.map_data(store, EventFilter(event_type=("Battles",), grouped=True), 5),
            # whole months: from rollup_map_months (clusters: more than 5 events in view)
            *(queries.map_data(store, EventFilter(country=c, date_from=date(2014, 1, 1),
                                                  date_to=date(y, 12, 31), grouped=True), z)
              for c, y, z in (((), 2016, 3), (("Syria",), 2014, 6))),
            queries.facets(store),
        ])
    monkeypatch.undo()
    return out


def _sorted_clusters(answer: list[Any]) -> list[Any]:
    for part in answer:
        if isinstance(part, dict) and part.get("mode") == "clusters":
            # centres are sums of floats, added and subtracted in another order: 1e-3 degrees
            part["clusters"] = sorted([round(la, 3), round(lo, 3), *rest]
                                      for la, lo, *rest in part["clusters"])
    return answer


def test_count_tables_follow_writes_edits_groups_and_deletes(
    pg_store: Store, web_documents: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_current(pg_store)
    counted, scanned = _both_ways(pg_store, monkeypatch)
    assert _sorted_clusters(counted) == _sorted_clusters(scanned)
    # an edit moves an event between combinations; a rejection changes the review counts
    ev = pg_store.event(5)
    assert ev is not None
    pg_store.review(5, {"country": "Mali", "latitude": 14.0, "longitude": -3.0,
                      "event_type": "Battles", "sub_event_type": "Armed clash"},
                  ev["version"], "ana")
    pg_store.set_state(6, "rejected", pg_store.event(6)["version"], "ana")
    # a join makes one report stand for another: the other is hidden from grouped views
    groups.link(pg_store.engine)
    pg_store.join_reports(7, 30, "ana")
    with pg_store.read.connect() as conn:
        hidden = conn.execute(text("SELECT sum(n) FROM rollup_timeline WHERE hidden")).scalar()
    assert hidden and hidden >= 1
    _assert_current(pg_store)
    pg_store.split_report(7, "ana")
    _assert_current(pg_store)
    # a document stored again with fewer events: its old events go, their counts with them
    doc, events = web_documents[0]
    pg_store.write_file("again.md", [(doc, events[:3])], [], replace_same=True)
    _assert_current(pg_store)
    counted, scanned = _both_ways(pg_store, monkeypatch)
    assert _sorted_clusters(counted) == _sorted_clusters(scanned)


# -- pages and counts ------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("sort,order", [("event_date", "asc"), ("fatalities", "desc"),
                                        ("actor2", "asc"), ("doc", "desc")])
def test_keyset_pages_walk_the_same_rows_as_offset_pages(
    backend: str, sort: str, order: str, request: pytest.FixtureRequest, web_db: Path
) -> None:
    if backend == "postgresql":
        target = request.getfixturevalue("pg_url")
        request.getfixturevalue("web_db_builder")(target)
    else:
        target = str(web_db)
    with TestClient(create_app(target, place_search=lambda q, c, n: [])) as client:
        def get(**params: Any) -> dict[str, Any]:
            r = client.get("/api/events", params={"sort": sort, "order": order,
                                                  "page_size": 6, **params})
            assert r.status_code == 200, r.text
            return r.json()

        by_offset, by_cursor = [], []
        page, cursor = 1, None
        while True:
            a = get(page=page)
            b = get(after=cursor) if cursor else get()
            by_offset += [e["id"] for e in a["items"]]
            by_cursor += [e["id"] for e in b["items"]]
            cursor = b["next"]
            if cursor is None:
                assert len(a["items"]) < 6 or a["next"] is None
                break
            page += 1
        assert by_cursor == by_offset
        assert len(by_cursor) == len(set(by_cursor)) == a["total"]
        assert client.get("/api/events", params={"sort": "id", "after": cursor or "x"}
                          ).status_code == 422


def test_counts_above_the_cap_say_more_than_with_an_estimate(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "COUNT_CAP", 10)
    page = pg_store.events(EventFilter(), page_size=5)
    assert (page["total"], page["total_exact"]) == (10, False)
    assert page["total_estimate"] >= 10 and page["next"]
    mali = pg_store.events(EventFilter(country=("Mali",)))
    assert (mali["total"], mali["total_exact"], mali["total_estimate"]) == (2, True, None)


def test_text_and_actor_search_give_the_same_events_on_both_backends(
    pg_store: Store, web_db: Path
) -> None:
    lite = open_store(web_db)
    lite.ensure_search()
    for f in (EventFilter(q="suicide"), EventFilter(q="SUICIDE bomb"), EventFilter(q="kund"),
              EventFilter(q="?!"), EventFilter(actor="taliban"), EventFilter(actor="al-"),
              EventFilter(actor="50%"), EventFilter(q="attack", actor="forces")):
        a = {e["id"] for e in lite.events(f, page_size=200)["items"]}
        b = {e["id"] for e in pg_store.events(f, page_size=200)["items"]}
        assert a == b, f
    assert pg_store.events(EventFilter(q="suicide"))["items"]
    lite.close()
