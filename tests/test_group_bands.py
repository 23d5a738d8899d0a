"""The linker's candidate pairs keep every pair its blocking promises (issue #9): among random
reports, every two that ACLED's rule says are one event (``group_rule.same_event``, evaluated
in Python) and that share a date block and an admin area, a place name, a name one report's
evidence names that is the other's place, or a MinHash band that is not boilerplate in the
report's date window and region (the band look-up is blocked by region as the rule's copy
branch is: its own country and admin1 and its country's reports without one; a report without
an admin1, its whole country), are found by ``groups._pending_pairs`` (the term-ordered band
look-up, ``_band_candidates``), and nothing else is. Real SQLite files and a real PostgreSQL server
(tests/pgserver.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, inspect, select

from warlog.store import groups
from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.store.group_rule import MEMBER_FIELDS, LinkKey, rules, same_event
from warlog.store.group_stale import drop_stale

pytest_plugins = ["pgserver"]

LIMIT = 3  # band_reports for these tests: small, so the boilerplate check acts
SUBS = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]
# (name, country, admin1, lat, lon): one admin area's two names of a town, a town of another
# admin area next to it, a place coded to the country only, a far place of a third admin
# area, a homonym in another country (in an admin area of the same name), and a
# place of no country
PLACES = [("Kalo", "Testland", "Area 1", 10.0, 20.0),
          ("Kalo town", "Testland", "Area 1", 10.001, 20.0),
          ("Mira", "Testland", "Area 2", 10.005, 20.0), ("Suna", "Testland", None, 12.0, 22.0),
          ("Dara", "Testland", "Area 3", 14.0, 24.0), ("Kalo", "Otherland", "Area 1", 13.0, 20.0),
          ("Vira", None, None, 16.0, 26.0)]
ACTORS = ["Army", "Rebels", "Militia"]
# a few sentences, most alike, so reports share MinHash bands by copy and by boilerplate
WORDS = ["attacked", "shelled", "Kalo", "Mira", "Suna", "positions", "near", "killing",
         "several", "people", "officials", "said", "the", "army"]

report = st.fixed_dictionaries({
    "doc": st.integers(0, 3),
    "day": st.integers(0, 4),
    "span": st.sampled_from([0, 0, 0, 1, 20]),  # a day, two days, or a vague month
    "sub": st.integers(0, len(SUBS) - 1),
    "place": st.integers(0, len(PLACES) - 1),
    "vague": st.booleans(),
    "actors": st.lists(st.sampled_from(ACTORS), max_size=2, unique=True),
    "text": st.integers(0, 5),
    "words": st.lists(st.sampled_from(WORDS), min_size=3, max_size=8),
})
TEXTS = ["Army attacked positions of the rebels near Kalo, killing several people, officials "
         "said.",
         "The army shelled positions near Mira, killing several people, officials said.",
         "Rebels attacked army positions near Kalo and Mira on the road, officials said."]


def _text(r: dict[str, Any]) -> str:
    if r["text"] < len(TEXTS):
        return TEXTS[r["text"]]
    return " ".join(r["words"]).capitalize() + ", officials said."


def _write(store: Any, reports: list[dict[str, Any]]) -> None:
    with store.engine.begin() as conn:
        for table in (s.group_terms, s.group_members, s.event_groups, s.evidence, s.events,
                      s.documents):
            conn.execute(delete(table))
        conn.execute(insert(s.documents), [
            {"id": i + 1, "name": f"d{i}.txt", "path": "-", "content_hash": str(i),
             "format": "text", "raw_text": "", "clean_text": "", "n_events": 0}
            for i in range(4)])
        start = date(2023, 5, 1)
        for i, r in enumerate(reports, 1):
            et, sub = SUBS[r["sub"]]
            name, country, admin1, lat, lon = PLACES[r["place"]]
            day = start + timedelta(days=r["day"])
            conn.execute(insert(s.events).values(
                id=i, document_id=r["doc"] + 1, event_key=str(i), event_date=day,
                date_end=day + timedelta(days=r["span"]),
                time_precision=3 if r["span"] > 1 else 1, event_type=et, sub_event_type=sub,
                actor1=r["actors"][0] if r["actors"] else None,
                actor2=r["actors"][1] if len(r["actors"]) > 1 else None,
                location=name, latitude=lat, longitude=lon,
                geo_precision=3 if r["vague"] else 1, country=country, admin1=admin1,
                review_state="unreviewed"))
            text = _text(r)
            conn.execute(insert(s.evidence).values(event_id=i, position=0, text=text,
                                                   raw_start=0, raw_end=len(text)))


def _found(store: Any) -> set[tuple[int, int]]:
    """The candidate pairs' (pending report, other report), every report pending."""
    with store.engine.begin() as conn:
        groups._ensure_current(conn)
        drop_stale(conn)
        groups._add_members(conn)
        return {(p[-2], p[-1]) for p in groups._pending_pairs(conn)}


