"""Reviewed events keep evidence that points at the right text when their document changes.

``warlog extract`` on a real corpus article into a real SQLite file; an event is verified
through the store's review API; the article is edited and extracted again with ``--force``.
The verified event's evidence spans must select the same sentences in the new version, and a
sentence that is gone must leave the event flagged for re-review (``recheck``), audited, and
visible as such in the web app.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.ingest.reader import read_path
from warlog.model import Document, OffsetMap
from warlog.store.database import open_store
from warlog.store.reanchor import NOT_FOUND, RECHECK, _Locator, nearest

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
ARTICLE = "battle_of_boulikessi.md"
runner = CliRunner()
pytest_plugins = ["pgserver"]  # a throwaway PostgreSQL server (skips where there is none)


def extract(path: Path, db: Path | str, *more: str) -> None:
    res = runner.invoke(app, ["extract", str(path), "--db", str(db), "--quiet", "--workers", "1",
                              *more])
    assert res.exit_code == 0, res.output


def spans_text(store, event_id: int) -> list[str]:
    """The raw text each stored evidence span of the event selects in its document now."""
    rec = store.event(event_id)
    raw = store.document(rec["document_id"])["text"]
    return [raw[e["raw_start"]:e["raw_end"]] for e in rec["evidence"]]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    target = tmp_path / "docs" / ARTICLE
    target.parent.mkdir()
    shutil.copy(FIXTURES / ARTICLE, target)
    return target


@pytest.fixture
def stored(article: Path, tmp_path: Path):
    """The article extracted into a fresh SQLite store: (database path, store)."""
    db = tmp_path / "w.db"
    extract(article, db)
    return db, open_store(db)


def _verified_event(store, index: int = -1) -> dict:
    """Verify (through the store API) the event with the most evidence spans."""
    records = sorted(store.iter_event_records(), key=lambda r: (len(r["evidence_spans"]), r["id"]))
    rec = records[index]
    current = store.event(rec["id"])
    store.set_state(rec["id"], "verified", current["version"], "tester")
    return store.event(rec["id"])


def test_verified_evidence_follows_its_text_after_a_paragraph_is_inserted(
    article: Path, stored
) -> None:
    db, store = stored
    event = _verified_event(store)
    before = spans_text(store, event["id"])
    assert len(before) >= 2 and all(t.strip() for t in before)
    starts = [e["raw_start"] for e in event["evidence"]]

    raw = article.read_text(encoding="utf-8")
    para = raw.rfind("\n\n", 0, starts[0]) + 2  # the paragraph holding the first evidence
    inserted = "The weather in the region was unremarkable that season, as it often is.\n\n"
    article.write_text(raw[:para] + inserted + raw[para:], encoding="utf-8")
    extract(article, db, "--force")

    after = store.event(event["id"])
    assert after["review_state"] == "verified" and after["version"] == event["version"]
    assert spans_text(store, event["id"]) == before
    assert [e["raw_start"] for e in after["evidence"]] == [s + len(inserted) for s in starts]
    assert store.document(after["document_id"])["text"].count(inserted) == 1
    moved = [a for a in store.audit_log(event["id"]) if a["action"] == "reanchor"]
    assert len(moved) == 1 and moved[0]["user"] == "warlog extract"
    assert moved[0]["after"] == "re-anchored in the changed document"
    # The export carries the new offsets too (the JSON Lines contract).
    rec = next(r for r in store.iter_event_records() if r["id"] == event["id"])
    assert [s["start"] for s in rec["evidence_spans"]] == [
        e["raw_start"] for e in after["evidence"]
    ]


def test_evidence_that_left_the_document_flags_the_event_for_re_review(
    article: Path, stored
) -> None:
    db, store = stored
    event = _verified_event(store)
    gone = event["evidence"][0]["text"]
    kept = [e["text"] for e in event["evidence"][1:]]
    raw = article.read_text(encoding="utf-8")
    assert raw.count(gone) == 1
    article.write_text(raw.replace(gone, "A sentence that says something else."), encoding="utf-8")
    extract(article, db, "--force")

    after = store.event(event["id"])
    assert after["review_state"] == RECHECK
    assert after["version"] == event["version"] + 1  # a reviewer holding the old one is told
    lost, *found = after["evidence"]
    assert lost["text"] == gone and (lost["raw_start"], lost["raw_end"]) == (NOT_FOUND, NOT_FOUND)
    assert spans_text(store, event["id"])[1:] == kept
    audit = [a for a in store.audit_log(event["id"]) if a["action"] == "reanchor"]
    assert {a["field"] for a in audit} == {"evidence", "review_state"}
    assert any(a["after"] == "not found in the changed document" for a in audit)
    assert any(a["before"] == "verified" and a["after"] == RECHECK for a in audit)
    # Still exported (it is not rejected), and the web app lists it under its own state.
    assert event["id"] in {r["id"] for r in store.iter_event_records()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from warlog.web.app import create_app

    with TestClient(create_app(str(db), place_search=lambda q, c, n: [])) as client:
        listed = client.get("/api/events", params={"review_state": RECHECK}).json()
        assert [e["id"] for e in listed["items"]] == [event["id"]] and listed["total"] == 1
        assert client.get("/api/facets").json()["review_states"][RECHECK] == 1
        shown = client.get(f"/api/documents/{after['document_id']}").json()["spans"]
        mine = sorted((s["start"], s["end"]) for s in shown if s["event_id"] == event["id"])
        # The lost span selects no text (the page highlights only spans with end > start).
        assert mine == sorted([(NOT_FOUND, NOT_FOUND)] + [(e["raw_start"], e["raw_end"])
                                                          for e in found])
        assert all(0 <= s <= e for s, e in mine[1:])
        record = client.get(f"/api/events/{event['id']}").json()
        assert record["review_state"] == RECHECK and record["evidence"][0]["raw_start"] < 0
        # A reviewer verifies it again: the flag is an ordinary review state.
        ok = client.post(f"/api/events/{event['id']}/state",
                         json={"version": after["version"], "state": "verified"})
        assert ok.status_code == 200 and ok.json()["review_state"] == "verified"

    # An identical re-run changes nothing more: no new audit rows, no new flag.
    n_audit = len(store.audit_log(event["id"]))
    extract(article, db, "--force")
    assert len(store.audit_log(event["id"])) == n_audit
    assert store.event(event["id"])["review_state"] == "verified"


def test_the_occurrence_nearest_the_old_offset_wins(tmp_path: Path) -> None:
    """A copy of the evidence pasted at the top is not taken for the original, which moved."""
    text = (FIXTURES / ARTICLE).read_text(encoding="utf-8")
    old = read_path(FIXTURES / ARTICLE)[0]
    sentence = "The jihadist column on motorcycles was first spotted by a drone."
    start = old.raw.index(sentence)
    pasted = f"Quoted: {sentence}\n\n" + "Another paragraph added before it.\n\n" * 3
    head = text.index("\n\n") + 2
    new_file = tmp_path / ARTICLE
    new_file.write_text(text[:head] + pasted + text[head:], encoding="utf-8")
    new = read_path(new_file)[0]
    found = _Locator(old.raw, new).find(sentence, start, start + len(sentence))
    assert found == (start + len(pasted), start + len(pasted) + len(sentence))
    assert new.raw[found[0]:found[1]] == sentence
    # nearest() itself: ties and misses.
    assert nearest("ab ab ab", "ab", 4) == 3
    assert nearest("ab ab ab", "ab", 5) == 6
    assert nearest("ab ab ab", "zz", 3) == -1 and nearest("abc", "", 1) == -1


def test_the_cleaned_text_finds_evidence_whose_markup_changed(tmp_path: Path) -> None:
    """The raw snippet is gone (a link was added inside the sentence) but the sentence reads
    the same: it is found through the cleaned text and mapped back to raw offsets."""
    text = (FIXTURES / ARTICLE).read_text(encoding="utf-8")
    old = read_path(FIXTURES / ARTICLE)[0]
    sentence = "The jihadist column on motorcycles was first spotted by a drone."
    start = old.raw.index(sentence)
    new_file = tmp_path / ARTICLE
    new_file.write_text(text.replace("spotted by a drone", "spotted by a [drone](drone.md)"),
                        encoding="utf-8")
    new = read_path(new_file)[0]
    assert sentence not in new.raw and sentence in new.text
    found = _Locator(old.raw, new).find(sentence, start, start + len(sentence))
    assert found is not None
    assert new.raw[found[0]:found[1]] == "The jihadist column on motorcycles was first spotted " \
                                         "by a [drone](drone.md)."


def test_re_anchoring_is_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of spans lost in a 4 MB document: each look-up is at most two nearest-
    occurrence searches (two linear ``str.find`` scans each), never a fuzzy one. Counted,
    not timed: speed is measured in benchmarks."""
    from warlog.store import reanchor

    old = read_path(FIXTURES / ARTICLE)[0]
    text = "Nothing to see here, paragraph after paragraph.\n\n" * 80_000
    new = Document("big.txt", "big.txt", text, text, OffsetMap.identity(len(text)), "plaintext")
    calls: list[int] = []
    real = reanchor.nearest

    def counted(haystack: str, needle: str, near: int) -> int:
        calls.append(len(haystack))
        return real(haystack, needle, near)

    monkeypatch.setattr(reanchor, "nearest", counted)
    locator = _Locator(old.raw, new)
    for i in range(300):
        before = len(calls)
        assert locator.find(f"A sentence {i} that is nowhere.", i * 7, i * 7 + 30) is None
        assert len(calls) - before <= 2
    assert calls and max(calls) <= len(text)


