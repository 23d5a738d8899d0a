"""Absolute date expressions: days, spans of days, months, years, seasons, weekdays.

Each pattern of :mod:`~warlog.timeline.patterns` matches a *core* ("23 July 2014", "October
30", "March", "2016"); the words before it ("on the evening of", "in early", "the summer of")
are read by a reversed prefix pattern. The handlers here check what the regex cannot (a day
number in range, "20 May and 21 June" being two dates, "the March 14 Alliance" being a name,
"In February 28 Islamists" being a month and a count) and build :class:`Mention` objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from warlog import lang
from warlog.data import cached
from warlog.timeline.hours import is_clock_time
from warlog.timeline.lexicon import lexicon
from warlog.timeline.mention import Mention
from warlog.timeline.patterns import PREFIX_WINDOW, patterns


def month_number(token: str | None) -> int | None:
    """The month a name or abbreviation stands for ("March", "Sept." -> 3, 9)."""
    if token is None:
        return None
    if token.isdigit():
        return int(token)
    return lexicon().months.get(token.rstrip("."))


_WORD = re.compile(r"[\w'’-]+")


def _int(token: str | None) -> int | None:
    if token is None:
        return None
    if token.isdigit():  # the common case ("23", "2014"): no suffix to strip
        return int(token)
    digits = "".join(ch for ch in token if ch.isdigit())
    return int(digits) if digits else None


def _norm(token: str | None) -> str | None:
    return " ".join(token.lower().split()) if token else None


def _next_word(text: str, end: int) -> str | None:
    m = patterns().word_after.match(text, end)
    return m.group(1).lower() if m else None


def _prefix(reader: re.Pattern[str], text: str, core: int) -> re.Match[str] | None:
    """Read the words before a core (a day, a month, a year) with a reversed pattern.

    Returns ``None`` when the core is glued to a word ("A23", "1923"), i.e. it is not a date.
    """
    lo = max(0, core - PREFIX_WINDOW)
    return reader.match(text[lo:core][::-1])


def _base(
    m: re.Match[str], text: str, kind: str, reader: re.Pattern[str]
) -> tuple[Mention, dict[str, str | None]] | None:
    """A mention for core match ``m`` with the words before it; ``None`` if not a date."""
    pre = _prefix(reader, text, m.start())
    if pre is None:
        return None
    groups: dict[str, str | None] = dict(m.groupdict())
    for k, v in pre.groupdict().items():
        groups[k] = v[::-1] if v is not None else None
    start = m.start() - pre.end()
    prep = _norm(groups.get("prep"))
    out = Mention(
        start=start,
        end=m.end(),
        text=text[start : m.end()],
        kind=kind,
        prep=prep,
        approximate=prep in lexicon().approximate if prep else False,
    )
    return out, groups


def _unqualified(m: re.Match[str], text: str, reader: re.Pattern[str],
                 slots: tuple[str, ...]) -> bool:
    """Whether the words before core ``m`` fill none of ``slots`` ("prep", "part", "season"),
    or the core is glued to a word: a check on the prefix alone, before anything is built.
    The handlers reject a year or a month that none of these words opens ("the 2014
    offensive", "the March offensive"), so most of the years inside a date ("23 July 2014")
    cost one prefix match."""
    pre = _prefix(reader, text, m.start())
    return pre is None or all(pre.group(k) is None for k in slots)


def _valid_day(d: int | None) -> bool:
    return d is None or 1 <= d <= 31


def _in_year_range(y: int | None, bare: bool = False) -> bool:
    if y is None:
        return True
    lo, hi = lexicon().bare_year_range if bare else lexicon().year_range
    return lo <= y <= hi


def _is_name(text: str, end: int) -> bool:
    """True when the date is part of a name: "the March 14 Alliance", "8 March Revolution"."""
    return _next_word(text, end) in lexicon().name_followers


_CORE_THE = re.compile(r"(?i)\bthe\s+(?=\d|[A-Z])")
_DETERMINERS = (" the ", " a ", " an ", "'s ", "’s ")


def _adjectival(text: str, start: int, m: Mention) -> bool:
    """A date used as a modifier of a noun: "the 2014 offensive", "the 23 July attack".

    Such dates name an event (often an earlier one); they are resolved, but the clock does
    not move to them.
    """
    inner = m.text
    if m.part or m.season or " of " in inner.lower():
        return False
    before = " " + text[max(0, start - 5) : start].lower()
    if not (before.endswith(_DETERMINERS) or _CORE_THE.search(inner)):
        return False
    if m.end >= len(text) or text[m.end] != " ":
        return False
    nxt = _WORD.match(text, m.end + 1)
    if nxt is None or not nxt.group(0)[:1].isalpha():
        return False
    return nxt.group(0).lower() not in lexicon().bare_ordinal_followers


def _day_date(m: re.Match[str], text: str) -> Mention | None:
    """A day or span of days: "23 July 2014", "between 27 and 28 August"."""
    base = _base(m, text, "date", patterns().day_prefix)
    if base is None:
        return None
    out, g = base
    out.d1, out.d2 = _int(g.get("d1")), _int(g.get("d2"))
    out.m1, out.m2 = month_number(g.get("m1")), month_number(g.get("m2"))
    out.y1, out.y2 = _int(g.get("y1")), _int(g.get("y2"))
    if g.get("wd"):
        out.weekday = lexicon().weekdays.get(str(g["wd"]).lower())
    if not (_valid_day(out.d1) and _valid_day(out.d2)):
        return None
    if not (_in_year_range(out.y1) and _in_year_range(out.y2)):
        return None
    conn = (g.get("conn") or "").strip().lower()
    if conn == "and" and out.prep != "between" and out.m1 is not None and out.m2 is not None:
        return None  # "20 May and 21 June" lists two dates; "30 and 31 October" is a span
    if _is_name(text, m.end()):
        return None
    out.adjectival = _adjectival(text, out.start, out)
    return out


def _mdy(m: re.Match[str], text: str) -> Mention | None:
    out = _day_date(m, text)
    if out is None:
        return None
    if out.prep in lexicon().month_count_prepositions and not out.has_year and out.d2 is None:
        return None  # "In February 28 Islamists were killed": a month and a count
    return out


def _iso(m: re.Match[str], text: str) -> Mention | None:
    if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
        return None
    out = Mention(start=m.start(), end=m.end(), text=m.group(0), kind="date")
    out.y1, out.m1, out.d1 = int(m["y1"]), int(m["m1"]), int(m["d1"])
    if not (1 <= out.d1 <= 31 and _in_year_range(out.y1)):
        return None
    return out


def _month_mention(m: re.Match[str], text: str) -> Mention | None:
    """A month or months: "in October", "early October 2014", "mid-March"."""
    if m["y1"] is None and m["y2"] is None and _unqualified(
            m, text, patterns().month_prefix, ("prep", "part")):
        return None  # (the test at the end, made first)
    base = _base(m, text, "month", patterns().month_prefix)
    if base is None:
        return None
    out, g = base
    out.m1, out.m2 = month_number(g.get("m1")), month_number(g.get("m2"))
    out.y1, out.y2 = _int(g.get("y1")), _int(g.get("y2"))
    parts = lexicon().parts
    out.part = parts.get(_norm(g.get("part")) or "")
    out.part2 = parts.get(_norm(g.get("part2")) or "")
    if not (_in_year_range(out.y1) and _in_year_range(out.y2)):
        return None
    conn = (g.get("conn") or "").strip().lower()
    if out.m2 is not None and conn == "and" and out.prep != "between":
        return None  # "in March and April" is two months, each found on its own
    if not (out.has_year or out.part or out.prep):
        return None  # "the March offensive", "March on Rome": not a date
    out.adjectival = _adjectival(text, out.start, out)
    return out


def _year_mention(m: re.Match[str], text: str, bare_ok: bool) -> Mention | None:
    """A year, part of one or a season: "In 2016", "early 2015", "the summer of 2014"."""
    if not bare_ok and _unqualified(m, text, patterns().year_prefix,
                                    ("prep", "part", "season")):
        return None  # (the test at the end, made first)
    if is_clock_time(text, m.start("y1"), m.end("y1")):
        return None  # "at 1800", "2130 hours": a time of day
    base = _base(m, text, "year", patterns().year_prefix)
    if base is None:
        return None
    out, g = base
    season = _norm(g.get("season"))
    if season:
        out.kind = "season"
    out.y1 = _int(g.get("y1"))
    y2 = g.get("y2")
    if y2 is not None:
        out.y2 = int(y2) if len(y2) == 4 else (out.y1 or 0) // 100 * 100 + int(y2)
        if out.y1 is not None and out.y2 <= out.y1:
            return None  # "2014-12": not a year range
    out.part = lexicon().parts.get(_norm(g.get("part")) or "")
    out.season = lexicon().seasons.get(season or "")
    if not (_in_year_range(out.y1, bare=True) and _in_year_range(out.y2, bare=True)):
        return None
    if not (out.prep or out.part or out.season or bare_ok):
        return None
    return out


def _ordinal_day(m: re.Match[str], text: str) -> Mention | None:
    """A day of the current month: "on the 25th"."""
    base = _base(m, text, "day_of_month", patterns().ordinal_prefix)
    if base is None:
        return None
    out, g = base
    if not (g.get("the") and out.prep):
        return None
    nxt = _next_word(text, m.end())
    followed = nxt is not None and text[m.end() : m.end() + 1] == " "
    if followed and nxt not in lexicon().bare_ordinal_followers:
        return None  # "on the 25th anniversary", "by the 3rd Division"
    out.d1 = int(m["d1"])
    return out if _valid_day(out.d1) else None


def _weekday(m: re.Match[str], text: str) -> Mention | None:
    """A weekday near the current date: "on Friday", "during Friday prayers"."""
    base = _base(m, text, "weekday", patterns().weekday_prefix)
    if base is None:
        return None
    out, _ = base
    if not out.prep:
        # wire style drops the "on" ("overran the camp Saturday", "said Sunday"): a bare
        # weekday dates a news item's events (the clock reads it only against a news date),
        # unless it is part of a name ("Bloody Sunday", "Good Friday", "Sunday Times")
        followed = text[m.end() : m.end() + 1] == " "
        nxt = _next_word(text, m.end()) if followed else None
        if nxt not in lexicon().weekday_occasions and _in_name(text, m.start(), m.end()):
            return None
    out.weekday = lexicon().weekdays[m["wd"].lower()]
    return out


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``start:end`` is part of a name: after one of the calendar's
    name openers ("Good Friday", "Bloody Sunday") or before a capitalised word that is not a
    month ("Sunday Times")."""
    lx = lexicon()
    after = _CAPITALISED_AFTER.match(text, end)
    if after is not None and after.group(1) not in lx.months:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() in lx.weekday_name_openers


_CAPITALISED_AFTER = re.compile(r" ([A-Z][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([\w'’-]+) $")


# (pattern, handler, what the sentence must contain for the pattern to be worth running)
_ABSOLUTE = (
    ("iso", _iso, "digit"),
    ("dmy_span", _day_date, "both"),
    ("dmy", _day_date, "both"),
    ("mdy_span", _mdy, "both"),
    ("mdy", _mdy, "both"),
    ("month", _month_mention, "month"),
    ("ordinal_day", _ordinal_day, "digit"),
    ("weekday", _weekday, "day"),
)


@cached
def _weekday_suffix() -> str:
    """The ending every weekday name shares as written in the language's calendar ("day" in
    English): a sentence without it names no weekday. Empty when the names share none (the
    weekday pattern then always runs)."""
    names = list(lang.language().weekdays)
    suffix = names[0] if names else ""
    for name in names[1:]:
        while not name.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def absolute_candidates(sentence: str, bare_years: bool = False) -> list[Mention]:
    """Every absolute date the patterns find in ``sentence`` (overlaps included)."""
    pats = patterns()
    cands: list[Mention] = []
    digit = pats.digit.search(sentence) is not None
    month = pats.month_name.search(sentence) is not None
    weekday = _weekday_suffix() in sentence
    if not (digit or month or weekday):
        return cands  # nothing any pattern needs
    for name, handler, needs in _ABSOLUTE:
        if needs == "digit" and not digit or needs == "month" and not month:
            continue
        if needs == "both" and not (digit and month) or needs == "day" and not weekday:
            continue
        rx: re.Pattern[str] = getattr(pats, name)
        for m in rx.finditer(sentence):
            c = handler(m, sentence)
            if c is not None:
                cands.append(c)
    if digit:
        for m in pats.year.finditer(sentence):
            c = _year_mention(m, sentence, bare_years)
            if c is not None:
                cands.append(c)
    return cands


def absolute_streams(
    sentence: str, bare_years: bool = False
) -> list[Iterator[tuple[int, Mention | None]]]:
    """The candidates of :func:`absolute_candidates`, one lazy stream per pattern, each
    yielding ``(core start, candidate or None)`` with the core starts increasing: a candidate
    starts at most :data:`~warlog.timeline.patterns.PREFIX_WINDOW` characters before its core,
    so a reader that only needs the text's first dates stops scanning early."""
    pats = patterns()
    digit = pats.digit.search(sentence) is not None
    month = pats.month_name.search(sentence) is not None
    weekday = _weekday_suffix() in sentence
    out: list[Iterator[tuple[int, Mention | None]]] = []
    for name, handler, needs in _ABSOLUTE:
        if needs == "digit" and not digit or needs == "month" and not month:
            continue
        if needs == "both" and not (digit and month) or needs == "day" and not weekday:
            continue
        out.append(_stream(getattr(pats, name), handler, sentence))
    if digit:
        out.append((m.start(), _year_mention(m, sentence, bare_years))
                   for m in pats.year.finditer(sentence))
    return out


def _stream(rx: re.Pattern[str], handler: Callable[[re.Match[str], str], Mention | None],
            sentence: str) -> Iterator[tuple[int, Mention | None]]:
    for m in rx.finditer(sentence):
        yield m.start(), handler(m, sentence)
