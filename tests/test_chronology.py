"""Chronologies and stored profiles on a real SQLite store (the web fixture database: three
corpus articles and their hand-checked events), through the CLI, the Store and the web API."""

from __future__ import annotations

import json
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from warlog.chronology import chronology
from warlog.chronology.reconcile import reconcile
from warlog.cli import app
from warlog.store import schema as s
from warlog.store.database import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytest_plugins = ["pgserver"]  # a throwaway PostgreSQL server (skips where there is none)

FIX = Path(__file__).parent / "fixtures" / "profile"
DOC = "battle_of_boulikessi.md"
runner = CliRunner()


def run(*args: str) -> str:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def doc_id(db: Path, name: str = DOC) -> int:
    with open_store(db) as store, store.read.connect() as conn:
        return conn.execute(select(s.documents.c.id).where(s.documents.c.name == name)).scalar()


def test_profile_command_reads_the_stored_profile(web_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    run("profile", DOC, "--db", str(web_db), "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["doc"] == DOC and data["document_id"] == doc_id(web_db)
    prof = data["profile"]
    assert prof["form"] == "front_matter" and prof["result"]["outcome"]["text"] == "French victory"
    jnim = next(x for x in prof["sides"] if x["side"] == 2)
    assert jnim["belligerents"][0]["canonical"] == "JNIM"
    assert jnim["loss_totals"]["killed"]["value"] == 50
    # no combatant1 in this infobox: side 1 has strength and casualties but no belligerent
    assert "belligerents" not in next(x for x in prof["sides"] if x["side"] == 1)


def test_profile_command_reads_files_without_a_database(tmp_path: Path) -> None:
    data = json.loads(run("profile", str(FIX / "madagiz_offensive.html"),
                          "--db", str(tmp_path / "none.db")))
    assert data["profile"]["form"] == "html"
    assert not (tmp_path / "none.db").exists()  # nothing created


def test_unknown_document_is_an_error(web_db: Path) -> None:
    res = runner.invoke(app, ["chronology", "no_such_doc.md", "--db", str(web_db)])
    assert res.exit_code == 2 and "no such document" in res.output


def test_profiles_are_stored_with_documents_and_rebuilt_when_missing(web_db: Path) -> None:
    did = doc_id(web_db)
    with open_store(web_db) as store:
        with store.read.connect() as conn:
            stored = conn.execute(select(s.profiles.c.profile)
                                  .where(s.profiles.c.document_id == did)).scalar()
        assert stored["name"]["text"] == "Battle of Boulikessi"
        with store.engine.begin() as conn:
            conn.execute(delete(s.profiles))
        assert store.profile(did) == stored  # built again from the stored raw text
        with store.read.connect() as conn:
            assert conn.execute(select(s.profiles.c.document_id)).scalars().all() == [did]


def test_markdown_chronology_days_evidence_and_reconciliation(web_db: Path) -> None:
    text = run("chronology", DOC, "--db", str(web_db))
    assert text.startswith("# Chronology: Battle of Boulikessi")
    assert "- Result: French victory" in text
    assert "## 2020-10-30" in text
    assert re.search(r"\[source\]\(.*battle_of_boulikessi\.md#char=\d+,\d+\)", text)
    assert "- Side 2: reported killed 50; coded fatalities suffered 50" in text
    assert "- Whole span: reported killed 50; coded fatalities 50 in 2 events (100%" in text


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_chronology_is_one_self_contained_printable_page(web_db: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    run("chronology", DOC, "2014_idlib_offensive.md", "--db", str(web_db), "--format", "html",
        "--out", str(out))
    page = out.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags  # nothing fetched
    assert "@media print" in page
    assert tags.count("article") == 2
    assert any(t == "svg" and a.get("class") == "map" for t, a in parser.tags)
    assert any(t == "svg" and a.get("class") == "timeline" for t, a in parser.tags)
    assert tags.count("circle") >= 1  # the located events
    assert 'id="day-2020-10-30"' in page
    assert "<h1>Battle of Boulikessi</h1>" in page
    assert "Chronology of 2014_idlib_offensive.md" in page


def test_reconciliation_per_side_and_span() -> None:
    profile = {"sides": [
        {"side": 1, "belligerents": [{"name": "France", "canonical": "Military Forces of France"}]},
        {"side": 2, "belligerents": [{"name": "JNIM", "canonical": "JNIM"}],
         "loss_totals": {"killed": {"value": 50, "low": 40, "high": 60}}}],
        "other_losses": [{"kind": "killed", "value": 2}]}
    events = [
        {"actor1": "Military Forces of France", "actor2": "JNIM", "fatalities": 30},
        {"actor1": "JNIM", "actor2": "Military Forces of France", "fatalities": 1},
        {"actor1": "Unknown", "actor2": None, "fatalities": None},
    ]
    rec = reconcile(profile, events)
    jnim = rec["sides"][1]
    assert (jnim["reported_killed"], jnim["reported_low"], jnim["reported_high"]) == (50, 40, 60)
    assert (jnim["coded_fatalities_suffered"], jnim["events"], jnim["share"]) == (30, 2, 0.6)
    assert rec["sides"][0]["reported_killed"] is None and rec["sides"][0]["share"] is None
    assert rec["total"] == {"reported_killed": 52, "coded_fatalities": 31, "events": 3,
                            "share": round(31 / 52, 3)}


def test_web_routes_profile_chronology_and_source(web_db: Path) -> None:
    from warlog.web.app import create_app

    did = doc_id(web_db)
    with TestClient(create_app(str(web_db))) as client:
        prof = client.get(f"/api/documents/{did}/profile").json()
        assert prof["document_id"] == did and prof["profile"]["form"] == "front_matter"
        page = client.get(f"/api/documents/{did}/chronology")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert '<link rel="stylesheet" href="/static/chronology.css">' in page.text
        assert "<style>" not in page.text  # the app's policy allows no inline style
        link = re.search(r'href="(/api/documents/\d+/source\?start=(\d+)&amp;end=(\d+))#evidence"',
                         page.text)
        assert link
        src = client.get(link.group(1).replace("&amp;", "&"))
        with open_store(web_db) as store:
            raw = store.document(did)["text"]
        marked = re.search(r'<mark id="evidence">(.*?)</mark>', src.text, re.S).group(1)
        assert marked.startswith(raw[int(link.group(2)) : int(link.group(2)) + 20])
        assert client.get("/static/chronology.css").status_code == 200
        assert client.get("/api/documents/999999/profile").status_code == 404
        assert client.get("/api/documents/999999/chronology").status_code == 404


def test_chronology_of_a_document_by_id(web_db: Path) -> None:
    with open_store(web_db) as store:
        c = chronology(store, str(doc_id(web_db)))
    assert c is not None and c["document"]["name"] == DOC
    assert [d["date"] for d in c["days"]] == ["2020-10-30"] and len(c["days"][0]["events"]) == 2
    assert c["points"] and c["points"][0]["label"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_chronology_out_file(web_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"c.{fmt}"
    assert run("chronology", DOC, "--db", str(web_db), "--format", fmt, "--out", str(out)) == ""
    assert "Boulikessi" in out.read_text(encoding="utf-8")


def test_profiles_and_chronology_on_postgresql(pg_url: str, web_db_builder) -> None:
    web_db_builder(pg_url)
    with open_store(pg_url) as store:
        c = chronology(store, DOC)
        assert c is not None and c["profile"]["result"]["outcome"]["text"] == "French victory"
        assert c["reconciliation"]["total"]["reported_killed"] == 50
        with store.engine.begin() as conn:
            conn.execute(delete(s.profiles))
        assert store.profile(c["document"]["id"]) == c["profile"]  # rebuilt, the same


def test_reports_of_the_same_events_in_other_documents(tmp_path: Path) -> None:
    """With event groups linked (warlog.store.groups), each event lists the other documents'
    reports of it, with their evidence."""
    import dataclasses

    from conftest import fixture_documents

    doc, events = next((d, e) for d, e in fixture_documents() if d.name == DOC)
    mirror = dataclasses.replace(doc, name="boulikessi_mirror.md")
    store = open_store(tmp_path / "g.db")
    store.write_document(doc, events)
    store.write_document(mirror, [dataclasses.replace(e, doc=mirror.name) for e in events])
    store.link_groups()
    c = chronology(store, DOC)
    others = [o for d in c["days"] for e in d["events"] for o in e["also_reported_in"]]
    assert len(others) == 2 and {o["doc"] for o in others} == {"boulikessi_mirror.md"}
    from warlog.chronology import to_markdown
    assert "also reported in boulikessi_mirror.md: On the evening of October 30" in to_markdown(c)
    store.close()
