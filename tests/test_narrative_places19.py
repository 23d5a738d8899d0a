"""A party's demonym does not place a name in its country (narr19). Narrative passages written
for the tests, each run through the whole extractor.

geo/homonyms.py keeps a reading of a name far from the document's front, in a country other
than the one the document is about, when the sentence names that country. A demonym that names
a party ("Kenyan troops attacked X from the hills facing Y") says who fought, not where X is:
when the sentence names a town at home (Y), X read as a small town of that country hundreds of
km from the front is a namesake like any other far reading; for a country of the document
other than the one it is about, a party's demonym never places. A demonym that is the
adjective of a place ("the Kenyan town of X") and a country's name still place it, and so
does a party's demonym in a sentence with no town at home.
"""

from __future__ import annotations

import json

from warlog.api import extract

JILIB = (0.49, 42.79)  # the Somali town the narrative is at


def _narrative(tmp_path, text: str, title: str = "Somali civil war") -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "title": title, "text": text}) + "\n")
    return list(extract(str(path)))


def _near(rec: dict, point: tuple[float, float]) -> bool:
    return (rec["latitude"] is not None
            and abs(rec["latitude"] - point[0]) < 0.2 and abs(rec["longitude"] - point[1]) < 0.2)


OPENING = ("In January 2012, Al-Shabaab fighters withdrew from Jilib after clashes with "
           "government troops. ")


def _february(tmp_path, sentence: str) -> list[dict]:
    recs = _narrative(tmp_path, OPENING + sentence)
    feb = [r for r in recs if r["event_date"] == "2012-02-03"]
    assert feb, recs
    return feb


def test_party_demonym_does_not_place_a_far_namesake_beside_a_town(tmp_path):
    # the name is read only as a small Kenyan town ~650 km from the front; the sentence names
    # Kenya only as the troops' nationality, and places the attack by a Somali town
    feb = _february(tmp_path, "On 3 February 2012, Kenyan troops attacked Othaya from the "
                              "hills facing Jilib, killing 12 militants.")
    assert all(r["country"] == "Somalia" and _near(r, JILIB) for r in feb), feb
    assert any(r["location"] == "Othaya" and r["geo_precision"] == 2 for r in feb), feb


def test_party_demonym_alone_still_places_a_far_reading_abroad(tmp_path):
    # guard: with no town at home in the sentence, the troops' nationality is the only hint
    # that the sentence goes abroad ("Libyan jets struck X" in an article about another war)
    feb = _february(tmp_path, "On 3 February 2012, Kenyan troops attacked Othaya, killing 12 "
                              "militants.")
    assert all(r["country"] == "Kenya" for r in feb), feb


def test_party_demonym_of_a_secondary_country_does_not_place_it(tmp_path):
    # another region: an article about Afghanistan; the Pakistani town read for the name is
    # far from the front and the sentence names Pakistan only by its army
    text = ("In March 2009, Taliban fighters attacked Khost after dark. On 4 April 2009, "
            "Pakistani troops shelled Bhiria from the ridges facing Khost, killing four "
            "people.")
    recs = _narrative(tmp_path, text, title="War in Afghanistan (2001-2021)")
    april = [r for r in recs if r["event_date"] == "2009-04-04"]
    assert april, recs
    assert all(r["country"] == "Afghanistan" for r in april), april


def test_demonym_of_a_place_still_places_it(tmp_path):
    # guard: "the Kenyan town of X" says where X is
    feb = _february(tmp_path, "On 3 February 2012, Al-Shabaab fighters attacked a police "
                              "station in the Kenyan town of Othaya, killing 12 officers.")
    assert all(r["country"] == "Kenya" and r["location"] == "Othaya" for r in feb), feb


def test_country_name_still_places_it(tmp_path):
    # guard: the country's name places the reading in it as before
    feb = _february(tmp_path, "On 3 February 2012, Al-Shabaab fighters attacked a police "
                              "station in Othaya, Kenya, killing 12 officers.")
    assert all(r["country"] == "Kenya" and r["location"] == "Othaya" for r in feb), feb


def test_near_a_border_named_by_demonym_is_not_across_it(tmp_path):
    # "near the Kenyan border" places the village near Kenya, on the narrative's side: the far
    # Kenyan town read for its name is a namesake
    feb = _february(tmp_path, "On 3 February 2012, Al-Shabaab fighters captured Othaya near "
                              "the Kenyan border, killing 12 soldiers.")
    assert all(r["country"] == "Somalia" for r in feb), feb
