"""One way to spell a place name, and the looser keys used to match transliteration variants.

Place names reach us in many romanisations ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"). The
gazetteer indexes every name under three keys of increasing looseness, and text is looked up
under the same keys, so both sides are folded by exactly the same functions:

1. :func:`normalize` (a pure function, in :mod:`warlog.geo.canonical`): NFKD, diacritics
   stripped, lower case, apostrophes and ayn/hamza marks removed, hyphens and punctuation
   turned into spaces, spaces collapsed.
2. :func:`fold_key`: additionally drops Arabic articles ("al", "ez", "ash"…), unifies common
   vowel spellings ("ou"→"u", "ei"→"ay"), collapses doubled letters and folds a final "-ah",
   "-a", "-eh" ("Hasakah", "Hasaka", "Hassakeh" → "hasak").
3. :func:`skeleton_key`: the consonant skeleton of the folded key (vowels, "y", "w" and spaces
   removed, doubled letters collapsed); a last resort that callers must confirm with context.

The word lists (articles, trailing qualifiers such as "Sharqi") live in ``data/geo.yaml``.
"""

from __future__ import annotations

import re

from warlog.data import cached
from warlog.geo.canonical import normalize
from warlog.geo.lexicon import geo_lexicon

__all__ = ["fold_key", "normalize", "qualifier_stripped", "skeleton_key", "strip_articles"]

_VOWEL_SPELLINGS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ay"), ("ai", "ay"))
_DOUBLES = re.compile(r"([a-z])\1+")
_SKELETON_DROP = re.compile(r"[aeiouyw ]+")


@cached(maxsize=200_000)
def strip_articles(norm: str) -> str:
    """``norm`` without its article words ("al sham" → "sham"), unless nothing would remain."""
    return " ".join(_strip_articles(norm.split()))


def _strip_articles(words: list[str]) -> list[str]:
    """Drop article words that precede another word ("ras al ayn" → "ras ayn"); a final one
    is no article ("Cold Ash" stays)."""
    articles = geo_lexicon().articles
    last = len(words) - 1
    kept = [w for i, w in enumerate(words) if i == last or w not in articles]
    return kept or words


def _undouble(text: str) -> str:
    """Doubled letters collapsed (``_DOUBLES.sub(r"\\1", text)``), the substitution run only
    on a text that has some: a search costs a fraction of the substitution's call, and most
    words have none. The letter is given back by a function, not the template "\\1", which
    Python expands in its own code at each match (the same result)."""
    return _DOUBLES.sub(_letter, text) if _DOUBLES.search(text) else text


def _letter(m: re.Match[str]) -> str:
    return m.group(1)


def _fold_word(word: str) -> str:
    for old, new in _VOWEL_SPELLINGS:
        if old in word:
            word = word.replace(old, new)
    word = _undouble(word)
    return _fold_end(word)


def _fold_end(word: str) -> str:
    """A word's final -ah, -eh, -a, -e folded (of a word of four letters or more)."""
    if len(word) > 3:
        if word[-1] == "h" and word[-2] in "aeiou":
            word = word[:-1]
        if word[-1] in "ae":
            word = word[:-1]
    return word


@cached(maxsize=200_000)
def fold_key(norm: str) -> str:
    """Articles dropped, vowel spellings unified, doubled letters and final -ah/-a folded.

    ``norm`` must already be the output of :func:`normalize`.
    """
    # the vowel spellings and doubled letters never span a space: unified over the whole
    # name at once (what _fold_word does word by word), then each word's ending folded
    key = " ".join(_strip_articles(norm.split()))
    for old, new in _VOWEL_SPELLINGS:
        if old in key:
            key = key.replace(old, new)
    key = _undouble(key)
    if " " not in key:
        return _fold_end(key)
    return " ".join(_fold_end(w) for w in key.split(" "))


@cached(maxsize=200_000)
def skeleton_key(norm: str) -> str:
    """Consonant skeleton of the folded key ("deir ez zor", "dayr az zawr" → "drzr")."""
    folded = fold_key(norm).replace("q", "k")
    return _undouble(_SKELETON_DROP.sub("", folded))


def qualifier_stripped(norm: str) -> str | None:
    """``norm`` without a trailing Arabic qualifier ("kuwayris sharqi" → "kuwayris"), if any."""
    quals = geo_lexicon().name_qualifiers
    if norm.rsplit(" ", 1)[-1] not in quals or " " not in norm:
        return None
    words = norm.split()
    while len(words) > 1 and words[-1] in quals:
        words.pop()
        if len(words) > 1 and words[-1] in geo_lexicon().articles:
            words.pop()
    stripped = " ".join(words)
    return stripped if stripped != norm else None
