"""Groups relinked after their reports change (warlog.store.group_stale): every path that deletes,
edits or rejects a grouped report makes its group relink, and nothing else; a second link
changes nothing. The store's triggers record what changed, so an incremental link reads
neither every member row nor every report. On a real SQLite file and a real PostgreSQL server
(tests/pgserver.py), with the fixture documents of tests/test_groups.py stored through
``Store.write_document``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from conftest import event_of, groups_by_key
from test_groups import EXPECTED, FIXTURES, RECORDS, A, B, C, document, event_id, store_docs
from warlog.ingest.reader import read_path
from warlog.model import Document, Event
from warlog.store import bulk, group_stale, groups
from warlog.store import schema as s
from warlog.store.database import Store, open_store

pytest_plugins = ["pgserver"]

NOTHING = {"relinked_groups": 0, "new_reports": 0, "pairs": 0, "groups_written": 0}
SCHOOL, DEPOT, BASE = EXPECTED_GROUPS = (frozenset({"a_school", "b_school"}),
                                         frozenset({"a_depot", "b_depot"}),
                                         frozenset({"a_base", "b_base"}))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    target = (str(tmp_path / "stale.db") if request.param == "sqlite"
              else request.getfixturevalue("pg_url"))
    st = open_store(target)
    store_docs(st, A, B)
    assert st.link_groups()["new_reports"] == 6
    assert groups_by_key(st) == EXPECTED == set(EXPECTED_GROUPS)
    yield st
    st.close()


def _changed(store: Store) -> set[int]:
    with store.read.connect() as conn:
        return set(conn.execute(select(s.group_changes.c.event_id)).scalars())


def _version(store: Store, key: str) -> int:
    with store.read.connect() as conn:
        return conn.execute(select(s.events.c.version).where(s.events.c.notes == key)
                            ).scalar_one()


def _members_current(store: Store) -> bool:
    """Every member row holds its report's document and version (nothing stale kept)."""
    ev, gm = s.events, s.group_members
    with store.read.connect() as conn:
        rows = conn.execute(select(gm.c.document_id, ev.c.document_id, gm.c.version,
                                   ev.c.version).select_from(gm.join(ev, ev.c.id == gm.c.event_id))
                            ).all()
        members = conn.execute(select(gm.c.event_id)).scalars().all()
    return len(rows) == len(members) and all(a == b and c == d for a, b, c, d in rows)


def _new_version(tmp_path: Path, name: str, drop: str | None = None,
                 changes: dict[str, dict[str, Any]] | None = None) -> tuple[Document, list[Event]]:
    """A new version of fixture document ``name`` (a paragraph added; the report whose evidence
    holds ``drop`` left out, its sentence taken out of the text), its reports changed by key."""
    body = (FIXTURES / "docs" / name).read_text(encoding="utf-8")
    keep = [r for r in RECORDS if r["doc"] == name]
    if drop:
        keep = [r for r in keep if drop not in r["evidence"][0]]
        body = body.replace(drop, "")
    path = tmp_path / "v2" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(body + "\n\nA later update of this article.\n", encoding="utf-8")
    doc = read_path(path)[0]
    events = []
    for r in keep:
        fields = {k: v for k, v in r.items() if k not in ("doc", "evidence", "key")}
        fields.update((changes or {}).get(r["key"], {}))
        events.append(event_of(doc, fields, r["evidence"], notes=r["key"]))
    return doc, events


def test_a_review_edit_relinks_its_group_only(store: Store) -> None:
    school = event_id(store, "b_school")
    store.review(school, {"event_date": "2022-03-20", "date_end": "2022-03-20"},
                 _version(store, "b_school"), "reviewer1")
    assert _changed(store) == {school}  # recorded by the store, nothing else
    res = store.link_groups()
    assert res["relinked_groups"] == 1 and res["new_reports"] == 2
    assert groups_by_key(store) == {DEPOT, BASE, frozenset({"a_school"}),
                                    frozenset({"b_school"})}
    assert _changed(store) == set() and _members_current(store)
    assert store.link_groups() == NOTHING


