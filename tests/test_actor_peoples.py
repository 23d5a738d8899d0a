"""Peoples named like a state: after another country's adjective ("Afghan Uzbek forces",
"Iraqi Turkmen civilians") the name is that people in the first country, not the other
state's army. News items written for these tests, run through the whole extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import extract_items

ITEMS = {
    "forces": "Afghan Uzbek forces captured the town of Shibirghan from the Taliban on Friday.",
    "civilians": "Gunmen killed three Iraqi Turkmen civilians in Tal Afar on Friday.",
    "state": "Uzbek troops shelled a border post near Termez on Friday.",
    "two_states": "Turkish troops shelled Kurdish positions near Afrin on Friday.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("peoples")
    return extract_items(folder, ITEMS, day="2001-11-09")


def _actors(recs: list[dict[str, Any]]) -> set[str]:
    return {a for r in recs for a in (r["actor1"], r["actor2"]) if a}


def test_people_of_another_country_is_not_that_state(records) -> None:
    assert records["forces"]
    assert "Military Forces of Uzbekistan" not in _actors(records["forces"])
    assert "Taliban" in _actors(records["forces"])


def test_their_civilians_are_the_first_country_s(records) -> None:
    (r,) = records["civilians"]
    assert r["actor2"] == "Civilians" and r["country"] == "Iraq"


def test_the_state_itself_still_reads(records) -> None:
    assert "Military Forces of Uzbekistan" in _actors(records["state"])
    assert "Military Forces of Turkey" in _actors(records["two_states"])
