"""Wire copy of decades ago names big cities by their older names ("Madras", "Calcutta",
"Batavia"): each is the city of millions that GeoNames lists under that alternate name, not
a small namesake whose own name it is (a town in Oregon, a village in South Africa). News
items written for these tests, run through the whole extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import extract_items
from warlog.geo.gazetteer import Gazetteer

ITEMS = {
    "madras": "Rioters attacked a police post in Madras on Tuesday, killing four policemen.",
    "calcutta": "Rioters attacked a police post in Calcutta on Tuesday, killing four policemen.",
    "batavia": "Gunmen attacked a police post in Batavia on Tuesday, killing two policemen.",
}
COUNTRY = {"madras": "India", "calcutta": "India", "batavia": "Indonesia"}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("old_names")
    return extract_items(folder, ITEMS, day="1965-03-10")


@pytest.mark.parametrize("key", sorted(ITEMS))
def test_older_name_of_a_big_city(records, key: str) -> None:
    (r,) = records[key]
    assert r["country"] == COUNTRY[key]
    assert r["geo_precision"] == 1 and r["latitude"] is not None


def test_a_main_name_still_beats_a_small_alternate() -> None:
    # "Salisbury": towns of that main name only; the ranking of main names is unchanged
    best = Gazetteer.load().matches("Salisbury")[0]
    assert best.main_name and best.place.country_code == "GB"
