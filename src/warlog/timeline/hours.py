"""Clock times written as four digits ("at 1800", "2130 hours", "0600 GMT") and two-digit
years ("10 JAN 90").

Why a module of its own: wire copy writes times of day as bare numbers, and a year finder that
takes every four-digit number would date a 2022 ambush to the year 1800. The words that make a
number a time are the language's (``data/time.yaml`` ``news``); the year finders of
:mod:`warlog.timeline.absolute` and :mod:`warlog.timeline.docdates` ask here before keeping one.
"""

from __future__ import annotations

import re

from warlog.data import cached
from warlog.timeline.lexicon import lexicon

_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_WORDS_AFTER = re.compile(r"\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)")


def looks_like_time(number: str) -> bool:
    """"1800", "0430", "2130": hours 00-23 and minutes 00-59."""
    return len(number) == 4 and number.isdigit() and int(number[:2]) < 24 and int(number[2:]) < 60


def is_clock_time(text: str, start: int, end: int) -> bool:
    """True when the four digits ``text[start:end]`` are a time of day: a number that reads as
    one, written after "at" or before "hours", "GMT", "local time"..."""
    if not looks_like_time(text[start:end]):
        return False
    lx = lexicon()
    before = _WORD_BEFORE.search(text[max(0, start - 12) : start])
    if before and before.group(1).lower() in lx.clock_time_before:
        return True
    after = _WORDS_AFTER.match(text, end)
    if after is None:
        return False
    words = after.group(1).lower().split()
    return words[0] in lx.clock_time_after or " ".join(words) in lx.clock_time_after


@cached
def _reporting_before() -> re.Pattern[str]:
    cues = "|".join(f"(?:{c})" for c in lexicon().reporting_cues)
    return re.compile(rf"(?i:\b(?:{cues}))\s*,?\s*$")


def is_reporting_date(sentence: str, start: int) -> bool:
    """True when the date at ``start`` follows a reporting verb: "police said on Friday",
    "told reporters on Wednesday". Such a date is when the news was told."""
    return _reporting_before().search(sentence, max(0, start - 48), start) is not None


@cached
def _reported_before() -> re.Pattern[str]:
    lx = lexicon()
    cues = "|".join(f"(?:{c})" for c in lx.reporting_cues)
    n = lx.report_object_words
    return re.compile(rf"(?i:\b(?:{cues}))(?P<object>(?:\s+[^\W\d_][\w'’-]*){{0,{n}}}?)"
                      r"\s*,?\s*$")


def reports_relative_day(sentence: str, start: int, lo: int = 0) -> bool:
    """True when the relative day at ``start`` follows a reporting verb and its short object:
    "The army confirmed the shelling the next day". That day is the statement's (data/time.yaml
    ``reported_relative``); not when a word of the object opens a clause of its own ("said it
    had retaken the town the next day") or the text before ``lo`` (an earlier date) is needed."""
    m = _reported_before().search(sentence, max(lo, start - 60), start)
    if m is None:
        return False
    stops = lexicon().report_object_stops
    return not any(w.lower() in stops for w in m.group("object").split())


def full_year(digits: str) -> int:
    """A written year: four digits as they are; two digits by the pivot ("90" -> 1990)."""
    y = int(digits)
    if len(digits) > 2:
        return y
    return 2000 + y if y <= lexicon().two_digit_pivot else 1900 + y
