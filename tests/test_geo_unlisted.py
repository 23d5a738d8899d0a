"""A place the gazetteer lacks keeps the text's name and is coded as ACLED codes a village it
cannot find: at the known place listed beside it, else the known place the text puts it in,
else where the narrative is. Sentences written for these tests; the unlisted names are made up.
"""

from __future__ import annotations

from warlog.geo.context import GeoContext
from warlog.geo.gazetteer import haversine_km
from warlog.geo.places import find_places
from warlog.geo.resolve import resolve_locations
from warlog.model import Location
from warlog.plugins import geocoder


def _resolve(text: str, codes: tuple[str, ...], here: Location | None = None) -> list[Location]:
    ctx = GeoContext(country_codes=codes)
    return resolve_locations(text, find_places(text, 0, context=ctx), ctx, 0, here)


def _by_name(locs: list[Location]) -> dict[str, Location]:
    return {loc.name: loc for loc in locs}


def _town(name: str, cc: str) -> Location:
    place = geocoder().matches(name, (cc,))[0].place
    assert place.country_code == cc
    return Location(
        name, place.latitude, place.longitude, 1, place.country, None, -1, -1, place.geonameid
    )


def _km(a: Location, b: Location) -> float:
    assert a.latitude is not None and b.latitude is not None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def test_an_unlisted_village_listed_beside_a_town_is_coded_at_that_town():
    locs = _by_name(
        _resolve("Jets struck positions in Xobrakuma and Maiduguri on Sunday.", ("NG",))
    )
    town, village = locs["Maiduguri"], locs["Xobrakuma"]
    assert town.geo_precision == 1 and town.latitude is not None
    assert (village.latitude, village.longitude) == (town.latitude, town.longitude)
    assert village.geo_precision == 2  # near a known town, not the town itself
    assert village.geonameid is None


def test_in_a_list_the_nearer_known_neighbour_in_the_text_codes_the_name():
    text = "Jets struck positions in Xobrakuma, Maiduguri and Kano on Sunday."
    locs = _by_name(_resolve(text, ("NG",)))
    assert _km(locs["Xobrakuma"], locs["Maiduguri"]) < 1.0


def test_an_unlisted_town_inside_a_named_region_is_coded_at_its_capital_as_a_region():
    text = "Gunmen killed three farmers in the village of Xobrakuma, located in Idlib Governorate."
    locs = _by_name(_resolve(text, ("SY",)))
    region, village = locs["Idlib Governorate"], locs["Xobrakuma"]
    assert region.geo_precision == 3
    assert (village.latitude, village.longitude) == (region.latitude, region.longitude)
    assert village.geo_precision == 3


def test_a_region_gives_way_to_the_narratives_town_inside_it():
    region = _by_name(_resolve("Fighting in Idlib Governorate.", ("SY",)))["Idlib Governorate"]
    here = _town("Saraqib", "SY")
    here.admin1 = region.admin1
    text = "Gunmen killed three farmers in the village of Xobrakuma, located in Idlib Governorate."
    village = _by_name(_resolve(text, ("SY",), here))["Xobrakuma"]
    assert (village.latitude, village.longitude) == (here.latitude, here.longitude)
    assert village.geo_precision == 2
    # a narrative town in another region does not
    elsewhere = _town("Maiduguri", "NG")
    village = _by_name(_resolve(text, ("SY",), elsewhere))["Xobrakuma"]
    assert (village.latitude, village.longitude) == (region.latitude, region.longitude)


def test_with_no_known_place_in_the_sentence_the_name_is_coded_where_the_narrative_is():
    here = _town("Maiduguri", "NG")
    locs = _resolve("Militants burned the village of Xobrakuma on Sunday.", ("NG",), here)
    assert [loc.name for loc in locs] == ["Xobrakuma"]
    assert (locs[0].latitude, locs[0].longitude) == (here.latitude, here.longitude)
    assert locs[0].geo_precision == 2
    # with no narrative place either, the name stays without coordinates
    alone = _resolve("Militants burned the village of Xobrakuma on Sunday.", ("NG",))
    assert [(loc.name, loc.latitude) for loc in alone] == [("Xobrakuma", None)]


def test_a_known_place_after_an_unrelated_word_does_not_code_the_name():
    # "towards Maiduguri" is where they went, not where Xobrakuma is
    text = "Militants burned the village of Xobrakuma before driving towards Maiduguri."
    village = _by_name(_resolve(text, ("NG",)))["Xobrakuma"]
    assert village.latitude is None


def test_a_border_named_by_its_countries_is_no_unlisted_place():
    text = "Militias massed near the Syria-Iraq border area on Tuesday."
    assert [loc.name for loc in _resolve(text, ("SY",))] == []


def test_an_alternate_name_backed_by_a_site_word_is_the_place_at_home():
    # "Al-Thawrah" is an alternate name of Al-Tabqa: "the Thawra oil field" is there, while
    # a bare loose word that does not sound like the place's main name is not
    tabqa = geocoder().matches("Al-Tabqa", ("SY",))[0].place
    site = _by_name(_resolve("The SDF captured the Thawra oil field on Monday.", ("SY",)))
    loc = site["Thawra oil field"]
    assert (loc.latitude, loc.longitude) == (tabqa.latitude, tabqa.longitude)
    assert loc.geo_precision == 2
    bare = _resolve("Thawra said the talks had failed.", ("SY",))
    assert all(loc.latitude != tabqa.latitude for loc in bare)


def test_a_name_made_only_of_generic_toponym_words_is_a_place_when_spelled_as_listed():
    # "Ras", "al" and "Ayn" alone are never places; together they name a town
    locs = _resolve("Turkish forces shelled Ras al-Ayn on Monday.", ("SY",))
    assert [(loc.name, loc.geo_precision) for loc in locs] == [("Ras al-Ayn", 1)]
    assert locs[0].geonameid is not None
    assert _resolve("Fighters gathered near the ras on Monday.", ("SY",)) == []
