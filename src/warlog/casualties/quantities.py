"""Counts in running text: numbers with their qualifiers and ranges, and vague counts.

Casualty reporting writes the same count many ways: "19", "a dozen", "at least 18", "more
than 50", "20 to 30", "600+", "dozens". :func:`find_quantities` finds them in a tokenised
text and gives each a conservative value (ACLED takes the lowest figure: "at least 18" is 18,
"20 to 30" is 20 with the range kept), and it leaves out numbers that are not counts: dates
("24 May", "between 27 and 28 August"), names ("Division 17", "T-72"), compound modifiers
("640-men", "20-mile"), citation markers ("[14]"), times, money and decimals.

Qualifiers and vague words are domain data (``data/casualties.yaml``, section
``quantities``); number words and function words are the language's (``lang/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from warlog import lang
from warlog.casualties.numbers import cardinal
from warlog.casualties.tokens import (
    PhraseTable,
    Token,
    adjacent,
    match_at,
    phrase_table,
    tokenize,
)
from warlog.casualties.words import Words, words
from warlog.data import cached, load_yaml

_DASHES = ("-", "\u2013", "\u2014")
# qualifiers that can open a hedged upper end ("possibly more than 30", "perhaps as many as 30")
_RISING = frozenset({"at_least", "more_than", "about", "up_to", "exact"})


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


@dataclass(frozen=True, slots=True)
class QuantityVocab:
    qualifiers: PhraseTable[str]
    trailing: PhraseTable[str]
    vague_values: PhraseTable[int]
    word_counts: PhraseTable[int]
    vague_words: PhraseTable[None]
    labels: frozenset[str]
    currency: frozenset[str]
    starters: frozenset[str]  # first tokens of any phrase: a cheap "can a count start here?"
    trailing_words: frozenset[str]  # last tokens of trailing phrases ("+", "more", "so")
    # words that end a noun phrase (grammar's phrase_stops and phrase_prepositions): after
    # "unit 3057" one of them, or a mark, shows the number counts nothing ("was killed")
    phrase_ends: frozenset[str] = frozenset()


@cached
def vocab() -> QuantityVocab:
    """The ``quantities`` section of ``casualties.yaml``, as first-token phrase tables."""
    q = load_yaml("casualties.yaml")["quantities"]
    qualifiers = phrase_table((k, str(v)) for k, v in q["qualifiers"].items())
    trailing = phrase_table((k, str(v)) for k, v in q["trailing"].items())
    vague_values = phrase_table((k, int(v)) for k, v in q["vague_values"].items())
    word_counts = phrase_table((k, int(v)) for k, v in q["word_counts"].items())
    vague_words: PhraseTable[None] = phrase_table((w, None) for w in q["vague_words"])
    tables: tuple[PhraseTable, ...] = (
        qualifiers,
        trailing,
        vague_values,
        word_counts,
        vague_words,
    )
    w = words()
    starters = frozenset(k for t in tables for k in t) | w.number_words | {w.scale_article}
    return QuantityVocab(
        qualifiers,
        trailing,
        vague_values,
        word_counts,
        vague_words,
        frozenset(str(x).lower() for x in q["labels"]),
        frozenset(str(x).lower() for x in q["currency"]),
        starters,
        frozenset(p[-1] for entries in trailing.values() for p, _ in entries),
        frozenset(str(x).lower() for x in (*lang.wordlist("grammar", "phrase_stops"),
                                            *lang.wordlist("grammar", "phrase_prepositions"))),
    )


def _is_date(tokens: list[Token], i: int, j: int, w: Words) -> bool:
    """Is the number at tokens[i:j] a day of a month ("24 May", "August 27", "27 and 28 Aug")?"""
    n = len(tokens)
    months = w.months
    if j < n and tokens[j].low in months:
        return True
    if (
        j + 2 < n
        and tokens[j].low in w.date_joiners
        and tokens[j + 1].low[0].isdigit()
        and (tokens[j + 2].low in months)
    ):
        return True
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.low in months and prev.text[0].isupper():
        return True
    if prev is not None and prev.low == w.of_word and i > 1 and tokens[i - 2].low in months:
        return True
    return (
        i > 1
        and prev is not None
        and prev.low in w.date_joiners
        and (tokens[i - 2].low[0].isdigit() and j < n and tokens[j].low in months)
    )


def _not_a_count(tokens: list[Token], i: int, j: int, v: QuantityVocab, w: Words) -> bool:
    """Names, modifiers, citations, times and money that look like numbers."""
    n = len(tokens)
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[j] if j < n else None
    if prev is not None:
        if prev.low == "[" and nxt is not None and nxt.low == "]":
            return True  # citation marker
        if prev.low in (":", "/", "#", "\u2116") and adjacent(prev, tok):
            return True
        if (
            prev.low in v.currency
            or prev.low in w.number_abbreviation
            and nxt is not None
            and nxt.low == "."
        ):
            return True
        if (
            prev.low in _DASHES[:2]
            and adjacent(prev, tok)
            and i > 1
            and (adjacent(tokens[i - 2], prev) and tokens[i - 2].low[-1].isalpha())
        ):
            return True  # "T-72", "Su-24", "M-5"
        if prev.low in v.labels and tok.low[0].isdigit() and (
                prev.text[:1].isupper() or nxt is None or not nxt.low[:1].isalpha()
                or nxt.low in v.phrase_ends):
            return True  # "Division 17", "Brigade 93"; "unit 3057 was", "(military unit 73954,"
        if prev.low == "." and i > 1 and tokens[i - 2].low in w.number_abbreviation:
            return True
    if nxt is not None:
        if nxt.low in (":", "/", "%", "\u00b0") and adjacent(tokens[j - 1], nxt):
            return True
        if (
            nxt.low in _DASHES
            and adjacent(tokens[j - 1], nxt)
            and (
                j + 1 < n
                and adjacent(nxt, tokens[j + 1])
                and tokens[j + 1].low[0].isalpha()
                and tokens[j + 1].low not in w.number_words
            )
        ):
            return True  # "640-men", "20-mile", "three-day"
        if nxt.low in w.rate_words or (
            nxt.low in w.ordinal_suffixes and adjacent(tokens[j - 1], nxt)
        ):
            return True
    return tok.low in w.ones and prev is not None and prev.low in w.one_pronoun_openers


def _range_end(
    tokens: list[Token], j: int, first: int, text: str, w: Words, v: QuantityVocab
) -> tuple[int, int] | None:
    """ "to 30", "-30", "or 30" after a number: ``(high, index past it)`` if it rises; or a
    hedged upper end (", possibly more than 30,")."""
    if j + 1 >= len(tokens):
        return None
    if tokens[j].low not in w.range_joiners:
        return _hedged_end(tokens, j, first, text, w, v)
    got = cardinal(tokens, j + 1, text)
    if got is None or got[0] <= first:
        return _hedged_end(tokens, j, first, text, w, v)
    return got


def _hedged_end(
    tokens: list[Token], j: int, first: int, text: str, w: Words, v: QuantityVocab
) -> tuple[int, int] | None:
    """ ", possibly more than 30," / "and perhaps as many as 30" after a number:
    ``(high, index past it)`` (past the closing comma of a parenthesis) if it rises."""
    n = len(tokens)
    k = j
    comma = k < n and tokens[k].low == ","
    k += comma
    k += k < n and tokens[k].low in w.range_hedge_joiners
    if k >= n or tokens[k].low not in w.range_hedges:
        return None
    k += 1
    hit = match_at(tokens, k, v.qualifiers)
    if hit is not None and hit[1] in _RISING:
        k += hit[0]
    got = cardinal(tokens, k, text)
    if got is None or got[0] <= first:
        return None
    high, end = got
    if comma and end < n and tokens[end].low == ",":
        end += 1  # the parenthesis closes: "20, possibly 30, people"
    return high, end


def _number_at(tokens: list[Token], i: int, text: str, v: QuantityVocab) -> Quantity | None:
    """A qualified number ("at least 18", "20 to 30", "600+") starting at token ``i``."""
    n = len(tokens)
    w = words()
    qual = "exact"
    hit = match_at(tokens, i, v.qualifiers)
    k = 0
    start = i
    if hit is not None:
        k, qual = hit[0], hit[1]
        if cardinal(tokens, i + k, text) is None:
            k, qual = 0, "exact"
    got = cardinal(tokens, i + k, text)
    if got is None:
        return None
    value, j = got
    first = i + k
    low = high = None
    if qual == "between":
        if j + 1 < n and tokens[j].low in w.between_joiners:
            end = cardinal(tokens, j + 1, text)
            if end is not None and end[0] >= value:
                low, high, j = value, end[0], end[1]
        if high is None:
            start, qual = first, "exact"  # "from 5 villages": not a range
    else:
        rng = _range_end(tokens, j, value, text, w, v)
        if rng is not None:
            low, high, j = value, rng[0], rng[1]
    if high is not None:
        qual = "range"
    tr = match_at(tokens, j, v.trailing)
    if tr is not None and not (tokens[j].low == "+" and not adjacent(tokens[j - 1], tokens[j])):
        if qual == "exact":
            qual = tr[1]
        j += tr[0]
    if _is_date(tokens, first, j, w) or _not_a_count(
        tokens, first, j if high is None else first + 1, v, w
    ):
        return None
    raw = tokens[first].low
    year_like = (
        (high is None or high < 2200)
        and raw.isdigit()
        and len(raw) == 4
        and (1800 <= int(raw) <= 2100)
    )
    if tokens[first].low in w.ones and j < n and tokens[j].low in w.reciprocal:
        return None
    return _quantity(tokens, text, start, j, value, low, high, qual, False, year_like)


def _quantity(
    tokens: list[Token],
    text: str,
    i: int,
    j: int,
    value: int | None,
    low: int | None,
    high: int | None,
    qualifier: str,
    vague: bool,
    year_like: bool = False,
) -> Quantity:
    start, end = tokens[i].start, tokens[j - 1].end
    return Quantity(
        i,
        j,
        start,
        end,
        text[start:end] if text else "",
        value,
        low,
        high,
        qualifier,
        vague,
        year_like,
    )


def _vague_at(tokens: list[Token], i: int, text: str, v: QuantityVocab) -> Quantity | None:
    """A word count ("a dozen", "both") or a vague quantity ("dozens", "several") at ``i``."""
    for table, vague in ((v.word_counts, False), (v.vague_values, True)):
        hit = match_at(tokens, i, table)
        if hit is not None:
            k, value = hit
            return _quantity(
                tokens, text, i, i + k, value, None, None, "vague" if vague else "exact", vague
            )
    hit_vague = match_at(tokens, i, v.vague_words)
    if hit_vague is not None:
        return _quantity(tokens, text, i, i + hit_vague[0], None, None, None, "vague", True)
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
