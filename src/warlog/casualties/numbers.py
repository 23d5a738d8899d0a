"""Cardinal numbers in running text: digits and number words to integers.

Reads "19", "1,200", "1.5 million", "3 thousand", "eleven", "twenty-one", "One hundred
twenty", "a hundred", "two dozen". The number words are the language's
(``lang/<language>/numbers.yaml``); qualifiers and vague counts are in
:mod:`warlog.casualties.quantities`.
"""

from __future__ import annotations

import re

from warlog.casualties.tokens import Token, tokenize
from warlog.casualties.words import Words, words

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOZEN = 12  # a decimal count of dozens ("1.5 dozen") is not a head count


def _digits(tokens: list[Token], i: int, text: str, w: Words) -> tuple[int, int] | None:
    tok = tokens[i]
    if text and tok.end < len(text) and text[tok.end].isalpha():
        return None  # "25th", "2000D", "4x4": an ordinal or a code
    raw = tok.low
    if "," in raw and _GROUPED.fullmatch(raw) is None:
        return None
    num = raw.replace(",", "")
    if len(num) > 18:
        return None  # no head count: and int() refuses 4,300 digits, float() overflows
    j = i + 1
    scale = w.scales.get(tokens[j].low) if j < len(tokens) else None
    if "." in num:
        if scale is None or scale == _DOZEN or num.count(".") > 1:
            return None  # a decimal is a measure, not a head count
        return int(float(num) * scale), j + 1
    value = int(num)
    if scale is not None:
        return value * scale, j + 1
    return value, j


def cardinal(tokens: list[Token], i: int, text: str = "") -> tuple[int, int] | None:
    """The cardinal number starting at token ``i``: ``(value, index past it)`` or ``None``."""
    n = len(tokens)
    if i >= n:
        return None
    w = words()
    if tokens[i].low[0].isdigit():
        return _digits(tokens, i, text, w)
    units, tens, scales = w.units, w.tens, w.scales
    total, cur, last, j = 0, 0, "", i
    end = i
    while j < n:
        t = tokens[j].low
        if t == w.scale_article and last == "" and j + 1 < n and tokens[j + 1].low in scales:
            cur, last = 1, "unit"
        elif t in units and last in ("", "tens", "scale", "and"):
            if last == "tens" and units[t] >= 10:
                break
            cur += units[t]
            last = "unit"
            end = j + 1
        elif t in tens and last in ("", "scale", "and"):
            cur += tens[t]
            last = "tens"
            end = j + 1
        elif t == w.tens_joiner and last == "tens" and j + 1 < n and tokens[j + 1].low in units:
            last = "tens"  # "twenty-one"
        elif t in scales and last in ("unit", "tens") and cur > 0:
            scale = scales[t]
            if scale == 100:
                cur *= 100
            else:
                total += cur * scale
                cur = 0
            last = "scale"
            end = j + 1
        elif (
            t == w.scale_joiner
            and last == "scale"
            and j + 1 < n
            and tokens[j + 1].low in w.number_words
        ):
            last = "and"
        else:
            break
        j += 1
    if end == i:
        return None
    return total + cur, end


def parse_number(text: str) -> int | None:
    """The whole of ``text`` read as one cardinal ("twenty-one" -> 21), else ``None``."""
    tokens = tokenize(text)
    got = cardinal(tokens, 0, text)
    if got is None or got[1] != len(tokens):
        return None
    return got[0]


def is_number_word(word: str) -> bool:
    """Is ``word`` (lower case) a digit string or a unit or ten word?"""
    return word[0].isdigit() or word in words().number_words
