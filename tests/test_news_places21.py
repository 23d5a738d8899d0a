"""A news item filed from an agency's bureau abroad (narr21). Items written for the tests, each
run through the whole extractor.

GUIDELINES code the event's place, not where it was reported from: a dateline's city is the
event's place only when the text names no other. When the story names countries by its words
and parties ("Somali troops", "the Karen National Union") and never the dateline city's own
country, the city is a bureau abroad: it gives the document no country, so a village the
story names is read in the country the story is about, not coded at the bureau's city.
"""

from __future__ import annotations

import json

from warlog.api import extract


def _extract(tmp_path, text: str, date: str = "2019-05-10") -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": date, "text": text}) + "\n",
                    encoding="utf-8")
    return list(extract(str(path)))


def test_bureau_abroad_named_by_demonyms(tmp_path):
    recs = _extract(tmp_path, "NAIROBI (Reuters) - Somali troops clashed with insurgents near "
                    "the village of Buulo Xaawadeere on Tuesday, a Somali army officer said.")
    assert recs
    assert {r["country"] for r in recs} == {"Somalia"}
    assert all(r["location"] == "Buulo Xaawadeere" for r in recs)


def test_bureau_abroad_named_by_a_party(tmp_path):
    recs = _extract(tmp_path, "BANGKOK (Reuters) - The Karen National Union said on Friday "
                    "its fighters had seized an army camp near Htee Mu Kho after a day of "
                    "fighting.")
    assert recs
    assert {r["country"] for r in recs} == {"Myanmar"}


def test_dateline_at_home_stays(tmp_path):
    # the story's party belongs to the dateline's own country: the city is no bureau abroad
    # and stays the document's place
    recs = _extract(tmp_path, "KABUL (Reuters) - Taliban fighters attacked a police "
                    "checkpoint near the village of Sra Kala Ghundai on Monday, killing "
                    "three policemen.")
    assert recs
    assert {r["country"] for r in recs} == {"Afghanistan"}
    assert all(r["latitude"] is not None and r["admin1"] == "Kabul" for r in recs)


def test_bureau_city_spoken_of_stays(tmp_path):
    # a foreign party's demonym, but the story speaks of the dateline's city itself ("a
    # neighbourhood of the capital"): filed where it happened
    recs = _extract(tmp_path, "NAIROBI (Reuters) - Gunmen kidnapped a British aid worker in a "
                    "western neighbourhood of the capital on Thursday, police said.")
    assert recs
    assert {r["country"] for r in recs} == {"Kenya"}
