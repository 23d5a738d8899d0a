"""One report is the vaguer one in one respect (issue #9, rule 14): a report coded to a region
is the same place as a report inside it of the same (or a compatible) sub-event type, not of
another type, where a generic "fighting" or a region's capture would be vaguer in both place and
type; unless the region's report names that place in its words. The sentences are the
corpus's own (English Wikipedia, CC BY-SA 4.0), coded as the extraction codes them, on a real
store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import groups_by_key, write_tuples
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_bands, evidence_terms
from warlog.store.group_rule import PY, link_key, place_coded, place_told, same_event

pytest_plugins = ["pgserver"]

RUSSIA, UKRAINE = "Military Forces of Russia", "Military Forces of Ukraine"
SYRIA, ISIL, COALITION = "Military Forces of Syria", "Islamic State", "US-led Coalition"
CLASH, REGAINED = "Armed clash", "Government regains territory"
TAKEN = "Non-state actor overtakes territory"

LUHANSK_OBLAST = {"location": "Luhansk oblast", "latitude": 48.56814, "longitude": 39.30553,
                  "geo_precision": 3, "admin1": "Luhans'k", "country": "Ukraine"}
VERKHNOKAMYANSKE = {"location": "Verkhnokamyanske", "latitude": 48.92585,
                    "longitude": 38.24674, "geo_precision": 2, "admin1": "Luhans'k",
                    "country": "Ukraine"}
RAQQA = {"location": "Raqqa", "latitude": 35.95283, "longitude": 39.00788, "geo_precision": 1,
         "admin1": "Ar Raqqah", "country": "Syria"}
RAQQA_PROVINCE = {"location": "Ar-Raqqah province", "latitude": 35.95283,
                  "longitude": 39.00788, "geo_precision": 3, "admin1": "Ar Raqqah",
                  "country": "Syria"}

# eastern_ukraine_campaign.md (a region's fall, coded as a territory change) and
# battle_of_siversk.md (the day's fighting for villages, coded as the generic clash)
FALL = ("eastern_ukraine_campaign.md", "On 4 July, The Guardian reported that after the fall of "
        "the Luhansk oblast, that Russian invasion troops would continue their invasion into "
        "the adjacent Donetsk oblast to attack the cities of Sloviansk and Bakhmut.",
        LUHANSK_OBLAST, "2022-07-04", REGAINED, UKRAINE, RUSSIA)
VILLAGES = ("battle_of_siversk.md", "Fighting intensified on 4 July for the villages of "
            "Verkhnokamyanske, Hryhorivka, Spirne, and especially Bilohorivka, the last town in "
            "Luhansk Oblast under Ukrainian control.", VERKHNOKAMYANSKE, "2022-07-04", CLASH,
            RUSSIA, UKRAINE)
# battle_of_raqqa_(2017).md (coalition strikes in the city) and maskanah_plains_offensive.md
# (villages taken elsewhere in the province, coded to the province)
STRIKES = ("battle_of_raqqa_(2017).md", "An international coalition spokesperson stated that "
           "they had destroyed numerous targets in Raqqa between 7–9 June; a minefield, eleven "
           "fighting positions, four vehicles, three ISIL headquarters, two vehicle-borne "
           "improvised explosive devices (VBIEDs) and an ISIL-held building.", RAQQA,
           ("2017-06-07", "2017-06-09"), CLASH, COALITION, SYRIA)
VILLAGES_TAKEN = ("maskanah_plains_offensive.md", "By the end of the day, the Army took control "
                  "of 15 of these villages.", RAQQA_PROVINCE, "2017-06-08", REGAINED, SYRIA,
                  ISIL)


def _fields(report: tuple[Any, ...], **changes: Any) -> dict[str, Any]:
    _, _, place, day, sub, actor1, actor2 = report
    start, end = day if isinstance(day, tuple) else (day, day)
    return {**place, "event_date": start, "date_end": end, "time_precision": 1,
            "event_type": "Battles", "sub_event_type": sub, "actor1": actor1,
            "actor2": actor2, **changes}


def _key(report: tuple[Any, ...], doc: int, **changes: Any) -> Any:
    text = report[1]
    return link_key({**_fields(report, **changes), "id": doc, "document_id": doc},
                    terms=evidence_terms(text, evidence_bands([text])[0]))


def test_a_regions_specific_report_is_not_a_places_generic_one() -> None:
    fall, villages = _key(FALL, 1), _key(VILLAGES, 2)
    assert not place_coded(fall, villages, PY) and not same_event(fall, villages, PY)
    strikes, taken = _key(STRIKES, 3), _key(VILLAGES_TAKEN, 4)
    assert not place_coded(strikes, taken, PY) and not same_event(taken, strikes, PY)


# first_battle_of_kreminna.md codes its sentence to the oblast; eastern_ukraine_campaign.md
# codes the capture at the town
KREMINNA = {"location": "Kreminna", "latitude": 49.04811, "longitude": 38.21552,
            "geo_precision": 1, "admin1": "Luhans'k", "country": "Ukraine"}
ENTERED = ("first_battle_of_kreminna.md", "On 18 April 2022, Russian forces entered Kreminna, "
           "where the Governor of Luhansk Oblast Serhiy Haidai reported that street fights "
           "began and that evacuation was not possible.", {**LUHANSK_OBLAST,
                                                          "location": "Luhansk Oblast"},
           "2022-04-18", CLASH, RUSSIA, UKRAINE)
CAPTURED = ("eastern_ukraine_campaign.md", "On the same day, it was reported that Russian and "
            "LNR troops had entered the city of Kreminna, capturing it after a few hours of "
            "clashes with the Ukrainian Army.", KREMINNA, "2022-04-18", TAKEN, RUSSIA, UKRAINE)


def test_a_region_contains_a_place_of_the_same_type() -> None:
    # the same sub-event type (or a compatible one) at a village of the oblast that day
    villages = _key(VILLAGES, 2)
    assert same_event(_key(FALL, 1, sub_event_type=CLASH), villages, PY)
    assert place_coded(_key(FALL, 1, sub_event_type=TAKEN),
                       _key(VILLAGES, 2, sub_event_type=REGAINED), PY)
    # the generic type at the region and a capture inside it: vaguer in both, not coded alike
    assert not place_coded(_key(VILLAGES_TAKEN, 4, sub_event_type=CLASH), _key(STRIKES, 3,
                           sub_event_type=REGAINED), PY)


def test_a_regions_report_naming_the_place_is_told_there() -> None:
    entered, captured = _key(ENTERED, 5), _key(CAPTURED, 6)
    assert not place_coded(entered, captured, PY)
    assert place_told(entered, captured, PY) and same_event(entered, captured, PY)
    # the oblast's fall names no village of the day's fighting
    assert not place_told(_key(FALL, 1), _key(VILLAGES, 2), PY)


def _write(store: Store, folder: Path, reports: list[tuple[Any, ...]]) -> None:
    """One document of the reports' sentences (all of one document name)."""
    write_tuples(store, folder, reports, _fields, _note)


def _note(report: tuple[Any, ...]) -> str:
    return f"{report[0]}:{report[2]['location']}"


def test_linker_keeps_a_regions_capture_apart_from_a_villages_fighting(
        store: Store, tmp_path: Path) -> None:
    _write(store, tmp_path, [FALL, CAPTURED])  # eastern_ukraine_campaign.md
    for report in (VILLAGES, STRIKES, VILLAGES_TAKEN, ENTERED):
        _write(store, tmp_path, [report])
    store.link_groups()
    groups = groups_by_key(store)
    # each report of the oblast and the province its own event; Kreminna's two one event
    assert sorted(map(sorted, groups)) == sorted(
        [[_note(FALL)], [_note(VILLAGES)], [_note(STRIKES)], [_note(VILLAGES_TAKEN)],
         sorted([_note(ENTERED), _note(CAPTURED)])]), groups
