"""The canonical spelling of a place name: ASCII lower-case words separated by single spaces.

A pure function of its argument (no word lists), so both :mod:`warlog.geo.lexicon` (which keys
its lookups by it) and :mod:`warlog.geo.normalize` (the looser, data-driven keys) import it
without importing each other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ə": "e",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
    }
)
_APOSTROPHES = re.compile(r"['’‘`´ʿʾʼʻ\u02bd\u02be\u02bf]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)  # a pure function of the text: not a data-derived cache
def normalize(text: str) -> str:
    """The canonical form of a name: ascii lower case words separated by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.lower())
    return _NON_WORD.sub(" ", text).strip()
