"""Places as news copy names them: a dateline's city in the state or country the dateline
gives it ("KENT, Ohio (AP)", "ATLANTA, Ga. (UPI)"), an island or province the gazetteer lacks
("on the island of Mindanao"), and a village it lacks, kept by its name where the item's
dateline is the only known place. News items written for these tests, run through the
whole extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import extract_items
from warlog.geo.dateline import dateline_place
from warlog.ingest.dateline import find_dateline

DAY = "1990-05-08"  # a Tuesday
ITEMS = {
    "state": "KENT, Ohio (AP) -- National Guardsmen fired on a crowd of students protesting "
             "the war on Monday, killing four.",
    "abbreviated": "PORTLAND, Maine (AP) -- Police arrested 40 protesters outside city hall "
                   "on Monday.",
    "country": "NAIROBI, Kenya (AP) -- Militants attacked an army base in Mogadishu on "
               "Monday, killing four soldiers.",
    "island": "Rebels attacked a military outpost on the island of Mindanao on Monday, "
              "killing three soldiers.",
    "village": "COTABATO, Philippines (AP) -- Rebels attacked an army outpost near Tagbanua "
               "on Monday, killing three soldiers, the army said.",
    "town_after": "JERUSALEM (AP) -- Guerrillas fired rockets into northern Israel on Monday, "
                  "wounding three people in Kiryat Shmona, the army said.",
    "group_first": "PRISTINA, Yugoslavia (AP) -- Rebels of the Kosovo Liberation Army ambushed "
                   "a police patrol near the village of Likosane on Monday, killing four "
                   "officers.",
    "abroad": "MAE SOT, Thailand, Jan 28 (Reuters) - Burmese troops captured the Karen rebel "
              "headquarters of Manerplaw on Friday after heavy fighting, rebel sources said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("wire"), ITEMS, DAY)


def test_a_dateline_keeps_the_region_after_its_city() -> None:
    line = find_dateline("SPRINGFIELD, Ill. (UPI) -- Police arrested 12.")
    assert line is not None and (line.place, line.region) == ("Springfield", "Ill.")
    line = find_dateline("MOGADISHU, March 3 (AFP) - Clan militias clashed.")
    assert line is not None and line.region is None and line.month == 3


def test_a_dateline_city_is_the_town_of_that_name_in_its_region() -> None:
    oregon, maine = dateline_place("Portland", "Ore."), dateline_place("Portland", "Maine")
    assert oregon is not None and maine is not None
    assert (oregon.admin1, maine.admin1) == ("US.OR", "US.ME")
    assert oregon.longitude < -120 < -75 < maine.longitude
    georgia = dateline_place("Atlanta", "Ga.")  # the state, not the country Georgia
    assert georgia is not None and georgia.country == "United States"
    assert dateline_place("Quetta", "Baluchistan").country == "Pakistan"


def test_a_region_warlog_cannot_read_leaves_the_city_to_the_caller() -> None:
    assert dateline_place("Kent", None) is None
    assert dateline_place("Kent", "Wherever") is None


def test_a_city_that_is_also_a_word_is_a_place_in_a_dateline(records) -> None:
    (rec,) = records["state"]
    assert (rec["location"], rec["country"]) == ("Kent", "United States")
    assert 40.9 < rec["latitude"] < 41.4 and rec["geo_precision"] == 1


def test_a_town_in_its_state(records) -> None:
    (rec,) = records["abbreviated"]
    assert rec["location"] == "Portland" and rec["longitude"] > -75


def test_the_story_place_beats_the_dateline_country(records) -> None:
    (rec,) = records["country"]
    assert (rec["location"], rec["country"]) == ("Mogadishu", "Somalia")
    assert rec["actor2"] == "Military Forces of Somalia"


def test_an_island_the_gazetteer_lacks_is_still_the_place(records) -> None:
    (rec,) = records["island"]
    assert (rec["location"], rec["country"]) == ("Mindanao", "Philippines")


def test_a_village_the_gazetteer_lacks_keeps_its_name_at_the_dateline(records) -> None:
    (rec,) = records["village"]
    assert (rec["location"], rec["country"]) == ("Tagbanua", "Philippines")
    assert rec["geo_precision"] == 2 and rec["latitude"] is not None


def test_a_country_that_ends_an_armed_groups_name_is_no_place() -> None:
    from warlog.geo.places import find_places

    text = ("Leftist rebels of the Revolutionary Armed Forces of Colombia attacked a police "
            "station in the southern town of Mitu early Sunday.")
    assert not [m for m in find_places(text, country_codes=["CO"]) if m.kind == "country"]
    assert [m.kind for m in find_places("Rebels attacked a police station in Colombia.")
            ] == ["country"]


def test_the_town_the_sentence_names_in_the_country_its_clause_names(records) -> None:
    (rec,) = records["town_after"]
    assert (rec["location"], rec["country"]) == ("Kiryat Shmona", "Israel")


def test_a_country_that_opens_an_armed_groups_name_is_no_place(records) -> None:
    (rec,) = records["group_first"]
    assert rec["location"] == "Likosane" and rec["geo_precision"] == 2


def test_a_place_the_actor_dictionary_knows_keeps_its_country(records) -> None:
    # "the Karen rebel headquarters": a name before a noun qualifies it, it is no place
    (rec,) = records["abroad"]
    assert (rec["location"], rec["country"]) == ("Manerplaw", "Myanmar")
    assert rec["sub_event_type"] == "Government regains territory"



def test_a_capital_named_by_its_nationality_is_named_as_the_city(tmp_path: Path) -> None:
    text = ("MONROVIA, Liberia (AP) -- Mortar shells slammed into a compound on the outskirts "
            "of the Liberian capital on Saturday, killing 18 civilians.")
    (rec,) = extract_items(tmp_path, {"a": text}, DAY)["a"]
    assert rec["location"] == "outskirts of Monrovia" and rec["country"] == "Liberia"


def test_a_dateline_city_of_five_words() -> None:
    line = find_dateline("SAN CRISTOBAL DE LAS CASAS, Mexico, Jan. 5 (Reuter) - Troops drove "
                         "rebels out of Ocosingo on Tuesday.")
    assert line is not None and line.region == "Mexico" and (line.month, line.day) == (1, 5)
    assert line.place.lower() == "san cristobal de las casas"
