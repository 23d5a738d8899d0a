"""Where an event happened when its sentence also names where something came from: a location
that opens with its own preposition ("near X", "towards X") is read by that preposition, not
by a "from" before it. A weapon fired "from A towards B" fell on B; people taken "from a
village near B" were taken near B; reinforcements "sent from A towards B" only went there.
Items written for these tests, run through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items

ITEMS = {
    "rockets": "Militants fired a barrage of rockets from Gaza towards Sderot on 10 May 2021, "
               "lightly wounding two residents.",
    "abducted": "Gunmen abducted eleven elders from a village near Baidoa on 21 July 2023.",
    "moved": "Rebels attacked army checkpoints in Raqqa on 3 May 2022, and the army sent "
             "reinforcements from Aleppo towards Raqqa.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return extract_items(tmp_path_factory.mktemp("aimed"), ITEMS)


def test_a_weapon_fired_towards_a_place_fell_there(records) -> None:
    (rec,) = records["rockets"]
    assert (rec["location"], rec["country"]) == ("towards Sderot", "Israel")


def test_taken_from_a_village_near_a_town_is_near_that_town(records) -> None:
    (rec,) = records["abducted"]
    assert rec["location"] == "near Baidoa" and rec["country"] == "Somalia"


def test_a_move_towards_a_place_does_not_place_the_event(records) -> None:
    assert {r["location"] for r in records["moved"]} == {"Raqqa"}
