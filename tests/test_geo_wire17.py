"""Decades-old wire copy: places abroad the sentence puts in their country, and dateline
regions written as wire copy of the time wrote them (geo17). News items written for the tests."""

from __future__ import annotations

import json

import pytest

from warlog.api import extract
from warlog.geo.dateline import dateline_place
from warlog.plugins import geocoder


def _records(tmp_path, text: str, date: str) -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "date": date, "text": text}) + "\n")
    return list(extract(str(path)))


@pytest.mark.parametrize(
    ("text", "date", "location", "country"),
    [
        # filed from a neighbouring capital: the nationality before the town names its country
        ("NEW DELHI (Reuter) - Afghan government troops recaptured the eastern town of Asmar "
         "from Moslem rebels on Tuesday, Western diplomats said today.",
         "1986-05-08", "Asmar", "Afghanistan"),
        # the country after the town, with a locative
        ("DARWIN, Australia (Reuter) - Fretilin guerrillas ambushed an Indonesian army patrol "
         "near Ainaro in East Timor last Sunday and killed five soldiers, a Fretilin spokesman "
         "said today.", "1983-06-15", "Ainaro", "Timor Leste"),
    ],
)
def test_town_abroad_named_with_its_country(tmp_path, text, date, location, country):
    recs = _records(tmp_path, text, date)
    assert recs
    assert any(location in (r["location"] or "") and r["country"] == country
               and r["latitude"] is not None for r in recs), recs


def test_nationality_of_another_party_places_nothing(tmp_path):
    # "Ethiopian troops ... from Eritrean forces": the last nationality before the town is
    # the troops', which does not place an Eritrean town
    text = ("ADDIS ABABA, June 3 (Reuters) - Ethiopian troops recaptured the border town of "
            "Zalambessa from Eritrean forces on Saturday, the government said.")
    recs = _records(tmp_path, text, "2000-06-03")
    assert all(r["country"] != "Eritrea" for r in recs), recs


@pytest.mark.parametrize(
    ("city", "region", "country"),
    [
        ("MOSTAR", "Yugoslavia", "Bosnia and Herzegovina"),  # a state that broke up
        ("NOVI SAD", "Yugoslavia", "Serbia"),
        ("BRATISLAVA", "Czechoslovakia", "Slovakia"),
        ("VILNIUS", "U.S.S.R.", "Lithuania"),
        ("TUZLA", "Bosnia-Herzegovina", "Bosnia and Herzegovina"),  # "and" left out
        ("DA NANG", "South Viet Nam", "Vietnam"),  # one word written as two
    ],
)
def test_old_dateline_regions(city, region, country):
    found = dateline_place(city, region)
    assert found is not None and found.country == country
    assert found.latitude is not None


def test_loose_country_names_need_a_name_of_two_words():
    gaz = geocoder()
    assert gaz.country_name_code("Trinidad Tobago") == "TT"
    assert gaz.country_name_code("South Viet Nam") == "VN"
    assert gaz.country_name_code("Ma Li") is None  # Mali is one word
    assert dateline_place("TIMBUKTU", "Ma Li") is None


def test_name_run_together_as_old_wire_copy_writes_it(tmp_path):
    # "Khesanh" for Khe Sanh, "Tayninh" for Tay Ninh: the same letters, in the text's country
    text = ("SAIGON, Feb. 6 (AP) _ North Vietnamese gunners fired 150 rockets into the town of "
            "Khesanh today, killing 11 civilians, a U.S. military spokesman said.")
    recs = _records(tmp_path, text, "1968-02-06")
    assert any(r["country"] == "Vietnam" and r["latitude"] is not None
               and abs(r["latitude"] - 16.63) < 0.1 for r in recs), recs


def test_run_together_needs_the_same_letters_and_a_cue():
    from warlog.geo.places import find_places

    found = find_places("Troops fought near Tayninh and in Dienbienphu.", country_codes=("VN",))
    assert [m.place.name for m in found] == ["Tây Ninh", "Dien Bien Phu"]
    # no place cue, no settlement word: a run-together word is not read by its skeleton
    assert not find_places("Tayninh said nothing.", country_codes=("VN",))
