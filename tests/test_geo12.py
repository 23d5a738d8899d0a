"""Places of session 12 (geo12), each a general pattern of how text names places, checked on
news items written for the tests (real places, invented incidents) run through the whole
extractor with the real gazetteer:

- an area named before the place it locates ("the Punjab town of X", "<Province>'s X
  district"): the place is read in the area, and the area is no place of its own;
- a name whose first word is abbreviated ("St. Quentin") is the gazetteer's "Saint-...";
- a region of two countries (Punjab) named bare is the one in the text's country;
- a place the gazetteer lacks named with its area after a comma ("in Mir Ali, North
  Waziristan") is that place, even when a word of its name is a given name ("Ali");
- a country named by one of its aliases ("East Timor") is that country: the data files hold
  no key twice (a second ``TL:`` replaced the first and lost "East Timor");
- a town's name that ends a longer name after a particle ("Norte de Santander") tells no
  country.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import extract_items, only_record

DAY = "2024-03-05"

ITEMS = {
    # an area named before its town, with a joiner: the town is the place, in the area of
    # that name that holds it (Punjab is India's and Pakistan's)
    "punjab_in": "NEW DELHI, India (AP) - Gunmen opened fire on a bus stand in the Punjab town "
                 "of Pathankot on Monday, killing four people, police said.",
    "punjab_pk": "LAHORE, Pakistan (AP) - A bomb exploded at a market in the Punjab town of "
                 "Okara on Monday, killing six people, police said.",
    # a possessive area and a district the gazetteer lacks (or holds abroad only in part:
    # "Sata", Hungary): the district, coded in its area
    "possessive": "Insurgents shot dead a village headman in Yala's Bannang Sata district on "
                  "Monday, police said.",
    "province": "A roadside bomb killed two soldiers in Helmand province's Nad Ali district "
                "on Monday, officials said.",
    # "St." for Saint: the span goes on past the stop, the gazetteer has "Saint-Quentin"
    "saint": ("German troops attacked St. Quentin on 21 March 1918.", "1918-03-22"),
    # region_capitals gives Punjab to Pakistan: in an Indian item it is India's
    "bare_punjab": "NEW DELHI, India (AP) - Police fired tear gas at farmers who blocked "
                   "railway tracks in Punjab on Monday, police said.",
    # an address: the town, then its area after a comma ("Ali" alone is a given name)
    "address": "Gunmen shot dead two policemen at a checkpoint in Mir Ali, North Waziristan, "
               "on Monday, officials said.",
    # a month before the area stays no place
    "month": "Troops killed two militants in March, North Waziristan officials said.",
    # "Norte de Santander" is a Colombian department, not Santander, Spain
    "particle": "FARC dissidents attacked a police station near Tibu on Sunday, killing three "
                "officers, the governor of Norte de Santander said.",
    # "East Timor" is Timor-Leste ("Dili" was read as Delhi, India)
    "timor": ("DILI, East Timor (AP) - Militiamen armed with machetes attacked a church "
              "compound in the town of Maliana on Monday, killing at least 14 refugees, "
              "witnesses said.", "1999-09-07"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("geo12"), ITEMS, DAY)


def test_region_town_of_is_the_town_in_the_texts_country(records) -> None:
    rec = only_record(records, "punjab_in")
    assert (rec["location"], rec["country"], rec["geo_precision"]) == ("Pathankot", "India", 1)
    assert abs(rec["latitude"] - 32.27) < 0.1 and abs(rec["longitude"] - 75.65) < 0.1
    rec = only_record(records, "punjab_pk")
    assert (rec["location"], rec["country"]) == ("Okara", "Pakistan")


def test_possessive_area_gives_its_district(records) -> None:
    rec = only_record(records, "possessive")
    assert rec["location"].startswith("Bannang Sata") and rec["country"] == "Thailand"
    assert abs(rec["latitude"] - 6.5) < 0.3 and abs(rec["longitude"] - 101.3) < 0.3
    rec = only_record(records, "province")
    assert rec["location"].startswith("Nad Ali") and rec["country"] == "Afghanistan"


def test_abbreviated_saint_is_the_saint_town(records) -> None:
    rec = only_record(records, "saint")
    assert (rec["location"], rec["country"]) == ("St. Quentin", "France")
    assert abs(rec["latitude"] - 49.85) < 0.1 and abs(rec["longitude"] - 3.29) < 0.1


def test_bare_region_of_two_countries_is_the_texts(records) -> None:
    rec = only_record(records, "bare_punjab")
    assert (rec["location"], rec["country"], rec["geo_precision"]) == ("Punjab", "India", 3)
    assert rec["actor1"] == "Police Forces of India"


def test_unlisted_town_before_its_area(records) -> None:
    rec = only_record(records, "address")
    assert (rec["location"], rec["country"]) == ("Mir Ali", "Pakistan")
    assert rec["latitude"] is not None
    assert all(r["location"] != "March" for r in records["month"])


def test_town_inside_a_longer_name_tells_no_country(records) -> None:
    rec = only_record(records, "particle")
    assert rec["country"] == "Colombia" and rec["location"] == "near Tibu"


def test_country_alias_east_timor(records) -> None:
    rec = only_record(records, "timor")
    assert (rec["location"], rec["country"]) == ("Maliana", "Timor Leste")


def _unique_keys(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not twice, f"line {node.start_mark.line + 1}: {twice} twice"
    return loader.construct_mapping(node, deep=deep)


def test_data_files_hold_no_key_twice() -> None:
    class Strict(yaml.SafeLoader):
        pass

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_keys)
    data = Path(__file__).parents[1] / "src" / "warlog" / "data"
    for path in sorted(data.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)
