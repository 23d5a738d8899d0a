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

from warlog.api import extract


def _extract(tmp_path, text: str, date: str = "2019-05-10") -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": date, "text": text}) + "\n",
                    encoding="utf-8")
    return list(extract(str(path)))


def test_home_dateline_town_not_a_namesake_abroad(tmp_path):
    recs = _extract(tmp_path, "BAMAKO (Reuters) - Gunmen attacked a market near Tonka on "
                    "Tuesday, killing two traders, local officials said.")
    assert recs
    assert {r["country"] for r in recs} == {"Mali"}
    assert all(r["location"] and "Tonka" in r["location"] for r in recs)


def test_home_dateline_with_its_country_named(tmp_path):
    recs = _extract(tmp_path, "BAMAKO, Mali (Reuters) - Gunmen attacked a market in the "
                    "village of Tonka on Tuesday, killing two traders, officials said.")
    assert recs
    assert {r["country"] for r in recs} == {"Mali"}


def test_town_of_a_country_the_story_names_stays_abroad(tmp_path):
    # the story names the other country: its city is meant
    recs = _extract(tmp_path, "BAMAKO (Reuters) - Malian exiles in Germany said on Sunday "
                    "that protesters had marched in Bonn on Saturday against the mission.")
    assert recs
    assert {r["country"] for r in recs} == {"Germany"}


def test_city_of_millions_abroad_stays(tmp_path):
    recs = _extract(tmp_path, "BAMAKO (Reuters) - Police fired tear gas at hundreds of "
                    "Malian protesters in Paris on Saturday, organisers said.")
    assert recs
    assert {r["country"] for r in recs} == {"France"}


def test_home_dateline_town_of_the_gazetteer_unchanged(tmp_path):
    # a town the gazetteer holds at home is read there, as before
    recs = _extract(tmp_path, "NIAMEY (Reuters) - Gunmen attacked an army post near Ayorou "
                    "on Tuesday, killing four soldiers, the army said.")
    assert recs
    assert {r["country"] for r in recs} == {"Niger"}
    assert all(r["latitude"] is not None for r in recs)


def test_city_near_the_dateline_country_stays(tmp_path):
    # filed at home about a war a few hours' flight away: the city there is meant
    recs = _extract(tmp_path, "TEHRAN (Reuters) - Iranian drones struck Islamic State "
                    "positions near Deir ez-Zor on Monday, state television said.")
    assert recs
    assert {r["country"] for r in recs} == {"Syria"}


def test_town_told_in_its_country_not_a_namesake_abroad(tmp_path):
    # no dateline: the locative after the name tells its country
    recs = _extract(tmp_path, "Gunmen attacked a market in the village of Tonka in Mali on "
                    "Tuesday, killing two traders, local officials said.")
    assert recs
    assert {r["country"] for r in recs} == {"Mali"}
