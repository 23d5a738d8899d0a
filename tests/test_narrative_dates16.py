"""Narrative dates checked against GUIDELINES.md on short passages written for the tests
(session 16, narr16's rule A, not committed: see docs). A date followed by "a day after
<event>" dates that event a day earlier: "On 2 October, a day after the army recaptured the
town, ..." tells the recapture of 1 October, and the sentence's own event keeps 2 October;
"a day before" a day later. Where the sentence opens with the date and no comma near it tells
where the aside ends, the date told stands. Each passage runs through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_articles, with_evidence

DOCS = {
    # "<date>, a day after <event>": the event is a day before the date told
    "day_after_closing": (
        "The Kharkiv front was quiet in September 2022. The battle for Kupiansk began on "
        "2 October 2022, a day after the Ukrainian Army recaptured the town of Balakliia."
    ),
    "days_after_opening": (
        "The Idlib offensive began in March 2012. On 24 March 2012, eleven days after the "
        "Syrian Army recaptured Idlib, rebels attacked an army checkpoint in Saraqib."
    ),
    "day_before": (
        "Fighting went on around Kidal in May 2014. On 20 May 2014, a day before the rebels "
        "captured Menaka, the army shelled Kidal."
    ),
    # no comma after "two days after ..." near the date: the main clause is not told apart
    "no_comma": (
        "Rebel factions fought near Hama in March 2018. On 19 March 2018, two days after the "
        "ceasefire Ahrar al-Sham arrested a commander of Tahrir al-Sham who was trying to "
        "flee the areas held by the army in the Hama Governorate, a spokesman said."
    ),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_articles(tmp_path_factory, DOCS)


def _of(recs: list[dict[str, Any]], sub: str) -> list[dict[str, Any]]:
    return [r for r in recs if r["sub_event_type"] == sub]


def test_day_after_dates_the_event_a_day_earlier(records) -> None:
    recs = with_evidence(records["day_after_closing"], "a day after")
    retaken = _of(recs, "Government regains territory")
    assert [r["event_date"] for r in retaken] == ["2022-10-01"], recs


def test_days_after_opening_the_sentence(records) -> None:
    recs = with_evidence(records["days_after_opening"], "eleven days after")
    retaken = _of(recs, "Government regains territory")
    assert [r["event_date"] for r in retaken] == ["2012-03-13"], recs
    # the sentence's own event keeps the date told
    others = [r for r in recs if r["sub_event_type"] != "Government regains territory"]
    assert others and all(r["event_date"] == "2012-03-24" for r in others), recs


def test_day_before_dates_the_event_a_day_later(records) -> None:
    recs = records["day_before"]
    taken = _of(recs, "Non-state actor overtakes territory")
    assert [r["event_date"] for r in taken] == ["2014-05-21"], recs
    shelled = _of(recs, "Shelling/artillery/missile attack")
    assert [r["event_date"] for r in shelled] == ["2014-05-20"], recs


def test_no_comma_keeps_the_date_told(records) -> None:
    arrests = _of(records["no_comma"], "Arrests")
    assert arrests and all(r["event_date"] == "2018-03-19" for r in arrests), records["no_comma"]
