"""Shared test fixtures: a real warlog SQLite database built from corpus documents.

``tests/fixtures/web/docs/`` holds three corpus articles (Syria, Mali, Afghanistan) and
``events.json`` hand-checked event records for them; the builder reads each article with
warlog's own reader, places every evidence quote at its offsets in the text, and stores the
events through ``Store.write_document``, exactly as ``warlog extract`` would.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "web"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty store: a new SQLite file, or a new database on the test PostgreSQL server
    (a module that asks for it loads ``pytest_plugins = ["pgserver"]``). A module's own
    ``store`` fixture takes its place there."""
    from warlog.store.database import open_store

    target = (str(tmp_path / "warlog.db") if request.param == "sqlite"
              else request.getfixturevalue("pg_url"))
    st = open_store(target)
    yield st
    st.close()


def evidence_in(doc, quote: str):
    """The ``Evidence`` of ``quote`` in ``doc`` (white space between its words may differ)."""
    from warlog.model import Evidence

    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, doc.text)
    assert m, f"evidence not in {doc.name}: {quote[:40]}"
    return Evidence(m.group(0), m.start(), m.end(), doc.to_raw(m.start()), doc.to_raw(m.end()))


def fixture_documents() -> list[tuple[Any, list[Any]]]:
    """Each fixture article as a ``Document`` with its ``Event`` list (evidence placed)."""
    from warlog.ingest.reader import read_path

    records = json.loads((FIXTURES / "events.json").read_text(encoding="utf-8"))
    out = []
    for file in sorted((FIXTURES / "docs").iterdir()):
        doc = read_path(file)[0]
        events = []
        for r in records:
            if r["doc"] != file.name:
                continue
            fields = {k: v for k, v in r.items() if k not in ("doc", "evidence")}
            events.append(event_of(doc, fields, r["evidence"]))
        out.append((doc, events))
    return out


def groups_by_key(store) -> set[frozenset[str]]:
    """A store's event groups as sets of fixture keys (each report's key kept in ``notes``)."""
    from sqlalchemy import select

    from warlog.store import schema as s

    ev, gm = s.events, s.group_members
    with store.read.connect() as conn:
        rows = conn.execute(select(ev.c.notes, gm.c.group_id)
                            .select_from(ev.join(gm, gm.c.event_id == ev.c.id))).all()
    out: dict[int, set[str]] = {}
    for key, gid in rows:
        out.setdefault(gid, set()).add(key)
    return {frozenset(v) for v in out.values()}


