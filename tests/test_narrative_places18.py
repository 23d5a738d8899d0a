"""Where an event is placed when its own sentence names the place (narr18). News items and
narrative passages written for the tests, each run through the whole extractor.

GUIDELINES: a place the gazetteer lacks is still the location "as the text names it", coded at
the nearest town that represents it (geo_precision 2: near a town or part of a region)."""

from __future__ import annotations

import json

import pytest

from warlog.api import extract

BAIDOA = (3.11, 43.65)  # the town the area words name
KANDAHAR = (31.61, 65.71)


def _records(tmp_path, text: str, date: str) -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "date": date, "text": text}) + "\n")
    return list(extract(str(path)))


def _near(rec: dict, point: tuple[float, float]) -> bool:
    return (rec["latitude"] is not None
            and abs(rec["latitude"] - point[0]) < 0.2 and abs(rec["longitude"] - point[1]) < 0.2)


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        # a side of the area between the name and its area: "in northwest Y"
        ("MOGADISHU, March 12 (Reuters) - Al Shabaab fighters captured the village of "
         "Dhagaxley in northwest Baidoa on Tuesday, residents said.", "Dhagaxley", BAIDOA),
        # an apposition that says what the place is before where it is: "X, a village in Y"
        ("MOGADISHU, March 12 (Reuters) - Al Shabaab fighters on Tuesday captured Bulo Fulay, "
         "a village in Baidoa's countryside, residents said.", "Bulo Fulay", BAIDOA),
        ("KABUL, May 3 (AP) - Taliban fighters on Friday overran Garmser, a small town in "
         "southern Kandahar, officials said.", "Garmser", KANDAHAR),
    ],
)
def test_unlisted_place_coded_at_its_area(tmp_path, text, name, point):
    recs = _records(tmp_path, text, "2013-03-12")
    assert recs
    assert all(r["location"] == name and r["geo_precision"] == 2 and _near(r, point)
               for r in recs), recs


def test_unlisted_place_without_area_words_stays_unanchored_by_them(tmp_path):
    # guard: "in northwest Baidoa" is a place's area only right after the name; a town named
    # later in another clause is not its area
    text = ("MOGADISHU, March 12 (Reuters) - Al Shabaab fighters captured the village of "
            "Dhagaxley on Tuesday, and government troops later returned to Baidoa, residents "
            "said.")
    recs = _records(tmp_path, text, "2013-03-12")
    captured = [r for r in recs if r["location"] == "Dhagaxley"]
    assert captured, recs
    assert not any(_near(r, BAIDOA) and r["geo_precision"] == 2 for r in captured), recs



MISRATA = (32.38, 15.09)
AJDABIYA = (30.76, 20.23)


def _narrative(tmp_path, text: str) -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "title": "Libyan civil war", "text": text}) + "\n")
    return list(extract(str(path)))


def test_facility_named_after_a_town_is_near_that_town(tmp_path):
    # "the X Steel Plant" with no town of its own in the sentence: near X, the town it is
    # named after, not at the town the narrative named before
    recs = _narrative(tmp_path, "Rebels advanced on Ajdabiya in March 2011. On 5 April 2011, "
                                "government forces shelled the Misrata Steel Plant.")
    april = [r for r in recs if r["event_date"] == "2011-04-05"]
    assert april, recs
    assert all(r["location"] == "Misrata Steel Plant" and r["geo_precision"] == 2
               and _near(r, MISRATA) for r in april), april


def test_facility_named_after_a_person_stays_where_the_narrative_is(tmp_path):
    # guard: a name that is no town of the document's countries gives no town
    recs = _narrative(tmp_path, "Rebels advanced on Ajdabiya in March 2011. On 5 April 2011, "
                                "rebels seized the Gaddafi Sports Stadium.")
    april = [r for r in recs if r["event_date"] == "2011-04-05"]
    assert april, recs
    assert all(r["location"] == "Gaddafi Sports Stadium" and _near(r, AJDABIYA)
               for r in april), april


def _list_item(tmp_path, cell: str) -> list[dict]:
    # an item of an incidents list: the day, then "Town, Area: what happened"
    text = f"12 May 2019 – {cell}"
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "title": "Incidents", "text": text}) + "\n")
    return list(extract(str(path)))


def test_town_with_its_area_as_an_address_is_the_town(tmp_path):
    # "Paghman, Kabul:" names Paghman by its province (a town named like it): one place
    recs = _list_item(tmp_path, "Paghman, Kabul: Taliban fighters attacked a police post, "
                                "officials said.")
    assert recs
    assert all(r["location"] == "Paghman" for r in recs), recs


def test_town_then_area_then_a_list_is_a_list(tmp_path):
    # guard: "X, Y and Z" lists places; the area word check needs the address to end there
    recs = _list_item(tmp_path, "Taliban fighters attacked police posts in Paghman, Kabul and "
                                "Logar, officials said.")
    assert recs
    assert any(r["location"] != "Paghman" for r in recs), recs
