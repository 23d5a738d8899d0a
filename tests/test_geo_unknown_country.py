"""In a text that names no country there is no "abroad": after a place cue ("in", "near"), a
town known to GeoNames by another main name is taken when it is a town of some size
(``geo.yaml: unknown_country_exonym_min_population``), as a short news item names it ("in
Galkayo" for Gaalkacyo). Without a cue, or in a text whose country is known, the stricter
rules for other names abroad hold. Items written for these tests, run through the extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    items = {
        "cue": "Gunmen attacked a market in Galkayo on 3 May 2022, killing four people.",
        "abroad": "Ukrainian troops shelled Russian positions on 3 May 2022. Gunmen attacked "
                  "a market in Galkayo on 4 May 2022, killing four people.",
    }
    return extract_items(tmp_path_factory.mktemp("unknown"), items)


def test_a_towns_other_name_after_a_cue_is_found_when_no_country_is_named(records) -> None:
    rec = next(r for r in records["cue"] if r["location"] == "Galkayo")
    assert rec["country"] == "Somalia"
    assert (rec["latitude"], rec["longitude"]) == pytest.approx((6.77, 47.43), abs=0.05)


def test_in_a_text_about_another_country_the_other_name_stays_unplaced(records) -> None:
    placed = [r for r in records["abroad"] if r["location"] == "Galkayo"]
    assert placed and all(r["latitude"] is None for r in placed)
