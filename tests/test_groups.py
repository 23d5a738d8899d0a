"""Event groups (warlog.store.groups): reports of one event from different documents.

Fixture: tests/fixtures/groups/ (two corpus articles reporting the same strikes on Okhtyrka and
a follow-up report), stored with hand-checked events through ``Store.write_document`` on a real
SQLite file and on a real PostgreSQL server (tests/pgserver.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from conftest import event_of, groups_by_key
from warlog.cli import app
from warlog.ingest.reader import read_path
from warlog.model import Event
from warlog.store import schema as s
from warlog.store.database import Store, open_store
from warlog.store.filters import EventFilter
from warlog.store.group_record import representative
from warlog.store.group_rule import PY, link_key, same_event

pytest_plugins = ["pgserver"]

FIXTURES = Path(__file__).parent / "fixtures" / "groups"
RECORDS = json.loads((FIXTURES / "events.json").read_text(encoding="utf-8"))


def document(name: str) -> tuple[Any, list[Event]]:
    doc = read_path(FIXTURES / "docs" / name)[0]
    events = []
    for r in RECORDS:
        if r["doc"] != name:
            continue
        fields = {k: v for k, v in r.items() if k not in ("doc", "evidence", "key")}
        events.append(event_of(doc, fields, r["evidence"], notes=r["key"]))
    return doc, events


A, B, C = ("battle_of_okhtyrka.md", "northeastern_ukraine_campaign.md",
           "okhtyrka_thermobaric_bomb.md")


def store_docs(store: Store, *names: str, force: bool = False) -> None:
    for name in names:
        doc, events = document(name)
        store.write_document(doc, events, replace_same=force)


def event_id(store: Store, key: str) -> int:
    with store.read.connect() as conn:
        return conn.execute(select(s.events.c.id).where(s.events.c.notes == key)).scalar_one()


EXPECTED = {frozenset({"a_school", "b_school"}), frozenset({"a_depot", "b_depot"}),
            frozenset({"a_base", "b_base"})}


# -- the rule ---------------------------------------------------------------------------------
def _key(**changes: Any) -> Any:
    rec = {"id": 1, "document_id": 1, "event_date": "2022-02-28", "date_end": "2022-02-28",
           "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
           "actor1": "Military Forces of Russia", "actor2": "Military Forces of Ukraine",
           "location": "Okhtyrka", "latitude": 50.3116, "longitude": 34.8988,
           "geo_precision": 1, "country": "Ukraine", "admin1": "Sumy"}
    rec.update(changes)
    rec["document_id"] = changes.get("document_id", rec["id"])  # one document per report
    return link_key(rec)


def test_rule_same_event_and_hard_non_events() -> None:
    base = _key()
    assert same_event(base, _key(id=2, event_date="2022-03-01", date_end="2022-03-01"), PY)
    assert same_event(base, _key(id=2, location="the town of Okhtyrka"), PY)  # one place
    assert same_event(base, _key(id=2, location="Okhtyrka base", latitude=50.32), PY)  # ~1 km
    assert same_event(base, _key(id=2, actor2=None), PY)  # one report names one side only
    # one report vaguer: the generic sub-event type, or a region containing the place
    assert same_event(base, _key(id=2, sub_event_type="Government regains territory"), PY)
    assert same_event(base, _key(id=2, location="Sumy Oblast", latitude=50.9,
                                 longitude=34.8, geo_precision=3), PY)
    # a vague span (time precision 2: "late February") overlapping the day is no day's event
    # by its place alone (as a copy of its words it is: tests/test_group_rule_dates.py)
    assert not same_event(base, _key(id=2, event_date="2022-02-20", date_end="2022-03-05",
                                     time_precision=2), PY)
    # a stated span of days ("from 20 February to 5 March") is its own event, not a day in it
    assert not same_event(base, _key(id=2, event_date="2022-02-20", date_end="2022-03-05"), PY)
    # same place another day; same day another place; another type; other actors
    assert not same_event(base, _key(id=2, event_date="2022-03-02", date_end="2022-03-02"), PY)
    assert not same_event(base, _key(id=2, location="Trostianets", latitude=50.48,
                                     longitude=34.96), PY)
    assert not same_event(base, _key(id=2, event_type="Explosions/Remote violence",
                                     sub_event_type="Air/drone strike"), PY)
    assert not same_event(base, _key(id=2, actor1="Wagner Group", actor2="Civilians"), PY)
    other = _key(id=2, sub_event_type="Non-state actor overtakes territory")
    assert same_event(base, other, PY) == same_event(other, base, PY)


def test_representative_is_acled_conservative() -> None:
    reports = [
        {"id": 1, "event_date": date(2022, 2, 25), "time_precision": 2, "geo_precision": 2,
         "latitude": 50.3, "actor1": "A", "actor2": None, "fatalities": 3,
         "fatalities_low": None, "fatalities_high": None, "source": "Battle of Okhtyrka"},
        {"id": 2, "event_date": date(2022, 2, 26), "time_precision": 1, "geo_precision": 1,
         "latitude": 50.3, "actor1": "B", "actor2": "A", "fatalities": 1,
         "fatalities_low": None, "fatalities_high": 2, "source": "Northeastern campaign"},
    ]
    rec = representative(reports)
    assert rec["id"] == 2  # the more precise date
    assert (rec["fatalities"], rec["fatalities_low"], rec["fatalities_high"]) == (1, 1, 3)
    assert {rec["actor1"], rec["actor2"]} == {"A", "B"}
    assert rec["source"] == "Northeastern campaign; Battle of Okhtyrka"


# -- linking in the store ----------------------------------------------------------------------
def test_linking_incremental_and_idempotent(store: Store) -> None:
    store_docs(store, A, B)
    first = store.link_groups()
    assert first["new_reports"] == 6
    assert groups_by_key(store) == EXPECTED  # every report grouped, nothing else
    school = store.group(event_id(store, "a_school"))
    assert {r["doc"] for r in school} == {A, B}
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in school)

    again = store.link_groups()
    assert again == {"relinked_groups": 0, "new_reports": 0, "pairs": 0, "groups_written": 0}

    with store.read.connect() as conn:
        before = dict(conn.execute(select(s.group_members.c.event_id,
                                          s.group_members.c.group_id)).all())
    store_docs(store, C)
    third = store.link_groups()
    assert third["new_reports"] == 1 and third["relinked_groups"] == 0
    assert frozenset({"a_base", "b_base", "c_base"}) in groups_by_key(store)
    with store.read.connect() as conn:
        after = dict(conn.execute(select(s.group_members.c.event_id,
                                         s.group_members.c.group_id)).all())
    assert all(after[k] == v for k, v in before.items())  # nothing else moved


def test_one_row_per_group_with_the_group_record(store: Store) -> None:
    store_docs(store, A, B)
    store.link_groups()
    reports = list(store.records(EventFilter()))
    grouped = list(store.records(EventFilter(grouped=True)))
    assert len(reports) == 6 and len(grouped) == 3
    assert store.count_events(EventFilter(grouped=True)) == 3
    school = next(r for r in grouped if r["sub_event_type"] == "Attack")
    assert (school["fatalities"], school["fatalities_low"], school["fatalities_high"]) == (1, 1, 3)
    assert "Battle of Okhtyrka" in school["source"] and "Northeastern" in school["source"]
    assert school["event_date"] in ("2022-02-25", "2022-02-26")


def test_split_and_join_are_audited_and_survive_force(store: Store) -> None:
    store_docs(store, A, B)
    store.link_groups()
    store.split_report(event_id(store, "b_base"), "reviewer1")
    assert frozenset({"b_base"}) in groups_by_key(store)
    assert frozenset({"a_base"}) in groups_by_key(store)
    store.join_reports(event_id(store, "a_depot"), event_id(store, "a_school"), "reviewer2")
    joined = frozenset({"a_depot", "b_depot", "a_school", "b_school"})
    assert joined in groups_by_key(store)
    actions = {e["action"] for e in store.audit_log()}
    assert {"split", "join"} <= actions

    store_docs(store, A, B, force=True)  # `warlog extract --force`: new rows, same reports
    store.link_groups()
    groups = groups_by_key(store)
    assert frozenset({"b_base"}) in groups and joined in groups


def test_cli_export_one_row_per_group_and_reports(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with open_store(db) as st:
        store_docs(st, A, B, C)
        st.link_groups()
    runner = CliRunner()
    out, every = tmp_path / "groups.jsonl", tmp_path / "reports.jsonl"
    assert runner.invoke(app, ["export", str(out), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", str(every), "--db", str(db), "--reports"]).exit_code == 0
    assert len(out.read_text().splitlines()) == 3
    assert len(every.read_text().splitlines()) == 7
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert "3 events" in stats.output
    assert "7 events" in runner.invoke(app, ["stats", "--db", str(db), "--reports"]).output


def test_totals_of_one_row_per_group_use_the_groups_figure(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The school strike: 3 dead in one article, 1 in the other. Its group's row (the first
    article's report stands for it) shows 1, ACLED's most conservative figure, in the table,
    on the map and in map clusters; every report shows its own."""
    from warlog.store import queries

    store_docs(store, A, B)
    store.link_groups()
    grouped, reports = EventFilter(grouped=True), EventFilter()

    def table(f: EventFilter) -> list[int | None]:
        rows = store.events(f, page_size=50)["items"]
        return sorted(r["fatalities"] or 0 for r in rows if r["sub_event_type"] == "Attack")

    assert table(grouped) == [1]
    assert table(reports) == [1, 3]
    school = event_id(store, "a_school")
    points = {p[0]: p[4] for p in store.map_points(grouped)["points"]}
    assert points[school] == 1
    assert {p[0]: p[4] for p in store.map_points(reports)["points"]}[school] == 3
    monkeypatch.setattr(queries, "POINT_LIMIT", 0)  # grid clusters, as for a dense view
    clusters = store.map_points(grouped, zoom=2)["clusters"]
    assert sum(c[3] for c in clusters) == 1 + 70  # the school (1) and the base (70), once each


