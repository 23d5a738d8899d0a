"""The one-event rule across documents (issue #9): a report coded only to a country is no place
of its own; copied evidence tells the same parties; the language's date, number and function
words are no names. On the rule in Python and on a real SQLite file and a real PostgreSQL
server (tests/pgserver.py). Sentences are invented for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import groups_by_key, write_reports
from warlog.store import schema as s
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_bands, evidence_names, evidence_terms
from warlog.store.group_rule import PY, GroupState, link_key, place_coded, rules, same_event

pytest_plugins = ["pgserver"]

# name: (latitude, longitude, admin1, geo_precision); a country is coded to one point
PLACES = {
    "Ukraine": (49.0, 32.0, None, 3),
    "Sumy Oblast": (50.9, 34.8, "Sumy", 3),
    "Trostianets": (50.48, 34.96, "Sumy", 1),
    "Kyiv": (50.45, 30.52, "Kyiv City", 1),
    "Okhtyrka": (50.31, 34.90, "Sumy", 1),
    "Poltava": (49.59, 34.55, "Poltava", 1),
    # parts of one town, geocoded to its point ("near X" is X, geo_precision 2)
    "south of Trostianets": (50.48, 34.96, "Sumy", 2),
    "northwest of Trostianets": (50.48, 34.96, "Sumy", 2),
    "north-western Trostianets": (50.48, 34.96, "Sumy", 2),
    "near the Trostianets dam": (50.48, 34.96, "Sumy", 2),
    "near the Trostianets air base": (50.48, 34.96, "Sumy", 2),
}
COPY = ("Two brigades of the northern group crossed the river at dawn and pushed the defenders "
        "back from the grain terminal, a regional official told reporters.")


def _rec(place: str, text: str, doc: int, **changes: Any) -> dict[str, Any]:
    lat, lon, admin1, precision = PLACES[place]
    rec = {
        "id": doc, "document_id": doc, "event_date": "2022-03-10", "date_end": "2022-03-10",
        "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Russia", "actor2": "Military Forces of Ukraine",
        "location": place, "latitude": lat, "longitude": lon, "geo_precision": precision,
        "country": "Ukraine", "admin1": admin1,
    }
    rec.update(changes)
    return {"rec": rec, "terms": evidence_terms(text, evidence_bands([text])[0])}


def _key(place: str, text: str, doc: int, **changes: Any) -> Any:
    r = _rec(place, text, doc, **changes)
    return link_key(r["rec"], terms=r["terms"])


def test_a_report_coded_only_to_a_country_is_no_place_across_documents() -> None:
    a = _key("Ukraine", "The offensive opened with attacks along the whole border.", 1)
    b = _key("Ukraine", "A naval landing party stormed a small island garrison.", 2)
    assert not place_coded(a, b, PY) and not same_event(a, b, PY)
    # inside one document the narrative's place stands for both, as before
    assert same_event(a, _key("Ukraine", "Fighting went on.", 1), PY)
    # a precise place of the same name, and a region containing the other, still are one place
    town = "Russian units entered Trostianets."
    assert same_event(_key("Trostianets", town, 1), _key("Trostianets", town, 2), PY)
    assert same_event(_key("Sumy Oblast", "Fighting across the oblast.", 1),
                      _key("Trostianets", town, 2), PY)


def test_a_country_named_by_the_other_text_tells_no_place_a_region_does() -> None:
    country = _key("Ukraine", "Shelling was reported.", 1)
    b = _key("Poltava", "Columns moved west across Ukraine toward Poltava.", 2)
    assert not same_event(country, b, PY) and not same_event(b, country, PY)
    # a region coded to its admin1 is a place: the other text naming it tells it
    region = _key("Sumy Oblast", "Shelling was reported.", 1)
    told = _key("Kyiv", "Governors said fighting reached Sumy Oblast overnight.", 2)
    assert same_event(region, told, PY)


def test_copied_evidence_tells_the_same_parties() -> None:
    # the same sentence, each document resolving "the defenders" from its own context
    a = _key("Trostianets", COPY, 1, actor1="Military Forces of Russia",
             actor2="Military Forces of Ukraine")
    b = _key("Trostianets", COPY, 2, actor1="Donetsk People's Republic",
             actor2="Territorial Defence Forces")
    assert same_event(a, b, PY)
    # other words, other parties: two events; one document's two readings stay two
    c = _key("Trostianets", "Separatist units attacked a checkpoint at the grain terminal.", 2,
             actor1="Donetsk People's Republic", actor2="Territorial Defence Forces")
    assert not same_event(a, c, PY)
    assert not same_event(a, _key("Trostianets", COPY, 1, actor1="Donetsk People's Republic",
                                  actor2="Territorial Defence Forces"), PY)


def test_dates_numbers_and_function_words_are_no_names() -> None:
    names = evidence_names("Three days later, On Tuesday 5 May, the Governor of Poltava said "
                           "During The Night Columns Left.")
    assert {"three", "on", "tuesday", "may", "during", "the"}.isdisjoint(names)
    assert {"poltava", "governor", "night columns left"} <= names
    assert "three" in rules().place_noise and "three" not in rules().location_noise
    # a copy that opens with another capitalised date word is still a copy
    a = _key("Trostianets", "Two days later, " + COPY[0].lower() + COPY[1:], 1)
    b = _key("Okhtyrka", "Four days later, " + COPY[0].lower() + COPY[1:], 2)
    assert same_event(a, b, PY)
    # a location is still read without only the place words of grouping.yaml
    assert link_key(_rec("Poltava", "x", 1, location="Three Rivers")["rec"]).place == \
        "three rivers"


def test_two_parts_of_one_town_are_two_places_across_documents() -> None:
    """One day's reports of two sides or two facilities of a town, coded to its point, are two
    places; the town named alone is vaguer and may be either part."""
    south = _key("south of Trostianets", "Artillery hit positions south of the town.", 1)
    northwest = _key("northwest of Trostianets", "Tanks advanced on a village.", 2)
    assert not same_event(south, northwest, PY)
    assert same_event(northwest, _key("north-western Trostianets", "A column was ambushed.", 3),
                      PY)
    assert same_event(south, _key("Trostianets", "Fighting went on around the town.", 3), PY)
    # one sentence naming the two facilities, copied by two documents that each code a report
    # per facility: the dam is not the air base, however alike the words
    both = ("Defenders repelled a night assault near the Trostianets dam and near the "
            "Trostianets air base, the regional governor said on television.")
    dam = _key("near the Trostianets dam", both, 1)
    assert not same_event(dam, _key("near the Trostianets air base", both, 2), PY)
    assert same_event(dam, _key("near the Trostianets dam", both, 2), PY)


def test_a_documents_two_sub_event_types_of_one_occasion_may_share_a_group() -> None:
    """A document that coded one day's fighting for a town as a clash and a capture (two
    sub-event types, ACLED's rule does not tell them apart) is one occasion: another
    document's report of it may join both; the same document's report of the next day not."""
    group = GroupState.of(_key("Trostianets", "Troops fought their way into the town.", 2))
    clash = _key("Trostianets", "Heavy fighting went on in the town.", 1)
    capture = _key("Trostianets", "By evening the army had taken the town.", 1,
                   sub_event_type="Government regains territory")
    assert group.joins(GroupState.of(clash))
    group.absorb(GroupState.of(clash))
    assert group.joins(GroupState.of(capture))
    next_day = _key("Trostianets", "The town was quiet on Friday.", 1,
                    event_date="2022-03-11", date_end="2022-03-11")
    assert not group.joins(GroupState.of(next_day))


# -- in the store -------------------------------------------------------------------------------
def _write(store: Store, tmp_path: Path, name: str, reports: list[tuple[str, str, dict]]) -> None:
    """A document of the reports' sentences, each report on its sentence."""
    write_reports(store, tmp_path, name, reports, _rec)


