"""A facility that spans kilometres is one place within its kilometres (issue #9, rule 21).
An airbase is named after a town beside it, and its runways and depots lie a few kilometres
out of that town: one source codes "the X airbase" at the base's own point, another "the air
base at Y" at the town its sentence names. Two precise reports that both name an airbase are
one place when coded within ``facility_km`` of each other; the facilities of a town itself (a
bridge) and a report of the town as a whole keep ``place_km`` (two kilometres). The news items
and places are written for the tests; the linker runs on a real store (SQLite and
PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import linked_groups, place_note, report_key
from warlog.store.database import Store
from warlog.store.group_rule import PY, place_coded, rules, same_event

pytest_plugins = ["pgserver"]

RUSSIA, UKRAINE = "Military Forces of Russia", "Military Forces of Ukraine"
BLAST = "Remote explosive/landmine/IED"
DAY = "2023-05-03"


def _place(location: str, lat: float, lon: float) -> dict[str, Any]:
    return {"location": location, "latitude": lat, "longitude": lon, "geo_precision": 1,
            "admin1": "Crimea", "country": "Ukraine"}


# the base's own point, and the town 4 km off that the other source names it by
BASE = _place("Lesnoye airbase", 44.50, 34.00)
AT_TOWN = _place("air base at Dubrava", 44.53, 34.03)
TOWN = _place("Dubrava", 44.53, 34.03)
FAR_BASE = _place("Gornoye airbase", 44.58, 34.00)  # 9 km from the first: another base
BRIDGE = _place("Lesnoye bridge", 44.50, 34.00)
AT_TOWN_BRIDGE = _place("bridge at Dubrava", 44.53, 34.03)

ONE = ("wire_a.txt", "On 3 May 2023, several explosions destroyed aircraft parked at the "
       "Lesnoye airbase.", BASE)
TWO = ("daily_b.txt", "Witnesses heard a series of blasts at the air base at Dubrava early "
       "on 3 May 2023.", AT_TOWN)
TOWN_ONLY = ("daily_c.txt", "Witnesses heard a series of blasts in Dubrava early on 3 May "
             "2023.", TOWN)
FAR = ("daily_b.txt", "Witnesses heard a series of blasts at the Gornoye airbase early on "
       "3 May 2023.", FAR_BASE)
BRIDGE_ONE = ("wire_a.txt", "On 3 May 2023, an explosion damaged the Lesnoye bridge.", BRIDGE)
BRIDGE_TWO = ("daily_b.txt", "Witnesses heard a blast at the bridge at Dubrava early on 3 May "
              "2023.", AT_TOWN_BRIDGE)


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    return {**report[2], "event_date": DAY, "date_end": DAY, "time_precision": 1,
            "event_type": "Explosions/Remote violence", "sub_event_type": BLAST,
            "actor1": UKRAINE, "actor2": RUSSIA}


_note = place_note


def _key(report: tuple[Any, ...], eid: int) -> Any:
    return report_key(_fields, report, eid)


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    return linked_groups(store, tmp_path, docs, _fields)


def test_the_distances_are_what_the_tests_say() -> None:
    def km(a: Any, b: Any) -> float:
        return float(((a.x_km - b.x_km) ** 2 + (a.y_km - b.y_km) ** 2) ** 0.5)
    one, two, far = _key(ONE, 1), _key(TWO, 2), _key(FAR, 3)
    assert rules().place_km < km(one, two) < dict(rules().facility_km)["airbase"] < km(one, far)
    assert one.site == two.site == far.site == "airbase"
    assert _key(BRIDGE_ONE, 4).site == "bridge" and _key(TOWN_ONLY, 5).site is None


def test_two_codings_of_one_airbase_are_one_place() -> None:
    one, two = _key(ONE, 1), _key(TWO, 2)
    assert place_coded(one, two, PY) and same_event(one, two, PY) and same_event(two, one, PY)


def test_a_towns_own_facility_or_the_town_keeps_two_kilometres() -> None:
    one = _key(ONE, 1)
    assert not same_event(_key(BRIDGE_ONE, 4), _key(BRIDGE_TWO, 5), PY)
    assert not same_event(one, _key(TOWN_ONLY, 6), PY)
    assert not same_event(one, _key(FAR, 7), PY)


def test_the_linker_groups_one_airbase_coded_twice(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[ONE], [TWO]])
    assert groups == [sorted([_note(ONE), _note(TWO)])], groups


def test_the_linker_keeps_two_bridges_apart(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[ONE, BRIDGE_ONE], [BRIDGE_TWO]])
    assert groups == sorted([[_note(ONE)], [_note(BRIDGE_ONE)], [_note(BRIDGE_TWO)]]), groups


def test_the_linker_keeps_the_base_and_the_town_apart(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[ONE], [TOWN_ONLY]])
    assert groups == sorted([[_note(ONE)], [_note(TOWN_ONLY)]]), groups
