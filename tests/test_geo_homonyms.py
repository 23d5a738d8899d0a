"""Homonyms by the document's geography (warlog.geo.homonyms): a namesake far from the front is
not the place the text means unless the sentence says so. The gazetteer is built from
invented records (names and points made up for these tests); sentences written for them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from warlog.geo.context import GeoContext
from warlog.geo.gazetteer import Gazetteer
from warlog.geo.homonyms import check_homonyms
from warlog.geo.places import PlaceMention, find_places
from warlog.geo.resolve import resolve_locations
from warlog.model import Location
from warlog.plugins import geocoder

_RECORDS = [
    # (id, name, lat, lon, country, population, admin1)
    (9100001, "Wadi Hamra", 35.00, 38.00, "SY", 40000, "01"),
    (9100002, "Birat Sahl", 35.10, 38.10, "SY", 8000, "01"),
    (9100003, "Tell Karam", 35.20, 38.20, "SY", 6000, "01"),
    (9100004, "Kafr Nasma", 27.00, 31.00, "EG", 150000, "02"),  # only abroad, 1,000 km off
    (9200001, "Zelenobrod", 48.00, 36.00, "UA", 500000, "03"),
    (9200002, "Hrabove Pole", 48.05, 36.10, "UA", 3000, "03"),
    (9200003, "Stepove Dolyna", 47.95, 35.90, "UA", 2500, "03"),
    (9200004, "Lisova Poliana", 46.50, 30.70, "UA", 120000, "04"),  # another city's part
    (9200005, "Zorianyi", 46.52, 30.72, "UA", 90000, "04"),  # ditto
    (9200006, "Dubrivka", 50.50, 25.50, "UA", 800, "05"),  # a village 800 km off
    (9300001, "Al Qarn", 32.70, 21.70, "LY", 120000, "06"),  # a region's seat, twice
    (9300002, "Al Qarn", 14.00, 45.60, "YE", 30000, "07"),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    rows = [
        {
            "geonameid": g,
            "name": n,
            "latitude": la,
            "longitude": lo,
            "countrycode": cc,
            "population": pop,
            "admin1code": a1,
            "alternatenames": [],
        }
        for g, n, la, lo, cc, pop, a1 in _RECORDS
    ]
    return Gazetteer.build(rows)


@pytest.fixture
def use_gaz(gaz: Gazetteer) -> Iterator[Gazetteer]:
    saved = Gazetteer._instance
    Gazetteer._instance = gaz
    geocoder.cache_clear()
    yield gaz
    Gazetteer._instance = saved
    geocoder.cache_clear()


def _ctx(gaz: Gazetteer, code: str, *towns: str) -> GeoContext:
    ctx = GeoContext(country_codes=(code,), primary_codes=(code,))
    for town in towns:
        ctx.record(gaz.lookup(town, code)[0])
    return ctx


def _resolve(text: str, ctx: GeoContext) -> list[Location]:
    return resolve_locations(text, find_places(text, 0, context=ctx), ctx)


def _mentions(gaz: Gazetteer, text: str, *names: str) -> list[PlaceMention]:
    """The finder's answer written out: each name at its first reading (so these tests do not
    depend on the finder's own far-reading rules)."""
    out = []
    for name in names:
        start = text.index(name)
        place = gaz.lookup(name)[0]
        out.append(PlaceMention(start, start + len(name), name, place, "city", 1))
    return out


def _named(locs: list[Location], name: str) -> Location:
    return next(loc for loc in locs if loc.name.startswith(name))


def test_a_foreign_namesake_far_from_the_front_is_not_the_place(use_gaz: Gazetteer) -> None:
    # two places are not yet a front for the finder; the first town already says where we are
    ctx = _ctx(use_gaz, "SY", "Wadi Hamra", "Birat Sahl")
    locs = _resolve("On Monday rebels captured the village of Kafr Nasma.", ctx)
    loc = _named(locs, "Kafr Nasma")
    assert loc.latitude is None  # named as the text names it, no coordinates from abroad
    assert loc.country == "Syria"
    # with a town of the front beside it, the name is coded there
    locs = _resolve("Rebels took Birat Sahl and the village of Kafr Nasma.", ctx)
    loc = _named(locs, "Kafr Nasma")
    assert (loc.latitude, loc.longitude, loc.country, loc.geo_precision) == (35.1, 38.1, "Syria", 2)


def test_a_foreign_place_stays_when_the_sentence_names_its_country(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "SY", "Wadi Hamra", "Birat Sahl")
    locs = _resolve("Talks were held in the Egyptian town of Kafr Nasma.", ctx)
    loc = _named(locs, "Kafr Nasma")
    assert (loc.latitude, loc.country) == (27.0, "Egypt")


