"""Civilians hold no territory (actors29).

The civilians a capture's clause names ("its population was forced to flee", "killing 20
civilians") are not the side that lost the place (GUIDELINES: Battles are fought between armed
parties). The record takes the party the taker fights in the document, else none; the
narrative keeps the civilians for what the text goes on to tell about them ("Those who stayed
were executed": an Attack on civilians). Made-up sentences run through the whole extractor.
"""

from __future__ import annotations

import pytest

from conftest import record_of_type


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2001, Chadian forces mounted a successful offensive and took Geneina to "
        "lift the blockade; the town's Sudanese population, about 15,000 people, had to flee.",
        "On 4 March 2001, rebels of the Tolmo Front captured the village of Geneina, killing "
        "20 civilians.",
    ],
)
def test_civilians_are_no_side_of_a_capture(tmp_path, text: str) -> None:
    r = record_of_type(tmp_path, text, "Non-state actor overtakes territory", "2001-03-04")
    assert r["actor1"] is not None and r["actor1"] != "Civilians"
    assert r["actor2"] != "Civilians"


def test_the_side_that_held_the_town_is_the_loser(tmp_path) -> None:
    text = ("Sudanese troops held Geneina for a month. On 4 March 2001, Chadian forces "
            "mounted a successful offensive and took Geneina, and the town's Sudanese "
            "population, about 15,000 people, had to flee.")
    r = record_of_type(tmp_path, text, "Non-state actor overtakes territory", "2001-03-04")
    assert (r["actor1"], r["actor2"]) == ("Military Forces of Chad", "Military Forces of Sudan")


def test_the_narrative_keeps_the_civilians(tmp_path) -> None:
    text = ("On 4 March 2001, Chadian forces captured Geneina and forced its Sudanese "
            "population to flee. Those who stayed were executed.")
    attack = record_of_type(tmp_path, text, "Attack", "2001-03-04")
    assert (attack["actor1"], attack["actor2"]) == ("Military Forces of Chad", "Civilians")


def test_civilians_stay_the_victims_of_an_attack(tmp_path) -> None:
    text = "On 4 March 2001, gunmen attacked the village of Geneina, killing 12 civilians."
    r = record_of_type(tmp_path, text, "Attack", "2001-03-04")
    assert r["actor2"] == "Civilians"
