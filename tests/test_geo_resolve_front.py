"""Place resolution by the document's geography, roads by their ends, named sites and
terrain. The gazetteer is the small ``mini_cities.json`` set (standing for cities500) plus
``fixtures/geo/SY_sites.txt``, a GeoNames country file (19 columns, synthetic ids) holding a
mountain range, a lake, a dam, an airbase, a border crossing, an oil field, two villages of
one name 500 km apart and a small village far in the north-east. Sentences written for these
tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from warlog.geo import country_files
from warlog.geo.context import GeoContext
from warlog.geo.front import Front
from warlog.geo.gazetteer import Gazetteer, haversine_km
from warlog.geo.places import find_places
from warlog.geo.resolve import resolve_locations
from warlog.model import Place
from warlog.plugins import geocoder

FIXTURES = Path(__file__).parent / "fixtures" / "geo"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    records = json.loads((FIXTURES / "mini_cities.json").read_text(encoding="utf-8"))
    rows = country_files.parse(FIXTURES / "SY_sites.txt")["SY"]
    return Gazetteer.build([*records, *(country_files.record(r) for r in rows)])


@pytest.fixture
def use_gaz(gaz: Gazetteer) -> Iterator[Gazetteer]:
    """The fixture gazetteer as the process-wide one (``geocoder()`` caches its answer)."""
    saved = Gazetteer._instance
    Gazetteer._instance = gaz
    geocoder.cache_clear()
    yield gaz
    Gazetteer._instance = saved
    geocoder.cache_clear()


def _ctx(gaz: Gazetteer, *towns: str) -> GeoContext:
    """A Syrian document that has resolved ``towns`` (its front)."""
    ctx = GeoContext(country_codes=("SY",), primary_codes=("SY",))
    for town in towns:
        ctx.record(gaz.lookup(town, "SY")[0])
    return ctx


def _resolve(text: str, ctx: GeoContext):
    return resolve_locations(text, find_places(text, 0, context=ctx), ctx)


def _place(lat: float, lon: float) -> Place:
    return Place(0, "x", lat, lon, "SY", "Syria", None, 0, "city")


# --------------------------------------------------------------------------- the front
def test_front_medoid_radius_and_far() -> None:
    front = Front()
    for lat, lon in [(34.73, 36.72), (34.80, 36.80), (34.65, 36.60), (35.13, 36.75)]:
        front.add(lat, lon)
    assert front.medoid() in front.points
    assert 5 < front.radius() < 60
    near, far = _place(34.9, 36.9), _place(37.0, 42.0)
    assert front.bonus(near) > front.bonus(far) >= 0
    assert not front.is_far(near) and front.is_far(far)
    assert front.spread() < 60


def test_a_front_needs_a_few_places_before_anything_is_far() -> None:
    front = Front()
    front.add(34.73, 36.72)
    assert not front.is_far(_place(37.0, 42.0))  # one place is no front yet


def test_a_wide_article_has_a_wide_front() -> None:
    front = Front()
    for lat, lon in [(36.20, 37.16), (33.51, 36.29), (35.33, 40.14), (32.62, 36.10),
                     (36.50, 40.75), (35.52, 35.78)]:  # Aleppo, Damascus, Deir ez-Zor…
        front.add(lat, lon)
    assert not front.is_far(_place(37.05, 41.23))  # Qamishli is no outlier here


# --------------------------------------------------------------------------- homonyms
def test_a_homonym_is_the_one_near_the_front(use_gaz: Gazetteer) -> None:
    homs_front = _ctx(use_gaz, "Homs", "Hama", "Qattinah")
    loc = _resolve("Rebels shelled Zamlaqa on Monday.", homs_front)[0]
    assert (loc.latitude, loc.longitude) == (34.80, 36.80)
    north_east = _ctx(use_gaz, "Al-Hasakah", "Ash Shaddadah", "Dawwarah")
    loc = _resolve("Rebels shelled Zamlaqa on Monday.", north_east)[0]
    assert (loc.latitude, loc.longitude) == (36.95, 41.90)


def test_a_far_village_is_dropped_unless_the_sentence_says_so(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama", "Qattinah")
    assert not any(loc.latitude == 37.02 for loc in _resolve("Jets bombed Dawwarah.", ctx))
    loc = _resolve("Jets bombed Dawwarah in northeastern Syria.", ctx)[0]
    assert loc.latitude == 37.02
    # a town named earlier in the sentence is geography too
    locs = _resolve("Jets bombed Al-Hasakah and Dawwarah.", ctx)
    assert [loc.latitude for loc in locs][-1] == 37.02


def test_a_large_city_far_from_the_front_stays(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama", "Qattinah")
    assert _resolve("Protesters gathered in Aleppo.", ctx)[0].name == "Aleppo"


# --------------------------------------------------------------------------- roads
def test_a_road_named_by_its_ends_is_their_midpoint(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama")
    loc = _resolve("Rebels cut the Homs-Hama road on Friday.", ctx)[0]
    assert loc.name == "Homs-Hama road" and loc.geo_precision == 2
    assert 34.75 < loc.latitude < 35.1 and loc.geonameid is None
    loc = _resolve("Fighting spread along the road between Homs and Qattinah.", ctx)[0]
    assert loc.name == "road between Homs and Qattinah" and loc.geo_precision == 2
    assert 34.67 < loc.latitude < 34.73


def test_a_long_road_keeps_its_first_end(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama")
    loc = _resolve("Clashes erupted on the road between Homs and Aleppo.", ctx)[0]
    assert loc.latitude == use_gaz.lookup("Homs", "SY")[0].latitude


# --------------------------------------------------------------------------- sites
@pytest.mark.parametrize(("text", "name", "lat", "precision"), [
    ("Jets struck IS positions on Bishri Mountain.", "Bishri Mountain", 35.42, 3),
    ("A drone fell into Lake Qattinah.", "Lake Qattinah", 34.65, 2),
    ("Rebels shelled the Mharda Dam.", "Mharda Dam", 35.26, 1),
    ("Missiles hit the Shayrat air base at dawn.", "Shayrat air base", 34.49, 1),
    ("Rebels seized the Nasib border crossing.", "Nasib border crossing", 32.55, 1),
    ("The SDF took the Jibsa oil field.", "Jibsa oil field", 36.20, 2),
])
def test_a_named_site_the_gazetteer_lists(use_gaz: Gazetteer, text, name, lat,
                                          precision) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama")
    loc = next(loc for loc in _resolve(text, ctx) if loc.name == name)
    assert (loc.latitude, loc.geo_precision) == (lat, precision)


def test_a_site_inside_a_relation_keeps_the_phrase(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama")
    locs = _resolve("Rebels shelled the Mharda Dam, north of Hama.", ctx)
    assert [(loc.name, loc.latitude) for loc in locs] == [("Mharda Dam, north of Hama", 35.26)]


def test_without_country_files_sites_change_nothing(use_gaz: Gazetteer) -> None:
    records = json.loads((FIXTURES / "mini_cities.json").read_text(encoding="utf-8"))
    Gazetteer._instance = Gazetteer.build(records)
    geocoder.cache_clear()
    ctx = _ctx(Gazetteer._instance, "Homs", "Idlib")
    assert all(loc.latitude != 35.26 for loc in _resolve("Rebels shelled the Mharda Dam.", ctx))


# --------------------------------------------------------------------------- offsets
def test_a_distance_and_direction_move_the_point(use_gaz: Gazetteer) -> None:
    ctx = _ctx(use_gaz, "Homs", "Hama")
    homs = use_gaz.lookup("Homs", "SY")[0]
    loc = _resolve("Jets struck a convoy 30 km north of Homs.", ctx)[0]
    assert loc.name == "30 km north of Homs" and loc.geo_precision == 2
    assert abs(haversine_km(homs.latitude, homs.longitude, loc.latitude, loc.longitude) - 30) < 1
    assert loc.latitude > homs.latitude and loc.geonameid is None
    loc = _resolve("Jets struck a convoy 10–20 kilometres east of Homs.", ctx)[0]
    assert abs(haversine_km(homs.latitude, homs.longitude, loc.latitude, loc.longitude) - 15) < 1
    loc = _resolve("Jets struck a convoy north of Homs.", ctx)[0]  # no distance: Homs itself
    assert (loc.latitude, loc.geo_precision) == (homs.latitude, 2)
