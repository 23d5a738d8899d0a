"""Names that are not what they look like (GUIDELINES.md, actors and places): a peaceful
protest has no opponent (what it protests against is no party), a group's breakaway faction is
not the group, a suicide truck bomber is a suicide bomb, "Indian firing" names India's forces, a
weapon named with no act ("received twelve drones") is no event, and a capital named for its
state ("the Kabul government") or its clock ("Damascus time") is not where the event happened.
Sentences written for these tests, run through the whole extractor from a JSON Lines file."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record

ITEMS: dict[str, tuple[str, str]] = {
    "protest-against-government": (
        "Thousands of students protested peacefully against President Mnangagwa's government "
        "in Bulawayo on Saturday.", "2023-03-06"),
    "protest-against-armed-group": (
        "Residents of Goma staged a peaceful march on Monday against the M23 rebels.",
        "2023-03-08"),
    "breakaway-group": (
        "A Boko Haram breakaway group ambushed a military convoy near Damboa on Tuesday, "
        "killing six soldiers.", "2019-06-13"),
    "splinter-faction": (
        "Fighters of a Taliban splinter faction stormed a police post in Kunduz on Friday.",
        "2016-04-10"),
    "suicide-truck-bomber": (
        "A suicide truck-bomber attacked an army base in Mogadishu on Sunday, killing nine "
        "soldiers.", "2021-05-04"),
    "suicide-attacker": (
        "A suicide attacker struck a checkpoint in Kabul on Sunday, killing four policemen.",
        "2021-05-04"),
    "capital-for-government": (
        "Militants opposed to the Kabul government attacked a checkpoint in Ghazni on Monday.",
        "2019-03-20"),
    "capital-only-for-government": (
        "Rebels fighting the Damascus regime shelled army positions on Monday.", "2015-03-20"),
    "fire-by-side": (
        "Nepal said two villagers were killed on Monday by Indian firing near Jhapa.",
        "2019-09-10"),
    "cross-border-shelling": (
        "Three farmers were killed on Tuesday in Afghan cross-border shelling near Chaman.",
        "2019-09-11"),
    "weapon-received": (
        "The army of Chad received twelve Bayraktar drones and four howitzers in Ndjamena on "
        "Monday.", "2023-05-10"),
    "weapon-capability": (
        "The airfield at Gao is able to house attack helicopters and drones.", "2023-05-10"),
    "weapon-hit": (
        "Artillery shells hit a market in Gao on Monday, killing three traders.", "2023-05-10"),
    "weapon-drone-struck": (
        "A military drone struck a pickup truck near Menaka on Tuesday.", "2023-05-10"),
    "crowd-not-carried": (
        "Thousands of students protested in Kabul on Friday against the war. On Saturday, an "
        "airstrike hit a compound near Kunduz.", "2021-05-10"),
    "capital-for-clock": (
        "At 18:00 (Baghdad time) on Monday, a roadside bomb exploded near Tikrit, killing two "
        "soldiers.", "2015-03-20"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("named"), ITEMS)


@pytest.mark.parametrize("key", ["protest-against-government", "protest-against-armed-group"])
def test_a_peaceful_protest_has_no_opponent(records: dict[str, list[dict[str, Any]]],
                                            key: str) -> None:
    r = only_record(records, key)
    assert r["sub_event_type"] == "Peaceful protest"
    assert r["actor1"] == "Protesters"
    assert r["actor2"] is None


@pytest.mark.parametrize("key, group", [("breakaway-group", "Boko Haram"),
                                        ("splinter-faction", "Taliban")])
def test_a_breakaway_faction_is_not_its_parent(records: dict[str, list[dict[str, Any]]],
                                               key: str, group: str) -> None:
    r = only_record(records, key)
    assert group not in (r["actor1"] or "")
    assert group not in (r["actor2"] or "")


@pytest.mark.parametrize("key", ["suicide-truck-bomber", "suicide-attacker"])
def test_a_suicide_attacker_is_a_suicide_bomb(records: dict[str, list[dict[str, Any]]],
                                             key: str) -> None:
    assert only_record(records, key)["sub_event_type"] == "Suicide bomb"


def test_a_capital_named_for_its_government_is_no_place(
        records: dict[str, list[dict[str, Any]]]) -> None:
    r = only_record(records, "capital-for-government")
    assert r["location"] == "Ghazni"
    alone = only_record(records, "capital-only-for-government")
    assert alone["location"] is None and alone["country"] == "Syria"


def test_a_capital_named_for_its_clock_is_no_place(
        records: dict[str, list[dict[str, Any]]]) -> None:
    r = only_record(records, "capital-for-clock")
    assert r["location"] == "near Tikrit" and r["country"] == "Iraq"


@pytest.mark.parametrize("key, forces", [("fire-by-side", "Military Forces of India"),
                                         ("cross-border-shelling",
                                          "Military Forces of Afghanistan")])
def test_fire_named_by_the_side_that_fired(records: dict[str, list[dict[str, Any]]],
                                           key: str, forces: str) -> None:
    r = only_record(records, key)
    assert forces in (r["actor1"], r["actor2"])
    assert "Civilians" in (r["actor1"], r["actor2"])


@pytest.mark.parametrize("key", ["weapon-received", "weapon-capability"])
def test_a_weapon_named_with_no_act_is_no_event(records: dict[str, list[dict[str, Any]]],
                                                key: str) -> None:
    assert records[key] == []


@pytest.mark.parametrize("key, sub", [("weapon-hit", "Shelling/artillery/missile attack"),
                                      ("weapon-drone-struck", "Air/drone strike")])
def test_a_weapon_that_acts_is_an_event(records: dict[str, list[dict[str, Any]]],
                                        key: str, sub: str) -> None:
    assert only_record(records, key)["sub_event_type"] == sub


def test_a_crowd_is_not_carried_on_to_the_next_event(
        records: dict[str, list[dict[str, Any]]]) -> None:
    strike = [r for r in records["crowd-not-carried"] if r["sub_event_type"] == "Air/drone strike"]
    assert len(strike) == 1
    assert "Protesters" not in (strike[0]["actor1"], strike[0]["actor2"])
