"""Hostile requests against the web app answer with a reason, never a 500 or a dropped
connection; every answer carries the anti-framing headers; exports cannot smuggle formulas.

Against the real fixture database (three corpus articles, 38 events; see ``conftest.py``) and,
for the search rule, a throwaway PostgreSQL server too (skipped where there is none).
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from warlog.cli import app as cli_app
from warlog.store.database import open_store
from warlog.store.schema import events
from warlog.web import server
from warlog.web.app import create_app
from warlog.web.security import content_security_policy, json_body_problem

with warnings.catch_warnings():  # starlette's notice about its test client's HTTP library
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pytest_plugins = ["pgserver"]

N_EVENTS = 38
HUGE = str(2**63)  # one past SQLite's (and PostgreSQL's bigint) largest integer
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def client(web_db: Path) -> Iterator[TestClient]:
    app = create_app(str(web_db), place_search=lambda q, c, n: [])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _version(client: TestClient, event_id: int) -> int:
    return client.get(f"/api/events/{event_id}").json()["version"]


# -- item 8: integers out of range, NaN, lone surrogates ---------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        f"/api/events?document={HUGE}",
        f"/api/map?document={HUGE}",
        f"/api/timeline?document={HUGE}",
        f"/api/export/csv?document={HUGE}",
        f"/api/export/jsonl?document=1&document={HUGE}",
        "/api/events?document=0",
        "/api/events?document=-1",
        f"/api/events?page={HUGE}",
        f"/api/events?page_size={HUGE}",
        f"/api/audit?limit={HUGE}",
        f"/api/audit?offset={HUGE}",
        f"/api/map?zoom={HUGE}",
        f"/api/events/{HUGE}",
        f"/api/events/{HUGE}/audit",
        f"/api/documents/{HUGE}",
        "/api/events/-5",
    ],
)
def test_integers_out_of_range_are_refused_with_a_reason(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert r.json()["detail"]


def test_the_range_message_names_the_parameter(client: TestClient) -> None:
    r = client.get("/api/events", params={"document": HUGE})
    assert "document" in r.json()["detail"] and "1 to" in r.json()["detail"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/events/7/merge", {"into": int(HUGE), "version": 1, "into_version": 1}),
        ("/api/events/7/merge", {"into": 8, "version": int(HUGE), "into_version": 1}),
        ("/api/events/7/state", {"version": int(HUGE), "state": "verified"}),
    ],
)
def test_ids_and_versions_in_bodies_are_range_checked(
    client: TestClient, path: str, body: dict
) -> None:
    r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    assert _version(client, 7) == 1


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"version": NaN, "changes": {"notes": "x"}}', "NaN"),
        (b'{"version": Infinity, "changes": {"notes": "x"}}', "Infinity"),
        (b'{"version": 1, "changes": {"latitude": -Infinity}}', "Infinity"),
        (b'{"version": 1e400, "changes": {"notes": "x"}}', "beyond the range"),
        (b'{"version": 1, "changes": {"latitude": -1e999}}', "beyond the range"),
        (b'{"version": 1, "changes": {"notes": "\\ud800"}}', "surrogate"),
        (b'{"version": 1, "changes": {"notes\\udfff": "x"}}', "surrogate"),
        (b'{"version": 1, "changes": {"notes": "a\\u0000b"}}', "NUL"),
        (b'{"version": 1, "changes": {"notes": "\xff\xfe"}}', "UTF-8"),
        (b'{"version": 1, "changes": {"fatalities": 1' + b"0" * 5000 + b"}}", "too long"),
        (b'{"version": 1, "changes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "deep"),
        (b'{"version": 1, "changes": {', "not valid JSON"),
    ],
)
def test_bodies_that_are_not_strict_json_get_400_with_the_reason(
    client: TestClient, raw: bytes, reason: str
) -> None:
    r = client.patch("/api/events/7", content=raw, headers=JSON)
    assert r.status_code == 400, r.text[:200]
    assert reason in r.json()["detail"]
    assert _version(client, 7) == 1  # nothing was written


@pytest.mark.parametrize("path", ["/api/events/7/state", "/api/events/7/merge"])
@pytest.mark.parametrize("raw", [b"1e400", b"[1e400]", b'{"version": 1e400, "state": "x"}',
                                 b'{"into": 1e400, "version": 1, "into_version": 1}'])
def test_numbers_beyond_float_range_never_make_a_500(
    client: TestClient, path: str, raw: bytes
) -> None:
    r = client.post(path, content=raw, headers=JSON)
    assert r.status_code == 400, r.text[:200]


def test_a_lone_surrogate_in_any_write_route_is_refused(client: TestClient) -> None:
    r = client.post("/api/events/7/state", content=b'{"version": 1, "state": "\\ud83d"}',
                    headers=JSON)
    assert r.status_code == 400
    # A proper pair (an emoji) is ordinary text and is stored.
    ok = client.patch("/api/events/7", content=b'{"version": 1, "changes": {"notes": "\\ud83d'
                      b'\\ude00 ok"}}', headers=JSON)
    assert ok.status_code == 200 and ok.json()["notes"] == "\U0001f600 ok"


def test_a_nul_in_the_query_string_is_refused(client: TestClient) -> None:
    r = client.get("/api/events?actor=%00x")
    assert r.status_code == 400 and "NUL" in r.json()["detail"]


def test_json_body_problem_accepts_ordinary_bodies() -> None:
    assert json_body_problem(b'{"version": 2, "changes": {"notes": "Caf\\u00e9 \xc3\xa9"}}') is None
    assert json_body_problem(json.dumps({"a": [1.5, -2, None, True, "x" * 1000]}).encode()) is None
    assert json_body_problem(b"[" * 500 + b"]" * 500) is None  # deep, but within reason


# -- item 9: a search without words --------------------------------------------------------
@pytest.mark.parametrize("q", ["*", "**", "?!", "-", '"', "()", "   *  "])
def test_a_search_without_words_matches_everything_and_says_so(
    client: TestClient, q: str
) -> None:
    page = client.get("/api/events", params={"q": q, "page_size": 200}).json()
    assert page["total"] == len(page["items"]) == N_EVENTS
    assert len(client.get("/api/export/jsonl", params={"q": q}).text.splitlines()) == N_EVENTS
    tl = client.get("/api/timeline", params={"q": q, "bucket": "day"}).json()
    assert sum(sum(v) for v in tl["counts"].values()) == N_EVENTS


def test_a_search_with_words_still_narrows_and_counts_right(client: TestClient) -> None:
    page = client.get("/api/events", params={"q": "suicide*", "page_size": 200}).json()
    assert 0 < page["total"] == len(page["items"]) < N_EVENTS
    none = client.get("/api/events", params={"q": "zzyzxq"}).json()
    assert none["total"] == 0 and none["items"] == []


def test_postgresql_search_without_words_agrees(pg_url: str, web_db_builder) -> None:
    """The ILIKE fallback (no FTS5 on PostgreSQL) follows the same rule."""
    web_db_builder(pg_url)
    with TestClient(create_app(pg_url, place_search=lambda q, c, n: [])) as c:
        for q in ("*", "?!"):
            page = c.get("/api/events", params={"q": q, "page_size": 200}).json()
            assert page["total"] == len(page["items"]) == N_EVENTS
        words = c.get("/api/events", params={"q": "suicide", "page_size": 200}).json()
        assert 0 < words["total"] == len(words["items"]) < N_EVENTS
        assert c.get("/api/events?actor=%00").status_code == 400  # PostgreSQL refuses NUL


# -- item 11: headers, origins, tokens ------------------------------------------------------
def _csp(headers) -> dict[str, str]:
    return {
        d.split()[0]: d.partition(" ")[2] for d in headers["content-security-policy"].split("; ")
    }


@pytest.mark.parametrize(
    "url", ["/", "/static/app.css", "/api/health", "/api/events", "/openapi.json",
            "/static/nothing.js", "/api/events/999999", "/api/export/csv"],
)
def test_every_answer_forbids_framing(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.headers["x-frame-options"] == "DENY"
    csp = _csp(r.headers)
    assert csp["frame-ancestors"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_refusals_from_the_guard_carry_the_headers_too(web_db: Path) -> None:
    app = create_app(str(web_db), token="a-long-enough-token-1234", allowed_hosts=["testserver"])
    with TestClient(app) as c:
        for r in (c.get("/api/health"), c.get("/", headers={"Host": "evil.example"})):
            assert r.status_code in (400, 401)
            assert r.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_api_docs_page_allows_exactly_its_own_inline_script(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["x-frame-options"] == "DENY"
    scripts = _csp(r.headers)["script-src"].split()
    assert scripts[0] == "'self'" and len(scripts) == 2 and scripts[1].startswith("'sha256-")
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]


def test_an_online_tile_server_is_allowed_as_an_image_source(web_db: Path) -> None:
    app = create_app(str(web_db), tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        assert "https://*.tile.example.org" in _csp(c.get("/").headers)["img-src"]
    assert "example" not in content_security_policy(None)
    assert "javascript" not in content_security_policy("javascript:alert(1)//{z}")


@pytest.mark.parametrize("origin", ["null", "NULL", "http://evil.example", "file://"])
def test_writes_from_another_or_an_opaque_origin_are_refused(
    client: TestClient, origin: str
) -> None:
    r = client.post("/api/events/7/state", json={"version": 1, "state": "verified"},
                    headers={"Origin": origin})
    assert r.status_code == 403
    assert _version(client, 7) == 1
    ok = client.post("/api/events/7/state", json={"version": 1, "state": "verified"},
                     headers={"Origin": "http://testserver"})
    assert ok.status_code == 200


def test_serve_refuses_a_short_or_odd_token(web_db: Path, capsys, monkeypatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("must not start"))
    for token in ("x", "s3cret", "fifteen-chars!!", "sixteen chars ok", "ünïcödé-tökën-123"):
        with pytest.raises(SystemExit) as exit_:
            server.serve(str(web_db), host="0.0.0.0", token=token, out=io.StringIO())
        assert exit_.value.code == 2
        assert "access token" in capsys.readouterr().err
    assert server.token_problem("a" * server.MIN_TOKEN) is None
    assert server.token_problem(None) is None


def test_the_cli_says_why_a_short_token_is_refused(web_db: Path) -> None:
    res = CliRunner().invoke(cli_app, ["serve", "--db", str(web_db), "--token", "abc"])
    assert res.exit_code == 2
    assert "at least 16 characters" in res.output


# -- item 11: CSV formulas ------------------------------------------------------------------
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\tTAB", "\rCR", "=1"]


def _plant_formulas(db: Path) -> None:
    """Put formula-like values in the text fields of events, as a hostile document could
    (straight into the table: the review API would trim the tab and the carriage return)."""
    store = open_store(db)
    with store.engine.begin() as conn:
        for i, value in enumerate(FORMULAS, start=1):
            conn.execute(
                update(events).where(events.c.id == i).values(notes=value, location=value)
            )
    store.engine.dispose()


def _csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _check_neutralised(rows: list[dict[str, str]]) -> None:
    planted = [r for r in rows if r["notes"].lstrip("'") in FORMULAS]
    assert len(planted) == len(FORMULAS)
    for row in rows:
        for col, value in row.items():
            assert not re.match(r"[=+\-@\t\r]", value or "") or _number(value), (col, value)
    for row in planted:
        assert row["notes"] == "'" + row["notes"][1:] and row["notes"][1:] in FORMULAS
        assert row["location"] == row["notes"]


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_web_csv_export_neutralises_formulas(web_db: Path) -> None:
    _plant_formulas(web_db)
    with TestClient(create_app(str(web_db), place_search=lambda q, c, n: [])) as c:
        _check_neutralised(_csv_cells(c.get("/api/export/csv").text))
        # JSON Lines is data, not a spreadsheet: values stay exactly as stored.
        notes = {json.loads(x)["notes"] for x in c.get("/api/export/jsonl").text.splitlines()}
        assert set(FORMULAS) <= notes


def test_cli_csv_export_neutralises_formulas(web_db: Path, tmp_path: Path) -> None:
    _plant_formulas(web_db)
    out = tmp_path / "events.csv"
    res = CliRunner().invoke(cli_app, ["export", str(out), "--db", str(web_db)])
    assert res.exit_code == 0, res.output
    _check_neutralised(_csv_cells(out.read_bytes().decode("utf-8")))  # keep the \r