def test_a_rejected_report_leaves_its_group(store: Store) -> None:
    depot = event_id(store, "b_depot")
    store.set_state(depot, "rejected", _version(store, "b_depot"), "reviewer1")
    assert store.link_groups()["relinked_groups"] == 1
    assert groups_by_key(store) == {SCHOOL, BASE, frozenset({"a_depot"})}
    assert store.link_groups() == NOTHING
    # verified again: it joins its group again
    store.set_state(depot, "verified", _version(store, "b_depot"), "reviewer1")
    store.link_groups()
    assert groups_by_key(store) == EXPECTED
    assert store.link_groups() == NOTHING


def test_a_merge_relinks_both_reports(store: Store) -> None:
    src, into = event_id(store, "a_depot"), event_id(store, "b_depot")
    store.merge(src, into, _version(store, "a_depot"), _version(store, "b_depot"), "reviewer1")
    assert _changed(store) == {src, into}
    store.link_groups()  # the source is rejected: the target stands alone
    assert groups_by_key(store) == {SCHOOL, BASE, frozenset({"b_depot"})}
    assert _members_current(store) and store.link_groups() == NOTHING


def test_extract_force_relinks_the_documents_reports(store: Store) -> None:
    store_docs(store, A, B, force=True)  # `warlog extract --force`: every report a new row
    res = store.link_groups()
    assert res["relinked_groups"] == 3 and res["new_reports"] == 6
    assert groups_by_key(store) == EXPECTED and _members_current(store)
    assert store.link_groups() == NOTHING


def test_a_new_version_of_a_document_relinks_with_its_new_values(store: Store,
                                                                  tmp_path: Path) -> None:
    # The new version tells the school strike on another day. On SQLite the new version's
    # reports take the ids the old version's had (the highest ids, freed by the delete), with
    # the same version number: only the recorded delete tells their groups are stale.
    doc, events = _new_version(tmp_path, B, changes={
        "b_school": {"event_date": "2022-03-20", "date_end": "2022-03-20"}})
    assert store.write_document(doc, events).status == "replaced"
    store.link_groups()
    assert groups_by_key(store) == {DEPOT, BASE, frozenset({"a_school"}),
                                    frozenset({"b_school"})}
    assert _members_current(store) and store.link_groups() == NOTHING


def test_a_kept_reviewed_report_moves_to_the_new_version_and_relinks(store: Store,
                                                                     tmp_path: Path) -> None:
    base = event_id(store, "b_base")
    store.set_state(base, "verified", _version(store, "b_base"), "reviewer1")
    store.link_groups()
    doc, events = _new_version(tmp_path, B)
    store.write_document(doc, events)  # b_base kept (reviewed), moved to the new document
    assert base in _changed(store)
    store.link_groups()
    assert groups_by_key(store) == EXPECTED
    assert _members_current(store) and store.link_groups() == NOTHING


def test_a_reanchored_report_whose_evidence_left_relinks(store: Store, tmp_path: Path) -> None:
    base = event_id(store, "b_base")
    store.set_state(base, "verified", _version(store, "b_base"), "reviewer1")
    store.link_groups()
    gone = next(r["evidence"][0] for r in RECORDS if r["key"] == "b_base")
    doc, events = _new_version(tmp_path, B, drop=gone)
    store.write_document(doc, events)
    assert store.event(base)["review_state"] == "recheck"  # re-anchoring flagged it
    res = store.link_groups()
    assert res["relinked_groups"] >= 1
    assert groups_by_key(store) == EXPECTED and _members_current(store)
    assert store.link_groups() == NOTHING


