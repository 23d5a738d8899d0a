"""A town's change of hands dated to its month by one document and to its day by another
(issue #9, rule 24). "In May the militia captured the town of X" and "on 8 May the militia
took X" are one capture: a town changes hands once, unless it changed back and forth or was
taken piece by piece that month, which a document tells by telling two changes of the town.
So a vaguely dated report and a day-precise one of the same change-of-hands sub-event type at
the same town (as a whole) in one country, each its document's only change of that town within
``max_span_days``, are one event (``group_rule._one_change``, terms "c" written by the linker).
A month's fighting, or a side of a town, still joins a day only by copied words. The towns,
parties and sentences are written for the tests; the linker runs on a real store (SQLite and
PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import groups_by_key, linked_groups, place_note, report_key, write_tuples
from warlog.store import schema as s
from warlog.store.database import Store
from warlog.store.group_rule import CHANGE, PY, same_event

pytest_plugins = ["pgserver"]

MILITIA, ARMY = "Brenmark Liberation Front", "Military Forces of Ostravia"
COUNTRY, REGION = "Ostravia", "Upper Vell"
TAKEN = "Non-state actor overtakes territory"


def _town(name: str, lat: float = 44.21, lon: float = 21.33) -> dict[str, Any]:
    return {"location": name, "latitude": lat, "longitude": lon, "geo_precision": 1,
            "admin1": REGION, "country": COUNTRY}


def _report(doc: str, text: str, place: dict[str, Any], start: str, end: str | None = None,
            precision: int = 1, sub: str = TAKEN, etype: str = "Battles",
            actors: tuple[str, str] = (MILITIA, ARMY)) -> tuple[Any, ...]:
    return (doc, text, {**place, "event_date": start, "date_end": end or start,
                        "time_precision": precision, "event_type": etype,
                        "sub_event_type": sub, "actor1": actors[0], "actor2": actors[1]})


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    return dict(report[2])


def _note(report: tuple[Any, ...]) -> str:
    return f"{place_note(report)}:{report[1][:14]}"


# a summary of the month and a day's account of the one capture of the town
MONTH = _report("summary_a.txt", "In May 2019 the Brenmark Liberation Front captured the town "
                "of Dolvara from the army.", _town("Dolvara"), "2019-05-01", "2019-05-31", 3)
DAY = _report("daily_b.txt", "On 8 May 2019 fighters of the front took Dolvara after the "
              "garrison withdrew overnight.", _town("Dolvara"), "2019-05-08")
# the day's document telling the town taken back by the army later that month
RETAKEN = _report("daily_b.txt", "On 23 May 2019 the army retook Dolvara in a counterattack.",
                  _town("Dolvara"), "2019-05-23", sub="Government regains territory")
# a month's fighting for the town, and a day's fighting there
FOUGHT = _report("summary_a.txt", "Throughout May 2019 the front and the army fought for "
                 "Dolvara.", _town("Dolvara"), "2019-05-01", "2019-05-31", 3,
                 sub="Armed clash")
CLASH = _report("daily_b.txt", "On 8 May 2019 the front and the army clashed in Dolvara.",
                _town("Dolvara"), "2019-05-08", sub="Armed clash")
# the month's summary of a side of the town, taken village by village
EAST_MONTH = _report("summary_a.txt", "In May 2019 the front seized the eastern countryside "
                     "of Dolvara.", _town("eastern countryside of Dolvara"), "2019-05-01",
                     "2019-05-31", 3)
EAST_DAY = _report("daily_b.txt", "On 8 May 2019 the front seized the hamlet of Prisk.",
                   _town("eastern countryside of Dolvara"), "2019-05-08")


def _key(report: tuple[Any, ...], eid: int, change: bool = True) -> Any:
    key = report_key(_fields, report, eid)
    if not change:
        return key
    return type(key)(**{**{f: getattr(key, f) for f in key.__dataclass_fields__},
                        "terms": key.terms | {(CHANGE, key.place)}})


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    return linked_groups(store, tmp_path, docs, _fields, _note)


def test_a_month_and_a_day_of_one_change_of_hands_are_one_event() -> None:
    month, day = _key(MONTH, 1), _key(DAY, 2)
    assert same_event(month, day, PY) and same_event(day, month, PY)
    # without the linker's term (the document tells another change of the town that month)
    assert not same_event(_key(MONTH, 1, change=False), day, PY)
    assert not same_event(month, _key(DAY, 2, change=False), PY)
    # a month's fighting is no one day's fighting (every day of it was at the town)
    assert not same_event(_key(FOUGHT, 1), _key(CLASH, 2), PY)
    # a side of the town is an area, taken village by village
    assert not same_event(_key(EAST_MONTH, 1), _key(EAST_DAY, 2), PY)
    # another town
    assert not same_event(month, _key(_report(*DAY[:2], _town("Sarvel", 44.5, 21.9),
                                              "2019-05-08"), 2), PY)


def test_the_linker_groups_the_month_with_the_day(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[MONTH], [DAY]])
    assert groups == [sorted([_note(MONTH), _note(DAY)])], groups


def test_a_document_telling_the_town_retaken_keeps_the_month_apart(
        store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[MONTH], [DAY, RETAKEN]])
    assert groups == sorted([[_note(MONTH)], [_note(DAY)], [_note(RETAKEN)]]), groups


def test_a_month_of_fighting_stays_apart_from_a_day_of_it(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[FOUGHT], [CLASH]])
    assert groups == sorted([[_note(FOUGHT)], [_note(CLASH)]]), groups


def test_the_pair_is_found_by_an_incremental_link(store: Store, tmp_path: Path) -> None:
    write_tuples(store, tmp_path, [DAY], _fields, _note)
    store.link_groups()
    assert _groups(store, tmp_path, [[MONTH]]) == [sorted([_note(MONTH), _note(DAY)])]


def test_an_edit_that_makes_a_second_change_relinks_the_pair(
        store: Store, tmp_path: Path) -> None:
    # the counterattack first coded as fighting; a reviewer makes it the army's retaking: the
    # day's document now tells two changes of the town that month, and the pair is undone
    fought = _report(*RETAKEN[:2], _town("Dolvara"), "2019-05-23", sub="Armed clash")
    assert _groups(store, tmp_path, [[MONTH], [DAY, fought]]) == sorted(
        [sorted([_note(MONTH), _note(DAY)]), [_note(fought)]])
    ev = s.events
    with store.read.connect() as conn:
        eid, version = conn.execute(select(ev.c.id, ev.c.version)
                                    .where(ev.c.notes == _note(fought))).one()
    store.review(eid, {"sub_event_type": "Government regains territory"}, version, "reviewer1")
    store.link_groups()
    assert sorted(sorted(g) for g in groups_by_key(store)) == sorted(
        [[_note(MONTH)], [_note(DAY)], [_note(fought)]])
    # and linked again alike (the term is the document's, not the order's)
    assert store.link_groups()["pairs"] == 0