def test_a_store_linked_by_an_older_rule_is_linked_again(store: Store) -> None:
    """A store written before a key column existed, or linked under other thresholds: the
    next link adds what is missing and links every report again; reviewers' pins stay."""
    from sqlalchemy import text, update

    store_docs(store, A, B)
    store.link_groups()
    store.split_report(event_id(store, "b_base"), "reviewer1")
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_group_members_place"))
        conn.execute(text("DROP INDEX ix_group_members_country_only"))  # an index on country
        conn.execute(text("ALTER TABLE group_members DROP COLUMN site_ref"))
        conn.execute(text("ALTER TABLE group_members DROP COLUMN country"))
        conn.execute(update(s.meta_info).where(s.meta_info.c.key == "grouping_rule")
                     .values(value="an older rule"))
    assert store.link_groups()["new_reports"] == 6  # every report linked again
    groups = groups_by_key(store)
    assert frozenset({"b_base"}) in groups and frozenset({"a_base"}) in groups
    assert frozenset({"a_school", "b_school"}) in groups
    assert store.link_groups()["new_reports"] == 0  # and then current


def test_the_fingerprint_covers_the_language_words_the_rule_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The names read from evidence leave out the language's month, number and function words
    (``warlog.lang`` lists, not ``grouping.yaml``): a word added to such a list changes the
    stored terms, so the rule's fingerprint (and a relink) must follow it."""
    import dataclasses

    from warlog.store import group_rule

    before = group_rule.fingerprint.__wrapped__()  # type: ignore[attr-defined]
    widened = dataclasses.replace(group_rule.rules(),
                                  place_noise=group_rule.rules().place_noise | {"fortnight"})
    monkeypatch.setattr(group_rule, "rules", lambda: widened)
    assert group_rule.fingerprint.__wrapped__() != before  # type: ignore[attr-defined]



