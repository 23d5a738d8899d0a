"""News text in styles probed in session 12: aircraft named by their kind in wire copy
("bombers pounded", "air force MiGs bombed"), chemical bombs, people who had taken refuge
(no capture), crowds that rallied in a place, prisoners exchanged, killings told around their
object ("beat five men to death", "burned a suspected thief to death", "shot them"), arms
recovered in a search, a candidate shot at a campaign rally, a denial told at length. News
items written for these tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "2022-03-14"  # a Monday
SAT = "2022-03-12"
ITEMS = {
    "bombers": "Air force bombers pounded rebel positions near Kurmuk on Saturday, refugees "
               "said.",
    "migs": "Air force MiGs bombed a market in the rebel-held town of Nasir on Saturday, "
            "killing 20 people, relief workers said.",
    "chemical_bombs": "Government aircraft dropped chemical bombs on the village of Sardasht "
                      "on Saturday, officials said.",
    "taken_refuge": "Militiamen killed 40 people who had taken refuge in a school in Butare on "
                    "Saturday, witnesses said.",
    "rallied_in": "Thousands of people rallied in Tbilisi on Saturday to demand early "
                  "elections.",
    "exchanged": "The army and the rebels exchanged 150 prisoners in Juba on Saturday, the "
                 "Red Cross said.",
    "exchanged_words": "The two commanders exchanged accusations in Juba on Saturday.",
    "hacked_count": "A mob hacked four men to death in a village near Jos on Saturday, police "
                    "said.",
    "beat_one": "Youths beat a suspected cattle thief to death near Isiolo on Saturday, police "
                "said.",
    "shot_them": "Gunmen dragged six farmers from a bus near Ayacucho and shot them on "
                 "Saturday, police said.",
    "burned_thief": "A crowd burned a suspected thief in the Kibera slum on Saturday, police "
                    "said.",
    "recovered": "Soldiers recovered 12 rifles and a box of grenades during a search operation "
                 "near Ukhrul on Saturday, the army said.",
    "campaign_rally": "Gunmen shot dead a parliamentary candidate as he left a campaign rally "
                      "in Guayaquil on Saturday, police said.",
    "long_denial": "The army on Monday denied that its soldiers had taken part in the killing "
                   "of villagers near Beni.",
    "swapo": "SWAPO guerrillas attacked a South African army base near Oshakati on Saturday, "
             "killing five soldiers, the military said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles6"), ITEMS, DAY)


@pytest.mark.parametrize("key", ["bombers", "migs"])
def test_aircraft_named_by_kind_strike(records: dict[str, list[dict[str, Any]]],
                                       key: str) -> None:
    rec = records[key][0]
    assert rec["sub_event_type"] == "Air/drone strike"
    assert rec["event_date"] == SAT


def test_chemical_bombs(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["chemical_bombs"][0]["sub_event_type"] == "Chemical weapon"


def test_taken_refuge_is_no_capture(records: dict[str, list[dict[str, Any]]]) -> None:
    subs = [r["sub_event_type"] for r in records["taken_refuge"]]
    assert subs and subs[0] == "Attack"
    assert "Non-state actor overtakes territory" not in subs
    assert "Government regains territory" not in subs


def test_rallied_in_a_place(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["rallied_in"][0]
    assert rec["sub_event_type"] == "Peaceful protest"
    assert rec["event_date"] == SAT


def test_prisoners_exchanged(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["exchanged"][0]
    assert rec["sub_event_type"] == "Agreement"
    assert rec["event_date"] == SAT
    assert records["exchanged_words"] == []


@pytest.mark.parametrize(("key", "count"), [("hacked_count", 4), ("beat_one", 1)])
def test_killing_told_around_its_object(records: dict[str, list[dict[str, Any]]], key: str,
                                        count: int) -> None:
    assert records[key][0]["fatalities"] == count


def test_shot_them(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["shot_them"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["event_date"] == SAT


def test_crowd_burned_a_suspect(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["burned_thief"][0]["sub_event_type"] == "Mob violence"


def test_arms_recovered_in_a_search(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["recovered"][0]["sub_event_type"] == "Disrupted weapons use"


def test_candidate_shot_at_a_campaign_rally(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["campaign_rally"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["fatalities"] == 1


def test_denial_told_at_length(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["long_denial"] == []


def test_older_wars_groups_by_name(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["swapo"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert "South West Africa People's Organisation (SWAPO)" in {rec["actor1"], rec["actor2"]}
