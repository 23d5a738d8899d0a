"""Decades-old wire copy: a recapture whose object has an aside about its past, a country
that names whose a site is, people seized by armed men (narr17). News items written for the
tests, each run through the whole extractor."""

from __future__ import annotations

import json

import pytest

from warlog.api import extract


def _records(tmp_path, text: str, date: str) -> list[dict]:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "t1", "date": date, "text": text}) + "\n")
    return list(extract(str(path)))


def _subs(recs: list[dict]) -> list[str]:
    return [r["sub_event_type"] for r in recs]


@pytest.mark.parametrize(
    "text",
    [
        # ", which rebels had held since 1990": the year dates the aside, not the recapture
        "COLOMBO (Reuter) - Government troops recaptured the northern town of Jaffna, which "
        "Tamil Tiger rebels had held since 1990, the Defence Ministry said.",
        "COLOMBO (Reuter) - Sri Lankan troops recaptured the town of Jaffna, which the "
        "rebels have held since 1990.",
    ],
)
def test_aside_about_the_object_does_not_date_the_recapture(tmp_path, text):
    recs = _records(tmp_path, text, "1995-12-05")
    regained = [r for r in recs if r["sub_event_type"] == "Government regains territory"]
    assert regained, recs
    assert all(r["location"] == "Jaffna" and r["country"] == "Sri Lanka"
               and r["event_date"] == "1995-12-05" for r in regained), recs


def test_a_tally_since_a_year_is_still_no_event(tmp_path):
    # the year is in the clause of the deaths themselves: a running total, not an event
    text = ("COLOMBO (Reuter) - More than 30,000 people have been killed since 1983 in the "
            "war, officials said.")
    assert _records(tmp_path, text, "1995-12-05") == []


def test_country_of_a_site_is_not_where_it_is(tmp_path):
    # "into the U.S. air base at Da Nang": the base is at Da Nang, it belongs to the U.S.
    text = ("SAIGON, Feb. 27 (UPI) -- Communist gunners fired rockets into the U.S. air base "
            "at Da Nang early today, killing three Americans, a spokesman said.")
    recs = _records(tmp_path, text, "1969-02-27")
    assert recs
    assert all(r["location"] == "Da Nang" and r["country"] == "Vietnam" for r in recs), recs


@pytest.mark.parametrize(
    "text",
    [
        # armed men no force is named for, a person taken, no place taken
        "SAN SALVADOR (AP) _ Gunmen seized a union leader as he left his home Monday and drove "
        "off with him, his colleagues said.",
        # ... and with a place: not an arrest, as "armed men in civilian clothes" are no police
        "SAN SALVADOR (AP) _ Heavily armed men in civilian clothes seized a union leader in "
        "San Salvador on Monday, his colleagues said.",
    ],
)
def test_people_seized_by_armed_men_are_abducted(tmp_path, text):
    recs = _records(tmp_path, text, "1981-03-04")
    assert _subs(recs) == ["Abduction/forced disappearance"], recs
    assert recs[0]["event_date"] == "1981-03-02" and recs[0]["country"] == "El Salvador", recs


def test_police_seizing_a_leader_still_arrest(tmp_path):
    text = ("SAN SALVADOR (AP) _ Police seized a guerrilla leader in San Salvador on Monday, "
            "officials said.")
    assert _subs(_records(tmp_path, text, "1981-03-04")) == ["Arrests"]
