"""A sentence's own place against the narrative's (narr20). Passages written for the tests, each
run through the whole extractor.

A table row is read as one line of its cells joined by " – " ("Town – population – District –
held by – Captured by ... on 4 May"). When the row opens with a place, a later cell that is
nothing but a place of the same country is a column about that place (the district it lies in),
not where the row's event happened: the event is at the row's own place.

A name the gazetteer lacks that the sentence puts in a province ("the town of X in Y province")
is the one town of that province spelled with the same consonants, when there is one: the same
town in another transliteration; else it stays coded at the province.

An entry of a list of incidents opens with its place and that place's area before a colon ("4 May
2019 – X, Y: ..."), as a dateline does: X is the entry's place, named as the text names it, in
Y's area (a name the gazetteer lacks is coded at Y, precision 2; a town read as a namesake in
another country is read in Y's area), and Y is no second place.

The Golan Heights is a region (``region_capitals``): coded to Quneitra at precision 3, not left
to the narrative's last place.
"""

from __future__ import annotations

import json

from warlog.api import extract

TENENKOU = (14.457, -4.917)
MOPTI = (14.484, -4.183)


def _extract(tmp_path, text: str, title: str = "Mali War", name: str = "doc.md") -> list[dict]:
    if name.endswith(".md"):
        path = tmp_path / name
        path.write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    else:
        path = tmp_path / "docs.jsonl"
        path.write_text(json.dumps({"id": "t1", "title": title, "text": text}) + "\n")
    return list(extract(str(path)))


def _near(rec: dict, point: tuple[float, float]) -> bool:
    return (rec["latitude"] is not None
            and abs(rec["latitude"] - point[0]) < 0.05 and abs(rec["longitude"] - point[1]) < 0.05)


TABLE = """Control of towns in central Mali.

| Name | Pop. | Cercle | Held by | More information |
| --- | --- | --- | --- | --- |
{row}
"""


def test_a_table_row_is_coded_at_its_first_cell_not_its_district_column(tmp_path):
    row = ("| Ténenkou | 7,471 | Mopti | Mali | Captured by jihadist fighters on 4 May 2019 "
           "after a short battle with the army garrison. |")
    recs = [r for r in _extract(tmp_path, TABLE.format(row=row))
            if r["event_date"] == "2019-05-04"]
    assert recs, recs
    assert all(r["location"] == "Ténenkou" and _near(r, TENENKOU) for r in recs), recs


def test_a_row_opening_with_a_date_keeps_the_place_its_cell_names(tmp_path):
    # guard: a row of a list of incidents ("date – place – what happened") opens with no place;
    # its place cell is where the incident happened
    row = ("| 4 May 2019 | Mopti | Mali | Jihadist fighters attacked the army post and burned "
           "two trucks of the garrison. |")
    recs = [r for r in _extract(tmp_path, TABLE.format(row=row))
            if r["event_date"] == "2019-05-04"]
    assert recs, recs
    assert all(_near(r, MOPTI) for r in recs), recs


def test_prose_with_dashes_keeps_its_second_place(tmp_path):
    # guard: in prose a dash opens an aside; a town named alone between dashes is no column
    recs = _extract(tmp_path, "On 4 May 2019, jihadist fighters from Ténenkou – Mopti – attacked "
                              "the army post in Mopti, killing three soldiers.", name="docs.jsonl")
    may = [r for r in recs if r["event_date"] == "2019-05-04"]
    assert may and all(_near(r, MOPTI) for r in may), may


NOW_ZAD = (32.403, 64.470)  # the Helmand district town, spelled "Now Zad" by the gazetteer
LASHKAR_GAH = (31.594, 64.372)  # Helmand's capital


def _helmand(tmp_path, town: str) -> list[dict]:
    recs = _extract(tmp_path, f"On 3 June 2010, Taliban fighters attacked a police post in the "
                              f"town of {town} in Helmand province, killing four policemen.",
                    title="War in Afghanistan", name="docs.jsonl")
    june = [r for r in recs if r["event_date"] == "2010-06-03"]
    assert june, recs
    return june


def test_an_unlisted_spelling_is_the_town_of_its_province_with_its_consonants(tmp_path):
    june = _helmand(tmp_path, "Nawzad")
    assert all(r["location"] == "Nawzad" and r["geo_precision"] == 1 and _near(r, NOW_ZAD)
               for r in june), june


def test_a_look_alike_in_another_province_does_not_place_the_name(tmp_path):
    # guard: the only town spelled with these consonants lies in another province; the name
    # stays coded at the province the sentence names
    june = _helmand(tmp_path, "Marjeh")
    assert all(r["location"] == "Marjeh" and r["geo_precision"] == 3 and _near(r, LASHKAR_GAH)
               for r in june), june


QUNEITRA = (33.126, 35.825)


def test_the_golan_heights_is_a_region_coded_at_quneitra(tmp_path):
    recs = _extract(tmp_path, "On 3 June 2016, government troops shelled rebel positions in Daraa. "
                              "On 5 June 2016, two mortar shells fired from Syria landed in an "
                              "open field in the Golan Heights.", title="Syrian civil war",
                    name="docs.jsonl")
    june5 = [r for r in recs if r["event_date"] == "2016-06-05"]
    assert june5 and all(r["location"] == "Golan Heights" and r["geo_precision"] == 3
                         and _near(r, QUNEITRA) for r in june5), recs


GAO = (16.272, -0.045)
KHARKIV = (49.982, 36.255)

INCIDENTS = """Incidents of the war.

| Date | Incident |
| --- | --- |
| 4 May {year} | {place}: {what} |
"""


def test_an_entry_heading_names_its_village_in_its_area(tmp_path):
    text = INCIDENTS.format(year=2019, place="Intahaka, Gao", what="jihadist fighters attacked "
                            "the army post in the town and burned two trucks.")
    recs = [r for r in _extract(tmp_path, text) if r["event_date"] == "2019-05-04"]
    assert recs and all(r["location"] == "Intahaka" and r["geo_precision"] == 2
                        and _near(r, GAO) for r in recs), recs


def test_an_entry_heading_reads_a_namesake_abroad_in_its_area(tmp_path):
    # the village's name is also a town's in the far east of the other party's country; the
    # heading says it is in the Kharkiv area
    text = INCIDENTS.format(year=2023, place="Pokrovka, Kharkiv", what="Russian artillery "
                            "shelled the village and destroyed two houses, the governor said.")
    recs = [r for r in _extract(tmp_path, text, title="Russian invasion of Ukraine")
            if r["event_date"] == "2023-05-04"]
    assert recs and all(r["location"] == "Pokrovka" and r["country"] == "Ukraine"
                        and _near(r, KHARKIV) for r in recs), recs


def test_country_mentions_gives_names_and_demonyms_with_their_ends():
    # the one reading of country mentions geo.context.country_votes and geo.homonyms share
    from warlog.geo.context import NAME_WORD, country_mentions
    from warlog.plugins import geocoder

    text = "Kenyan troops crossed from Somalia near the town of Mandera."
    words = list(NAME_WORD.finditer(text))
    got = [(gram, words[i].start() + len(gram), code, by_name)
           for gram, i, code, by_name in country_mentions(text, geocoder(), words)]
    assert got == [("Kenyan", 6, "KE", False), ("Somalia", 34, "SO", True)], got
    every = [gram for gram, *_ in country_mentions(text, geocoder(), words, others=True)]
    assert "Mandera" in every and "Kenyan" in every, every
