"""A background told in years before the document's own period dates no day of the story that
follows (GUIDELINES.md: a year missing from "On 26 July" comes from the surrounding narrative
or the document's own dates): in an article on a 2022 campaign, "In 2014, Russia annexed
Crimea." does not put "On 24 February, Russian forces took the canal" in 2014. A background
year inside the period, and a date written with its year, still lead. And a clause dated only
by the years it looks back over ("were killed between 2014 and 2021", "since 2014") is a
tally: no event of the narrative's day, no toll added to it. A short article written
for these tests, run through the whole extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog.api import extract

TEXT = """---
title: Southern campaign
description: The southern campaign is a theatre of the invasion, which began on 24 February 2022.
---
The southern campaign is a theatre of the invasion, which began on 24 February 2022.

## Background
In the aftermath of the protests in 2014, Russia annexed the peninsula.

On 24 February, Russian forces took control of the canal near Tavriisk.

On 26 February, Russian forces attacked Melitopol.

## Later
In 2013, the army had shelled Donetsk.

On 3 March 2014, unmarked troops seized the airport in Simferopol.

On 5 March, Russian forces captured Berdiansk.

## Mykolaiv
On 9 March 2022, Russian forces shelled Mykolaiv, killing four soldiers.

In the fighting in the east, more than 14,000 people were killed between 2014 and 2021. More
than 3,000 civilians have been killed since 2014.
"""


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = Path(tmp_path_factory.mktemp("background")) / "southern_campaign.md"
    path.write_text(TEXT, encoding="utf-8")
    return list(extract(path))


def _dates(records: list[dict[str, Any]], words: str) -> set[str]:
    return {r["event_date"] for r in records if words in str(r["evidence"])}


def test_a_day_after_a_background_year_is_the_periods(records: list[dict[str, Any]]) -> None:
    assert _dates(records, "took control of the canal") == {"2022-02-24"}
    assert _dates(records, "attacked Melitopol") == {"2022-02-26"}


def test_a_date_written_with_its_year_leads(records: list[dict[str, Any]]) -> None:
    assert _dates(records, "seized the airport") == {"2014-03-03"}
    assert _dates(records, "captured Berdiansk") == {"2014-03-05"}


def test_a_clause_dated_only_by_years_looked_back_over_is_no_event(
        records: list[dict[str, Any]]) -> None:
    assert _dates(records, "between 2014 and 2021") == set()
    assert _dates(records, "since 2014") == set()
    shelled = [r for r in records if "shelled Mykolaiv" in str(r["evidence"])]
    assert [r["fatalities"] for r in shelled] == [4]
