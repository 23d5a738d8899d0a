"""The time vocabulary, parsed once into lookup tables: the language's calendar, number and
ordinal words (``lang/<language>/calendar.yaml``, ``numbers.yaml``) and the date finder's own
words and rules (``data/time.yaml``).

Why a module of its own: the date finder (:mod:`warlog.timeline.patterns`) and the clock both
need the same month, number and part-of-period tables; loading and normalising them here once
keeps the other modules free of word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from warlog import lang
from warlog.data import cached, load_yaml


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a period ("early", "the end of"): its days in a month, months in a year."""

    first_day: int
    last_day: int
    first_month: int
    last_month: int
    precision: int


@dataclass(frozen=True, slots=True)
class RelativeRule:
    """One relative expression of ``time.yaml``: how to move from the anchor date."""

    match: str  # regex fragment with placeholders still in it
    unit: str  # day | week | month | year | weekend
    shift: int | str | None  # int, or "n" / "-n" (the captured count)
    mode: str  # point | calendar | after | before | range | fuzzy
    precision: int | None
    days: tuple[int, int] | None  # fuzzy: anchor + lo..hi days
    ahead: tuple[int, int] | None  # days around a following explicit date it belongs to
    anchor: str | None = None  # "document": counted from the news item's own date
    #: counted forward only where it opens its event's clause ("after three days of fighting")
    opens_clause: bool = False


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    months: dict[str, int]  # "January"/"Jan" -> 1 (case-sensitive keys)
    month_abbreviations: frozenset[str]
    weekdays: dict[str, int]  # lower case -> Monday=0
    weekday_names: tuple[str, ...]  # as written in the language file ("Monday"), in order
    numbers: dict[str, int]  # lower case count words
    ordinals: dict[str, int]
    times_of_day: tuple[str, ...]
    fighting_qualifiers: tuple[str, ...]  # "fierce" in "three days of fierce clashes"
    fighting_nouns: tuple[str, ...]  # the {fighting} placeholder's nouns
    parts: dict[str, Part]  # lower case, single spaces
    seasons: dict[str, tuple[int, int]]
    prepositions: tuple[str, ...]
    approximate: frozenset[str]
    month_count_prepositions: frozenset[str]
    background_prepositions: frozenset[str]
    name_followers: frozenset[str]
    bare_ordinal_followers: frozenset[str]
    background_markers: tuple[str, ...]
    perfect_prepositions: frozenset[str]
    clause_breaks: tuple[str, ...]
    relative_object_words: frozenset[str]
    range_connectors: tuple[str, ...]
    year_range: tuple[int, int]
    bare_year_range: tuple[int, int]
    relative: tuple[RelativeRule, ...]
    relative_keywords: frozenset[str]  # one of them is in (or near) every relative expression
    weekday_prepositions: tuple[str, ...]  # words before a weekday kept with it ("on Monday")
    weekday_occasions: frozenset[str]  # "Friday prayers": a weekday with no "on" still dates
    weekday_name_openers: frozenset[str]  # "Good Friday": a name, not a day
    ordinal_prepositions: tuple[str, ...]  # words before "the 25th"
    two_digit_pivot: int  # "90" -> 1990, "05" -> 2005
    clock_time_before: frozenset[str]  # "at 1800": a time, not a year
    clock_time_after: frozenset[str]  # "2130 hours", "0600 GMT"
    dateline_dashes: tuple[str, ...]
    dateline_reach: int
    reporting_cues: tuple[str, ...]  # "said on Friday": the report's day, not the event's
    report_object_words: int  # "confirmed the shelling the next day": words between
    report_object_stops: frozenset[str]  # "said it had retaken the town the next day"
    #: time.yaml fighting_days: where "after three days of fighting" opens its clause
    clause_openers: frozenset[str]
    clause_subjects: frozenset[str]
    words_after_date: int


def _lower(items: Any) -> tuple[str, ...]:
    return tuple(" ".join(str(x).lower().split()) for x in items or [])


