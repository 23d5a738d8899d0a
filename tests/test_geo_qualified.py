"""How news copy names places (session 10): a place qualified by the first-level area it lies in
("X township, Y Region", "X County, Y State", "X, Y Province"), a state named with its word
when no town is named after it ("Zamfara State", "Benue State"), a state named bare after a
place cue in a text about its country ("in Borno"), an operation's name that is no place
("Operation Toledo"), and a first-level area the admin1 table named wrongly (Panjshir).
Sentences written for these tests, with real places."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items
from warlog.geo.context import GeoContext, country_votes
from warlog.geo.places import find_places
from warlog.geo.resolve import resolve_locations
from warlog.plugins import geocoder


def _locations(text: str, codes: tuple[str, ...] = ()) -> list[Any]:
    ctx = GeoContext(country_codes=codes)
    return resolve_locations(text, find_places(text, 0, context=ctx), ctx, 0)


def test_area_picks_the_namesake_in_its_country() -> None:
    """ "Bor County, Jonglei State": Bor of South Sudan, not the larger Bor of Russia; the
    state is no second place."""
    locs = _locations("Gunmen attacked a village in Bor County, Jonglei State, on Saturday.")
    assert [(loc.name, loc.country) for loc in locs] == [("Bor County", "South Sudan")]
    assert locs[0].latitude == pytest.approx(6.21, abs=0.05)


def test_area_codes_a_name_it_lacks_at_the_area() -> None:
    """ "Pale township, Sagaing Region": no Pale in Myanmar's gazetteer, so not Pale of Bosnia
    but the township's name at Sagaing's seat, precision 2."""
    locs = _locations("Soldiers torched houses in Pale township, Sagaing Region, on Saturday.")
    assert len(locs) == 1
    assert locs[0].country == "Myanmar" and locs[0].name.startswith("Pale")
    assert locs[0].geo_precision == 2


def test_area_of_the_same_town_is_no_second_place() -> None:
    locs = _locations("Soldiers clashed with rebels in Mansa, Luapula Province, on Friday.",
                      ("ZM",))
    assert [(loc.name, loc.country, loc.geo_precision) for loc in locs] == [
        ("Mansa", "Zambia", 1)]


def test_a_list_of_places_keeps_its_province() -> None:
    """ "Kabul, Kandahar Province and Herat" is a list: Kabul is not in Kandahar."""
    locs = _locations("Fighting was reported in Kabul, Kandahar Province and Herat.", ("AF",))
    assert [loc.name for loc in locs] == ["Kabul", "Kandahar Province", "Herat"]


@pytest.mark.parametrize("text,name,capital", [
    ("Bandits killed five farmers in Zamfara State on Friday.", "Zamfara State", "Gusau"),
    ("Herdsmen killed seven farmers in Benue State on Friday.", "Benue State", "Makurdi"),
])
def test_state_with_its_word(text: str, name: str, capital: str) -> None:
    """A state no town is named after, or one a town abroad sounds like ("Benue" is no Benin
    City), is the state at its seat."""
    (m,) = find_places(text, 0, context=GeoContext(country_codes=("NG",)))
    assert (m.text, m.kind, m.place.name, m.place.country_code) == (name, "admin1", capital, "NG")


def test_state_abroad_names_its_country() -> None:
    """ "Jonglei State" in a text whose countries are elsewhere: the one area of that name."""
    found = find_places("Refugees fled Jonglei State last week.", 0,
                        context=GeoContext(country_codes=("RU",)))
    assert [(m.text, m.place.country_code) for m in found] == [("Jonglei State", "SS")]


def test_bare_state_after_a_place_cue_at_home() -> None:
    """ "in Borno" in a Nigerian text is the state (a village of Italy is not meant)."""
    (m,) = find_places("Troops killed seven insurgents in Borno on Saturday.", 0,
                       context=GeoContext(country_codes=("NG",)))
    assert (m.kind, m.place.name, m.place.country_code) == ("admin1", "Maiduguri", "NG")
    # without a cue, or in a text about another country, nothing
    assert find_places("Borno is large.", 0, context=GeoContext(country_codes=("NG",))) == []


def test_operation_name_is_no_place() -> None:
    text = "Troops of Operation Toledo killed five gunmen near Madrid on Saturday."
    assert [m.text for m in find_places(text, 0, context=GeoContext(country_codes=("ES",)))] == [
        "Madrid"]
    assert "US" not in country_votes("Troops of Operation Toledo attacked a camp.", geocoder())


def test_unlisted_place_in_a_district_of_an_area() -> None:
    """ "Logo Local Government Area of Benue State": Logo, at the state's seat, precision 2,
    and "Anyiin community in Logo ...": the smallest place named; the state is no second
    place."""
    locs = _locations("Gunmen attacked farmers in Logo Local Government Area of Benue State "
                      "on Wednesday.", ("NG",))
    assert [(loc.name, loc.country, loc.geo_precision) for loc in locs] == [
        ("Logo Local Government Area", "Nigeria", 2)]
    assert (locs[0].latitude, locs[0].longitude) == pytest.approx((7.73, 8.52), abs=0.01)
    locs = _locations("Gunmen attacked Anyiin community in Logo Local Government Area of "
                      "Benue State on Friday.", ("NG",))
    assert locs[0].name == "Anyiin" and locs[0].country == "Nigeria"
    assert "Benue State" not in [loc.name for loc in locs]


def test_unlisted_town_with_its_area_is_one_place() -> None:
    locs = _locations("Security forces killed three militants in Razmak, North Waziristan, on "
                      "Wednesday.", ("PK",))
    assert [(loc.name, loc.country) for loc in locs] == [("Razmak", "Pakistan")]


def test_panjshir_is_an_afghan_province() -> None:
    """The admin1 table had Panjshir (AF.42) and Daykundi (AF.41) under other provinces'
    names; "the Panjshir Valley" is Panjshir province."""
    from warlog.geo.admin1 import admin1_name

    assert admin1_name("AF.42") == "Panjshir" and admin1_name("AF.41") == "Daykundi"
    (m,) = find_places("Troops launched an offensive in the Panjshir Valley.", 0,
                       context=GeoContext(country_codes=("PK",)))
    assert (m.place.country_code, m.place.admin1) == ("AF", "AF.42")


DAY = "2021-10-18"  # a Monday
ITEMS = {
    "county_state": "JUBA (Reuters) - Gunmen attacked a cattle camp in Bor County, Jonglei "
                    "State, on Saturday, killing 12 people, officials said.",
    "town_province": "Armed bandits burned 30 huts in the village of Milange, Zambezia "
                     "Province, on Saturday, the provincial command said.",
    "dateline_valley": "ISLAMABAD, Pakistan (AP) -- Soviet troops launched an offensive "
                       "against rebels in the Panjshir Valley on Saturday, diplomats said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("news_places"), ITEMS, DAY)


@pytest.mark.parametrize("key,location,country", [
    ("county_state", "Bor County", "South Sudan"),
    ("town_province", "Milange", "Mozambique"),
    ("dateline_valley", "Panjshir", "Afghanistan"),
])
def test_news_items(records, key: str, location: str, country: str) -> None:
    recs = records[key]
    assert [(r["location"], r["country"]) for r in recs] == [(location, country)]
