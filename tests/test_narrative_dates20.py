"""Narrative dates of sentences that carry none, checked against GUIDELINES.md ("relative dates
are resolved against the last date the narrative established") on short passages written for
the tests (session 20, time20). Each passage runs through the whole extractor.

- A relative day that dates only a report ("The army confirmed the shelling the next day")
  is the day of a statement, not a step of the story: the next sentence's event keeps the
  day the narrative established.
- A date right after a reporting verb ("The ministry said on 5 May that rebels had attacked
  the post on 3 May") is the report's day: the event's own date in its clause dates it, in a
  narrative as in a news item; a day told after the report's lies before it ("announced in
  February that ... was killed on 27 November": the November before).
- Under a heading that names one day ("#### 12 April"), a paragraph that moved on with a
  relative day ("The town fell the following day.") told an aside: the next
  paragraph is the heading's day again.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_articles, with_evidence

DOCS = {
    # a relative day after a reporting verb and its object: the report's day
    "report_next_day": (
        "On 4 June 2015, rebels shelled an army checkpoint near Tarvola. The army confirmed "
        "the shelling the next day. Rebels also ambushed a supply convoy near Mirtana, "
        "killing three soldiers."
    ),
    "report_acknowledged": (
        "On 9 August 2016, jets bombed a weapons depot near Oskarra. The air force "
        "acknowledged the strikes the following day. Militants attacked a police station in "
        "Oskarra, killing two policemen."
    ),
    # the relative day of an act is a step of the story: the next sentence follows it
    "act_next_day": (
        "On 4 June 2015, rebels shelled an army checkpoint near Tarvola. The army recaptured "
        "the checkpoint the next day. Rebels then ambushed a supply convoy near Mirtana, "
        "killing three soldiers."
    ),
    # the report's day and the event's own day in one clause
    "report_date_and_own_date": (
        "The fighting spread in May 2015. On 2 May 2015, the army shelled the village of "
        "Korvina. The ministry said on 5 May that rebels had attacked a checkpoint in Dalvero "
        "on 3 May, killing two soldiers."
    ),
    # the report's day alone still dates the event it tells (its latest day)
    "report_date_only": (
        "The fighting spread in June 2015. On 8 June 2015, jets bombed Korvina. The governor "
        "stated on 10 June that militants killed four civilians in Dalvero."
    ),
    # the event's day, told after the report's month, lies before it
    "report_month_then_day": (
        "The campaign went on in 2018. On 3 January 2018, jets bombed Varsk. The ministry "
        "announced in February 2018 that a rebel commander was killed in an airstrike on "
        "Tolvin on 27 November."
    ),
    # a plan told after the report's day is no step of the story
    "report_then_plan": (
        "The siege went on in May 2019. On 26 May 2019, rebels shelled Varsk. The commander "
        "said on 28 May that the withdrawal of his troops would end on 5 June. Jets bombed "
        "a bridge near Tolvin."
    ),
    # a day heading: the next paragraph is the heading's day again
    "heading_paragraph": (
        "The offensive began in April 2017.\n\n"
        "## 12 April 2017\n\n"
        "Rebels shelled the outskirts of Velmora. Rebels captured the town of Kastrin the "
        "following day.\n\n"
        "Artillery hit a market in Dorvane, killing four civilians.\n\n"
        "## 13 April 2017\n\n"
        "Jets bombed a bridge near Velmora."
    ),
    # within one paragraph the relative day still leads the story
    "heading_same_paragraph": (
        "The offensive began in April 2017.\n\n"
        "## 12 April 2017\n\n"
        "Rebels shelled the outskirts of Velmora. Rebels captured the town of Kastrin the "
        "following day. Artillery hit a market in Dorvane, killing four civilians."
    ),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_articles(tmp_path_factory, DOCS)


def _dates(recs: list[dict[str, Any]], words: str) -> list[str]:
    return sorted({r["event_date"] for r in with_evidence(recs, words)})


def test_report_of_next_day_does_not_move_the_story(records) -> None:
    recs = records["report_next_day"]
    assert _dates(recs, "ambushed a supply convoy") == ["2015-06-04"], recs


def test_acknowledged_the_following_day(records) -> None:
    recs = records["report_acknowledged"]
    assert _dates(recs, "attacked a police station") == ["2016-08-09"], recs


def test_act_of_next_day_moves_the_story(records) -> None:
    recs = records["act_next_day"]
    assert _dates(recs, "recaptured the checkpoint") == ["2015-06-05"], recs
    assert _dates(recs, "ambushed a supply convoy") == ["2015-06-05"], recs


def test_event_keeps_its_own_date_beside_the_report_day(records) -> None:
    recs = records["report_date_and_own_date"]
    assert _dates(recs, "attacked a checkpoint") == ["2015-05-03"], recs


def test_report_day_alone_dates_the_event(records) -> None:
    recs = records["report_date_only"]
    assert _dates(recs, "killed four civilians") == ["2015-06-10"], recs


def test_day_after_report_month_looks_back(records) -> None:
    recs = records["report_month_then_day"]
    assert _dates(recs, "killed in an airstrike") == ["2017-11-27"], recs


def test_plan_after_report_day_does_not_move_the_story(records) -> None:
    recs = records["report_then_plan"]
    assert _dates(recs, "bombed a bridge") == ["2019-05-28"], recs


def test_new_paragraph_under_a_day_heading(records) -> None:
    recs = records["heading_paragraph"]
    assert _dates(recs, "hit a market") == ["2017-04-12"], recs
    assert _dates(recs, "shelled the outskirts") == ["2017-04-12"], recs
    assert _dates(recs, "captured the town of Kastrin") == ["2017-04-13"], recs
    assert _dates(recs, "bombed a bridge") == ["2017-04-13"], recs


def test_same_paragraph_follows_the_relative_day(records) -> None:
    recs = records["heading_same_paragraph"]
    assert _dates(recs, "hit a market") == ["2017-04-13"], recs
