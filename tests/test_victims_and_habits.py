"""Who may act and what is one occurrence (GUIDELINES.md; ACLED codes civilians only as
actor2): civilians killed are the victims, never actor1; civilians fleeing or evacuated change
no one's control of a place; a habit ("regularly shelled", "were known to arrest") or a
capacity ("in a position to strike"), a denial, an order or a prospect is no occurrence; a
ceasefire violation is fighting, not an agreement; a crowd is a mob only when it acts.
Sentences written for these tests, run through the whole extractor from a JSON Lines file."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record

ITEMS: dict[str, tuple[str, str]] = {
    "civilians-killed": (
        "Four civilians were killed in an attack on a market in Bunia on Tuesday.",
        "2021-07-14"),
    "civilians-killed-with-perpetrator": (
        "Three civilians were shot dead by gunmen near Beni on Monday.", "2021-07-14"),
    "residents-fled": (
        "Thousands of residents fled Tal Afar on Sunday, carrying what they could.",
        "2017-08-21"),
    "civilians-evacuated": (
        "About 3,000 civilians were evacuated from Mariupol to Zaporizhzhia on Friday.",
        "2022-04-30"),
    "habit-regularly": (
        "The garrison regularly shelled the surrounding villages from the hilltop.",
        "2016-02-01"),
    "habit-known-to": (
        "The militia was known to abduct travellers on the road to Gao.", "2016-02-01"),
    "denied-that": (
        "The army denied that its soldiers had shot protesters in Kano on Monday.",
        "2016-02-01"),
    "demanded-to": (
        "The rebel commanders asked them to surrender their weapons by nightfall.",
        "2016-02-01"),
    "ordered-attack": (
        "The president said on Monday he had ordered an attack on the rebel camps.",
        "2016-02-01"),
    "ordered-strikes": (
        "The president said he had ordered strikes on the rebel camps in the north.",
        "2016-02-01"),
    "crowd-flees-troops-advance": (
        "Thousands of villagers fled Tal Afar on Sunday as Iraqi troops advanced.", "2017-08-21"),
    "mob-acts": (
        "An angry mob of villagers beat two men to death in Tal Afar on Sunday.", "2017-08-21"),
    "prospect-of": (
        "Analysts said the army had not given up the prospect of capturing Kidal.",
        "2016-02-01"),
    "unlikely-to": (
        "The envoy said the rebels were unlikely to withdraw from Kidal this year.",
        "2016-02-01"),
    "sometimes": (
        "The rival militias sometimes clashed with each other near Kidal.", "2016-02-01"),
    "hyphenated-air-strike": (
        "An air-strike hit a rebel position near Idlib on Monday, killing five fighters.",
        "2016-02-01"),
    "ceasefire-violation": (
        "Two soldiers were killed on Saturday in a ceasefire violation by Pakistani troops in "
        "the Uri sector, the Indian army said.", "2018-05-20"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("victims"), ITEMS)


@pytest.mark.parametrize("key", ["civilians-killed", "civilians-killed-with-perpetrator"])
def test_civilians_killed_are_the_victims(records: dict[str, list[dict[str, Any]]],
                                          key: str) -> None:
    r = only_record(records, key)
    assert r["event_type"] == "Violence against civilians"
    assert r["actor1"] != "Civilians"
    assert r["actor2"] == "Civilians"


@pytest.mark.parametrize("key", ["residents-fled", "civilians-evacuated"])
def test_civilians_leaving_a_place_is_no_change_of_control(
        records: dict[str, list[dict[str, Any]]], key: str) -> None:
    assert all(r["event_type"] != "Strategic developments" for r in records[key])
    assert all(r["actor1"] != "Civilians" for r in records[key])


@pytest.mark.parametrize("key", ["habit-regularly", "habit-known-to",
                                 "denied-that", "demanded-to", "ordered-attack",
                                 "ordered-strikes", "prospect-of", "unlikely-to",
                                 "sometimes"])
def test_a_habit_a_sum_a_denial_or_an_order_is_no_occurrence(
        records: dict[str, list[dict[str, Any]]], key: str) -> None:
    assert records[key] == []


def test_a_ceasefire_violation_is_fighting(records: dict[str, list[dict[str, Any]]]) -> None:
    r = only_record(records, "ceasefire-violation")
    assert r["event_type"] == "Battles"
    assert r["fatalities"] == 2
    assert "Military Forces of Pakistan" in (r["actor1"], r["actor2"])


def test_a_hyphenated_air_strike_is_an_air_strike(
        records: dict[str, list[dict[str, Any]]]) -> None:
    r = only_record(records, "hyphenated-air-strike")
    assert r["sub_event_type"] == "Air/drone strike"
    assert r["fatalities"] == 5


def test_a_crowd_is_a_mob_only_when_it_acts(records: dict[str, list[dict[str, Any]]]) -> None:
    fled = records["crowd-flees-troops-advance"]
    assert fled and all(r["sub_event_type"] != "Mob violence" for r in fled)
    assert all("Military Forces of Iraq" in (r["actor1"], r["actor2"]) for r in fled)
    assert only_record(records, "mob-acts")["sub_event_type"] == "Mob violence"
