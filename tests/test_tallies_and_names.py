"""What is no event or no count (GUIDELINES.md): the dead of a whole war are a casualty tally
("out of 94,000 killed during the war"), strikes still to come are no occurrence ("the
impending airstrikes"), a number after "unit" names the unit, and a country a ship sails round
is a place, not a party. Sentences written for these tests, run through the whole extractor
from a JSON Lines file; the unit tests call the trigger lexicon."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record
from warlog.events.lexicon import lexicon

ITEMS: dict[str, tuple[str, str]] = {
    "whole-war": (
        "The monitoring group said on Monday that more than 60,000 people had died in the "
        "country's civil war, including 20,000 civilians.", "2014-05-19"),
    "one-day-in-wartime": (
        "The bombing of the market in Kidal on Monday, the deadliest in the war, killed 31 "
        "people.", "2014-05-20"),
    "impending": (
        "The army warned residents of Kafr Zita on Monday of the impending air strikes.",
        "2019-06-10"),
    "unit-number": (
        "The commander of unit 3057 was killed in a missile strike on his headquarters in "
        "Melitopol on Tuesday.", "2022-07-13"),
    "sailing-round": (
        "After sailing round Norway, the Russian carrier group reached the eastern "
        "Mediterranean. On 15 November, Russian jets from the carrier struck rebel positions in "
        "Idlib.",
        "2016-11-20"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("tallies"), ITEMS)


def test_the_dead_of_a_whole_war_are_a_tally(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["whole-war"] == []


def test_a_day_in_wartime_is_an_event(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "one-day-in-wartime")
    assert rec["fatalities"] == 31
    assert rec["event_date"] == "2014-05-19"


def test_strikes_still_to_come_are_no_event(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["impending"] == []


def test_a_number_after_unit_names_it(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "unit-number")
    assert rec["fatalities"] == 1


def test_a_country_sailed_round_is_no_party(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "sailing-round")
    assert "Norway" not in {rec["actor1"], rec["actor2"], rec["assoc_actor_1"],
                            rec["assoc_actor_2"]}
    assert rec["actor1"] == "Military Forces of Russia"


@pytest.mark.parametrize("sentence, tally", [
    ("Out of 94,000 killed during the war, at least 41,000 were Alawites.", True),
    ("At least 121 troops have been killed in the Syrian Civil War since it began.", True),
    ("Chemical weapons caused 186,000 casualties over the course of the war.", True),
    ("Five soldiers were killed in the fighting on Monday.", False),
    ("Fifteen civilians were killed in the conflict zone on Monday.", False),
    ("Twelve were killed in the war-torn town on Monday.", False),
])
def test_whole_war_tallies(sentence: str, tally: bool) -> None:
    assert lexicon().is_tally(sentence.lower()) is tally
