"""Wire copy of decades ago names places as they were named then. Big cities by their older
names ("Madras", "Calcutta", "Batavia"): each is the city of millions that GeoNames lists under
that alternate name, not a small namesake whose own name it is (a town in Oregon, a village in
South Africa). Countries by their former names ("Rhodesia", "Ceylon"), in the story and in the
dateline, whose city is then read in that country ("SALISBURY, Rhodesia" is not the English
town). A state of the past ("Soviet troops") names forces, never an event's country. News
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
    "rhodesia": "SALISBURY, Rhodesia (AP) -- Guerrillas shot and killed a farmer and his wife "
                "at their homestead near Umtali on Sunday, military headquarters said.",
    "ceylon": "Insurgents attacked a police station in Ceylon on Tuesday, killing two policemen.",
}
COUNTRY = {"madras": "India", "calcutta": "India", "batavia": "Indonesia",
           "rhodesia": "Zimbabwe", "ceylon": "Sri Lanka"}
PAST_STATE = {"soviet": "Soviet troops fired on demonstrators on Tuesday, killing five."}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("old_names")
    return extract_items(folder, {**ITEMS, **PAST_STATE}, day="1965-03-10")


@pytest.mark.parametrize("key", ["madras", "calcutta", "batavia"])
def test_older_name_of_a_big_city(records, key: str) -> None:
    (r,) = records[key]
    assert r["country"] == COUNTRY[key]
    assert r["geo_precision"] == 1 and r["latitude"] is not None


@pytest.mark.parametrize("key", ["rhodesia", "ceylon"])
def test_former_name_of_a_country(records, key: str) -> None:
    (r,) = records[key]
    assert r["country"] == COUNTRY[key]


def test_the_dateline_city_is_read_in_its_country(records) -> None:
    (r,) = records["rhodesia"]
    assert "Umtali" in r["location"] and r["latitude"] is not None
    assert r["actor1"] == "Unidentified Armed Group (Zimbabwe)"


def test_a_state_of_the_past_is_no_event_country(records) -> None:
    (r,) = records["soviet"]
    assert r["actor1"] == "Military Forces of the Soviet Union"
    assert r["country"] != "Soviet Union"


def test_a_main_name_still_beats_a_small_alternate() -> None:
    # "Salisbury": towns of that main name only; the ranking of main names is unchanged
    best = Gazetteer.load().matches("Salisbury")[0]
    assert best.main_name and best.place.country_code == "GB"
