"""Counts in running text: number words and digits to integers, with qualifiers and ranges.

Casualty reporting writes the same count many ways: "19", "1,200", "eleven", "twenty-one",
"One hundred twenty", "a dozen", "at least 18", "more than 50", "20 to 30", "600+", "dozens".
:func:`find_quantities` finds them in a tokenised text and gives each a conservative value
(ACLED takes the lowest figure: "at least 18" is 18, "20 to 30" is 20 with the range kept),
and it leaves out numbers that are not counts: dates ("24 May", "between 27 and 28 August"),
years, names ("Division 17", "T-72"), compound modifiers ("640-men", "20-mile"), citation
markers ("[14]"), times, money and decimals.

Why tokens and not one big regex: the caller (:mod:`warlog.events.fatalities`) reasons about
the words around each count, so both share one cheap tokenisation. Qualifiers and vague words
are data (``data/casualties.yaml``, section ``quantities``); cardinal number words are the
language itself and live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from warlog.data import cached, load_yaml

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[^\w\s]")


def wordset(words: str) -> frozenset[str]:
    """A set of space-separated words (function-word lists stay readable in code)."""
    return frozenset(words.split())


UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
MONTHS: frozenset[str] = wordset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_RANGE_JOINERS = frozenset({"to", "-", "\u2013", "\u2014", "or"})
_DATE_JOINERS = frozenset({"and", "to", "-", "\u2013", "\u2014", "or", ","})
_CURRENCY = frozenset({"$", "\u00a3", "\u20ac", "us$", "usd", "eur"})


class Token(NamedTuple):
    """A word, a number or one punctuation mark, with its offsets and lower-cased text."""

    start: int
    end: int
    text: str
    low: str


class Quantity(NamedTuple):
    """A count found in the text; ``i``/``j`` are token indexes (``j`` exclusive).

    ``value`` is the conservative count (``None`` for a vague word ACLED gives no number);
    ``low``/``high`` are set for a range ("20 to 30"); ``qualifier`` is one of ``exact``,
    ``at_least``, ``more_than``, ``about``, ``up_to``, ``less_than``, ``additional``,
    ``range`` or ``vague``; ``year_like`` flags a bare 4-digit number that may be a year.
    """

    i: int
    j: int
    start: int
    end: int
    text: str
    value: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"
    vague: bool = False
    year_like: bool = False


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into words (with inner apostrophes), numbers (with , and .) and marks."""
    toks = [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(text)]
    if "\u2019" in text:
        toks = [
            t._replace(low=t.low.replace("\u2019", "'")) if "\u2019" in t.low else t for t in toks
        ]
    return toks


Phrases = dict[str, list[tuple[tuple[str, ...], object]]]


@dataclass(frozen=True, slots=True)
class _Vocab:
    qualifiers: Phrases  # first token -> [(phrase, kind)], longest first
    trailing: Phrases
    vague_values: Phrases
    word_counts: Phrases
    vague_words: Phrases
    labels: frozenset[str]
    starters: frozenset[str]  # first tokens of any phrase: a cheap "can a count start here?"


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(str(s).lower()))


def _phrases(entries: dict) -> Phrases:
    out: Phrases = {}
    for k, v in entries.items():
        t = _phrase(k)
        out.setdefault(t[0], []).append((t, v))
    for lst in out.values():
        lst.sort(key=lambda e: -len(e[0]))
    return out


@cached
def vocab() -> _Vocab:
    """The ``quantities`` section of ``casualties.yaml``, as first-token phrase tables."""
    q = load_yaml("casualties.yaml")["quantities"]
    tables = (
        _phrases({k: str(v) for k, v in q["qualifiers"].items()}),
        _phrases({k: str(v) for k, v in q["trailing"].items()}),
        _phrases({k: int(v) for k, v in q["vague_values"].items()}),
        _phrases({k: int(v) for k, v in q["word_counts"].items()}),
        _phrases({w: None for w in q["vague_words"]}),
    )
    starters = frozenset(k for t in tables for k in t) | frozenset(UNITS) | frozenset(TENS)
    return _Vocab(*tables, frozenset(str(w).lower() for w in q["labels"]), starters | {"a"})