def fixture_texts() -> list[str]:
    """The texts of the bundled fixture documents: every corpus article copied into
    ``tests/fixtures/corpus`` and every golden news item."""
    root = Path(__file__).parent / "fixtures"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "corpus").iterdir())
             if p.suffix in (".md", ".txt")]
    for line in (root / "golden" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def write_tuples(store, folder: Path, reports: list[tuple[Any, ...]],
                 fields: Callable[[tuple[Any, ...]], dict[str, Any]],
                 note: Callable[[tuple[Any, ...]], str]) -> None:
    """One document of the reports' sentences: each report a tuple of its document's name (the
    first report's names the file), its sentence and what ``fields`` and ``note`` read of it
    (the event's fields and its key in ``notes``)."""
    from warlog.ingest.reader import read_path

    path = folder / reports[0][0]
    path.write_text("\n\n".join(r[1] for r in reports) + "\n", encoding="utf-8")
    doc = read_path(path)[0]
    store.write_document(doc, [event_of(doc, fields(r), [r[1]], notes=note(r))
                               for r in reports])


def place_note(report: tuple[Any, ...]) -> str:
    """A report tuple's key in ``notes``: its document's name and its location."""
    return f"{report[0]}:{report[2]['location']}"


def report_key(fields: Callable[[tuple[Any, ...]], dict[str, Any]], report: tuple[Any, ...],
               eid: int) -> Any:
    """The group rule's key of a report tuple (document name, sentence, fields), as its own
    document ``eid``, with the terms its sentence tells."""
    from warlog.store.group_evidence import evidence_bands, evidence_terms
    from warlog.store.group_rule import link_key

    text = report[1]
    return link_key({**fields(report), "id": eid, "document_id": eid},
                    terms=evidence_terms(text, evidence_bands([text])[0]))


def linked_groups(store, folder: Path, docs: list[list[tuple[Any, ...]]],
                  fields: Callable[[tuple[Any, ...]], dict[str, Any]],
                  note: Callable[[tuple[Any, ...]], str] = place_note) -> list[list[str]]:
    """Each list of report tuples written as one document, the store linked: its groups as
    sorted lists of the reports' notes."""
    for reports in docs:
        write_tuples(store, folder, reports, fields, note)
    store.link_groups()
    return sorted(sorted(g) for g in groups_by_key(store))


def write_reports(store, folder: Path, name: str, reports: list[tuple[str, str, dict]],
                  record: Callable[..., dict[str, Any]]) -> None:
    """A document ``name`` of the reports' sentences, each report an event on its sentence:
    ``record(place, text, 0, **changes)["rec"]`` gives its fields, ``notes`` its key."""
    from warlog.ingest.reader import read_path

    path = folder / name
    path.write_text("\n\n".join(text for _, text, _ in reports) + "\n", encoding="utf-8")
    doc = read_path(path)[0]
    events = []
    for place, text, changes in reports:
        rec = record(place, text, 0, **changes)["rec"]
        fields = {k: v for k, v in rec.items() if k not in ("id", "document_id")}
        events.append(event_of(doc, fields, [text], notes=f"{name}:{place}"))
    store.write_document(doc, events)


def extract_items(folder: Path, items: Mapping[str, str | tuple[str, str]],
                  day: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """News items (key -> text, or -> (text, its own publication day); otherwise published on
    ``day`` when given) written as one JSON Lines file and run through the whole extractor;
    the records of each item by its key."""
    from warlog.api import extract

    lines = []
    for k, item in items.items():
        text, own = (item, day) if isinstance(item, str) else item
        dated = {"date": own} if own else {}
        lines.append(json.dumps({"id": k, **dated, "text": text}) + "\n")
    path = folder / "items.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    by_item: dict[str, list[dict[str, Any]]] = {k: [] for k in items}
    for r in extract(path):
        by_item[r["doc"].rsplit("#", 1)[1]].append(r)
    return by_item


def first_types(folder: Path, cases: Mapping[str, tuple[str, str, str]]) -> dict[str, str]:
    """News items (key -> (publication day, text, expected type)) written as one JSON Lines
    file in ``folder`` and run through the whole extractor: each item's first record's
    sub-event type, or "NONE" where it has none."""
    from warlog.api import extract

    path = folder / "items.jsonl"
    path.write_text("".join(json.dumps({"id": k, "date": d, "text": t}) + "\n"
                            for k, (d, t, _) in cases.items()), encoding="utf-8")
    first = dict.fromkeys(cases, "NONE")
    for r in extract(path):
        key = str(r["doc"]).rsplit("#", 1)[1]
        if first[key] == "NONE":
            first[key] = str(r["sub_event_type"])
    return first


def extract_one(folder: Path, text: str, day: str) -> list[dict[str, Any]]:
    """One news item published on ``day``, run through the whole extractor: its records."""
    return extract_items(folder, {"t1": (text, day)})["t1"]


def record_of_type(folder: Path, text: str, sub: str, day: str) -> dict[str, Any]:
    """The one record of sub-event type ``sub`` of a news item published on ``day``."""
    got = [r for r in extract_one(folder, text, day) if r["sub_event_type"] == sub]
    assert len(got) == 1, got
    return got[0]


def extract_articles(tmp_path_factory: pytest.TempPathFactory,
                     docs: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Short articles (key -> text), each written as its own Markdown document titled "Test
    <key>" in a folder of its own and run through the whole extractor; the records by key."""
    from warlog.api import extract

    out: dict[str, list[dict[str, Any]]] = {}
    for key, text in docs.items():
        folder: Path = tmp_path_factory.mktemp(key)
        (folder / f"{key}.md").write_text(f"# Test {key}\n\n{text}\n", encoding="utf-8")
        out[key] = list(extract(folder))
    return out


def extract_titled(folder: Path, text: str, title: str) -> list[dict[str, Any]]:
    """One article titled ``title`` (a Markdown document in ``folder``), run through the whole
    extractor: its records."""
    from warlog.api import extract

    path = folder / "doc.md"
    path.write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    return list(extract(str(path)))


def near(rec: dict[str, Any], point: tuple[float, float], within: float = 0.05) -> bool:
    """The record is coded within ``within`` degrees of ``point`` (latitude, longitude)."""
    return (rec["latitude"] is not None and abs(rec["latitude"] - point[0]) < within
            and abs(rec["longitude"] - point[1]) < within)


def records_on(recs: list[dict[str, Any]], day: str) -> list[dict[str, Any]]:
    """The records dated ``day``; there must be one."""
    out = [r for r in recs if r["event_date"] == day]
    assert out, recs
    return out


def with_evidence(recs: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    """The records whose evidence holds ``words``."""
    return [r for r in recs if words in r["evidence"]]


def only_record(records: dict[str, list[dict[str, Any]]], key: str) -> dict[str, Any]:
    """The one record of item ``key`` (the test fails when it has none or several)."""
    assert len(records[key]) == 1, records[key]
    return records[key][0]


def event_of(doc, fields: dict[str, Any], quotes: list[str], **extra: Any):
    """An ``Event`` of ``doc`` from a record's fields (ISO dates) and its evidence quotes."""
    from warlog.model import Event

    fields = {**fields, "event_date": date.fromisoformat(fields["event_date"]),
              "date_end": date.fromisoformat(fields["date_end"])}
    return Event(doc=doc.name, source=doc.title,
                 evidence=[evidence_in(doc, q) for q in quotes], **extra, **fields)


def build_web_db(path: Path) -> Path:
    """Write the fixture documents and their events into a new database at ``path``."""
    from warlog.store.database import open_store

    store = open_store(path)
    for doc, events in fixture_documents():
        store.write_document(doc, events)
    store.engine.dispose()
    return path


@pytest.fixture(scope="session")
def web_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_db(tmp_path_factory.mktemp("webdb") / "template.db")


@pytest.fixture
def web_db_builder():
    """:func:`build_web_db`, to fill another database (a PostgreSQL URL, say)."""
    return build_web_db


@pytest.fixture
def web_fixtures() -> Path:
    """The folder of the web fixtures (``docs/`` articles and ``events.json``)."""
    return FIXTURES


@pytest.fixture
def web_documents() -> list[tuple[Any, list[Any]]]:
    """The fixture articles and their events, read afresh (to store them again)."""
    return fixture_documents()


@pytest.fixture
def web_db(web_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the fixture database for one test (tests may edit it)."""
    target = tmp_path / "warlog.db"
    shutil.copyfile(web_db_template, target)
    return target


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(db: Path | str, **kwargs: Any) -> Iterator[str]:
    """The web app on ``db`` under a real uvicorn server (a thread, a free loopback port),
    offline place search; its URL, and the server stopped on leaving."""
    import uvicorn

    from warlog.web.app import create_app

    kwargs.setdefault("allowed_hosts", ["127.0.0.1", "localhost"])
    kwargs.setdefault("place_search", lambda q, c, n: [])
    app = create_app(str(db), **kwargs)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def serve_app() -> Iterator[Callable[..., str]]:
    """Start the web app on a database (:func:`live_server`) and get its URL; shared by the
    browser tests. Every server started stops at the end of the session."""
    with ExitStack() as stack:
        yield lambda db, **kwargs: stack.enter_context(live_server(db, **kwargs))
