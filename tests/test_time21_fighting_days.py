"""Which day a narrative sentence is dated when it counts days of fighting (session 17,
time21): "After three days of fighting, the rebels captured the town" is three days after the
day the fighting began, as "three days later" is (GUIDELINES.md: relative dates are resolved
against the last date the narrative established; a capture at the end of a span of fighting
is its own day). Only where the phrase opens the clause of the event it dates and counts
from one day told in that paragraph; where it looks back from a day the sentence gives the
event, trails its event, or the narrative knows only a month, a span or another paragraph's
day, the sentence keeps the date it had. Every passage is written for these tests; each runs
through the whole extractor, and the clock is also read directly.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import extract_articles, with_evidence
from warlog.timeline.clock import NarrativeClock

DOCS = {
    # the phrase opens the sentence: counted from the day the assault began
    "opening": (
        "On 3 May 2019, militants attacked the army garrison in Velmora. After three days of "
        "fighting, the militants captured the garrison."
    ),
    # after a clause of the dated sentence, past "and"
    "after_and": (
        "On 10 June 2018, rebels stormed the town of Kastrin from two sides and after four "
        "days of heavy fighting the rebels captured the town."
    ),
    # after a semicolon; the next sentence follows the story to that day
    "after_semicolon": (
        "On 20 August 2017, the militia met fierce resistance at Dorvane, and a heavy battle "
        "ensued; after six days of fighting the town fell to the militia. The next day, jets "
        "bombed a bridge near Dorvane."
    ),
    # the day of the clause is written right before it: that is the capture's day
    "own_day_before": (
        "The offensive on Tarvola began in March 2016. On 18 March 2016, after ten days of "
        "fighting, the army captured the village of Tarvola."
    ),
    # the day written after it in the sentence is the capture's day
    "own_day_after": (
        "On 2 December 2017, militants attacked the village of Mirtana. After three days of "
        "fighting, the militants captured the village on 6 December."
    ),
    # the phrase trails its event: it looks back from the narrative's day
    "trailing": (
        "On 21 May 2015, the militants captured the town of Oskarra after eight days of "
        "fighting."
    ),
    # only a month is known: the fighting's first day is not told
    "month_anchor": (
        "In May 2014, militants attacked the town of Varsk. After two days of fighting, the "
        "militants captured the town."
    ),
    # a day told in an earlier paragraph: the fighting's start is not told
    "other_paragraph": (
        "On 4 July 2016, jets bombed a bridge near Tolvin.\n\n"
        "After five days of fighting, the rebels captured the town of Korvina."
    ),
    # shelling is a backdrop begun before the narrative's day, not counted from it
    "shelling": (
        "On 5 March 2022, the governor called for a humanitarian corridor from Dalvero. "
        "After three days of shelling, militants attacked a checkpoint in Dalvero."
    ),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_articles(tmp_path_factory, DOCS)


def _dates(recs: list[dict[str, Any]], words: str) -> list[tuple[str, str]]:
    return sorted({(r["event_date"], r["date_end"]) for r in with_evidence(recs, words)})


def _day(iso: str) -> list[tuple[str, str]]:
    return [(iso, iso)]


def test_capture_after_days_of_fighting_opening_the_sentence(records) -> None:
    recs = records["opening"]
    assert _dates(recs, "captured the garrison") == _day("2019-05-06"), recs
    assert _dates(recs, "attacked the army garrison") == _day("2019-05-03"), recs


def test_capture_after_and_in_the_dated_sentence(records) -> None:
    recs = records["after_and"]
    captured = [r for r in with_evidence(recs, "captured the town")
                if r["sub_event_type"] == "Non-state actor overtakes territory"]
    assert sorted({r["event_date"] for r in captured}) == ["2018-06-14"], recs


def test_after_a_semicolon_and_the_story_follows(records) -> None:
    recs = records["after_semicolon"]
    assert _dates(recs, "bombed a bridge") == _day("2017-08-27"), recs


def test_day_written_before_the_phrase_is_the_captures(records) -> None:
    recs = records["own_day_before"]
    assert _dates(recs, "captured the village of Tarvola") == _day("2016-03-18"), recs


def test_day_written_after_the_phrase_is_the_captures(records) -> None:
    recs = records["own_day_after"]
    assert _dates(recs, "captured the village on 6 December") == _day("2017-12-06"), recs


def test_trailing_phrase_keeps_the_narrative_day(records) -> None:
    recs = records["trailing"]
    assert _dates(recs, "captured the town of Oskarra") == _day("2015-05-21"), recs


def test_month_anchor_keeps_the_month(records) -> None:
    recs = records["month_anchor"]
    assert _dates(recs, "militants captured the town") == [("2014-05-01", "2014-05-31")], recs


def test_day_of_another_paragraph_is_not_counted_from(records) -> None:
    recs = records["other_paragraph"]
    assert _dates(recs, "captured the town of Korvina") == _day("2016-07-04"), recs


def test_days_of_shelling_are_not_counted_from_the_narrative_day(records) -> None:
    recs = records["shelling"]
    assert _dates(recs, "attacked a checkpoint") == _day("2022-03-05"), recs


def test_clock_counts_and_moves_to_the_end_of_the_fighting() -> None:
    clock = NarrativeClock(year=2019)
    clock.read("On 3 May, rebels attacked the hill.")
    (told,) = clock.read("After two days of fighting, the rebels took the hill.")
    assert (told.date_start, told.date_end, told.precision) == (
        date(2019, 5, 5), date(2019, 5, 5), 1)
    assert clock.current is not None and clock.current.date_start == date(2019, 5, 5)
    (nxt,) = clock.read("The next day, jets bombed the hill.")
    assert nxt.date_start == date(2019, 5, 6)
