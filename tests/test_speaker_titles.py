"""A party named only in the title of who said it is a source, not a side (GUIDELINES.md:
"News agencies, monitors, spokespeople and the reporters credited are sources, never
actors"), wherever the title stands: closing the sentence (", the provincial police chief
said.") or set off by commas before a one-word reporting verb ("James Smith, the British
defence minister, said on Monday"), unless what is said goes back to the speaker ("... said
that they had captured"). Sentences written for these tests, run through the extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

ITEMS: dict[str, tuple[str, str]] = {
    "title-in-apposition": (
        "The Malian army has fought Islamist rebels in the north since March. The rebels "
        "captured the town of Konna on Sunday, Pierre Dubois, the French defence minister, said "
        "on Monday.", "2013-01-15"),
    "title-closing": (
        "Gunmen killed four villagers near Kidal on Sunday, the Malian army spokesman said.",
        "2013-01-15"),
    "victims-before-officials-said": (
        "Maoist rebels ambushed a patrol near Sukma on Sunday, killing six policemen, "
        "officials said.", "2017-03-13"),
    "party-that-acts": (
        "French troops, backed by helicopters, attacked rebel positions near Kidal on Sunday.",
        "2013-01-15"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("speakers"), ITEMS)


@pytest.mark.parametrize("key, speaker", [("title-in-apposition", "Military Forces of France"),
                                          ("title-closing", "Military Forces of Mali")])
def test_a_party_named_in_a_speakers_title_is_no_side(
        records: dict[str, list[dict[str, Any]]], key: str, speaker: str) -> None:
    assert records[key], "the event itself is still coded"
    for r in records[key]:
        assert speaker not in (r["actor1"], r["actor2"], r["assoc_actor_1"])


def test_a_party_set_off_by_commas_that_acts_stays(
        records: dict[str, list[dict[str, Any]]]) -> None:
    assert any("Military Forces of France" in (r["actor1"], r["actor2"])
               for r in records["party-that-acts"])


def test_the_victims_before_a_closing_attribution_stay_a_side(
        records: dict[str, list[dict[str, Any]]]) -> None:
    assert any("Police Forces of India" in (r["actor1"], r["actor2"])
               for r in records["victims-before-officials-said"])
