"""A document's first year is read lazily (speed24).

``timeline.docdates`` dates a document without metadata by the first year in the first
20,000 characters of its text. ``mentions.first_dated`` answers what reading every date of
that head with ``find_mentions`` answered, but scans the text only until the first dated
mention is settled (every candidate stream yields in increasing offsets, and a candidate
starts at most ``_REACH`` characters before its stream's offset).
"""

from __future__ import annotations

import pytest

from warlog.model import Document, OffsetMap
from warlog.timeline import absolute, docdates
from warlog.timeline.mentions import find_mentions, first_dated


def _full_reading(text: str, bare_years: bool = True) -> tuple | None:
    """What the head reader did before: every mention of the text, then the first dated."""
    for m in find_mentions(text, bare_years=bare_years):
        if m.kind != "relative" and m.has_year:
            return (m.kind, m.y1, m.y2, m.d1, m.m1)
    return None


def _key(m) -> tuple | None:
    return None if m is None else (m.kind, m.y1, m.y2, m.d1, m.m1)


FILLER = ("The column moved along the river road and the villages emptied as it passed. "
          "Residents said the shelling went on through the afternoon. ")

TEXTS = [
    "The brigade crossed the river on 3 March 2011 and held the bridge.",
    "Two days later, on 21 March 2016, the offensive began near the dam.",
    "The 2014 offensive was followed by a lull; in spring 2015 fighting resumed.",
    "From 2012 to 2014 the town changed hands; on 5 May 2014 it fell.",
    "On the night of 25 July 2019, rebels attacked the checkpoint at 1800 hours.",
    "The next day the rebels shelled the base. " * 3 + "In early 2017 they withdrew.",
    FILLER * 40 + "The siege ended in October 2020.",  # the year lies past the first step
    FILLER * 40 + "Later that week, on 14 October 2018, the convoy was ambushed.",
    FILLER * 60,  # no year at all
    "At 1800 the militia left; 2130 hours passed quietly. " * 30 + "In 2009 it came back.",
    "Between 27 and 28 August 2013 the brigade withdrew. " + FILLER * 30 + "In 2001 it came.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_first_dated_is_the_full_readings_first_year(text: str) -> None:
    assert _key(first_dated(text, bare_years=True)) == _full_reading(text)


@pytest.mark.parametrize("text", TEXTS)
def test_first_dated_at_every_cut(text: str) -> None:
    # the answer at any length of the text (a cut inside a date, a relative expression or
    # a year leaves a shorter or no candidate in both readers alike)
    for end in range(0, len(text), 97):
        head = text[:end]
        assert _key(first_dated(head, bare_years=True)) == _full_reading(head)


def test_first_dated_stops_scanning_after_the_first_year(monkeypatch) -> None:
    # a long head whose first sentence dates it: the many later years are not read
    text = "The town fell on 3 March 2011. " + ("In 2012 the army returned. " * 1000)
    calls = []
    real = absolute._year_mention

    def counting(m, t, bare):
        calls.append(m.start())
        return real(m, t, bare)

    monkeypatch.setattr(absolute, "_year_mention", counting)
    found = first_dated(text, bare_years=True)
    assert found is not None and (found.d1, found.m1, found.y1) == (3, 3, 2011)
    assert len(calls) < 200  # not the 1,001 years of the whole text
    assert max(calls) < 4000


def test_document_year_from_a_long_text() -> None:
    text = FILLER * 30 + "On 9 June 2015 the militia took the hill. In 2016 it lost it."
    doc = Document("river.txt", "", text, text, OffsetMap.identity(len(text)), "plaintext",
                   {"title": "A river offensive"})
    dd = docdates.document_dates(doc)
    assert dd.year == 2015 and dd.period is None
