"""An infobox's place field as a scrape writes it, and an air force as the striker.

The fixture is the head of a real corpus article (front matter and the first rows of its
incident table, copied byte for byte): its infobox ``place`` has one place per line, with the
map's file name and a flag emoji ("Syria / Golan_Heights_Map.PNG Golan Heights / 🇮🇱
Israel"). That field is where events without a town of their own are placed, so it must read
as names, never as the file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog.api import extract
from warlog.ingest.reader import read_path

FIX = (Path(__file__).parent / "fixtures" / "ingest"
       / "israeli_syrian_ceasefire_line_incidents_head.md")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(extract(FIX))


def test_place_field_lines_are_names() -> None:
    doc = read_path(FIX)[0]
    assert doc.meta["place"] == "Syria, Golan Heights, Israel"


def test_no_location_is_a_file_name_or_a_flag(records: list[dict[str, Any]]) -> None:
    assert records
    for r in records:
        loc = r["location"] or ""
        assert ".PNG" not in loc and "🇮🇱" not in loc, loc


def test_air_force_struck_is_an_air_strike(records: list[dict[str, Any]]) -> None:
    # "al-Jarida reported that the Israeli Air Force struck a shipment of advanced missiles"
    strikes = [r for r in records if r["event_date"] == "2013-10-21"]
    assert strikes, "the 21 October 2013 row gives no event"
    assert {r["sub_event_type"] for r in strikes} == {"Air/drone strike"}
    assert strikes[0]["actor1"] == "Military Forces of Israel"
