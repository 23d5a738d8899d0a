"""A place named with its owner's adjective (issue #9, rule 22). A location written "the
Russian Belaya Air Base" names who holds the base as well as the base; another source's
sentence names it "the Belaya Air Base". Where the two documents geocode the event apart
(one at the base, the other at the town its narrative was about), the other's words still
name the first one's place, without the adjective (``group_rule.owned_place``, terms "o"),
as they would name it with. A name of one word after the adjective ("Russian Federation") is
a name of its own. The news items and places are written for the tests; the linker runs on a
real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import linked_groups, place_note, report_key, write_tuples
from warlog.store.database import Store
from warlog.store.group_rule import (
    OWNED,
    PY,
    owned_place,
    place_told,
    same_event,
)

pytest_plugins = ["pgserver"]

RUSSIA, SYRIA = "Military Forces of Russia", "Military Forces of Syria"
DAY = "2019-03-14"


def _place(location: str, lat: float, lon: float) -> dict[str, Any]:
    return {"location": location, "latitude": lat, "longitude": lon, "geo_precision": 2,
            "admin1": "Lattakia", "country": "Syria"}


# the base, and a town 30 km off that the second document's narrative was about
BASE = _place("Russian Belaya Air Base", 35.40, 35.95)
OTHER_BASE = _place("Russian Zarya Air Base", 35.40, 35.95)
TOWN = _place("Kafr Dunya", 35.65, 36.05)

AT_BASE = ("wire_a.txt", "On 14 March 2019, a transport plane coming in to land at the "
           "Russian Belaya Air Base was hit by a missile fired in error.", BASE)
AT_OTHER = ("wire_a.txt", "On 14 March 2019, a transport plane coming in to land at the "
            "Russian Zarya Air Base was hit by a missile fired in error.", OTHER_BASE)
# the other document's sentence names the base without the adjective, not its own town
NAMED = ("daily_b.txt", "A missile fired in error downed a transport plane as it returned "
         "to Belaya Air Base on 14 March 2019, killing its crew.", TOWN)


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    return {**report[2], "event_date": DAY, "date_end": DAY, "time_precision": 1,
            "event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use",
            "actor1": SYRIA, "actor2": RUSSIA}


_note = place_note


def _key(report: tuple[Any, ...], eid: int) -> Any:
    return report_key(_fields, report, eid)


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    return linked_groups(store, tmp_path, docs, _fields)


def test_a_place_without_its_owners_adjective() -> None:
    assert owned_place("russian belaya air base") == "belaya air base"
    assert owned_place("costa rican naval base limon") == "naval base limon"
    assert owned_place("russian federation") is None  # a name of one word is its own
    assert owned_place("belaya air base") is None
    assert ("o", OWNED + "belaya air base") in _key(AT_BASE, 1).terms


def test_words_naming_the_base_without_the_adjective_tell_its_place() -> None:
    base, named, other = _key(AT_BASE, 1), _key(NAMED, 2), _key(AT_OTHER, 3)
    assert place_told(base, named, PY) and same_event(base, named, PY)
    assert same_event(named, base, PY)
    assert not place_told(other, named, PY) and not same_event(other, named, PY)


def test_the_linker_groups_the_base_named_two_ways(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[AT_BASE], [NAMED]])
    assert groups == [sorted([_note(AT_BASE), _note(NAMED)])], groups


def test_the_linker_keeps_another_base_apart(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[AT_OTHER], [NAMED]])
    assert groups == sorted([[_note(AT_OTHER)], [_note(NAMED)]]), groups


def test_the_linker_finds_the_pair_in_either_order_across_links(
        store: Store, tmp_path: Path) -> None:
    # the base's report linked first, the words naming it later, and the other way round:
    # each incremental link looks the pair up from the report it adds
    write_tuples(store, tmp_path, [AT_BASE], _fields, _note)
    store.link_groups()
    assert _groups(store, tmp_path, [[NAMED]]) == [sorted([_note(AT_BASE), _note(NAMED)])]


def test_the_linker_finds_the_pair_named_first(store: Store, tmp_path: Path) -> None:
    write_tuples(store, tmp_path, [NAMED], _fields, _note)
    store.link_groups()
    assert _groups(store, tmp_path, [[AT_BASE]]) == [sorted([_note(AT_BASE), _note(NAMED)])]
