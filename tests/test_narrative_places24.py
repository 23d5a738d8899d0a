"""Where a narrative sentence is coded when it names only a country (narr24). Passages written
for the tests, each run through the whole extractor.

GUIDELINES: the location is the most specific place the text supports; when none is found, the
admin area or country the text names, at its precision. A narrative's carried place stands for a
country told in passing ("near the border with X") or for the carried place's own country, but
not when the sentence puts the act in another country ("struck camps in X"): that country is
coded, at country precision, not a town across the border.
"""

from __future__ import annotations

from warlog.api import extract

ALEPPO = (36.201, 37.161)
OPENING = "On 3 May 2015, rebels attacked government positions in Aleppo. "


def _extract(tmp_path, text: str, title: str = "Syrian Civil War") -> list[dict]:
    path = tmp_path / "doc.md"
    path.write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    return list(extract(str(path)))


def _near(rec: dict, point: tuple[float, float], within: float = 0.05) -> bool:
    return (rec["latitude"] is not None and abs(rec["latitude"] - point[0]) < within
            and abs(rec["longitude"] - point[1]) < within)


def _on(recs: list[dict], day: str) -> list[dict]:
    out = [r for r in recs if r["event_date"] == day]
    assert out, recs
    return out


def test_another_country_told_with_in_is_coded_there(tmp_path):
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, Turkish jets bombed Kurdish militant camps in Iraq, killing 12 "
        "fighters."))
    assert _near(_on(recs, "2015-05-03")[0], ALEPPO)
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Iraq", rec
    assert rec["latitude"] is None and rec["geo_precision"] == 3, rec


def test_a_border_with_another_country_keeps_the_carried_place(tmp_path):
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, jets bombed rebel camps near the border with Iraq, killing 12 "
        "fighters."))
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Syria" and _near(rec, ALEPPO), rec


def test_the_carried_places_own_country_keeps_it(tmp_path):
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, jets bombed rebel camps in Syria, killing 12 fighters."))
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Syria" and _near(rec, ALEPPO), rec


def test_a_compass_word_between_the_locative_and_the_country(tmp_path):
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, Turkish jets bombed Kurdish militant camps inside northern Iraq."))
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Iraq" and rec["latitude"] is None, rec


def test_a_country_that_only_qualifies_a_noun_keeps_the_carried_place(tmp_path):
    # "in a U.S. air strike": the locative governs the strike, not the United States
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, two rebel commanders were killed in a U.S. air strike."))
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Syria" and _near(rec, ALEPPO), rec


def test_a_country_that_does_not_end_its_phrase_keeps_the_carried_place(tmp_path):
    # "in Iraq media": the country qualifies the noun after it, no place of the act
    recs = _extract(tmp_path, OPENING + (
        "On 5 May 2015, jets bombed rebel camps, killing 12 fighters, as first reported in "
        "Iraq media."))
    (rec,) = _on(recs, "2015-05-05")
    assert rec["country"] == "Syria" and _near(rec, ALEPPO), rec