def test_linker_keeps_country_reports_apart_and_joins_copies_in_sql(
        store: Store, tmp_path: Path) -> None:
    # one side, named otherwise (a group still names at most three actors)
    other_side = {"actor1": "Donetsk People's Republic", "actor2": None}
    _write(store, tmp_path, "one.md", [
        ("Ukraine", "The offensive opened with attacks along the whole border.", {}),
        ("Trostianets", COPY, {}),
    ])
    _write(store, tmp_path, "two.md", [
        ("Ukraine", "A naval landing party stormed a small island garrison.", {}),
        ("Okhtyrka", COPY, other_side),
        ("Kyiv", COPY, other_side),  # the copy in another region: another event
    ])
    store.link_groups()
    groups = groups_by_key(store)
    assert frozenset({"one.md:Ukraine"}) in groups and frozenset({"two.md:Ukraine"}) in groups
    assert frozenset({"one.md:Trostianets", "two.md:Okhtyrka"}) in groups
    assert frozenset({"two.md:Kyiv"}) in groups
    assert store.link_groups()["pairs"] == 0  # idempotent


def test_linker_keeps_the_facilities_a_copied_sentence_names_apart(
        store: Store, tmp_path: Path) -> None:
    both = ("Defenders repelled a night assault near the Trostianets dam and near the "
            "Trostianets air base, the regional governor said on television.")
    for name in ("one.md", "two.md"):
        _write(store, tmp_path, name, [("near the Trostianets dam", both, {}),
                                       ("near the Trostianets air base", both, {})])
    store.link_groups()
    groups = groups_by_key(store)
    assert frozenset({"one.md:near the Trostianets dam", "two.md:near the Trostianets dam"}) \
        in groups
    assert frozenset({"one.md:near the Trostianets air base",
                      "two.md:near the Trostianets air base"}) in groups


