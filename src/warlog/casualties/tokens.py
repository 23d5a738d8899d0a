"""One cheap tokenisation shared by every step of the casualty reader, and phrase lookups.

Tokens are words (with inner apostrophes), numbers (with ``,`` and ``.``) and single marks,
so "pro-government" is three tokens and "1,200" one. Multi-word vocabulary ("at least",
"were killed") is matched token by token through :data:`PhraseTable` lookups keyed by the
first (or, for matching leftwards, the last) token of each phrase, longest phrase first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|[^\w\s]")

V = TypeVar("V")
PhraseTable = dict[str, list[tuple[tuple[str, ...], V]]]


class Token(NamedTuple):
    """A word, a number or one punctuation mark, with its offsets and lower-cased text."""

    start: int
    end: int
    text: str
    low: str


_tuple_new = tuple.__new__


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into words (with inner apostrophes), numbers (with , and .) and marks."""
    new = _tuple_new  # Token's fields built as a tuple: NamedTuple's __new__ is a Python call
    toks = [new(Token, (*m.span(), g, g.lower())) for m in _TOKEN.finditer(text)
            for g in (m.group(),)]
    if "\u2019" in text:
        toks = [
            t._replace(low=t.low.replace("\u2019", "'")) if "\u2019" in t.low else t for t in toks
        ]
    return toks


def phrase(s: object) -> tuple[str, ...]:
    """A vocabulary entry as the lower-case tokens it is matched by."""
    return tuple(t.low for t in tokenize(str(s).lower()))


def phrase_table(entries: Iterable[tuple[object, V]]) -> PhraseTable[V]:
    """``(phrase, value)`` pairs keyed by the phrase's first token, longest first."""
    table: PhraseTable[V] = {}
    for text, value in entries:
        t = phrase(text)
        if t:
            table.setdefault(t[0], []).append((t, value))
    for lst in table.values():
        lst.sort(key=lambda e: -len(e[0]))
    return table


def last_key(table: PhraseTable[V]) -> PhraseTable[V]:
    """The same phrases keyed by their *last* token, for matching leftwards."""
    out: PhraseTable[V] = {}
    for entries in table.values():
        for t, value in entries:
            out.setdefault(t[-1], []).append((t, value))
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


def match_at(tokens: list[Token], i: int, table: PhraseTable[V]) -> tuple[int, V] | None:
    """Longest phrase of ``table`` starting at token ``i``: ``(length, value)``."""
    if i >= len(tokens):
        return None
    low = tokens[i].low
    for words, value in table.get(low, ()):
        n = len(words)
        if n == 1:  # most entries: one word, no generator to build
            if words[0] == low:
                return 1, value
        elif (i + n <= len(tokens) and (n < 2 or tokens[i + 1].low == words[1])
              and all(tokens[i + k].low == words[k] for k in range(n))):
            return n, value  # the second word first: most phrases fail there, no generator
    return None


def match_ending(tokens: list[Token], k: int, table: PhraseTable[V]) -> tuple[int, V] | None:
    """Longest phrase of a last-token-keyed ``table`` ending at token ``k``."""
    if k < 0:
        return None
    for words, value in table.get(tokens[k].low, ()):
        n = len(words)
        s = k - n + 1
        if s >= 0 and all(tokens[s + m].low == words[m] for m in range(n)):
            return n, value
    return None


def adjacent(a: Token, b: Token) -> bool:
    """Are the two tokens written without a space between them?"""
    return a.end == b.start
