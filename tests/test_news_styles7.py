"""News text in styles probed in session 13 (the sixth wave: Central Asia, the Caucasus,
Myanmar, Mexico, Haiti, the Sahel, Mozambique, Darfur, Kurdish regions, Kashmir, Balochistan,
Papua, Mindanao, Algeria, Lebanon, Vietnam, Cyprus, Angola, the LRA, Eritrea): vague words
outside ACLED's three ("thousands", "scores") give no count, people seized by gunmen are
abducted, aircraft that "had struck", rockets by no name with an act, truces told as a
cessation of hostilities, plane crashes, "warning shots" (no warning), the dead counted before
a reduced relative ("three policemen guarding a school") or after a possessive ("killed their
two hostages"). News items written for these tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "2021-09-13"  # a Monday
SAT = "2021-09-11"
ITEMS = {
    "thousands": "Rebels said thousands of government soldiers were killed when they repulsed "
                 "an offensive near Kurmuk on Saturday.",
    "scores": "Gunmen killed scores of villagers in an attack on Zurmi on Saturday, residents "
              "said.",
    "seized_crew": "Pirates seized six crewmen of a cargo ship off Sulu on Saturday, the coast "
                   "guard said.",
    "seized_town": "Rebels seized the town of Kidal on Saturday after a day of fighting.",
    "aircraft_had": "The air force said on Monday its aircraft had struck a rebel convoy near "
                    "Kutum on Saturday.",
    "rockets": "Saturday's attack on the airport in Kandahar, in which three rockets struck a "
               "runway and killed a guard, was the second this month, officials said.",
    "cessation": "The government and the rebels signed a cessation of hostilities agreement in "
                 "Addis Ababa on Saturday.",
    "crash": "A small plane carrying supplies crashed into a mountain near Wamena on Saturday, "
             "killing both pilots, officials said.",
    "guarding": "Gunmen killed three policemen guarding a school near Garissa on "
                 "Saturday, officials said.",
    "warning_shots": "Riot police fired warning shots and tear gas at hundreds of students in "
                     "Kupang on Saturday.",
    "possessive": "Kidnappers killed their two hostages in a forest near Kaduna on Saturday, "
                  "police said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles7"), ITEMS, DAY)


@pytest.mark.parametrize("key", ["thousands", "scores"])
def test_vague_words_outside_acleds_three_give_no_count(
        records: dict[str, list[dict[str, Any]]], key: str) -> None:
    rec = records[key][0]
    assert rec["event_date"] == SAT
    assert rec["fatalities"] is None


def test_people_seized_are_abducted(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["seized_crew"][0]
    assert rec["sub_event_type"] == "Abduction/forced disappearance"
    assert rec["event_date"] == SAT
    # a town seized is still a capture
    assert records["seized_town"][0]["sub_event_type"] == "Non-state actor overtakes territory"


def test_aircraft_had_struck(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["aircraft_had"][0]
    assert rec["sub_event_type"] == "Air/drone strike"
    assert rec["event_date"] == SAT


def test_rockets_by_no_name(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["rockets"][0]
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rec["location"] == "Kandahar"


def test_cessation_of_hostilities_agreement(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["cessation"][0]
    assert rec["sub_event_type"] == "Agreement"
    assert rec["event_date"] == SAT


def test_plane_crash_is_no_event(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["crash"] == []


def test_warning_shots_are_no_warning(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["warning_shots"][0]
    assert rec["sub_event_type"] == "Protest with intervention"
    assert rec["event_date"] == SAT


@pytest.mark.parametrize(("key", "count"), [("guarding", 3), ("possessive", 2)])
def test_dead_counted_with_a_relative_or_a_possessive(
        records: dict[str, list[dict[str, Any]]], key: str, count: int) -> None:
    rec = records[key][0]
    assert rec["event_date"] == SAT
    assert rec["fatalities"] == count
