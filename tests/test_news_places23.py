"""A town named in a story filed at home (narr23). Items written for the tests, each run
through the whole extractor.

GUIDELINES: the country is where the event happened, the location the most specific place
the text supports. A story whose dateline files it at home ("BAMAKO (Reuters) -") and that
names no other country is about that country: a town's name in it is a place there, even
when the gazetteer holds only a namesake city of some other, faraway country (Tonka, a
Malian town, is also an Indian city of 160,000). The town is then coded in the story's
country (at the dateline's city, as any village the gazetteer lacks), never abroad. A
city of millions, or one of a country the text names, is still read as that city.
"""

from __future__ import annotations

import json

import pytest

from warlog.api import extract


def _extract(tmp_path, text: str, date: str = "2019-05-10") -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": date, "text": text}) + "\n",
                    encoding="utf-8")
    return list(extract(str(path)))


# (story, the country every record of it is in)
COUNTRY_OF = {
    "home-dateline-town-not-a-namesake-abroad": (
        "BAMAKO (Reuters) - Gunmen attacked a market near Tonka on Tuesday, killing two "
        "traders, local officials said.", "Mali"),
    "home-dateline-with-its-country-named": (
        "BAMAKO, Mali (Reuters) - Gunmen attacked a market in the village of Tonka on "
        "Tuesday, killing two traders, officials said.", "Mali"),
    # the story names the other country: its city is meant
    "town-of-a-country-the-story-names-stays-abroad": (
        "BAMAKO (Reuters) - Malian exiles in Germany said on Sunday that protesters had "
        "marched in Bonn on Saturday against the mission.", "Germany"),
    "city-of-millions-abroad-stays": (
        "BAMAKO (Reuters) - Police fired tear gas at hundreds of Malian protesters in Paris "
        "on Saturday, organisers said.", "France"),
    # a town the gazetteer holds at home is read there, as before
    "home-dateline-town-of-the-gazetteer-unchanged": (
        "NIAMEY (Reuters) - Gunmen attacked an army post near Ayorou on Tuesday, killing four "
        "soldiers, the army said.", "Niger"),
    # filed at home about a war a few hours' flight away: the city there is meant
    "city-near-the-dateline-country-stays": (
        "TEHRAN (Reuters) - Iranian drones struck Islamic State positions near Deir ez-Zor on "
        "Monday, state television said.", "Syria"),
    # no dateline: the locative after the name tells its country
    "town-told-in-its-country-not-a-namesake-abroad": (
        "Gunmen attacked a market in the village of Tonka in Mali on Tuesday, killing two "
        "traders, local officials said.", "Mali"),
}


@pytest.mark.parametrize("key", list(COUNTRY_OF))
def test_the_story_is_coded_in_its_country(tmp_path, key: str) -> None:
    text, country = COUNTRY_OF[key]
    recs = _extract(tmp_path, text)
    assert recs
    assert {r["country"] for r in recs} == {country}


def test_a_home_town_the_gazetteer_lacks_keeps_its_name(tmp_path):
    recs = _extract(tmp_path, COUNTRY_OF["home-dateline-town-not-a-namesake-abroad"][0])
    assert recs and all(r["location"] and "Tonka" in r["location"] for r in recs)


def test_a_home_town_of_the_gazetteer_keeps_its_point(tmp_path):
    recs = _extract(tmp_path, COUNTRY_OF["home-dateline-town-of-the-gazetteer-unchanged"][0])
    assert recs and all(r["latitude"] is not None for r in recs)