def test_the_cluster_writer_relinks(store: Store, tmp_path: Path) -> None:
    """warlog.cluster stores a shard through bulk.write_files (COPY on PostgreSQL; a changed
    or forced document through Store.write_file)."""
    doc, events = _new_version(tmp_path, B, changes={
        "b_depot": {"event_date": "2022-03-20", "date_end": "2022-03-20"}})
    again, a_events = document(A)
    out = bulk.write_files(store, [(str(tmp_path / "v2" / B), [(doc, events)], []),
                                   (A, [(again, a_events)], [])], force=True)
    assert all(not isinstance(o, Exception) for o in out)
    store.link_groups()
    assert groups_by_key(store) == {SCHOOL, BASE, frozenset({"a_depot"}),
                                    frozenset({"b_depot"})}
    assert _members_current(store) and store.link_groups() == NOTHING


def test_an_incremental_link_reads_only_what_changed(store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def whole_table(_conn: Any) -> set[int]:
        raise AssertionError("an incremental link read every member row")

    looked_at: list[set[int]] = []
    staged = group_stale.new_reports

    def new_reports(conn: Any) -> Any:
        source, key = staged(conn)
        assert key.table.name == group_stale.NEW_REPORTS  # not every report of the store
        looked_at.append(set(conn.execute(select(key.table.c.event_id)).scalars()))
        return source, key

    monkeypatch.setattr(group_stale, "scan_all", whole_table)
    monkeypatch.setattr(groups, "new_reports", new_reports)
    store.review(event_id(store, "a_base"), {"fatalities": 71}, _version(store, "a_base"), "r")
    c_doc, c_events = document(C)
    store.write_document(c_doc, c_events)
    assert store.link_groups()["relinked_groups"] == 1
    # the edited report, its group's other report, and the new document's report
    assert looked_at[-1] == {event_id(store, k) for k in ("a_base", "b_base", "c_base")}
    assert frozenset({"a_base", "b_base", "c_base"}) in groups_by_key(store)
    assert store.link_groups() == NOTHING and looked_at[-1] == set()


def test_a_store_linked_before_the_triggers_is_checked_whole_once(store: Store) -> None:
    with store.engine.begin() as conn:  # as a store linked by an older warlog
        for op in ("insert", "delete", "update"):
            on = " ON events" if conn.dialect.name == "postgresql" else ""
            conn.execute(text(f"DROP TRIGGER {group_stale.TRIGGER}_{op}{on}"))
    school = event_id(store, "b_school")
    store.review(school, {"event_date": "2022-03-20", "date_end": "2022-03-20"},
                 _version(store, "b_school"), "reviewer1")
    assert _changed(store) == set()  # not recorded: no triggers
    assert store.link_groups()["relinked_groups"] == 1  # found by the whole check
    with store.read.connect() as conn:
        assert group_stale.tracking(conn)
    assert frozenset({"b_school"}) in groups_by_key(store)
    store.review(school, {"event_date": "2022-02-26", "date_end": "2022-02-26"},
                 _version(store, "b_school"), "reviewer1")
    assert _changed(store) == {school}  # recorded again from now on
    store.link_groups()
    assert groups_by_key(store) == EXPECTED and store.link_groups() == NOTHING


def test_reports_stored_since_are_recorded_and_linked_once(store: Store) -> None:
    c_doc, c_events = document(C)
    store.write_document(c_doc, c_events)
    first = _changed(store)
    store.write_document(c_doc, c_events, replace_same=True)  # replaced before any link
    # the deleted row and its new one (on SQLite the same id: a freed highest id is reused)
    assert len(first) == 1 and first <= _changed(store)
    res = store.link_groups()
    assert res["relinked_groups"] == 0 and res["new_reports"] == 1
    assert frozenset({"a_base", "b_base", "c_base"}) in groups_by_key(store)
    assert _changed(store) == set() and store.link_groups() == NOTHING


def test_a_split_is_relinked_by_the_next_link(store: Store) -> None:
    base = event_id(store, "b_base")
    store.split_report(base, "reviewer1")  # marks the report changed, then links
    assert groups_by_key(store) == {SCHOOL, DEPOT, frozenset({"a_base"}),
                                    frozenset({"b_base"})}
    assert _changed(store) == set() and store.link_groups() == NOTHING