def _match(tokens: list[Token], i: int, table: Phrases) -> tuple[int, object] | None:
    """Longest phrase of ``table`` starting at token ``i``: ``(length, value)``."""
    if i >= len(tokens):
        return None
    for phrase, value in table.get(tokens[i].low, ()):
        n = len(phrase)
        if i + n <= len(tokens) and all(tokens[i + k].low == phrase[k] for k in range(n)):
            return n, value
    return None


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def cardinal(tokens: list[Token], i: int, text: str = "") -> tuple[int, int] | None:
    """The cardinal number starting at token ``i``: ``(value, index past it)`` or ``None``.

    Reads digits ("1,200", "1.5 million"), number words ("twenty-one", "One hundred twenty",
    "a hundred", "two dozen") and digits with a scale word ("3 thousand").
    """
    n = len(tokens)
    if i >= n:
        return None
    tok = tokens[i]
    if tok.low[0].isdigit():
        if text and tok.end < len(text) and text[tok.end].isalpha():
            return None  # "25th", "2000D", "4x4": an ordinal or a code
        raw = tok.low
        is_grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) is not None
        if "," in raw and not is_grouped:
            return None
        num = raw.replace(",", "")
        j = i + 1
        scale = SCALES.get(tokens[j].low) if j < n else None
        if "." in num:
            if scale is None or scale == 12 or num.count(".") > 1:
                return None  # a decimal is a measure, not a head count
            return int(float(num) * scale), j + 1
        value = int(num)
        if scale is not None:
            return value * scale, j + 1
        return value, j
    total, cur, last, j = 0, 0, "", i
    end = i
    while j < n:
        w = tokens[j].low
        if w == "a" and last == "" and j + 1 < n and tokens[j + 1].low in SCALES:
            cur, last = 1, "unit"
        elif w in UNITS and last in ("", "tens", "scale", "and"):
            if last == "tens" and UNITS[w] >= 10:
                break
            cur += UNITS[w]
            last = "unit"
            end = j + 1
        elif w in TENS and last in ("", "scale", "and"):
            cur += TENS[w]
            last = "tens"
            end = j + 1
        elif w == "-" and last == "tens" and j + 1 < n and tokens[j + 1].low in UNITS:
            last = "tens"  # "twenty-one"
        elif w in SCALES and last in ("unit", "tens") and cur > 0:
            scale = SCALES[w]
            if scale == 100:
                cur *= 100
            else:
                total += cur * scale
                cur = 0
            last = "scale"
            end = j + 1
        elif (
            w == "and"
            and last == "scale"
            and j + 1 < n
            and (tokens[j + 1].low in UNITS or tokens[j + 1].low in TENS)
        ):
            last = "and"
        else:
            break
        j += 1
    if end == i:
        return None
    return total + cur, end


def parse_number(text: str) -> int | None:
    """The whole of ``text`` read as one cardinal ("twenty-one" → 21), else ``None``."""
    tokens = tokenize(text)
    got = cardinal(tokens, 0, text)
    if got is None or got[1] != len(tokens):
        return None
    return got[0]


def _is_date(tokens: list[Token], i: int, j: int) -> bool:
    """Is the number at tokens[i:j] a day of a month ("24 May", "August 27", "27 and 28 Aug")?"""
    n = len(tokens)
    if j < n and tokens[j].low in MONTHS:
        return True
    if (
        j + 2 < n
        and tokens[j].low in _DATE_JOINERS
        and tokens[j + 1].low[0].isdigit()
        and (tokens[j + 2].low in MONTHS)
    ):
        return True
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.low in MONTHS and prev.text[0].isupper():
        return True
    if prev is not None and prev.low == "of" and i > 1 and tokens[i - 2].low in MONTHS:
        return True
    return (
        i > 1
        and prev is not None
        and prev.low in _DATE_JOINERS
        and (tokens[i - 2].low[0].isdigit() and j < n and tokens[j].low in MONTHS)
    )


def _not_a_count(tokens: list[Token], i: int, j: int, text: str) -> bool:
    """Names, modifiers, citations, times and money that look like numbers."""
    n = len(tokens)
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[j] if j < n else None
    if prev is not None:
        if prev.low == "[" and nxt is not None and nxt.low == "]":
            return True  # citation marker
        if prev.low in (":", "/", "#", "\u2116") and _adjacent(prev, tok):
            return True
        if prev.low in _CURRENCY or prev.low == "no" and nxt is not None and nxt.low == ".":
            return True
        if (
            prev.low in ("-", "\u2013")
            and _adjacent(prev, tok)
            and i > 1
            and (_adjacent(tokens[i - 2], prev) and tokens[i - 2].low[-1].isalpha())
        ):
            return True  # "T-72", "Su-24", "M-5"
        if prev.text[:1].isupper() and prev.low in vocab().labels and tok.low[0].isdigit():
            return True  # "Division 17", "Brigade 93"
        if prev.low == "." and i > 1 and tokens[i - 2].low == "no":
            return True
    if nxt is not None:
        if nxt.low in (":", "/", "%", "\u00b0") and _adjacent(tokens[j - 1], nxt):
            return True
        if (
            nxt.low in ("-", "\u2013", "\u2014")
            and _adjacent(tokens[j - 1], nxt)
            and (
                j + 1 < n
                and _adjacent(nxt, tokens[j + 1])
                and tokens[j + 1].low[0].isalpha()
                and tokens[j + 1].low not in UNITS
                and tokens[j + 1].low not in TENS
            )
        ):
            return True  # "640-men", "20-mile", "three-day"
        if nxt.low in ("percent", "per") or nxt.low == "st" and _adjacent(tokens[j - 1], nxt):
            return True
    return tok.low == "one" and prev is not None and prev.low in ("no", "any", "every", "each")


