"""Wire copy (news18): a zero toll in the sentence after the act, a clause that restates the
act with a noun of its type and gives its toll, explosives or weapons found by security forces.
News items written for the tests, each run through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_one


def _records(tmp_path, text: str, date: str) -> list[dict]:
    return extract_one(tmp_path, text, date)


@pytest.mark.parametrize(
    "second",
    [
        "No one was killed, but four soldiers were slightly wounded, the army said.",
        "Nobody died, but two policemen were injured, police said.",
    ],
)
def test_zero_toll_next_sentence_with_injuries(tmp_path, second):
    # "No one was killed, but ... wounded": no act of its own, the zero is the ambush's toll
    text = ("NAIROBI, June 9 (Reuter) - Bandits ambushed an army convoy near the town of "
            f"Garissa last night. {second}")
    recs = _records(tmp_path, text, "1984-06-09")
    assert len(recs) == 1, recs
    assert recs[0]["fatalities"] == 0, recs


def test_deaths_after_the_zero_still_count(tmp_path):
    # the zero clause does not erase the dead the same sentence reports afterwards
    text = ("NAIROBI, June 9 (Reuter) - Bandits ambushed an army convoy near the town of "
            "Garissa last night. No one was killed in the ambush, but two soldiers died later "
            "in hospital.")
    recs = _records(tmp_path, text, "1984-06-09")
    assert [r["fatalities"] for r in recs] == [2], recs


@pytest.mark.parametrize(
    ("second", "toll"),
    [
        ("and a six-hour battle left nine defenders and at least 14 guerrillas dead", 23),
        ("and the ensuing fighting killed five policemen", 5),
    ],
)
def test_clause_restating_the_act_is_one_event(tmp_path, second, toll):
    text = ("MANILA, March 2 (AP) - Communist rebels attacked a police post in the town of "
            f"Catarman on Tuesday, {second}, the military said.")
    recs = _records(tmp_path, text, "1987-03-04")
    assert len(recs) == 1, recs
    assert recs[0]["sub_event_type"] == "Armed clash" and recs[0]["fatalities"] == toll, recs


def test_fighting_elsewhere_on_another_day_stays_its_own_event(tmp_path):
    # a place and a day of its own: another event, not the first restated
    text = ("MANILA, March 6 (AP) - Communist rebels attacked an army outpost in the town of "
            "Catarman on Tuesday, and the fighting spread to Calbayog on Wednesday.")
    recs = _records(tmp_path, text, "1987-03-06")
    assert len(recs) == 2, recs


@pytest.mark.parametrize(
    "text",
    [
        "LIMA, Aug. 3 (Reuter) - Police found 200 kilos of dynamite and 15 rifles hidden in a "
        "house in the town of Huancayo yesterday, officials said.",
        "LIMA, Aug. 3 (Reuter) - Soldiers discovered an arms cache in a cave near the town of "
        "Huancayo on Monday, the army said.",
    ],
)
def test_weapons_found_by_security_forces(tmp_path, text):
    recs = _records(tmp_path, text, "1989-08-03")
    assert [r["sub_event_type"] for r in recs] == ["Disrupted weapons use"], recs
    assert recs[0]["country"] == "Peru", recs


@pytest.mark.parametrize(
    "text",
    [
        # found with no weapon after it: no event
        "LIMA, Aug. 3 (Reuter) - A court found the two men guilty of fraud yesterday.",
        "LIMA, Aug. 3 (Reuter) - Investigators found that the ministry had lost the files.",
    ],
)
def test_found_without_weapons_is_no_event(tmp_path, text):
    assert _records(tmp_path, text, "1989-08-03") == []


def test_found_beside_a_killing_leaves_the_killing_as_it_was(tmp_path):
    # "found" is weaker than any act: the killers stay actor1
    text = ("LIMA, Aug. 3 (Reuter) - Police found the bodies of three peasants killed by "
            "guerrillas near the town of Huancayo on Monday.")
    recs = _records(tmp_path, text, "1989-08-03")
    assert len(recs) == 1 and recs[0]["sub_event_type"] != "Disrupted weapons use", recs
    assert recs[0]["fatalities"] == 3, recs


def test_people_taken_from_homes_are_abducted(tmp_path):
    # "took eight peasants from their huts": people taken, not a place taken
    text = ("LIMA, Aug. 3 (Reuter) - Guerrillas took eight peasants from their huts in the "
            "village of Pucara on Monday, police said.")
    recs = _records(tmp_path, text, "1989-08-03")
    assert [r["sub_event_type"] for r in recs] == ["Abduction/forced disappearance"], recs


def test_a_town_taken_stays_a_capture(tmp_path):
    text = ("LIMA, Aug. 3 (Reuter) - Guerrillas took the town of Pucara on Monday after a "
            "battle with soldiers, police said.")
    recs = _records(tmp_path, text, "1989-08-03")
    assert "Non-state actor overtakes territory" in [r["sub_event_type"] for r in recs], recs


@pytest.mark.parametrize(
    "text",
    [
        # a period's dead counted by a command: a tally, not one event
        "ALGIERS (AP) - The army command said today that 112 soldiers were killed in action "
        "last month, the highest monthly toll of the insurgency.",
        # football: war words in a figure of speech
        "MILAN, April 9 (Reuter) - Inter stormed into the cup final tonight, breaking down the "
        "Porto defence with a late attack.",
    ],
)
def test_tallies_and_sport_are_no_event(tmp_path, text):
    assert _records(tmp_path, text, "1994-04-09") == [], text
