"""Decades-old wire copy probed in session 16 (UPI/AP/Reuter/AFP of the 1960s-1990s: Indochina,
Latin America, the Balkans, Chechnya, Sri Lanka, Northern Ireland, Lebanon, Southern Africa,
the Horn, Kashmir, East Timor, the Iran-Iraq war, Afghanistan): AP's archived underscore dash
("BELFAST (AP) _"), the day right after the dead with no "on" ("killed seven soldiers last
night", "Sunday night"), killings told with "to death" before the victim ("burned to death a
town councillor") or the victims named again ("pulled off 12 passengers and shot them dead"),
old groups' names (Tupamaro, MNR rebels, Fretilin), a state's aircraft or missiles named by
make or range ("Ethiopian MiG jets", "Iraqi long-range missiles"), "persons" killed as the
civilians they are, students marching as a protest, and "jets raided" as an air strike. News
items written for these tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "1984-05-15"  # a Tuesday
MON = "1984-05-14"
SUN = "1984-05-13"
ITEMS = {
    "underscore": "HARGEISA (AP) _ Soldiers opened fire on a crowd of demonstrators today, "
                  "killing at least five, witnesses said.",
    "last_night": "COLOMBO, Sri Lanka (Reuter) - Separatist guerrillas ambushed an army patrol "
                  "near Vavuniya and killed seven soldiers last night, officials said.",
    "sunday_night": "MANILA (UPI) -- Communist rebels shot dead four policemen Sunday night in "
                    "an attack on a town hall near Tarlac, the military said.",
    "to_death": "JOHANNESBURG (Reuter) - A crowd of youths stoned and burned to death a "
                "policeman in Alexandra township yesterday, police said.",
    "them_dead": "AMRITSAR, India (UPI) -- Gunmen stopped a bus near Tarn Taran yesterday, "
                 "pulled off 12 passengers and shot them dead, police said.",
    "tupamaro": "MONTEVIDEO, Uruguay (AP) _ Tupamaro urban guerrillas kidnapped a judge outside "
                "his home in the capital yesterday, police said.",
    "mnr": "MAPUTO, Mozambique (AFP) - MNR rebels attacked a village near Manhica yesterday "
           "and killed eight peasants, the news agency said.",
    "fretilin": "LISBON (Reuter) - Fretilin guerrillas ambushed an Indonesian army convoy near "
                "Lospalos in East Timor on Sunday, killing six soldiers, a spokesman said.",
    "mig": "ASMARA, Ethiopia (AFP) - Ethiopian MiG jets bombed the rebel-held town of Nakfa "
           "yesterday, killing nine civilians, rebel sources said.",
    "long_range": "BAGHDAD (AP) _ Iranian long-range missiles hit a residential district of "
                  "Basra today, killing 14 people, the military command said.",
    "persons": "SAN SALVADOR (UPI) -- Gunmen killed eleven persons in a bar in the suburb of "
               "Soyapango last night, police said.",
    "students_marching": "SEOUL, South Korea (AP) _ Paratroopers opened fire on thousands of "
                         "students marching through Kwangju today, killing at least three, "
                         "witnesses said.",
    "jets_raided": "BEIRUT, Lebanon (Reuter) - Israeli jets raided guerrilla bases near Nabatiyeh "
                   "today, killing six people, police said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles8"), ITEMS, DAY)


def test_underscore_dash_ends_a_dateline(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["underscore"][0]
    assert rec["sub_event_type"] == "Excessive force against protesters"
    assert rec["location"] == "Hargeisa"
    assert rec["fatalities"] == 5
    assert "AP" not in (rec["actor1"], rec["actor2"])


def test_the_day_after_the_dead_ends_their_phrase(
        records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["last_night"][0]
    assert rec["event_date"] == MON
    assert rec["fatalities"] == 7
    rec = records["sunday_night"][0]
    assert rec["event_date"] == SUN
    assert rec["fatalities"] == 4


def test_to_death_before_the_victim_counts_one(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["to_death"][0]
    assert rec["fatalities"] == 1


def test_victims_named_again_by_them_are_counted(
        records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["them_dead"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["fatalities"] == 12


@pytest.mark.parametrize(("key", "actor"), [("tupamaro", "Tupamaros"), ("mnr", "RENAMO"),
                                            ("fretilin", "Fretilin")])
def test_old_groups_by_their_wire_names(records: dict[str, list[dict[str, Any]]], key: str,
                                        actor: str) -> None:
    rec = records[key][0]
    assert rec["actor1"] == actor


@pytest.mark.parametrize(("key", "state"), [("mig", "Military Forces of Ethiopia"),
                                            ("long_range", "Military Forces of Iran")])
def test_a_states_aircraft_or_missiles_by_make_or_range(
        records: dict[str, list[dict[str, Any]]], key: str, state: str) -> None:
    rec = records[key][0]
    assert rec["actor1"] == state


def test_persons_killed_are_civilians(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["persons"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["actor2"] == "Civilians"
    assert rec["fatalities"] == 11
    assert rec["event_date"] == MON


def test_students_marching_are_protesters(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["students_marching"][0]
    assert rec["sub_event_type"] == "Excessive force against protesters"
    assert rec["fatalities"] == 3


def test_jets_raided_is_an_air_strike(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["jets_raided"][0]
    assert rec["sub_event_type"] == "Air/drone strike"
    assert rec["actor1"] == "Military Forces of Israel"
