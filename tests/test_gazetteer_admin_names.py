"""ACLED's administrative names and ISO numbers (``data/acled_admin.yaml``,
:mod:`warlog.geo.admin_names`) and the ACLED export columns they fill.

The expected spellings are ACLED's as published in its Syria and Ukraine exports (admin1;
Syria's districts for admin2), written here from those exports, not read from warlog's data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_gazetteer_countries import SY, bundled, cache, cli, loaded  # noqa: F401
from warlog.exporters.acled import acled_row
from warlog.geo import admin_names
from warlog.geo.admin1 import admin1_names
from warlog.geo.gazetteer import Gazetteer

ACLED_SYRIA_ADMIN1 = {
    "Al Hasakeh", "Lattakia", "Quneitra", "Ar-Raqqa", "As-Sweida", "Dar'a", "Deir ez Zor",
    "Rural Damascus", "Aleppo", "Hama", "Homs", "Idleb", "Damascus", "Tartous",
}
ACLED_UKRAINE_ADMIN1 = {
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipropetrovsk", "Donetsk", "Ivano-Frankivsk",
    "Kharkiv", "Kherson", "Khmelnytskyi", "Kirovohrad", "Crimea", "Kyiv City", "Kyiv",
    "Luhansk", "Lviv", "Mykolaiv", "Odesa", "Poltava", "Rivne", "Sevastopol", "Sumy",
    "Ternopil", "Vinnytsia", "Volyn", "Zakarpattia", "Zaporizhia", "Zhytomyr",
}


@pytest.mark.parametrize(("cc", "expected"), [("SY", ACLED_SYRIA_ADMIN1),
                                              ("UA", ACLED_UKRAINE_ADMIN1)])
def test_every_admin1_of_the_country_has_acleds_spelling(cc: str, expected: set[str]) -> None:
    codes = [c for c in admin1_names() if c.startswith(f"{cc}.")]
    assert {admin_names.acled_admin1(c) for c in codes} == expected


@pytest.mark.parametrize(
    ("country", "stored", "acled", "iso"),
    [
        ("Syria", "Dayr Az Zawr", "Deir ez Zor", 760),  # Natural Earth spellings as stored
        ("Syria", "Hasaka (Al Haksa)", "Al Hasakeh", 760),
        ("Syria", "Idlib", "Idleb", 760),
        ("Syria", "Deir ez Zor", "Deir ez Zor", 760),  # already ACLED's (a reviewer's edit)
        ("Ukraine", "Donets'k", "Donetsk", 804),
        ("Ukraine", "Zaporizhzhya", "Zaporizhia", 804),
        ("Ukraine", "Kiev City", "Kyiv City", 804),
        ("Iraq", "Baghdad", "Baghdad", 368),
        ("Palestinian Territory", "Gaza Strip", "Gaza Strip", 275),
        ("Syria", None, None, 760),
        ("Atlantis", "Somewhere", "Somewhere", None),  # unknown: kept as it is
    ],
)
def test_a_stored_events_areas_in_acleds_terms(
        country: str, stored: str | None, acled: str | None, iso: int | None) -> None:
    areas = admin_names.areas_at(country, stored, None, None)
    assert (areas.iso, areas.admin1, areas.admin2, areas.admin3) == (iso, acled, None, None)


@pytest.mark.parametrize(
    ("admin1", "geonames", "acled"),
    [
        ("SY.09", "Jabal Sam‘an District", "Jebel Saman"),
        ("SY.09", "Manţiqat Manbij", "Menbij"),
        ("SY.09", "Ayn al ‘Arab District", "Ain Al Arab"),
        ("SY.01", "Al Qāmishlī District", "Quamishli"),
        ("SY.01", "Ra’s al ‘Ayn District", "Ras Al Ain"),
        ("SY.04", "Tall Abyaḑ District", "Tell Abiad"),
        ("SY.12", "Jisr ash Shughūr District", "Jisr-Ash-Shugur"),
        ("SY.12", "Ma‘arrat an Nu‘mān District", "Al Ma'ra"),
        ("SY.07", "Al Bū Kamāl District", "Abu Kamal"),
        ("SY.11", "Tadmur District", "Tadmor"),
        ("UA.05", "Bakhmutskyi Raion", "Bakhmutskyi"),  # no table: the generic word dropped
    ],
)
def test_geonames_admin2_names_take_acleds_spelling(admin1: str, geonames: str,
                                                    acled: str) -> None:
    assert admin_names.acled_admin2(admin1, geonames) == acled


def test_generic_words_are_dropped_only_at_the_ends() -> None:
    assert admin_names.strip_generic("Nāḩiyat Tādif") == "Tādif"
    assert admin_names.strip_generic("Bakhmutska urban hromada") == "Bakhmutska"
    assert admin_names.strip_generic("District") == "District"
    assert admin_names.strip_generic("Wadi al Rural Arab") == "Wadi al Rural Arab"


def test_without_a_country_file_there_is_no_admin2_and_admin3() -> None:
    """cities500 has admin1 codes only: a bundled place gives iso and admin1."""
    mini = Gazetteer.build([{
        "geonameid": 170063, "name": "Aleppo", "latitude": 36.20124, "longitude": 37.16117,
        "countrycode": "SY", "population": 2098210, "admin1code": "09", "alternatenames": [],
    }])
    aleppo = mini.lookup("Aleppo", "SY")[0]
    assert admin_names.areas_of(aleppo, mini) == admin_names.AdminAreas(760, "Aleppo", None,
                                                                         None)


def test_a_country_file_names_admin2_and_admin3(cache: Path) -> None:  # noqa: F811
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    g = loaded()
    village = g.by_id(99000011)
    assert admin_names.areas_of(village, g).as_dict() == {
        "iso": 760, "admin1": "Aleppo", "admin2": "Al Bab", "admin3": "Tādif"}
    assert admin_names.areas_of(g.by_id(170063), g).admin3 == "Jebel Saman"
    # an event's stored point: the nearest place of the file in its admin1 names the areas
    near_kuweires = admin_names.areas_at("Syria", "Aleppo", 36.19, 37.57, g)
    assert (near_kuweires.admin2, near_kuweires.admin3) == ("Al Bab", "Tādif")
    # far from every place of the file (the Euphrates valley in Deir ez Zor): none
    assert admin_names.areas_at("Syria", "Dayr Az Zawr", 35.33, 40.14, g).admin2 is None


def test_the_acled_export_fills_iso_and_admin_columns(cache: Path) -> None:  # noqa: F811
    rec = {"country": "Syria", "admin1": "Aleppo", "latitude": 36.20124,
           "longitude": 37.16117, "event_type": "Battles"}
    row = acled_row(rec, 1)
    assert (row["iso"], row["admin1"], row["admin2"], row["admin3"]) == (760, "Aleppo", None,
                                                                        None)
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    Gazetteer._instance = None
    row = acled_row(rec, 1)
    assert (row["iso"], row["admin1"], row["admin2"], row["admin3"]) == (
        760, "Aleppo", "Jebel Saman", "Jebel Saman")
    row = acled_row({**rec, "admin1": "Dayr Az Zawr", "latitude": 35.33, "longitude": 40.14}, 2)
    assert (row["admin1"], row["admin2"]) == ("Deir ez Zor", None)
