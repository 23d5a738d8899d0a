"""A party's filled-in opponent is never its ally in the document's infobox (issue #11's
profile; GUIDELINES.md: actor2 is the counterpart). "According to the SDF, the SNA attacked
positions in Tell Tamer" names one party; the opponent the document supplies was the party it
names most, Turkey, which the infobox lists on the SNA's own side. A corpus document copied
into tests/fixtures/profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog.api import extract
from warlog.ingest.reader import read_path
from warlog.profile import profile_of
from warlog.profile.sides import ProfileSides

DOC = Path(__file__).parent / "fixtures" / "profile" / "ayn_issa_clashes_2020_2021.md"
TURKEY, SNA = "Military Forces of Turkey", "Free Syrian Army"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(extract(DOC))


def test_the_infobox_puts_turkey_and_the_sna_on_one_side() -> None:
    sides = ProfileSides.from_profile(profile_of(read_path(DOC)[0]))
    assert sides is not None
    assert sides.side_of(TURKEY) is not None
    assert sides.side_of(TURKEY) == sides.side_of(SNA)
    assert sides.side_of("Syrian Democratic Forces") != sides.side_of(TURKEY)


def test_an_opponent_filled_in_is_no_ally(records: list[dict[str, Any]]) -> None:
    told = [r for r in records
            if "the SNA attacked positions in Tell Tamer" in str(r["evidence"])]
    assert told
    for r in told:
        assert {r["actor1"], r["actor2"]} == {SNA, "Syrian Democratic Forces"}


def test_shelling_in_support_of_the_sna_is_against_its_foe(
        records: list[dict[str, Any]]) -> None:
    backed = [r for r in records
              if "SNA forces backed by Turkish artillery" in str(r["evidence"])]
    assert backed
    for r in backed:
        assert r["actor2"] not in (TURKEY, SNA)
