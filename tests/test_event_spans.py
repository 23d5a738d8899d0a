"""One event happens on one day or a stated span of days (GUIDELINES.md); time precision 3 is
a month. A clause dated only by a longer span or a year tells a campaign, a tally or a
summary, and it is not dated by the narrative's last day either. A short narrative written
for these tests, run through the whole extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warlog.api import extract

TEXT = """---
title: Offensive on the northern towns
---
On 5 March 2015, rebels attacked an army checkpoint in Jisr al-Shughur.

From September to November 2015, rebels attacked army posts around the town.

In 2016, rebels shelled the town again.

Between 8 April and 16 June 2016, sporadic fighting near the town left 17 soldiers dead.

In late July 2016, rebels ambushed an army convoy near the town.

On 3 August 2016, the army shelled rebel positions in the town.
"""


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = Path(tmp_path_factory.mktemp("spans")) / "northern_towns.md"
    path.write_text(TEXT, encoding="utf-8")
    return list(extract(path))


def _told(records: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    return [r for r in records if words in str(r["evidence"])]


@pytest.mark.parametrize("words", ["From September to November 2015",
                                   "In 2016, rebels shelled", "Between 8 April and 16 June"])
def test_a_campaign_a_year_or_a_tally_dates_no_event(records: list[dict[str, Any]],
                                                     words: str) -> None:
    assert _told(records, words) == []


@pytest.mark.parametrize("words, start, end", [
    ("On 5 March 2015", "2015-03-05", "2015-03-05"),
    ("In late July 2016", "2016-07-21", "2016-07-31"),
    ("On 3 August 2016", "2016-08-03", "2016-08-03"),
])
def test_a_day_or_a_part_of_a_month_dates_its_event(records: list[dict[str, Any]], words: str,
                                                    start: str, end: str) -> None:
    told = _told(records, words)
    assert told
    assert {(r["event_date"], r["date_end"]) for r in told} == {(start, end)}
