"""Person names that look like places: "Colonel Pavel Orlov", "Kabul Khan, a tribal elder".

Surnames and given names are often towns (Lopez, Zamora, Kano, Kabul). The place finder
already refuses a town glued to an unknown capitalised word ("Luis Zamora"); this module adds
what a news item tells about a person around the name:

- a title, rank or honorific before it, possibly with given names between ("Mr Lopez",
  "Colonel Pavel Orlov"): ``lang/<language>/titles.yaml``;
- an apposition after it that describes a person (", a tribal elder", ", the district
  commissioner"): an article, at most two modifiers, and a person noun of the casualty
  reader (``data/casualties.yaml`` ``person_nouns``) or a title.
"""

from __future__ import annotations

import re

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.spans import LETTERS

_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)\s+$")
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the)\s+((?:[a-z][\w-]*\s+){0,2})([a-z]+)\b")


@cached
def _person_words() -> tuple[frozenset[str], frozenset[str]]:
    """(titles before a name, nouns that describe a person after it), lower case."""
    titles = lang.words("titles")
    before = {str(w).lower().rstrip(".") for key in ("titles", "ranks", "honorifics")
              for w in titles.get(key) or []}
    nouns = load_yaml("casualties.yaml")["person_nouns"]
    after = {str(w).lower() for w in nouns.get("singular") or []} | before
    return frozenset(before), frozenset(after)


def _title_before(text: str, start: int) -> bool:
    """A title before the name, skipping up to two capitalised given names."""
    before, _ = _person_words()
    pos = start
    for _ in range(3):
        found = _word_before(text, pos)
        if found is None:
            return False
        word, pos = found
        if word.lower().rstrip(".") in before:
            return True
        if not word[:1].isupper():
            return False
    return False


def _word_before(text: str, pos: int) -> tuple[str, int] | None:
    """The word and its start that ``_WORD_BEFORE.search(text, max(0, pos - 40), pos)``
    finds (a word, then spaces up to ``pos``), read backwards from ``pos`` instead of trying
    the pattern at each of the 40 positions."""
    lo = max(0, pos - 40)
    w = pos
    while w > lo and text[w - 1].isspace():
        w -= 1
    if w == pos:
        return None  # no space before ``pos``
    r = w
    while r > lo and (text[r - 1].isalnum() or text[r - 1] in "_.'’-"):
        r -= 1
    while r < w and text[r] not in LETTERS:
        r += 1  # the word starts with an ASCII letter
    return (text[r:w], r) if r < w else None


def _apposition_after(text: str, end: int) -> bool:
    """", a tribal elder" / ", the district commissioner" right after the name."""
    m = _APPOSITION.match(text, end)
    if m is None:
        return False
    _, nouns = _person_words()
    lex = geo_lexicon()
    modifiers = m.group(1).split()
    if any(w in lex.settlement_words for w in modifiers[:-1]):
        return False  # "Goma, a city where officials ..." names a town first
    noun = m.group(2)
    singular = noun[:-1] if noun.endswith("s") and noun[:-1] in nouns else noun
    return singular in nouns


def is_person_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a capitalised name, is (part of) a person's name."""
    return _title_before(text, start) or _apposition_after(text, end)