def test_re_anchoring_on_a_postgresql_store(article: Path, pg_url: str) -> None:
    """The same pass on a shared PostgreSQL store: one change moves some spans and loses one."""
    extract(article, pg_url)
    store = open_store(pg_url)
    event = _verified_event(store)
    texts = [e["text"] for e in event["evidence"]]
    raw = article.read_text(encoding="utf-8")
    para = raw.rfind("\n\n", 0, event["evidence"][0]["raw_start"]) + 2
    changed = raw[:para] + "An added paragraph.\n\n" + raw[para:]
    article.write_text(changed.replace(texts[1], "Something else entirely."), encoding="utf-8")
    extract(article, pg_url, "--force")

    after = store.event(event["id"])
    assert after["review_state"] == RECHECK
    assert [e["raw_start"] for e in after["evidence"]][1] == NOT_FOUND
    shown = spans_text(store, event["id"])
    assert shown[0] == texts[0] and shown[2:] == texts[2:]
    store.engine.dispose()


def test_merging_keeps_every_lost_span(article: Path, stored) -> None:
    """Spans that were not found share the offsets -1: a merge still tells them apart by text."""
    db, store = stored
    small, big = _verified_event(store, 0), _verified_event(store, -1)
    lost = [small["evidence"][0]["text"], big["evidence"][0]["text"]]
    raw = article.read_text(encoding="utf-8")
    for i, sentence in enumerate(lost):
        raw = raw.replace(sentence, f"Replacement sentence number {i}.")
    article.write_text(raw, encoding="utf-8")
    extract(article, db, "--force")
    small, big = store.event(small["id"]), store.event(big["id"])
    assert small["review_state"] == big["review_state"] == RECHECK
    store.merge(small["id"], big["id"], small["version"], big["version"], "tester")
    merged = store.event(big["id"])["evidence"]
    assert [e["text"] for e in merged if e["raw_start"] == NOT_FOUND] == [lost[1], lost[0]]
