"""A news item that names no country, no place of its own and no state force is placed in the
home country of the armed groups it names (``actors.yaml: settings.home_country_kinds``): its
event gets that country, its "soldiers" that country's forces, and its town is looked up there
first. A country the text names wins; coalitions and foreign forces say nothing of where they
fight. Items written for these tests, run through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items
from warlog.actors.resolve import ActorContext


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    items = {
        "no_place": "Houthi fighters attacked an army checkpoint on 3 May 2022, killing three "
                    "soldiers, a local official said.",
        "alternate_name": "Al-Shabaab fighters ambushed a convoy near Galkayo on 3 May 2022, "
                          "killing four soldiers, a commander said.",
        "coalition": "Saudi-led coalition jets struck a market on 3 May 2022, killing three "
                     "civilians, medics said.",
    }
    return {k: v[0] for k, v in extract_items(tmp_path_factory.mktemp("home"), items).items()}


def test_the_groups_home_is_the_events_country_and_its_soldiers_are_that_states(records):
    rec = records["no_place"]
    assert rec["country"] == "Yemen"
    assert (rec["actor1"], rec["actor2"]) == ("Houthis", "Military Forces of Yemen")


def test_a_town_known_by_another_name_is_found_in_the_groups_home(records):
    # GeoNames' main name is "Gaalkacyo": an alternate name is taken at home, not abroad
    rec = records["alternate_name"]
    assert (rec["country"], rec["geo_precision"]) == ("Somalia", 2)
    assert rec["latitude"] == pytest.approx(6.77, abs=0.05)


def test_a_coalition_says_nothing_of_where_it_fights(records):
    assert records["coalition"]["country"] is None


@pytest.mark.parametrize(("text", "country"), [
    ("Houthi fighters shelled the town.", "Yemen"),
    ("Houthi fighters shelled a town in Saudi Arabia.", "Saudi Arabia"),  # named: it wins
    ("Houthi fighters and Boko Haram militants were named in the report.", None),  # a tie
    ("Wagner Group fighters attacked the town.", None),  # fights abroad: no home country
])
def test_the_home_country_is_a_fallback_for_a_text_naming_none(text: str, country: str | None):
    assert ActorContext.from_text(text).country == country
