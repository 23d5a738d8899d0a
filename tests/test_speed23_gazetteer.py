"""speed23: the gazetteer's first look-ups and ``by_id`` do less work, with the same answers.

A small gazetteer of made-up places (real look-up code, real index tables): the skeleton tier
is not asked about a name whose skeleton is shorter than any key it holds; ``by_id`` answers
an id of a place the gazetteer already made without building the map of every id; a
candidate's name fit (main name, skeleton agreement, initial, word count) is what its
definition says.
"""

from __future__ import annotations

import pytest

from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD, TIER_SKELETON, Gazetteer
from warlog.geo.hashindex import HashIndex
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import fold_key, normalize, skeleton_key


def _rec(gid: int, name: str, cc: str, pop: int, alt: tuple[str, ...] = (),
         lat: float = 30.0, lon: float = 40.0) -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon,
            "countrycode": cc, "population": pop, "admin1code": "01",
            "alternatenames": list(alt)}


RECORDS = [
    _rec(9_100_001, "Qarnabit", "SY", 52_000, ("Karnabit", "Qarnabeet")),
    _rec(9_100_002, "Dayr Mulwan", "SY", 8_000, ("Deir Mulwan",)),
    _rec(9_100_003, "Tell Oboz", "IQ", 3_000),
    _rec(9_100_004, "Ubo", "SY", 900),  # a skeleton of one letter: never in the skeleton tier
    _rec(9_100_005, "Vornetsk", "UA", 41_000, ("Vornetske",)),
]


@pytest.fixture()
def gaz() -> Gazetteer:
    return Gazetteer.build(RECORDS)


class _Counting(HashIndex):
    """A tier that counts the keys it is asked about."""

    asked: list[str]

    def get(self, key: str) -> tuple[int, ...]:
        self.asked.append(key)
        return super().get(key)


def _count_skeleton_tier(gaz: Gazetteer) -> list[str]:
    skel = gaz._tiers[TIER_SKELETON]
    counting = _Counting(skel._hashes, skel._starts, skel._postings)
    counting.asked = []
    gaz._tiers = (gaz._tiers[TIER_EXACT], gaz._tiers[TIER_FOLD], counting)
    return counting.asked


def test_short_skeleton_is_not_looked_up(gaz: Gazetteer) -> None:
    least = geo_lexicon().thresholds["skeleton_min_length"]
    asked = _count_skeleton_tier(gaz)
    # "Aiyo": no exact or folded reading, a skeleton shorter than any indexed one
    assert len(skeleton_key(normalize("Aiyo"))) < least
    assert gaz.matches("Aiyo", ("SY", "IQ")) == []
    assert asked == []
    # a long enough skeleton is still looked up in each country, and found at home
    found = gaz.matches("Qurnabot", ("IQ", "SY"))
    assert asked == [f"IQ|{skeleton_key('qurnabot')}", f"SY|{skeleton_key('qurnabot')}"]
    assert [(m.place.name, m.tier) for m in found] == [("Qarnabit", TIER_SKELETON)]
    # asked again under the same countries: the answer is remembered
    assert gaz.matches("Qurnabot", ("IQ", "SY")) is found
    assert len(asked) == 2


def test_exact_name_reads_no_skeleton(gaz: Gazetteer) -> None:
    asked = _count_skeleton_tier(gaz)
    found = gaz.matches("Deir Mulwan", ("SY",))
    assert [(m.place.name, m.tier, m.main_name) for m in found] == [
        ("Dayr Mulwan", TIER_EXACT, False)]
    assert asked == []


def test_match_fields_follow_their_definitions(gaz: Gazetteer) -> None:
    for query, codes in (("Karnabit", ("SY",)), ("Qarnabit", ()), ("Vornetske", ("UA",)),
                         ("Deir Mulwan", ()), ("Qurnabot", ("SY",)), ("Tel Oboz", ())):
        norm = normalize(query)
        got = gaz.matches(query, codes)
        assert got, query
        for m in got:
            main = normalize(m.place.name)
            assert m.main_name == (main == norm)
            assert m.agree == (skeleton_key(main) == skeleton_key(norm))
            assert m.initial == (fold_key(main)[:1] == fold_key(norm)[:1] != "")
            assert m.words == fold_key(main).count(" ") + 1


def test_by_id_of_a_place_made_needs_no_id_map(gaz: Gazetteer) -> None:
    place = gaz.matches("Vornetsk", ("UA",))[0].place
    assert gaz.by_id(place.geonameid) is place
    assert gaz._by_id is None  # the map of every id was not built
    # an id no look-up made: the map is built once and answers it
    other = gaz.by_id(9_100_003)
    assert other is not None and other.name == "Tell Oboz"
    assert gaz._by_id is not None
    assert gaz.by_id(123) is None