def _rule(raw: dict[str, Any]) -> RelativeRule:
    days = raw.get("days")
    ahead = raw.get("ahead")
    return RelativeRule(
        match=str(raw["match"]),
        unit=str(raw["unit"]),
        shift=raw.get("shift"),
        mode=str(raw.get("mode", "point")),
        precision=raw.get("precision"),
        days=(int(days[0]), int(days[1])) if days else None,
        ahead=(int(ahead[0]), int(ahead[1])) if ahead else None,
        anchor=raw.get("anchor"),
        opens_clause=bool(raw.get("opens_clause", False)),
    )


@cached
def lexicon() -> TimeLexicon:
    """The parsed time vocabulary (cached: loaded once per settings)."""
    d = load_yaml("time.yaml")
    news = d["news"]
    language = lang.language()
    counts = {**language.counts, **language.cardinal_words(1, int(d["count_words_max"]))}
    parts = {
        " ".join(k.lower().split()): Part(
            v["days"][0], v["days"][1], v["months"][0], v["months"][1], int(v["precision"])
        )
        for k, v in d["parts"].items()
    }
    return TimeLexicon(
        months={**language.months, **language.month_abbreviations},
        month_abbreviations=frozenset(language.month_abbreviations),
        weekdays={k.lower(): v for k, v in language.weekdays.items()},
        weekday_names=tuple(language.weekdays),
        numbers=counts,
        ordinals=dict(language.ordinals),
        times_of_day=_lower(d["times_of_day"]),
        fighting_qualifiers=_lower(d["fighting"]["qualifiers"]),
        fighting_nouns=_lower(d["fighting"]["nouns"]),
        parts=parts,
        seasons={str(k).lower(): (int(v[0]), int(v[1])) for k, v in d["seasons"].items()},
        prepositions=_lower(d["prepositions"]),
        approximate=frozenset(_lower(d["approximate"])),
        month_count_prepositions=frozenset(_lower(d["month_count_prepositions"])),
        background_prepositions=frozenset(_lower(d["background_prepositions"])),
        name_followers=frozenset(_lower(d["name_followers"])),
        bare_ordinal_followers=frozenset(_lower(d["bare_ordinal_followers"])),
        background_markers=tuple(str(x) for x in d["background_markers"]),
        perfect_prepositions=frozenset(_lower(d["perfect_prepositions"])),
        clause_breaks=_lower(d["clause_breaks"]),
        relative_object_words=frozenset(_lower(d["relative_object_words"])),
        range_connectors=tuple(str(x) for x in d["range_connectors"]),
        year_range=(int(d["year_range"][0]), int(d["year_range"][1])),
        bare_year_range=(int(d["bare_year_range"][0]), int(d["bare_year_range"][1])),
        relative=tuple(_rule(r) for r in d["relative"]),
        relative_keywords=frozenset(_lower(d["relative_keywords"])),
        weekday_prepositions=_lower(d["weekday_prepositions"]),
        weekday_occasions=frozenset(_lower(lang.words("calendar").get("weekday_occasions"))),
        weekday_name_openers=frozenset(
            _lower(lang.words("calendar").get("weekday_name_openers"))),
        ordinal_prepositions=_lower(d["ordinal_prepositions"]),
        two_digit_pivot=int(news["two_digit_year_pivot"]),
        clock_time_before=frozenset(_lower(news["clock_time_before"])),
        clock_time_after=frozenset(_lower(news["clock_time_after"])),
        dateline_dashes=tuple(str(x) for x in news["dateline_dashes"]),
        dateline_reach=int(news["dateline_reach"]),
        reporting_cues=tuple(str(x) for x in news["reporting_cues"]),
        report_object_words=int(d["reported_relative"]["object_words"]),
        report_object_stops=frozenset(_lower(d["reported_relative"]["object_stops"])),
        clause_openers=frozenset(_lower(d["fighting_days"]["openers"])),
        clause_subjects=frozenset(_lower(d["fighting_days"]["subjects"])),
        words_after_date=int(d["fighting_days"]["words_after_date"]),
    )


def alternation(words: tuple[str, ...] | list[str] | frozenset[str], flexible: bool = True) -> str:
    """A regex alternation of ``words``, longest first; spaces match any white space.

    Longest first so that "the end of" is preferred to "the end", and "early morning" to
    "early" when both could match at one position.
    """
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w)
        if flexible:
            esc = esc.replace(r"\ ", r"\s+").replace(" ", r"\s+")
        out.append(esc)
    return "(?:" + "|".join(out) + ")"