def _expected(store: Any) -> set[tuple[int, int]]:
    """The pairs the blocking promises, by the rule in Python: (a, b), a before b (every
    report is pending, so a pair is looked up from its first report)."""
    gm, terms = s.group_members, s.group_terms
    with store.read.connect() as conn:
        rows = conn.execute(select(*(gm.c[k] for k in MEMBER_FIELDS), gm.c.alone)).mappings()
        members = {r["event_id"]: dict(r) for r in rows}
        term_rows = conn.execute(select(terms.c.event_id, terms.c.kind, terms.c.term)).all()
    by_report: dict[int, set[tuple[str, str]]] = {i: set() for i in members}
    for event_id, kind, term in term_rows:
        by_report[event_id].add((kind, term))
    keys = {i: LinkKey(**{k: m[k] for k in MEMBER_FIELDS}, terms=frozenset(by_report[i]))
            for i, m in members.items()}
    r = rules()
    tol, span = max(r.day_tolerance.values()), r.max_span_days

    def in_window(x: LinkKey, y: LinkKey, back: int) -> bool:
        return (None not in (x.day_start, x.day_hi, y.day_start)
                and x.day_start - back <= y.day_start <= x.day_hi)  # type: ignore[operator]

    def region(x: LinkKey, k: LinkKey) -> str | None:
        """Which of ``x``'s band look-ups reads ``k``'s bands: its own country and admin1, its
        country's reports without one, or (``x`` has none) its whole country."""
        if not x.country or k.country != x.country:
            return None
        if x.admin1 is None:
            return "country"
        if (k.admin1 or "") == x.admin1:
            return "own"
        return "vaguer" if k.admin1 is None else None

    def rare_shared(x: LinkKey, y: LinkKey) -> bool:
        where = region(x, y)
        for kind, band in x.terms & y.terms:
            if kind != "b" or where is None or not in_window(x, y, tol):
                continue
            carriers = sum(1 for k in keys.values() if ("b", band) in k.terms
                           and in_window(x, k, tol) and region(x, k) == where)
            if carriers <= LIMIT:
                return True
        return False

    out = set()
    for i, x in keys.items():
        for j, y in keys.items():
            if j <= i or x.document_id == y.document_id or members[i]["alone"] \
                    or members[j]["alone"] or not same_event(x, y):
                continue
            blocked = in_window(x, y, span) and (
                (x.block is not None and x.block == y.block)
                or (x.place is not None and x.place == y.place)
                or ("n", x.place) in y.terms or ("n", y.place) in x.terms)
            if blocked or rare_shared(x, y):
                out.add((i, j))
    return out


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(reports=st.lists(report, min_size=2, max_size=14))
def test_the_candidate_pairs_are_the_rules_pairs_the_blocking_promises(
        store: Any, reports: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(groups, "band_limit", lambda: LIMIT)
    _write(store, reports)
    assert _found(store) == _expected(store)


COPY = {"day": 0, "span": 0, "sub": 0, "vague": False, "actors": ["Army"], "text": 5,
        "words": ["fighters", "stormed", "hill", "positions", "at", "dawn", "again"]}


def test_a_copy_at_two_places_far_apart_is_found_by_its_bands(store: Any,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """Only the band look-up can find this pair (two places far apart, one report coded to
    its country only, no name of one in the other's words): it is found, and the rule links
    it."""
    monkeypatch.setattr(groups, "band_limit", lambda: LIMIT)
    _write(store, [{**COPY, "doc": 0, "place": 0}, {**COPY, "doc": 1, "place": 3}])
    assert _found(store) == {(1, 2)}
    assert store.link_groups()["pairs"] == 1  # the pending reports, linked
    with store.read.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.event_groups)).scalar() == 1
    assert store.link_groups()["pairs"] == 0  # idempotent: nothing pending