def _range_end(tokens: list[Token], j: int, first: int, text: str) -> tuple[int, int] | None:
    """ "to 30", "-30", "or 30" after a number: ``(high, index past it)`` if it rises."""
    if j + 1 >= len(tokens) or tokens[j].low not in _RANGE_JOINERS:
        return None
    got = cardinal(tokens, j + 1, text)
    if got is None or got[0] <= first:
        return None
    return got


def _number_at(tokens: list[Token], i: int, text: str, v: _Vocab) -> Quantity | None:
    """A qualified number ("at least 18", "20 to 30", "600+") starting at token ``i``."""
    n = len(tokens)
    qual = "exact"
    hit = _match(tokens, i, v.qualifiers)
    k = 0
    start = i
    if hit is not None:
        k, qual = hit[0], str(hit[1])
        if cardinal(tokens, i + k, text) is None:
            k, qual = 0, "exact"
    got = cardinal(tokens, i + k, text)
    if got is None:
        return None
    value, j = got
    first = i + k
    low = high = None
    if qual == "between":
        if j + 1 < n and tokens[j].low in ("and", "to", "-", "\u2013"):
            end = cardinal(tokens, j + 1, text)
            if end is not None and end[0] >= value:
                low, high, j = value, end[0], end[1]
        if high is None:
            start, qual = first, "exact"  # "from 5 villages": not a range
    else:
        rng = _range_end(tokens, j, value, text)
        if rng is not None:
            low, high, j = value, rng[0], rng[1]
    if high is not None:
        qual = "range"
    tr = _match(tokens, j, v.trailing)
    if tr is not None and not (tokens[j].low == "+" and not _adjacent(tokens[j - 1], tokens[j])):
        if qual == "exact":
            qual = str(tr[1])
        j += tr[0]
    if _is_date(tokens, first, j) or _not_a_count(
        tokens, first, j if high is None else first + 1, text
    ):
        return None
    raw = tokens[first].low
    year_like = (
        (high is None or high < 2200)
        and raw.isdigit()
        and len(raw) == 4
        and (1800 <= int(raw) <= 2100)
    )
    if tokens[first].low == "one" and j < n and tokens[j].low == "another":
        return None
    return Quantity(
        start,
        j,
        tokens[start].start,
        tokens[j - 1].end,
        text[tokens[start].start : tokens[j - 1].end] if text else "",
        value,
        low,
        high,
        qual,
        False,
        year_like,
    )


def _vague_at(tokens: list[Token], i: int, text: str, v: _Vocab) -> Quantity | None:
    """A word count ("a dozen", "both") or a vague quantity ("dozens", "several") at ``i``."""
    for table, vague in ((v.word_counts, False), (v.vague_values, True)):
        hit = _match(tokens, i, table)
        if hit is not None:
            k, value = hit[0], int(hit[1])  # type: ignore[call-overload]
            return Quantity(
                i,
                i + k,
                tokens[i].start,
                tokens[i + k - 1].end,
                text[tokens[i].start : tokens[i + k - 1].end] if text else "",
                value,
                None,
                None,
                "vague" if vague else "exact",
                vague,
            )
    hit = _match(tokens, i, v.vague_words)
    if hit is not None:
        k = hit[0]
        return Quantity(
            i,
            i + k,
            tokens[i].start,
            tokens[i + k - 1].end,
            text[tokens[i].start : tokens[i + k - 1].end] if text else "",
            None,
            None,
            None,
            "vague",
            True,
        )
    return None


def quantity_at(tokens: list[Token], i: int, text: str = "") -> Quantity | None:
    """The count starting at token ``i``: a number first, else a word count or vague word."""
    v = vocab()
    w = tokens[i].low
    if not (w[0].isdigit() or w in v.starters):
        return None
    return _number_at(tokens, i, text, v) or _vague_at(tokens, i, text, v)


def find_quantities(text: str, tokens: list[Token] | None = None) -> list[Quantity]:
    """All counts in ``text``, left to right, not overlapping."""
    tokens = tokenize(text) if tokens is None else tokens
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        q = quantity_at(tokens, i, text)
        if q is None:
            i += 1
            continue
        found.append(q)
        i = q.j
    return found
