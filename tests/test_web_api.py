"""The web app's JSON API against a real SQLite file built from corpus documents.

The database (see ``conftest.py``) holds three corpus articles with 38 events: 31 in Syria
(2014 Idlib offensive), 5 in Afghanistan (Kunduz 2016), 2 in Mali (Boulikessi 2020).
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

import conftest
from warlog.exporters.writers import ACLED_COLUMNS, EXTRA_COLUMNS
from warlog.store import queries
from warlog.store.database import open_store
from warlog.web import server
from warlog.web.app import create_app
from warlog.web.security import LOOPBACK_NAMES

with warnings.catch_warnings():  # starlette's notice about its test client's HTTP library
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pytest_plugins = ["pgserver"]  # a throwaway PostgreSQL server (skips where there is none)

N_EVENTS = 38
USER = {"X-Warlog-User": "ana"}


def stub_places(q: str, country: str | None, limit: int) -> list[dict]:
    return [{"name": q, "country": country, "latitude": 1.0, "longitude": 2.0}][:limit]


@pytest.fixture
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(web_db), place_search=stub_places)) as c:
        yield c


def events(client: TestClient, **params) -> dict:
    r = client.get("/api/events", params={"page_size": 200, **params})
    assert r.status_code == 200, r.text
    return r.json()


def ids(client: TestClient, **params) -> set[int]:
    return {e["id"] for e in events(client, **params)["items"]}


def edit(client: TestClient, event_id: int, changes: dict, version: int | None = None):
    if version is None:
        version = client.get(f"/api/events/{event_id}").json()["version"]
    return client.patch(
        f"/api/events/{event_id}", json={"version": version, "changes": changes}, headers=USER
    )


# -- reading -------------------------------------------------------------------------------
def test_health_openapi_and_offline_docs(client: TestClient) -> None:
    assert client.get("/api/health").json()["events"] == N_EVENTS
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/timeline",
        "/api/map",
        "/api/export/{fmt}",
        "/api/events/{event_id}/merge",
        "/api/audit",
    ):
        assert p in paths
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn." not in page  # nothing loaded from the internet
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_index_page_loads_only_local_scripts(client: TestClient) -> None:
    page = client.get("/").text
    srcs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert srcs and all(s.startswith(("/", "#", "data:")) for s in srcs), srcs
    for s in srcs:
        if s.startswith("/static/"):
            assert client.get(s).status_code == 200, s


def test_pages_are_complete_disjoint_and_sorted(client: TestClient) -> None:
    seen: list[int] = []
    for page in range(1, 5):
        data = events(client, page=page, page_size=10, sort="id")
        assert data["total"] == N_EVENTS
        seen += [e["id"] for e in data["items"]]
    assert len(seen) == N_EVENTS == len(set(seen))
    by_deaths = events(client, sort="fatalities", order="desc")["items"]
    assert by_deaths[0]["fatalities"] == 50 and by_deaths[0]["country"] == "Mali"
    dates = [e["event_date"] for e in events(client, sort="event_date")["items"]]
    assert dates == sorted(dates)
    assert client.get("/api/events", params={"page_size": 500}).status_code == 422
    assert client.get("/api/events", params={"sort": "id; DROP TABLE events"}).status_code == 422


def test_filters_combine(client: TestClient) -> None:
    assert events(client, country="Mali")["total"] == 2
    assert events(client, country=["Mali", "Afghanistan"])["total"] == 7
    assert events(client, event_type="Explosions/Remote violence")["total"] == 6
    assert events(client, sub_event_type="Suicide bomb")["total"] == 1
    assert events(client, actor="taliban")["total"] == 4  # a part of the name, any case
    assert events(client, actor="%' OR 1=1 --")["total"] == 0  # a value, never SQL
    in_april = events(client, date_from="2014-04-01", date_to="2014-04-30")["items"]
    assert len(in_april) == 12
    assert all("2014-04-01" <= e["event_date"] <= "2014-04-30" for e in in_april)
    kunduz = next(
        d
        for d in client.get("/api/facets").json()["documents"]
        if d["name"].startswith("Battle_of_Kunduz")
    )
    assert kunduz["n"] == 5
    assert events(client, document=kunduz["id"])["total"] == 5
    both = events(client, country="Syria", event_type="Battles", date_from="2014-05-01")
    assert both["total"] == 9
    assert events(client, review_state="verified")["total"] == 0


def test_full_text_search_over_evidence_and_notes(client: TestClient) -> None:
    suicide = events(client, q="suicide")["items"]
    assert suicide and all(e["country"] == "Syria" for e in suicide)
    detail = client.get(f"/api/events/{suicide[0]['id']}").json()
    text = (detail["notes"] or "") + " ".join(e["text"] for e in detail["evidence"])
    assert "suicide" in text.lower()
    assert events(client, q="Boulikes")["total"] >= 1  # prefix of the last word
    for nasty in ('"', "AND OR NOT", "NEAR(", "*", "a:b", "-x"):
        assert client.get("/api/events", params={"q": nasty}).status_code == 200
    # Notes written by a reviewer are searchable at once.
    assert events(client, q="zeppelin")["total"] == 0
    assert edit(client, 3, {"notes": "Zeppelin sighting reported"}).status_code == 200
    assert ids(client, q="zeppelin") == {3}


def test_facets_count_everything(client: TestClient) -> None:
    fc = client.get("/api/facets").json()
    assert fc["total"] == N_EVENTS
    assert sum(t["n"] for t in fc["types"]) == N_EVENTS
    assert {p["country"] for p in fc["places"]} == {"Syria", "Afghanistan", "Mali"}
    assert fc["review_states"] == {"unreviewed": N_EVENTS}
    assert "Armed clash" in fc["taxonomy"]["Battles"]
    assert {"Taliban", "Free Syrian Army"} <= {a["name"] for a in fc["actors"]}
    assert fc["extent"] == ["2014-03-05", "2020-10-30"]


def test_timeline_aggregates_all_dates_of_the_filter(client: TestClient) -> None:
    tl = client.get("/api/timeline", params={"bucket": "day"}).json()
    assert tl["bucket"] == "day"
    assert sum(sum(v) for v in tl["counts"].values()) == N_EVENTS
    assert all(len(v) == len(tl["buckets"]) for v in tl["counts"].values())
    assert tl["buckets"] == sorted(tl["buckets"])
    # The brushing range filters map and table, not the timeline itself.
    brushed = client.get("/api/timeline", params={"bucket": "day", "date_from": "2020-01-01"})
    assert brushed.json()["counts"] == tl["counts"]
    mali = client.get("/api/timeline", params={"country": "Mali"}).json()
    assert mali["buckets"] == ["2020-10-30"] and mali["bucket"] == "day"
    auto = client.get("/api/timeline").json()  # six years: weekly bars
    assert auto["bucket"] == "week"
    assert sum(sum(v) for v in auto["counts"].values()) == N_EVENTS


def test_map_points_clusters_and_bbox(client: TestClient, monkeypatch) -> None:
    data = client.get("/api/map").json()
    assert data["mode"] == "points" and data["total"] == N_EVENTS
    assert all(len(p) == 5 for p in data["points"])
    mali = client.get("/api/map", params={"bbox": "-20,0,10,25"}).json()
    assert mali["total"] == 2
    assert all(-20 <= p[2] <= 10 for p in mali["points"])
    monkeypatch.setattr(queries, "POINT_LIMIT", 5)
    dense = client.get("/api/map", params={"zoom": 3}).json()
    assert dense["mode"] == "clusters"
    assert sum(c[2] for c in dense["clusters"]) == N_EVENTS
    assert 3 <= len(dense["clusters"]) < N_EVENTS  # three countries, nearby events merged
    assert edit(client, 1, {"latitude": None, "longitude": None}).status_code == 200
    assert client.get("/api/map").json()["unlocated"] == 1


def test_record_evidence_offsets_point_into_the_source(client: TestClient) -> None:
    rec = client.get("/api/events/12").json()
    assert rec["sub_event_type"] == "Suicide bomb"
    doc = client.get(f"/api/documents/{rec['document_id']}").json()
    mine = [s for s in doc["spans"] if s["event_id"] == 12]
    assert len(mine) == len(rec["evidence"]) >= 1
    for ev in rec["evidence"]:
        shown = doc["text"][ev["raw_start"] : ev["raw_end"]]
        assert " ".join(shown.split()) == " ".join(ev["text"].split())
    assert {s["id"] for s in rec["siblings"]} == set(range(1, 32)) - {12}
    assert client.get("/api/events/999").status_code == 404
    assert client.get("/api/documents/999").status_code == 404


# -- review --------------------------------------------------------------------------------
def test_edit_bumps_version_marks_edited_and_is_audited(client: TestClient) -> None:
    r = edit(client, 5, {"fatalities": 7, "admin1": "Idlib", "actor2": "Al-Nusra Front"}, version=1)
    assert r.status_code == 200, r.text
    rec = r.json()
    assert (rec["fatalities"], rec["admin1"], rec["version"]) == (7, "Idlib", 2)
    assert rec["review_state"] == "edited"
    log = client.get("/api/events/5/audit").json()
    assert {(a["field"], a["before"], a["after"]) for a in log} == {
        ("fatalities", None, "7"),
        ("admin1", None, "Idlib"),
        ("actor2", "Military Forces of Syria", "Al-Nusra Front"),
        ("review_state", "unreviewed", "edited"),
    }
    assert all(a["user"] == "ana" and a["at"] for a in log)
    assert client.get("/api/audit").json()[0]["event_id"] == 5
    # The same values again: nothing to change, nothing logged.
    assert edit(client, 5, {"fatalities": 7}).json()["version"] == 2
    assert len(client.get("/api/events/5/audit").json()) == 4
    # The new admin1 is a filter value now.
    assert ids(client, admin1="Idlib") == {5}
    # A GeoNames admin1 code (as the extractor may store) is shown with its name.
    assert edit(client, 6, {"admin1": "SY.12"}).json()["admin1_name"] == "Idlib"
    row = next(e for e in events(client, admin1="SY.12")["items"])
    assert (row["id"], row["admin1_name"]) == (6, "Idlib")


def test_edit_validation(client: TestClient) -> None:
    bad = [
        {"sub_event_type": "Armed clash", "event_type": "Protests"},
        {"sub_event_type": "Made-up type"},
        {"latitude": 200},
        {"fatalities": -1},
        {"fatalities": "many"},
        {"event_date": "2014-13-45"},
        {"date_end": "2000-01-01"},
        {"review_state": "verified"},
        {"id": 7},
        {"event_type": None},
        {"notes": "x" * 5000},
    ]
    for changes in bad:
        r = edit(client, 2, changes)
        assert r.status_code == 422, (changes, r.text)
    assert client.get("/api/events/2").json()["version"] == 1
    # A new sub-event type brings its event type along.
    r = edit(client, 2, {"sub_event_type": "Air/drone strike"})
    assert r.json()["event_type"] == "Explosions/Remote violence"


def test_stale_version_is_refused_with_the_current_record(client: TestClient) -> None:
    assert edit(client, 4, {"fatalities": 1}, version=1).status_code == 200
    r = edit(client, 4, {"fatalities": 2}, version=1)
    assert r.status_code == 409
    assert r.json()["current"]["fatalities"] == 1 and r.json()["current"]["version"] == 2
    assert client.get("/api/events/4").json()["fatalities"] == 1


def test_verify_reject_reopen(client: TestClient) -> None:
    post = client.post
    r = post("/api/events/6/state", json={"version": 1, "state": "verified"}, headers=USER)
    assert r.json()["review_state"] == "verified"
    r = post("/api/events/6/state", json={"version": 2, "state": "rejected"}, headers=USER)
    assert r.json()["review_state"] == "rejected"
    assert ids(client, review_state="rejected") == {6}
    r = post("/api/events/6/state", json={"version": 3, "state": "unreviewed"}, headers=USER)
    assert r.json()["review_state"] == "unreviewed"
    actions = [a["action"] for a in client.get("/api/events/6/audit").json()]
    assert actions == ["reopen", "reject", "verify"]
    r = post("/api/events/6/state", json={"version": 4, "state": "deleted"}, headers=USER)
    assert r.status_code == 422


def test_merge_moves_evidence_and_rejects_the_source(client: TestClient) -> None:
    src, tgt = client.get("/api/events/9").json(), client.get("/api/events/8").json()
    r = client.post(
        "/api/events/9/merge",
        headers=USER,
        json={"into": 8, "version": src["version"], "into_version": tgt["version"]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["source"]["review_state"] == "rejected"
    merged = client.get("/api/events/8").json()
    texts = [e["text"] for e in merged["evidence"]]
    assert all(e["text"] in texts for e in src["evidence"])
    assert merged["review_state"] == "edited"
    assert any(a["field"] == "merged_from" and a["after"] == "9" for a in merged["audit"])
    src_log = client.get("/api/events/9/audit").json()
    assert any(a["field"] == "merged_into" and a["after"] == "8" for a in src_log)
    again = client.post(
        "/api/events/9/merge", headers=USER, json={"into": 8, "version": 2, "into_version": 2}
    )
    assert again.status_code == 422  # a rejected event is not merged again
    itself = client.post(
        "/api/events/8/merge", headers=USER, json={"into": 8, "version": 2, "into_version": 2}
    )
    assert itself.status_code == 422


def test_rerunning_extraction_never_overwrites_reviewed_events(
    web_db: Path, web_documents: list
) -> None:
    with TestClient(create_app(str(web_db), place_search=stub_places)) as c:
        assert edit(c, 20, {"fatalities": 99, "location": "checked"}).status_code == 200
        c.post("/api/events/21/state", json={"version": 1, "state": "rejected"}, headers=USER)
    # Extract every document again with --force: the store replaces unreviewed events only.
    store = open_store(web_db)
    before = store.count("events")
    for doc, evs in web_documents:
        assert store.write_document(doc, evs, replace_same=True).status == "replaced"
    assert store.count("events") == before  # no duplicate of the reviewed events
    store.engine.dispose()
    with TestClient(create_app(str(web_db), place_search=stub_places)) as c:
        kept = c.get("/api/events/20").json()
        assert (kept["fatalities"], kept["location"], kept["review_state"]) == (
            99,
            "checked",
            "edited",
        )
        assert c.get("/api/events/21").json()["review_state"] == "rejected"
        assert len(c.get("/api/events/20/audit").json()) == 3
        # Replaced unreviewed events are searchable again (the FTS index follows).
        assert events(c, q="suicide")["total"] >= 1


@contextmanager
def live_server(db: Path, **kwargs) -> Iterator[str]:
    """The app under uvicorn on a free loopback port (real concurrency, real sockets): the
    shared server of ``conftest``, with the stub place search and no trailing slash."""
    with conftest.live_server(db, place_search=stub_places, **kwargs) as url:
        yield url.rstrip("/")


def test_concurrent_review_edits_are_never_lost(web_db: Path) -> None:
    """Six reviewers each add 1 to the same event's fatalities four times, all at once,
    reloading on 409: every increment must land, each with its audit row."""
    workers, rounds, event_id = 6, 4, 30
    errors: list[str] = []
    conflicts = 0
    lock = threading.Lock()

    def reviewer(base: str, name: str) -> None:
        nonlocal conflicts
        with httpx.Client(base_url=base, timeout=30, headers={"X-Warlog-User": name}) as h:
            done = 0
            while done < rounds:
                rec = h.get(f"/api/events/{event_id}").json()
                r = h.patch(
                    f"/api/events/{event_id}",
                    json={
                        "version": rec["version"],
                        "changes": {"fatalities": (rec["fatalities"] or 0) + 1},
                    },
                )
                if r.status_code == 200:
                    done += 1
                elif r.status_code == 409:
                    with lock:
                        conflicts += 1
                else:
                    errors.append(f"{r.status_code} {r.text}")
                    return

    with live_server(web_db) as base:
        threads = [threading.Thread(target=reviewer, args=(base, f"r{i}")) for i in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        final = httpx.get(f"{base}/api/events/{event_id}").json()
        log = httpx.get(f"{base}/api/events/{event_id}/audit").json()
    assert not errors, errors
    assert final["fatalities"] == workers * rounds
    assert final["version"] == 1 + workers * rounds
    increments = [a for a in log if a["field"] == "fatalities"]
    assert len(increments) == workers * rounds
    assert sorted(int(a["after"]) for a in increments) == list(range(1, workers * rounds + 1))
    assert {a["user"] for a in increments} == {f"r{i}" for i in range(workers)}
    assert conflicts > 0  # the reviewers really did collide


def test_simultaneous_stale_writes_one_wins(web_db: Path) -> None:
    barrier = threading.Barrier(6)
    codes: list[int] = []

    def write(base: str, value: int) -> None:
        barrier.wait()
        r = httpx.patch(
            f"{base}/api/events/31",
            timeout=30,
            json={"version": 1, "changes": {"fatalities": value}},
        )
        codes.append(r.status_code)

    with live_server(web_db) as base:
        threads = [threading.Thread(target=write, args=(base, v)) for v in range(1, 7)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        final = httpx.get(f"{base}/api/events/31").json()
    assert sorted(codes) == [200] + [409] * 5
    assert final["version"] == 2 and 1 <= final["fatalities"] <= 6


# -- export --------------------------------------------------------------------------------
def test_export_csv_follows_the_filter(client: TestClient) -> None:
    r = client.get("/api/export/csv", params={"country": "Syria", "event_type": "Battles"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == [c for c, _ in ACLED_COLUMNS] + EXTRA_COLUMNS
    assert len(rows) == events(client, country="Syria", event_type="Battles")["total"] == 26
    assert {row["country"] for row in rows} == {"Syria"}
    assert all(row["disorder_type"] == "Political violence" and row["evidence"] for row in rows)


def test_export_geojson_and_jsonl_match_the_store(client: TestClient, web_db: Path) -> None:
    gj = client.get("/api/export/geojson", params={"country": "Afghanistan"}).json()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 5
    lon, lat = gj["features"][0]["geometry"]["coordinates"]
    assert 60 < lon < 75 and 29 < lat < 39
    lines = client.get("/api/export/jsonl").text.splitlines()
    exported = [json.loads(line) for line in lines]
    store = open_store(web_db)
    expected = store.iter_event_records()
    store.engine.dispose()
    assert sorted(exported, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    assert client.get("/api/export/parquet").status_code == 422
    assert client.get("/api/export/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)


# -- places --------------------------------------------------------------------------------
def test_place_search_goes_through_the_injected_search(client: TestClient) -> None:
    r = client.get("/api/places", params={"q": "Idlib", "country": "Syria"})
    assert r.json() == [{"name": "Idlib", "country": "Syria", "latitude": 1.0, "longitude": 2.0}]
    assert client.get("/api/places", params={"q": ""}).status_code == 422


def test_gazetteer_search_finds_places_with_admin1_names() -> None:
    from warlog.store.places import gazetteer_search

    found = gazetteer_search("Kunduz", "Afghanistan", 5)
    assert found[0]["name"] == "Kunduz" and found[0]["country_code"] == "AF"
    assert found[0]["admin1"] == "Kunduz"
    assert 36 < found[0]["latitude"] < 37.5 and 68 < found[0]["longitude"] < 69.5
    assert gazetteer_search("Idlib", "SY", 3)[0]["admin1"] == "Idlib"


def test_admin1_names_come_from_the_shipped_base_map() -> None:
    from warlog.store.places import admin1_names

    names = admin1_names()
    assert len(names) > 2000
    assert names["SY.12"] == "Idlib" and names["AF.24"] == "Kunduz"


# -- security ------------------------------------------------------------------------------
def test_token_is_required_when_set(web_db: Path) -> None:
    with TestClient(
        create_app(str(web_db), token="s3cret-token", place_search=stub_places),
        follow_redirects=False,
    ) as c:
        assert c.get("/api/health").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/static/app.js").status_code == 401
        assert c.get("/api/health", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.get("/api/health", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        assert c.get("/api/health", headers={"X-Warlog-Token": "s3cret-token"}).status_code == 200
        first = c.get("/?token=s3cret-token&x=1")
        assert first.status_code == 303 and first.headers["location"] == "/?x=1"
        assert "HttpOnly" in first.headers["set-cookie"]
        assert c.get("/api/health").status_code == 200  # the cookie now carries the token


def test_host_check_blocks_dns_rebinding(web_db: Path) -> None:
    app = create_app(str(web_db), allowed_hosts=LOOPBACK_NAMES, place_search=stub_places)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "evil.example:8000"}).status_code == 400


def test_writes_need_json_from_this_origin_and_bounded_bodies(client: TestClient) -> None:
    body = json.dumps({"version": 1, "changes": {"fatalities": 3}})
    r = client.patch("/api/events/7", content=body, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = client.patch(
        "/api/events/7",
        content=body,
        headers={"Content-Type": "application/json", "Origin": "http://evil.example"},
    )
    assert r.status_code == 403
    huge = json.dumps({"version": 1, "changes": {"notes": "x" * 400_000}})
    r = client.patch("/api/events/7", content=huge, headers={"Content-Type": "application/json"})
    assert r.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b" " * 4096

    r = client.patch(
        "/api/events/7", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert client.get("/api/events/7").json()["version"] == 1
    ok = client.patch(
        "/api/events/7",
        content=body,
        headers={"Content-Type": "application/json", "Origin": "http://testserver"},
    )
    assert ok.status_code == 200


def test_static_paths_never_reach_the_file_system(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static//etc/passwd",
        "/static/..%2F..%2Fstore%2Fschema.py",
        "/static/vendor/../../api.py",
        "/static/C:%5Cwindows%5Cwin.ini",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "sqlalchemy" not in r.text.lower()


def test_vendored_libraries_ship_their_licences() -> None:
    from importlib import resources

    vendor = resources.files("warlog.web").joinpath("static/vendor")
    for lib in vendor.iterdir():
        names = [p.name for p in lib.iterdir()]
        assert any(n.upper().startswith(("LICENSE", "LICENCE")) for n in names), lib.name
    total = sum(
        len(p.read_bytes()) for lib in vendor.iterdir() for p in lib.iterdir() if p.is_file()
    )
    assert total < 15_000_000


# -- server --------------------------------------------------------------------------------
def test_serve_defaults_to_loopback_and_needs_a_token_beyond(web_db: Path, monkeypatch) -> None:
    token, hosts = server.plan("127.0.0.1", None)
    assert token is None and "localhost" in hosts
    token, hosts = server.plan("0.0.0.0", None)
    assert token and len(token) >= 20 and hosts is None
    assert server.plan("192.168.1.5", "mine") == ("mine", None)

    import uvicorn

    ran: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(app=app, **kw))
    monkeypatch.setattr("warlog.store.places.warm_up", lambda: None)
    out = io.StringIO()
    server.serve(str(web_db), host="0.0.0.0", port=8123, out=out)
    printed = out.getvalue()
    assert ran["host"] == "0.0.0.0" and ran["port"] == 8123
    m = re.search(r"http://127\.0\.0\.1:8123/\?token=(\S+)", printed)
    assert m, printed
    with TestClient(ran["app"]) as c:
        assert c.get("/api/health").status_code == 401
        assert (
            c.get("/api/health", headers={"Authorization": f"Bearer {m.group(1)}"}).status_code
            == 200
        )
    out = io.StringIO()
    server.serve(str(web_db), out=out)
    assert ran["host"] == "127.0.0.1" and "http://127.0.0.1:8000/\n" in out.getvalue()


def test_new_events_written_while_serving_are_searchable(web_db: Path) -> None:
    from warlog.ingest.reader import read_text
    from warlog.model import Event, Evidence

    with TestClient(create_app(str(web_db), place_search=stub_places)) as c:
        assert c.get("/api/facets").json()["total"] == N_EVENTS  # cached now
        assert c.get("/api/map").json()["unlocated"] == 0
        doc = read_text("On 2 May 2021 a drone struck a convoy near Testville.", "late.txt")[0]
        ev = Event(
            doc=doc.name,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            event_date=None,
            date_end=None,
            time_precision=None,
            actor1=None,
            actor2=None,
            evidence=[Evidence(doc.text, 0, len(doc.text), 0, len(doc.raw))],
        )
        store = open_store(web_db)
        store.write_document(doc, [ev])
        store.engine.dispose()
        assert ids(c, q="convoy testville") and events(c)["total"] == N_EVENTS + 1
        # Cached aggregates follow a commit made by another process's connection.
        assert c.get("/api/facets").json()["total"] == N_EVENTS + 1
        assert c.get("/api/map").json()["unlocated"] == 1


def test_events_extracted_by_the_pipeline_are_served_with_their_evidence(
    tmp_path: Path, web_fixtures: Path
) -> None:
    """``warlog extract``'s own output (the pipeline on the fixture articles) in the app: every
    evidence span the record view highlights is the evidence text, at its raw offsets."""
    from warlog.pipeline import run

    db = tmp_path / "extracted.db"
    store = open_store(db)
    results = run([web_fixtures / "docs"], store, workers=1)
    assert all(r.status == "stored" for r in results)
    n = store.count("events")
    store.engine.dispose()
    assert n > 0
    with TestClient(create_app(str(db), place_search=stub_places)) as c:
        assert events(c)["total"] == n
        for doc in c.get("/api/facets").json()["documents"]:
            text = c.get(f"/api/documents/{doc['id']}").json()["text"]
            for ev in events(c, document=doc["id"])["items"]:
                for span in c.get(f"/api/events/{ev['id']}").json()["evidence"]:
                    shown = text[span["raw_start"] : span["raw_end"]]
                    assert " ".join(shown.split()) == " ".join(span["text"].split())
        assert len(c.get("/api/export/jsonl").text.splitlines()) == n


# -- PostgreSQL ------------------------------------------------------------------------------
def test_the_app_on_a_postgresql_store(pg_url: str, web_db_builder, monkeypatch) -> None:
    """The same API on a shared PostgreSQL store (no FTS5 there: search falls back to ILIKE;
    no SQLite write lock: the version check in the UPDATE keeps concurrent edits apart)."""
    web_db_builder(pg_url)
    with TestClient(create_app(pg_url, place_search=stub_places)) as c:
        assert events(c)["total"] == N_EVENTS
        assert events(c, country="Mali")["total"] == 2
        assert events(c, actor="TALIBAN")["total"] == 4
        assert events(c, q="suicide")["items"]
        tl = c.get("/api/timeline", params={"bucket": "day"}).json()
        assert sum(sum(v) for v in tl["counts"].values()) == N_EVENTS
        monkeypatch.setattr(queries, "POINT_LIMIT", 5)
        dense = c.get("/api/map", params={"zoom": 3}).json()
        assert sum(cl[2] for cl in dense["clusters"]) == N_EVENTS
        assert edit(c, 5, {"fatalities": 3}, version=1).json()["version"] == 2
        assert edit(c, 5, {"fatalities": 4}, version=1).status_code == 409
        r = c.post(
            "/api/events/9/merge", headers=USER, json={"into": 8, "version": 1, "into_version": 1}
        )
        assert r.status_code == 200 and r.json()["source"]["review_state"] == "rejected"
        assert len(c.get("/api/export/jsonl").text.splitlines()) == N_EVENTS
        assert c.get("/api/facets").json()["review_states"]["rejected"] == 1