def test_a_group_holds_one_occasion_of_each_document(store: Store, tmp_path: Path) -> None:
    """A daily narrative reports fighting in a town on two days (its own merge told them
    apart); a wire story of the first day and a later report of the second day are each within
    a day of both, but each joins the closest day only, and the narrative's two days are never
    one event."""
    _write(store, tmp_path, "daily.md", [
        ("Trostianets", "Russian troops attacked the town from the north on Thursday.", {}),
        ("Trostianets", "On Friday the fighting moved to the railway depot.",
         {"event_date": "2022-03-11", "date_end": "2022-03-11"}),
    ])
    _write(store, tmp_path, "wire.md", [
        ("Trostianets", "Heavy clashes were reported in the town, officials said.", {})])
    _write(store, tmp_path, "later.md", [
        ("Trostianets", "Soldiers held the depot after a day of street battles.",
         {"event_date": "2022-03-11", "date_end": "2022-03-11"})])
    store.link_groups()
    ev, gm = s.events, s.group_members
    with store.read.connect() as conn:
        rows = conn.execute(select(ev.c.notes, ev.c.event_date, gm.c.group_id)
                            .select_from(ev.join(gm, gm.c.event_id == ev.c.id))).all()
    groups: dict[int, set[str]] = {}
    for key, day, gid in rows:
        groups.setdefault(gid, set()).add(f"{key}:{day.day}")
    assert {frozenset(g) for g in groups.values()} == {
        frozenset({"daily.md:Trostianets:10", "wire.md:Trostianets:10"}),
        frozenset({"daily.md:Trostianets:11", "later.md:Trostianets:11"}),
    }
    assert store.link_groups()["pairs"] == 0  # idempotent


