"""Two reports coded to their country only (issue #9, rule 23). A sentence whose words name
no place inside the country ("a patrol boat was sunk by the neighbour's navy off the coast")
is coded to the country; two documents that each tell that day's one event of that type and
those two parties tell the same one. Where a document tells another report of the same
country, day, type and parties (at a town, or coded to the country as well), its
country-coded report is one of several, and is not linked by the country alone; nor is a
report of one party (``group_rule._one_country_event``, terms "u" written by the linker from
the document's other reports). The news items, countries and parties are written for the
tests; the linker runs on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import groups_by_key, linked_groups, place_note, report_key, write_tuples
from warlog.store import schema as s
from warlog.store.database import Store
from warlog.store.group_rule import PY, SOLE, place_coded, same_event, sole_term

pytest_plugins = ["pgserver"]

NAVY_A, NAVY_B = "Military Forces of Ostravia", "Military Forces of Pellmark"
DAY, NEXT = "2021-05-03", "2021-05-04"
COUNTRY = "Ostravia"


def _country() -> dict[str, Any]:
    return {"location": COUNTRY, "latitude": 44.10, "longitude": 21.40, "geo_precision": 3,
            "admin1": None, "country": COUNTRY}


def _town(name: str, lat: float, lon: float) -> dict[str, Any]:
    return {"location": name, "latitude": lat, "longitude": lon, "geo_precision": 1,
            "admin1": "Varna Coast", "country": COUNTRY}


def _report(doc: str, text: str, place: dict[str, Any], day: str = DAY,
            sub: str = "Armed clash", actors: tuple[str, str] = (NAVY_A, NAVY_B)
            ) -> tuple[Any, ...]:
    return (doc, text, {**place, "event_date": day, "date_end": day, "sub_event_type": sub,
                        "actor1": actors[0], "actor2": actors[1]})


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    return {"time_precision": 1, "event_type": "Battles", **report[2]}


def _note(report: tuple[Any, ...]) -> str:
    return f"{place_note(report)}:{report[1][:12]}"


# the one event, told by two documents in words that name no place inside the country
SUNK = _report("wire_a.txt", "On 3 May 2021 an Ostravian patrol boat was sunk by a Pellmark "
               "frigate after a brief exchange of fire.", _country())
SANK = _report("daily_b.txt", "Pellmark's navy said on 3 May 2021 that one of its frigates "
               "had sunk a patrol vessel that refused to turn back.", _country())
# the same wire document telling a second fight of those navies that day, at a harbour town
HARBOUR = _report("wire_a.txt", "Later that day the two navies clashed again off the "
                  "harbour of Dravik.", _town("Dravik", 43.90, 21.95))
# the second document's report coded to the country, without a location
UNPLACED = _report("daily_b.txt", SANK[1], {**_country(), "location": None})
# one party only: the patrol boat's own navy
ALONE_A = _report("wire_a.txt", SUNK[1], _country(), actors=(NAVY_A, NAVY_A))
ALONE_B = _report("daily_b.txt", SANK[1], _country(), actors=(NAVY_A, NAVY_A))


def _key(report: tuple[Any, ...], eid: int, sole: bool = True) -> Any:
    key = report_key(_fields, report, eid)
    if not sole:
        return key
    term = (SOLE, sole_term(key.country, key.sub_event_type, key.actor_lo, key.actor_hi))
    return type(key)(**{**{f: getattr(key, f) for f in key.__dataclass_fields__},
                        "terms": key.terms | {term}})


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    return linked_groups(store, tmp_path, docs, _fields, _note)


def test_two_sole_country_reports_are_one_place() -> None:
    a, b = _key(SUNK, 1), _key(SANK, 2)
    assert place_coded(a, b, PY) and same_event(a, b, PY) and same_event(b, a, PY)
    # without the linker's term (another report of that day in a document): two places
    a0, b0 = _key(SUNK, 1, sole=False), _key(SANK, 2, sole=False)
    assert not place_coded(a0, b, PY) and not same_event(a0, b, PY)
    assert not same_event(a, b0, PY)
    # another sub-event type: another term
    other = _key(_report("daily_b.txt", SANK[1], _country(), sub="Attack"), 3)
    assert not place_coded(a, other, PY)


def test_the_linker_groups_two_sole_country_reports(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[SUNK], [SANK]])
    assert groups == [sorted([_note(SUNK), _note(SANK)])], groups


def test_a_report_without_a_location_is_found_by_its_term(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[SUNK], [UNPLACED]])
    assert groups == [sorted([_note(SUNK), _note(UNPLACED)])], groups


def test_a_document_telling_another_such_event_that_day_keeps_them_apart(
        store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[SUNK, HARBOUR], [SANK]])
    assert groups == sorted([[_note(SUNK)], [_note(HARBOUR)], [_note(SANK)]]), groups


def test_one_party_is_no_pair_of_parties(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[ALONE_A], [ALONE_B]])
    assert groups == sorted([[_note(ALONE_A)], [_note(ALONE_B)]]), groups


def test_the_pair_is_found_by_an_incremental_link(store: Store, tmp_path: Path) -> None:
    write_tuples(store, tmp_path, [SANK], _fields, _note)
    store.link_groups()
    assert _groups(store, tmp_path, [[SUNK]]) == [sorted([_note(SUNK), _note(SANK)])]


def test_an_edit_that_makes_a_second_such_event_relinks_the_pair(
        store: Store, tmp_path: Path) -> None:
    # the harbour fight first coded as an attack; a reviewer makes it the navies' clash: the
    # wire's country report is no longer the only one of its day, and leaves the pair
    harbour = _report(*HARBOUR[:2], HARBOUR[2], sub="Attack")
    assert _groups(store, tmp_path, [[SUNK, harbour], [SANK]]) == sorted(
        [sorted([_note(SUNK), _note(SANK)]), [_note(harbour)]])
    ev = s.events
    with store.read.connect() as conn:
        eid, version = conn.execute(select(ev.c.id, ev.c.version)
                                    .where(ev.c.notes == _note(harbour))).one()
    store.review(eid, {"sub_event_type": "Armed clash"}, version, "reviewer1")
    store.link_groups()
    assert sorted(sorted(g) for g in groups_by_key(store)) == sorted(
        [[_note(SUNK)], [_note(harbour)], [_note(SANK)]])
    # and linked again from scratch alike (the term is the document's, not the order's)
    assert store.link_groups()["pairs"] == 0
