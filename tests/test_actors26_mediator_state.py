"""A state named only as the mediator of a truce is neither a side nor the document's state:
bare "government forces" / "the army" of such a story are the forces of the sides' country,
not the mediator's (GUIDELINES.md: an Agreement's actors are the parties that agree). A state
also named as a party keeps its weight. Sentences written for these tests, run through the
whole extractor from a JSON Lines file."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record
from warlog.actors.context import ActorContext

ITEMS: dict[str, tuple[str, str]] = {
    "mediated-army": (
        "The army and Houthi rebels agreed on Tuesday to a prisoner exchange under a deal "
        "mediated by Oman and the United Nations, a rebel spokesman said.",
        "2019-03-12"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("actors26"), ITEMS)


def test_bare_army_of_a_mediated_deal_is_not_the_mediators(
        records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "mediated-army")
    assert rec["sub_event_type"] == "Agreement"
    sides = " ".join(s for s in (rec["actor1"], rec["actor2"]) if s)
    assert "Oman" not in sides
    assert "Yemen" in sides


def test_a_mediator_counts_for_no_country() -> None:
    ctx = ActorContext.from_text(
        "Sudanese troops and RSF fighters signed a truce in a deal brokered by Saudi Arabia "
        "and the United States.")
    assert ctx.country == "Sudan"
    assert not [n for n in ctx.counts if "United States" in n or "Saudi" in n]


def test_a_mediator_also_told_as_a_party_still_counts() -> None:
    ctx = ActorContext.from_text(
        "Turkish jets bombed Kurdish positions in northern Iraq. Later a truce was "
        "brokered by Turkey.")
    assert ctx.country_scores["Turkey"] > 0


def test_a_backer_counts_for_no_country() -> None:
    # the backer is associated with the side it backs (events.arguments.supporters), but
    # named only so it is neither the document's state nor a main belligerent of it
    ctx = ActorContext.from_text(
        "Syrian government forces backed by Russian jets and Russian special forces retook "
        "the town of Tadef from rebels on Sunday.")
    assert ctx.country == "Syria"
    assert "Military Forces of Russia" not in ctx.counts
