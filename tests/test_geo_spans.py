"""What is a place phrase and which feature it names (issue #12): junk places, group names,
water names, unlisted features placed by the words after them. Real gazetteer (cities500),
invented sentences and invented feature names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from warlog.geo.phrases import patterns
from warlog.geo.places import find_places
from warlog.geo.resolve import resolve_locations
from warlog.geo.sites import feature_phrases

SY = ["SY"]
UA = ["UA"]


def _names(text: str, codes: list[str]) -> list[str]:
    return [m.text for m in find_places(text, 0, codes)]


def _locations(text: str, codes: list[str]):
    return resolve_locations(text, find_places(text, 0, codes))


def test_article_and_toponym_word_is_the_town_name() -> None:
    # "al-Bab" is a stop word ("bab") with an article: a town the gazetteer spells so
    assert _names("Rebels advanced to within four km of al-Bab on Sunday.", SY) == ["al-Bab"]
    assert _names("The army shelled Al Bab and Manbij.", SY) == ["Al Bab", "Manbij"]
    # the bare generic word stays no place
    assert _names("They reached Bab on foot.", SY) == []


def test_place_inside_an_armed_groups_name_is_no_place() -> None:
    assert _names("Fighters of the Azov Regiment surrendered in Mariupol.", UA) == ["Mariupol"]
    assert _names("The Hama Brigade attacked army posts in Idlib.", SY) == ["Idlib"]
    assert _names("The Homs Revolutionaries Battalion withdrew.", SY) == []
    assert _names("Fighters of the Azov battalion surrendered in Mariupol.", UA) == ["Mariupol"]
    assert _names("Clashes broke out near the Idlib army base.", SY) == ["Idlib"]
    # a town followed by an ordinary word keeps its place
    assert _names("The Hama Military Airport was shelled.", SY) == ["Hama"]


def test_place_inside_an_actor_dictionary_name_is_no_place() -> None:
    # "<town> Military Council" is an armed group of the actor dictionary
    assert _names("The Manbij Military Council captured Jarabulus.", SY) == ["Jarabulus"]
    assert _names("The Donetsk People's Republic claimed the attack.", UA) == []
    # after a locative preposition the same words are where
    assert _names("Shelling hit homes in the Donetsk People's Republic.", UA) == ["Donetsk"]


def test_the_sea_of_x_is_water_not_the_town() -> None:
    assert _names("Troops tried to cross the river Kupiansk at night.", UA) == []
    assert _names("Towns north of the Donets river, Lyman and Izium, fell.", UA) == [
        "Lyman", "Izium"]
    assert _names("Ships sailed into the Sea of Azov.", UA) == []
    assert _names("Ships sailed from Mariupol into the Sea of Azov.", UA) == ["Mariupol"]


def test_what_a_side_holds_is_no_facility() -> None:
    fp = patterns().facility_phrase
    assert fp.search("Artillery shelled SDF positions overnight.") is None
    assert fp.search("A drone hit a Russian base.") is None
    assert fp.search("Mortars hit ISIL headquarters.") is None
    m = fp.search("A car bomb exploded at the Panorama checkpoint.")
    assert m is not None and m.group("name") == "Panorama checkpoint"
    m = fp.search("They stormed the Regiment 121 base at dawn.")
    assert m is not None and m.group("name") == "Regiment 121 base"


def test_feature_phrases() -> None:
    text = "They took Zalbuna Hill, the Merisha air base and Lake Quirenna."
    spans = [text[s:e] for s, e, _name, _town in feature_phrases(text)]
    assert spans == ["Zalbuna Hill", "Merisha air base", "Lake Quirenna"]


@pytest.mark.parametrize(
    ("text", "feature", "anchor", "precision"),
    [
        ("Government forces captured Zalbuna Hill near Palmyra.", "Zalbuna Hill",
         "near Palmyra", 2),
        ("Rebels seized the Merisha air base, located 40 km east of Hama.",
         "Merisha air base", "40 km east of Hama", 2),
        ("Clashes broke out around Lake Quirenna in the Idlib countryside.",
         "Lake Quirenna", "Idlib countryside", 3),
    ],
)
def test_unlisted_feature_is_coded_where_the_text_locates_it(
    text: str, feature: str, anchor: str, precision: int
) -> None:
    locs = {loc.name: loc for loc in _locations(text, SY)}
    assert feature in locs and anchor in locs
    f, a = locs[feature], locs[anchor]
    assert (f.latitude, f.longitude) == (a.latitude, a.longitude)
    assert f.latitude is not None
    assert f.geo_precision == precision
    assert text[f.start : f.end].endswith(feature)


def test_a_feature_in_a_list_is_not_placed_at_the_next_town() -> None:
    locs = _locations("Rebels captured the Merisha Dam, Palmyra and Homs.", SY)
    assert [loc.name for loc in locs] == ["Palmyra", "Homs"]


def test_between_the_villages_of_a_and_b_is_their_midpoint() -> None:
    locs = _locations("Fighting raged between the towns of Manbij and Jarabulus.", SY)
    between = locs[0]
    assert between.name == "between the towns of Manbij and Jarabulus"
    assert between.geo_precision == 2
    manbij = _locations("Fighting raged in Manbij.", SY)[0]
    jarabulus = _locations("Fighting raged in Jarabulus.", SY)[0]
    assert between.latitude == pytest.approx((manbij.latitude + jarabulus.latitude) / 2, abs=1e-4)
    assert between.longitude == pytest.approx(
        (manbij.longitude + jarabulus.longitude) / 2, abs=1e-4)


def _junk_module():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "places" / "junk.py"
    spec = importlib.util.spec_from_file_location("junk", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_junk_counter_flags_parties_not_places(tmp_path: Path) -> None:
    junk = _junk_module()
    keys, holdings = junk._actor_keys(), junk._holdings()
    assert junk.reason("SDF positions", keys, holdings) == "holding"
    assert junk.reason("positions", keys, holdings) == "holding"
    assert junk.reason("Russian", keys, holdings) == "actor"
    assert junk.reason("Ukrainian positions at Huliaipole", keys, holdings) is None
    assert junk.reason("Aleppo", keys, holdings) is None
    assert junk.reason("Manbij stronghold", keys, holdings) is None
    records = tmp_path / "r.jsonl"
    records.write_text('{"location": "SDF positions"}\n{"location": "Aleppo"}\n'
                       '{"location": null}\n', encoding="utf-8")
    n, flagged = junk.tally(records, keys, holdings)
    assert n == 3 and flagged == {("holding", "SDF positions"): 1}


def _syrian_front(*towns: str):
    from warlog.geo.context import GeoContext
    from warlog.plugins import geocoder

    ctx = GeoContext(country_codes=("SY",), primary_codes=("SY",))
    for town in towns:
        ctx.record(geocoder().lookup(town, "SY")[0])
    return ctx


def test_feature_named_after_a_town_of_the_front_is_coded_there() -> None:
    ctx = _syrian_front("Manbij", "Jarabulus", "Al Bab")
    text = "Heavy fighting was reported on Mount Manbij overnight."
    locs = resolve_locations(text, find_places(text, 0, context=ctx), ctx)
    assert [(loc.name, loc.geo_precision) for loc in locs] == [("Mount Manbij", 2)]
    manbij = geocoder_place("Manbij")
    assert (locs[0].latitude, locs[0].longitude) == (manbij.latitude, manbij.longitude)
    # far from the front (Daraa is ~400 km south), the namesake is not taken
    text = "Heavy fighting was reported on Mount Daraa overnight."
    assert resolve_locations(text, find_places(text, 0, context=ctx), ctx) == []


def geocoder_place(name: str):
    from warlog.plugins import geocoder

    return geocoder().lookup(name, "SY")[0]


def test_a_road_named_after_a_town_is_not_at_the_town() -> None:
    ctx = _syrian_front("Manbij", "Jarabulus", "Al Bab")
    text = "Shells fell on Tariq Manbij overnight."
    locs = resolve_locations(text, find_places(text, 0, context=ctx), ctx)
    assert all(loc.name != "Tariq Manbij" for loc in locs)
