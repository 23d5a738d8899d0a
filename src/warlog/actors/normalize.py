"""Length-preserving text normalisation for dictionary matching.

The actor automaton runs over a folded copy of the text. Folding must keep every character
at its offset, so a match in the folded copy is a match at the same offsets in the original:
no offset map is needed. Each character is therefore replaced by exactly one character:
lower case, accents stripped, every apostrophe-like and dash-like mark unified, and every
kind of whitespace turned into a plain space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ODD_SPACE = re.compile("[\n\t\r\x0b\x0c]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MARKS = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _DASHES}})


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The one-character folded form of ``ch``; its own lower case is always one character."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch.isspace():
        return " "
    low = ch.lower()
    if len(low) != 1 or low.isascii():
        low = unicodedata.normalize("NFD", ch)[0].lower() if len(low) != 1 else low
        return low if len(low) == 1 and len(low.lower()) == 1 else "?"
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() and base.isalpha() else low


def _fold_match(m: re.Match[str]) -> str:
    return fold_char(m.group())


def fold(text: str) -> str:
    """Fold ``text`` character by character; ``len(fold(t)) == len(t)`` always holds."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_match, text)
    low = text.lower()
    return _ODD_SPACE.sub(" ", low) if _ODD_SPACE.search(low) else low


def unify_marks(text: str) -> str:
    """Unify apostrophes and dashes only (case kept): used to compare case-sensitive acronyms."""
    if text.isascii():
        return text
    return text.translate(_MARKS)


def translate_marks(piece: str) -> str:
    """:func:`unify_marks` of a piece of a text that is not all ASCII: the piece's characters
    as they stand in ``unify_marks(text)`` (``unify_marks(text)[a:b] ==
    translate_marks(text[a:b])``), without translating the whole text."""
    return piece.translate(_MARKS)


def is_word_char(ch: str) -> bool:
    """Letters and digits: a dictionary match may not start or end inside a run of these."""
    return ch.isalnum()
