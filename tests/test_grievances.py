"""A protest or a riot is about something: what it is against is no sign of another kind of
news. "Protesters rallied against corruption" is a protest, though "corruption" marks a
sentence about a crime as no event; a sentence about the crime itself still is none. Items
written for these tests, run through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items
from warlog.events.classify import reports_no_event, tells_grievance

ITEMS = {
    "against": "Thousands of people protested in Nairobi on 4 March 2023 against corruption.",
    "over": "Hundreds of traders rioted in Lagos on 4 March 2023 over the fraud in the market "
            "elections, burning tyres.",
    "crime": "Police arrested three men in Nairobi on 4 March 2023 on fraud charges.",
    "robbery": "Armed robbers killed a shopkeeper in Lagos on 4 March 2023.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return extract_items(tmp_path_factory.mktemp("grievances"), ITEMS)


def test_a_protest_against_a_crime_is_a_protest(records) -> None:
    assert [r["sub_event_type"] for r in records["against"]] == ["Peaceful protest"]
    assert records["against"][0]["location"] == "Nairobi"


def test_a_riot_over_a_crime_is_a_riot(records) -> None:
    assert [r["event_type"] for r in records["over"]] == ["Riots"]


def test_the_crime_itself_is_still_no_event(records) -> None:
    assert records["crime"] == [] and records["robbery"] == []


def test_the_exception_is_for_protests_and_riots_only() -> None:
    low = "crowds marched against corruption"
    assert reports_no_event(low) and not reports_no_event(low, grievance=True)
    assert reports_no_event("smugglers marched against corruption", grievance=True)
    assert tells_grievance(["Peaceful protest"]) and tells_grievance(["Mob violence"])
    assert not tells_grievance(["Armed clash", "Attack"])
