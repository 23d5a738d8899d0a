"""A mediator is neither side of what the sides agreed (GUIDELINES.md: Agreement covers
ceasefires, peace deals and prisoner exchanges; diplomacy is no event of its own): "a truce
brokered by X", "talks mediated by X and Y" leave X and Y out of actor1 and actor2. Sentences
written for these tests, run through the whole extractor from a JSON Lines file."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record

ITEMS: dict[str, tuple[str, str]] = {
    "mediated-pair": (
        "DAKAR (Reuters) - Malian troops and Tuareg rebels agreed on Monday to a ceasefire "
        "after talks mediated by Algeria and the United States, officials said.",
        "2015-02-16"),
    "brokered": (
        "JUBA (AP) - Government forces and SPLA-IO rebels signed a truce on Sunday in a deal "
        "brokered by the United States, the rebels' spokesman said.",
        "2018-06-24"),
    "no-mediator": (
        "Malian troops and Tuareg rebels agreed on Monday to a ceasefire, officials said.",
        "2015-02-16"),
}

MEDIATOR_NAMES = ("Algeria", "United States", "US-led Coalition")


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("mediators"), ITEMS)


@pytest.mark.parametrize("key", ["mediated-pair", "brokered"])
def test_a_mediator_is_no_side(records: dict[str, list[dict[str, Any]]], key: str) -> None:
    rec = only_record(records, key)
    assert rec["sub_event_type"] == "Agreement"
    sides = [rec["actor1"], rec["actor2"]]
    assert rec["actor1"] is not None
    assert not [s for s in sides if s and any(n in s for n in MEDIATOR_NAMES)]


def test_the_sides_stay_without_a_mediator(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = only_record(records, "no-mediator")
    assert rec["sub_event_type"] == "Agreement"
    assert rec["actor1"] is not None and "Mali" in rec["actor1"]
