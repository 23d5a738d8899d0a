"""The support a force had is how its act was done, not an act of its own (GUIDELINES.md: one
event per occurrence): "backed by the continued US-led airstrikes", "with Russian air
support", "backed by tanks, artillery and airstrikes" give no air strike or shelling of their
own; a strike told as its own act ("Backed by air strikes, government forces shelled the
village") still is one. Sentences written for these tests, run through the whole extractor
from a JSON Lines file; the unit tests call events.triggers.find_triggers."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record
from warlog.events.triggers import find_triggers

ITEMS: dict[str, tuple[str, str]] = {
    "air-support": (
        "Government forces recaptured the town of Kafr Zita with Russian air support on Sunday.",
        "2019-06-10"),
    "backed-by-strikes": (
        "Kurdish fighters, backed by continued coalition airstrikes, recaptured the town of "
        "Tal Abyad on Monday.", "2015-06-16"),
    "backed-by-list": (
        "Government troops backed by tanks, artillery and helicopter gunships stormed the town "
        "of Kafr Nabl on Sunday.", "2012-09-24"),
    "own-act-after-comma": (
        "Backed by air strikes, government forces shelled the village of Kafr Nabl on Monday.",
        "2012-09-25"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("support"), ITEMS)


@pytest.mark.parametrize("key", ["air-support", "backed-by-strikes"])
def test_support_of_a_capture_is_no_strike(records: dict[str, list[dict[str, Any]]],
                                           key: str) -> None:
    rec = only_record(records, key)
    assert rec["event_type"] == "Battles"
    assert rec["sub_event_type"] != "Air/drone strike"


def test_items_of_a_support_list_are_no_strikes(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "backed-by-list")
    assert rec["sub_event_type"] == "Armed clash"


def test_a_strike_told_as_the_act_stays(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "own-act-after-comma")
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("sentence, kept", [
    ("Troops backed by helicopter gunships drove the rebels out.", []),
    ("The army, with the support of air strikes, advanced.", []),
    ("Rebels advanced under heavy artillery cover.", []),
    ("Rebels attacked the base with artillery.", ["attacked", "artillery"]),
    ("Troops backed by tanks, shelled the town on Monday and airstrikes hit the village.",
     ["shelled", "airstrikes"]),
])
def test_triggers_inside_a_support_phrase_are_left_out(sentence: str, kept: list[str]) -> None:
    words = [t.text.lower() for t in find_triggers(sentence)]
    for w in kept:
        assert w in words, words
    assert not {"gunships", "air strikes", "artillery cover", "artillery", "tanks"} & (
        set(words) - set(kept)), words
