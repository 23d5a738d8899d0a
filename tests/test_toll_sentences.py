"""A sentence right after an event's that only tells deaths nobody is said to inflict ("At
least 17 people were killed.") is that event's toll, with its evidence, not a second event,
when the event has no toll yet. A sentence with a day, a place or a killer of its own tells
another event; a strategic development takes no toll. News items written for these tests, run
through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items

ITEMS = {
    "toll": "Army warplanes bombed the southern neighbourhoods of Nyala on 24 June 2023. At "
            "least 17 people were killed.",
    "own_day": "Rebels attacked an army post in Kidal on 3 May 2022. On 5 May, four soldiers "
               "were killed in Gao.",
    "by_agent": "Rebels attacked an army post in Kidal on 3 May 2022. Two shepherds were "
                "killed in firing by government troops.",
    "apart": "Rebels attacked an army post in Kidal on 3 May 2022. The army sent "
             "reinforcements. Four soldiers were killed.",
    "withdrawal": "The rebels withdrew from Kidal on 3 May 2022. Four soldiers were killed.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return extract_items(tmp_path_factory.mktemp("tolls"), ITEMS)


def test_the_next_sentences_toll_is_the_events(records) -> None:
    (rec,) = records["toll"]
    assert (rec["sub_event_type"], rec["fatalities"]) == ("Air/drone strike", 17)
    assert "At least 17 people were killed." in rec["evidence"]


def test_a_toll_with_its_own_day_and_place_is_another_event(records) -> None:
    assert sorted((r["event_date"], r["fatalities"]) for r in records["own_day"]) == [
        ("2022-05-03", None), ("2022-05-05", 4)]


def test_deaths_someone_inflicts_are_not_a_toll(records) -> None:
    attack = [r for r in records["by_agent"] if "Rebels attacked" in r["evidence"]]
    assert attack and all(r["fatalities"] is None for r in attack)


def test_only_the_sentence_right_after_the_event(records) -> None:
    attack = [r for r in records["apart"] if "Rebels attacked" in r["evidence"]]
    assert attack and all(r["fatalities"] is None for r in attack)


def test_a_strategic_development_takes_no_toll(records) -> None:
    moves = [r for r in records["withdrawal"] if r["event_type"] == "Strategic developments"]
    assert all(r["fatalities"] in (None, 0) for r in moves)