@pytest.mark.parametrize("other", [2, 4, 5, 6])
def test_a_copy_coded_in_two_regions_is_no_candidate(store: Any, other: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """One copied sentence coded in two admin areas of one country (next to each other or
    far apart), in two countries, or once without a country: the band look-up does not
    find the pair. (Kalo and Mira, 0.5 km apart, are one place by their points, but no
    blocked look-up finds two names of two admin areas: the date-and-place blocking does not
    promise it, and the band look-up, which did before it was blocked, no longer does.)"""
    monkeypatch.setattr(groups, "band_limit", lambda: LIMIT)
    _write(store, [{**COPY, "doc": 0, "place": 0}, {**COPY, "doc": 1, "place": other}])
    with store.engine.begin() as conn:
        groups._ensure_current(conn)
        drop_stale(conn)
        groups._add_members(conn)
        assert conn.execute(select(func.count()).select_from(
            groups._band_candidates(conn))).scalar() == 0
    assert _found(store) == set()


def test_a_store_linked_before_the_regions_upgrades_itself(store: Any) -> None:
    """A store whose term rows have no region (and the old covering index): the columns are
    added, the old index replaced, and the store linked again from scratch."""
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE group_terms")
        conn.exec_driver_sql(
            "CREATE TABLE group_terms (event_id INTEGER NOT NULL, kind VARCHAR(1) NOT NULL, "
            "term TEXT NOT NULL, day_start INTEGER, day_hi INTEGER, "
            "PRIMARY KEY (event_id, kind, term))")
        conn.exec_driver_sql("CREATE INDEX ix_group_terms_term_cover ON group_terms "
                             "(term, day_start, event_id, kind)")
    _write(store, [{**COPY, "doc": 0, "place": 0}, {**COPY, "doc": 1, "place": 3}])
    assert store.link_groups()["pairs"] == 1
    with store.read.connect() as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("group_terms")}
        regions = set(conn.execute(select(s.group_terms.c.country, s.group_terms.c.admin1)
                                   .where(s.group_terms.c.kind == "b")).all())
    assert "ix_group_terms_term_region" in names and "ix_group_terms_term_cover" not in names
    assert regions == {("Testland", "Area 1"), ("Testland", "")}


def test_the_band_look_up_reads_only_the_term_index(tmp_path: Path) -> None:
    """SQLite's plan of the band look-up: the probes in band order, each band's window read
    from the covering index (no table row of group_terms)."""
    store = open_store(str(tmp_path / "plan.db"))
    _write(store, [{"doc": 0, "day": 0, "span": 0, "sub": 0, "place": 0, "vague": False,
                    "actors": [], "text": 0, "words": ["a", "b", "c"]}])
    found = _found(store)
    assert found == set()
    with store.engine.begin() as conn:
        groups._ensure_current(conn)
        pairs = groups._band_candidates(conn)
        assert pairs.name == "group_band_pairs"
        plans = [" ".join(str(r) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT p.event_id, t.event_id FROM group_band_probe p "
            f"JOIN group_terms t ON t.term = p.term AND t.country = p.country{region} "
            "AND t.day_start BETWEEN p.lo AND p.hi AND t.kind = 'b'"))
            for region in (" AND t.admin1 = p.admin1", "")]
    store.close()
    index = "COVERING INDEX ix_group_terms_term_region"
    assert f"{index} (term=? AND country=? AND admin1=? AND day_start>? AND day_start<?)" \
        in plans[0]
    assert f"{index} (term=? AND country=?)" in plans[1]