def test_a_neighbourhood_far_from_the_front_is_a_part_of_the_front_town(
    use_gaz: Gazetteer,
) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Zelenobrod", "Stepove Dolyna")
    text = "Shelling hit the Lisova Poliana neighbourhood overnight."
    locs = resolve_locations(text, _mentions(use_gaz, text, "Lisova Poliana"), ctx)
    loc = _named(locs, "Lisova Poliana")
    assert (loc.latitude, loc.longitude) == (48.0, 36.0)  # Zelenobrod, the front's town
    assert loc.geo_precision == 2


def test_districts_of_the_city_in_a_list_are_parts_of_the_front_town(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Zelenobrod", "Stepove Dolyna")
    text = "Rockets struck flats in the Lisova Poliana and Zorianyi districts of the city."
    mentions = _mentions(use_gaz, text, "Lisova Poliana", "Zorianyi")
    locs = [loc for loc in resolve_locations(text, mentions, ctx) if loc.latitude is not None]
    assert len(locs) == 2
    assert {(loc.latitude, loc.longitude) for loc in locs} == {(48.0, 36.0)}
    assert all(loc.geo_precision == 2 for loc in locs)


def test_a_named_part_near_the_front_keeps_its_own_point(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Stepove Dolyna", "Zelenobrod")
    text = "Fighting reached the Hrabove Pole neighbourhood."
    locs = resolve_locations(text, _mentions(use_gaz, text, "Hrabove Pole"), ctx)
    assert (_named(locs, "Hrabove Pole").latitude, _named(locs, "Hrabove Pole").longitude) == (
        48.05,
        36.1,
    )


def test_naming_the_documents_own_country_does_not_keep_a_far_village(
    use_gaz: Gazetteer,
) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Stepove Dolyna", "Zelenobrod")
    locs = _resolve("Ukrainian troops retook Hrabove Pole and Dubrivka on Friday.", ctx)
    far = _named(locs, "Dubrivka")  # at the town named beside it
    assert (far.latitude, far.longitude, far.geo_precision) == (48.05, 36.1, 2)
    assert _named(locs, "Hrabove Pole").latitude == 48.05
    far = _named(_resolve("Ukrainian troops retook Dubrivka on Friday.", ctx), "Dubrivka")
    assert (far.latitude, far.longitude, far.geo_precision) == (48.0, 36.0, 2)  # the front town


def test_a_far_village_the_sentence_places_in_the_country_stays(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Stepove Dolyna", "Zelenobrod")
    locs = _resolve("Troops retook Dubrivka in western Ukraine on Friday.", ctx)
    assert _named(locs, "Dubrivka").latitude == 50.5


def test_nothing_changes_before_the_document_has_a_front(use_gaz: Gazetteer) -> None:
    ctx = GeoContext(country_codes=("UA",), primary_codes=("UA",))
    text = "Shelling hit the Lisova Poliana neighbourhood."
    mentions = _mentions(use_gaz, text, "Lisova Poliana")
    assert check_homonyms(text, 0, mentions, ctx) == mentions


def test_a_region_the_sentence_puts_in_another_country_is_read_there(use_gaz: Gazetteer) -> None:
    ctx = GeoContext(country_codes=("SY", "LY"), primary_codes=("SY",))  # Libya mentioned
    for town in ("Wadi Hamra", "Birat Sahl", "Tell Karam"):
        ctx.record(use_gaz.lookup(town, "SY")[0])
    text = "Drones struck a camp in Al Qarn Governorate, Yemen, on Sunday."
    loc = _named(_resolve(text, ctx), "Al Qarn")
    assert (loc.latitude, loc.country) == (14.0, "Yemen")
    text = "Drones struck a camp in Al Qarn Governorate on Sunday."
    assert _named(_resolve(text, ctx), "Al Qarn").country == "Libya"  # the larger seat


def test_a_town_named_before_its_own_neighbourhoods_stays_that_town(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Zelenobrod", "Stepove Dolyna")
    text = "Rockets hit Lisova Poliana neighbourhoods on Monday."
    locs = resolve_locations(text, _mentions(use_gaz, text, "Lisova Poliana"), ctx)
    assert (_named(locs, "Lisova Poliana").latitude, locs[0].longitude) == (46.5, 30.7)


def test_the_last_name_of_a_list_before_plural_districts_is_a_part(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "UA", "Zelenobrod", "Hrabove Pole", "Zelenobrod", "Stepove Dolyna")
    text = "Shells fell on the Rivnenskyi and Lisova Poliana districts of the city."  # one unknown
    locs = resolve_locations(text, _mentions(use_gaz, text, "Lisova Poliana"), ctx)
    assert (_named(locs, "Lisova Poliana").latitude, locs[-1].geo_precision) == (48.0, 2)
