"""Session 14's quality rules, on sentences written for these tests (none from the gold, the
challenge suite, the held-out sets or the pairs): conflicting tolls in two clauses, a toll
dated only by its report, a dateline against the country the text names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import extract_items

ITEMS = {
    # 1. another source's figure in a later clause is an alternative, not more dead
    "conflict": ("LAGOS (Reuters) - Gunmen attacked a market in Maiduguri on Monday and killed "
                 "18 people, police said; residents said up to 40 died.", "2020-03-04"),
    "confirmed": ("KANO, MARCH 4 (XINHUA) -- UP TO 30 PEOPLE WERE REPORTED KILLED IN RIOTING "
                  "BETWEEN RIVAL MOBS IN KANO YESTERDAY; POLICE CONFIRMED 11 DEATHS.",
                  "1991-03-04"),
    "added": ("Rebels attacked an army post in Kidal on Monday, killing two soldiers; three "
              "rebels were also killed.", "2020-03-04"),
    # 2. a toll dated by the day it was reported belongs to the event just told
    "reported_day": ("GAZA (Reuters) - Israeli aircraft struck a school in Jabalia on Thursday. "
                     "At least 49 people were killed, the Health Ministry said Friday.",
                     "2023-11-03"),
    # 3. the country the text names beats the dateline's city; a border does not
    "abroad": ("ANKARA (Reuters) - Turkish warplanes struck PKK targets in northern Iraq on "
               "Sunday, the military said.", "2015-08-03"),
    "border": ("BAMAKO (Reuters) - Islamist militants attacked an army post near the border with "
               "Burkina Faso on Sunday, killing four soldiers, the army said.", "2019-08-03"),
}

@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("quality14")
    return extract_items(folder, ITEMS)


def _one(records: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(records) == 1, records
    return records[0]


def test_conflicting_clause_tolls_keep_the_lowest_and_the_range(items) -> None:
    r = _one(items["conflict"])
    assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (18, 18, 40)


def test_a_confirmed_figure_is_an_alternative(items) -> None:
    r = _one(items["confirmed"])
    assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (11, 11, 30)


def test_more_dead_in_a_later_clause_are_still_added(items) -> None:
    assert _one(items["added"])["fatalities"] == 5


def test_a_toll_dated_by_its_report_is_the_toll_of_the_event_before(items) -> None:
    r = _one(items["reported_day"])
    assert r["event_date"] == "2023-11-02"
    assert r["fatalities"] == 49


def test_the_country_the_text_names_beats_the_dateline(items) -> None:
    r = _one(items["abroad"])
    assert r["country"] == "Iraq"
    assert r["location"] != "Ankara"


def test_a_border_named_keeps_the_dateline(items) -> None:
    r = _one(items["border"])
    assert r["country"] == "Mali"
