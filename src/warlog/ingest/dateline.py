"""The dateline of a news or wire item: ``MOGADISHU, March 3 (AFP) -``,
``LIMA, 10 JAN 90 (EFE) --``, ``KABUL (Reuters) -``.

A dateline is not part of the story: it says where the item was filed (the city, the fallback
place of its events, see ``docs/guidelines.md``), when (the day its relative words are counted
from) and by whom (an agency, which is a source and never an actor). :func:`find_dateline`
reads one at the start of a document's first paragraphs; :mod:`warlog.ingest.news` removes it
from the text the extractor reads and keeps what it says in the document's metadata.

The grammar is code, its words are data: month names and abbreviations come from
``lang/<language>/calendar.yaml`` (matched in any case, as wire copy writes ``JAN``), the
dashes and the reach from ``data/time.yaml`` (``news``). A day and month without a year take
their year from the caller (the item's ``date``); a two-digit year goes through the pivot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from warlog.data import cached
from warlog.nlp.alternation import spaced_char, trie_alternation
from warlog.timeline.absolute import month_number
from warlog.timeline.days import make_date
from warlog.timeline.hours import full_year
from warlog.timeline.lexicon import lexicon

_CITY_WORD = r"[^\W\d_][\w'’.-]*"


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline says; ``start``/``end`` are its offsets in the text searched."""

    start: int
    end: int
    city: str  # as written ("LA PAZ")
    region: str | None  # the country or region after it, as written ("Bolivia", "Ohio", "Ark.")
    month: int | None
    day: int | None
    year: int | None
    agency: str | None

    def day_in(self, anchor: date | None) -> date | None:
        """The dateline's day; without a written year, the year of ``anchor`` (the previous
        one when the day would fall after it). ``None`` when no year can be known."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return make_date(self.year, self.month, self.day)
        if anchor is None:
            return None
        d = make_date(anchor.year, self.month, self.day)
        if d is not None and d > anchor:
            d = make_date(anchor.year - 1, self.month, self.day)
        return d

    @property
    def place(self) -> str:
        """The city as a name: "LA PAZ" -> "La Paz" (wire copy capitalises datelines)."""
        name = " ".join(self.city.split())
        return name.title() if name.isupper() else name


@cached
def _pattern() -> re.Pattern[str]:
    lx = lexicon()
    # trie-built, lower-cased (the whole pattern is case-insensitive), spaces as any space
    months = trie_alternation(lx.months, spaced_char, lower=True)
    weekdays = trie_alternation(lx.weekday_names, spaced_char, lower=True)
    dash = trie_alternation(lx.dateline_dashes, lower=True)
    year = r"(?P<{}>\d{{4}}|\d{{2}})(?!\d)"
    md = rf"(?P<m1>{months})\.?\s+(?P<d1>\d{{1,2}})(?!\d)(?:,?\s+{year.format('y1')})?"
    dm = rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{months})\.?(?:,?\s+{year.format('y2')})?"
    when = rf"(?:(?:{weekdays}),?\s+)?(?:{md}|{dm})"
    city = rf"(?P<city>{_CITY_WORD}(?:[ \t]+{_CITY_WORD}){{0,5}})"  # SAN CRISTOBAL DE LAS CASAS
    region = rf"(?:,[ \t]*(?P<region>{_CITY_WORD}(?:[ \t]+{_CITY_WORD}){{0,2}}))?"
    agency = r"\((?P<{}>[^\W\d_][^()\n]{{0,39}})\)"
    return re.compile(
        rf"(?i:{city}{region}(?:,[ \t]*{when}(?:[ \t]*{agency.format('a1')})?"
        rf"|[ \t]*{agency.format('a2')})[ \t]*(?:{dash})[ \t]+)"
    )


_LINE_START = re.compile(r"(?:^|\n)[ \t]*")


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, if any.

    A dateline needs a date or an agency in brackets, and the dash after them: a sentence
    such as "Kabul, the capital - ..." is none.
    """
    reach = lexicon().dateline_reach
    pat = _pattern()
    for line in _LINE_START.finditer(text, 0, reach):
        m = pat.match(text, line.end())
        if m is None:
            continue
        g = m.groupdict()
        month = month_number(_month_key(g.get("m1") or g.get("m2")))
        day = int(g.get("d1") or g.get("d2") or 0) or None
        written = g.get("y1") or g.get("y2")
        if day is not None and not 1 <= day <= 31:
            continue
        agency = g.get("a1") or g.get("a2")
        return Dateline(
            start=m.start(),
            end=m.end(),
            city=g["city"],
            region=g.get("region"),
            month=month,
            day=day,
            year=full_year(written) if written else None,
            agency=agency.strip() if agency else None,
        )
    return None


def _month_key(word: str | None) -> str | None:
    """The calendar's own spelling of a month name written in any case ("JAN" -> "Jan")."""
    if word is None:
        return None
    low = word.lower().rstrip(".")
    for name in lexicon().months:
        if name.lower() == low:
            return name
    return None
