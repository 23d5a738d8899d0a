"""A place told by a name spelled another way (issue #9, rule 19): where one report is coded
to a region or to no place (its gazetteer lost the town its sentence names) and its words name
the other report's town in another transliteration ("ou" for "u", a doubled letter, "e" for
"a"), the two are one place by ACLED's rule ("the same place by name"), as long as the date,
type and parties agree. The news items and names are written for the tests; the linker runs
on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import groups_by_key, write_tuples
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_terms
from warlog.store.group_rule import PY, link_key, rules, same_event, spelled

pytest_plugins = ["pgserver"]

ARMY, REBELS = "Military Forces of Syria", "Free Syrian Army"
REGAINED, CLASH = "Government regains territory", "Armed clash"

# the town as one item's gazetteer read it, and the province another item's coding fell back
# to (another admin1: the town lies near the provinces' border)
TOWN = {"location": "Tell Qasroun", "latitude": 35.41, "longitude": 36.61, "geo_precision": 1,
        "admin1": "Hama", "country": "Syria"}
PROVINCE = {"location": "Idlib Governorate", "latitude": 35.93, "longitude": 36.63,
            "geo_precision": 3, "admin1": "Idlib", "country": "Syria"}
ELSEWHERE = {"location": "Ain Sawda", "latitude": 36.20, "longitude": 36.90, "geo_precision": 1,
             "admin1": "Idlib", "country": "Syria"}
DAY = "2019-06-03"


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    _, _, sub, actor1, actor2, place, *day = report
    when = day[0] if day else DAY
    return {**place, "event_date": when, "date_end": when, "time_precision": 1,
            "event_type": "Battles", "sub_event_type": sub, "actor1": actor1, "actor2": actor2}


def _note(report: tuple[Any, ...]) -> str:
    return f"{report[0]}:{report[2]}:{report[3]}"


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    for reports in docs:
        write_tuples(store, tmp_path, reports, _fields, _note)
    store.link_groups()
    return sorted(sorted(g) for g in groups_by_key(store))


def _key(report: tuple[Any, ...], event_id: int, document_id: int) -> Any:
    ev = {**_fields(report), "id": event_id, "document_id": document_id}
    return link_key(ev, terms=evidence_terms(report[1], set()))


CAPTURED = ("wire_a.txt", "Government troops captured the village of Tell Qasroun on Monday, "
            "state media said.", REGAINED, ARMY, REBELS, TOWN)
SEIZED = ("daily_b.txt", "On Monday the army seized Tal Qasrun after a short battle, a "
          "monitoring group said.", REGAINED, REBELS, ARMY, PROVINCE)


def test_one_name_in_two_transliterations_is_one_spelling() -> None:
    assert spelled("Tell Qasroun") == spelled("Tal Qasrun") is not None
    assert spelled("Tell Qasroun") != spelled("Tal Hamra")
    # a skeleton of few letters is shared by too many names to tell a place
    assert len(spelled("Qasroun") or "") >= rules().spelled_min_letters
    assert spelled("Ula") is None


def test_a_town_spelled_another_way_by_a_report_coded_to_its_province(
        store: Store, tmp_path: Path) -> None:
    a, b = _key(CAPTURED, 1, 1), _key(SEIZED, 2, 2)
    assert same_event(a, b, PY) and same_event(b, a, PY)
    groups = _groups(store, tmp_path, [[CAPTURED], [SEIZED]])
    assert groups == [sorted([_note(CAPTURED), _note(SEIZED)])], groups


# the province's report names another village: no spelling of the town
OTHER_VILLAGE = ("daily_b.txt", "On Monday the army seized Tal Hamra after a short battle, a "
                 "monitoring group said.", REGAINED, REBELS, ARMY, PROVINCE)


def test_a_province_report_naming_another_village_stays_apart(store: Store, tmp_path: Path
                                                              ) -> None:
    groups = _groups(store, tmp_path, [[CAPTURED], [OTHER_VILLAGE]])
    assert groups == sorted([[_note(CAPTURED)], [_note(OTHER_VILLAGE)]]), groups


# the other item is coded to a town of its own: its sentence's event is there, and the town it
# names in another spelling is a neighbour, not its place (only a region or no place lost it)
FROM_TOWN = ("daily_b.txt", "On Monday the army seized Ain Sawda, a day's march from Tal "
             "Qasrun, a monitoring group said.", REGAINED, REBELS, ARMY, ELSEWHERE)


def test_a_report_coded_to_another_town_is_not_told_by_a_spelling(store: Store, tmp_path: Path
                                                                   ) -> None:
    assert not same_event(_key(CAPTURED, 1, 1), _key(FROM_TOWN, 2, 2), PY)
    groups = _groups(store, tmp_path, [[CAPTURED], [FROM_TOWN]])
    assert groups == sorted([[_note(CAPTURED)], [_note(FROM_TOWN)]]), groups


# the same spelling a week later is another event (the dates still decide)
LATER = ("daily_b.txt", "The army seized Tal Qasrun after a short battle, a monitoring group "
         "said.", REGAINED, REBELS, ARMY, PROVINCE, "2019-06-10")


def test_a_spelling_of_another_week_stays_apart(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[CAPTURED], [LATER]])
    assert groups == sorted([[_note(CAPTURED)], [_note(LATER)]]), groups