def test_a_group_is_one_event_for_every_two_reports_of_two_documents(
        store: Store, tmp_path: Path) -> None:
    """A report that names no party is the same event as each of two reports that share no
    party (its clash, as two other documents coded it with different sides): it joins one of
    them, and the two are never one group through it (every two reports of two documents in a
    group satisfy the rule, not only the pairs that linked them)."""
    reports = [("one.md", "Tanks entered the town at dawn.", {}),
               ("two.md", "Fighting was reported in the town.", {"actor1": None, "actor2": None}),
               ("three.md", "A column crossed into the district overnight.",
                {"actor1": "Military Forces of Belarus", "actor2": None})]
    for name, text, changes in reports:
        _write(store, tmp_path, name, [("Trostianets", text, changes)])
    one, two, three = (_key("Trostianets", text, n, **changes)
                       for n, (_, text, changes) in enumerate(reports, 1))
    assert same_event(one, two, PY) and same_event(two, three, PY)
    assert not same_event(one, three, PY)
    pair = GroupState.of(one)
    pair.absorb(GroupState.of(two))
    assert not pair.joins(GroupState.of(three))  # three actors in all: the old check let it in
    store.link_groups()
    groups = groups_by_key(store)
    assert not any({"one.md:Trostianets", "three.md:Trostianets"} <= g for g in groups)
    assert any("two.md:Trostianets" in g and len(g) == 2 for g in groups)
    assert store.link_groups()["pairs"] == 0  # idempotent


TOLD = {"a": ("Trostianets", "Clashes went on near Trostianets and on the road to Poltava."),
        "b": ("Poltava", "Fighting was reported in Poltava.")}


def test_words_naming_their_own_place_and_another_tell_their_own() -> None:
    """A place the other report's words name is the same place only where those words tell
    the event there: not where they also name their own report's place (the other is a
    direction, a neighbour); yes where they name no place of their own report, where that
    place is a side of a town (a point of reference), or where both reports' words name
    both places."""
    a, b = (_key(*TOLD[k], n) for n, k in ((1, "a"), (2, "b")))
    assert not same_event(a, b, PY) and not same_event(b, a, PY)
    both = _key("Poltava", "Fighting was reported in Poltava and Trostianets.", 2)
    assert same_event(a, both, PY)
    narrative = _key("Trostianets", "Clashes went on along the road to Poltava.", 1)
    assert same_event(narrative, b, PY)
    side = _key("south of Trostianets", "Clashes went on south of Trostianets, on the road to "
                "Poltava.", 1)
    assert same_event(side, b, PY)


def test_linker_reads_the_words_of_a_told_place_in_sql(store: Store, tmp_path: Path) -> None:
    _write(store, tmp_path, "one.md", [TOLD["a"] + ({},),
                                       ("Trostianets", "Clashes went on along the road to "
                                        "Poltava.", {"event_date": "2022-03-12",
                                                     "date_end": "2022-03-12"})])
    _write(store, tmp_path, "two.md", [TOLD["b"] + ({},),
                                       ("Poltava", "Fighting was reported in Poltava.",
                                        {"event_date": "2022-03-12", "date_end": "2022-03-12"})])
    store.link_groups()
    gm = s.group_members
    with store.read.connect() as conn:
        rows = conn.execute(select(gm.c.group_id, gm.c.day_start)).all()
    days: dict[int, set[int]] = {}
    for gid, day in rows:
        days.setdefault(gid, set()).add(day)
    linked = [d for gid, d in days.items() if sum(g == gid for g, _ in rows) > 1]
    assert linked == [{date(2022, 3, 12).toordinal()}]  # the 12th only
    assert store.link_groups()["pairs"] == 0  # idempotent


def test_two_documents_may_name_the_sides_of_one_event_four_ways(
        store: Store, tmp_path: Path) -> None:
    """Two documents copy one sentence and resolve its parties from their own contexts (one
    side named by its army, the other by its allied militia): one event, four actors. A third
    document's report sharing a party with each joins too; a group of reports of two
    documents is held to the rule pair by pair, not to a count of actors."""
    _write(store, tmp_path, "one.md", [("Trostianets", COPY, {
        "actor1": "Military Forces of Russia", "actor2": "Luhansk People's Republic"})])
    _write(store, tmp_path, "two.md", [("Trostianets", COPY, {
        "actor1": "Military Forces of Ukraine", "actor2": "Donetsk People's Republic"})])
    _write(store, tmp_path, "three.md", [
        ("Trostianets", "Tanks entered the town at dawn.", {})])  # Russia and Ukraine
    store.link_groups()
    assert frozenset({"one.md:Trostianets", "two.md:Trostianets", "three.md:Trostianets"}) \
        in groups_by_key(store)
    assert store.link_groups()["pairs"] == 0  # idempotent
