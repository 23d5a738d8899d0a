"""A copy that writes a name by its initials (issue #9, rule 20): news copy names an armed
group, a council or a front in full ("the Jabal Qatrun Defence Council") and then, or in
another outlet's copy of the same sentence, by its initials ("the JQDC"). Two near-identical
sentences of two documents tell one place where neither names a name the other does not
(``Ops.copied``); an acronym whose letters are the initials of a name the other copy spells
out is that name, not another one. The news items, groups and places are written for the
tests; the linker runs on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import groups_by_key, write_tuples
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_terms
from warlog.store.group_rule import PY, link_key, same_event

pytest_plugins = ["pgserver"]

MILITIA, REBELS = "Jabal Qatrun Defence Council", "Free Syrian Army"
CHANGE = "Change to group/activity"

# two gazetteer readings of one sentence: two villages of one province, 20 km apart
VILLAGE_A = {"location": "Kafr Tamim", "latitude": 36.40, "longitude": 37.10, "geo_precision": 1,
             "admin1": "Aleppo", "country": "Syria"}
VILLAGE_B = {"location": "Tell Shaib", "latitude": 36.55, "longitude": 37.22, "geo_precision": 1,
             "admin1": "Aleppo", "country": "Syria"}
DAY = "2016-04-11"

FULL = ("wire_a.txt", "On 11 April 2016, a company of fighters from the Hill Brigade "
        "defected with their weapons and vehicles and joined the Jabal Qatrun Defence "
        "Council.", CHANGE, REBELS, MILITIA, VILLAGE_A)
INITIALS = ("daily_b.txt", "On 11 April 2016, a company of fighters from the Hill Brigade "
            "defected with their weapons and vehicles and joined the JQDC.", CHANGE, REBELS,
            MILITIA, VILLAGE_B)
# the same sentence naming another council by its initials: another event
OTHER = ("daily_b.txt", "On 11 April 2016, a company of fighters from the Hill Brigade "
         "defected with their weapons and vehicles and joined the SRDF.", CHANGE, REBELS,
         MILITIA, VILLAGE_B)


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    _, _, sub, actor1, actor2, place = report
    return {**place, "event_date": DAY, "date_end": DAY, "time_precision": 1,
            "event_type": "Strategic developments", "sub_event_type": sub, "actor1": actor1,
            "actor2": actor2}


def _note(report: tuple[Any, ...]) -> str:
    return f"{report[0]}:{report[5]['location']}"


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    for reports in docs:
        write_tuples(store, tmp_path, reports, _fields, _note)
    store.link_groups()
    return sorted(sorted(g) for g in groups_by_key(store))


def test_a_long_name_gives_its_initials_as_terms() -> None:
    terms = evidence_terms(FULL[1], set())
    assert ("i", "jqdc") in terms and ("n", "jabal qatrun defence council") in terms
    # a name of two words is no acronym's source ("Hill Brigade": no "hb")
    assert ("i", "hb") not in terms
    assert not {t for k, t in evidence_terms(INITIALS[1], set()) if k == "i"} & {"jqdc"}


def test_a_copy_naming_the_group_by_its_initials_is_one_place(
        store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[FULL], [INITIALS]])
    assert groups == [sorted([_note(FULL), _note(INITIALS)])], groups


def test_initials_of_another_name_keep_the_copies_apart(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[FULL], [OTHER]])
    assert groups == sorted([[_note(FULL)], [_note(OTHER)]]), groups


def test_the_rule_reads_initials_both_ways() -> None:
    def key(report: tuple[Any, ...], eid: int, bands: set[str]) -> Any:
        ev = {**_fields(report), "id": eid, "document_id": eid}
        return link_key(ev, terms=evidence_terms(report[1], bands))

    shared = {"0:x", "1:y"}  # as two near-identical texts' MinHash bands
    a, b, c = key(FULL, 1, shared), key(INITIALS, 2, shared), key(OTHER, 3, shared)
    assert PY.copied(a, b, 2) and PY.copied(b, a, 2)
    assert same_event(a, b, PY) and same_event(b, a, PY)
    assert not PY.copied(a, c, 2) and not same_event(a, c, PY)