@pytest.mark.parametrize("seeds", [("1", "2"), ("3", "4")])
def test_the_fingerprint_is_the_same_in_every_process(seeds: tuple[str, str]) -> None:
    """Stored groups are linked again from scratch when the fingerprint changes, so it must
    not depend on the process: two interpreters with other string hash seeds (other set
    orders) give one fingerprint, or every `warlog extract` relinks the whole store."""
    code = "from warlog.store.group_rule import fingerprint; print(fingerprint())"
    prints = {subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
              for seed in seeds}
    assert len(prints) == 1, prints

def test_postgresql_map_clusters_from_the_count_tables_sum_group_fatalities(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the map's clusters come from the count tables (``rollup_map``): one row
    per group sums its group's figure (the school strike: 1, not 3), every report its own; the
    tables stay equal to a recount through linking, a split and ``extract --force``."""
    from sqlalchemy import text

    from warlog.store import queries, rollup

    st = open_store(pg_url)
    st.ensure_search()  # the count tables and their triggers
    try:
        store_docs(st, A, B)
        st.link_groups()
        monkeypatch.setattr(queries, "POINT_LIMIT", 0)  # grid clusters, as for a dense view
        with st.read.connect() as conn:
            assert rollup.ready(conn) and rollup.answers(EventFilter(grouped=True))

        def toll(grouped: bool) -> int:
            return sum(c[3] for c in st.map_points(EventFilter(grouped=grouped), zoom=2)
                       ["clusters"])

        def recount_equal() -> bool:
            with st.engine.connect() as conn:
                sql = "SELECT gx, gy, event_type, country, hidden, n, fatalities, " \
                      "group_fatalities FROM rollup_map WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5"
                kept = conn.execute(text(sql)).all()
                rollup.rebuild(conn)
                again = conn.execute(text(sql)).all()
                conn.rollback()
            return kept == again

        assert toll(True) == 1 + 70  # the school strike (1) and the base (70), once each
        assert toll(False) == 3 + 1 + 70 + 70  # every report's own figure (depots: none)
        assert recount_equal()
        st.split_report(event_id(st, "b_school"), "reviewer1")  # now two events of their own
        assert toll(True) == 3 + 1 + 70 and recount_equal()
        store_docs(st, A, B, force=True)  # `warlog extract --force`: new rows, same reports
        st.link_groups()
        assert toll(True) == 3 + 1 + 70 and toll(False) == 3 + 1 + 70 + 70 and recount_equal()
    finally:
        st.close()
