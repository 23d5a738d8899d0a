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

