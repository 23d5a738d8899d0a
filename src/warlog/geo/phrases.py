"""The words around a place mention: the compiled location-phrase patterns of
:mod:`warlog.geo.resolve` (relations, distances, "near", parts of a town, facilities) and the
helpers that scan a facility's or a name's phrase back from a position. All words come from
``data/geo.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.geo.admin1 import admin1_name
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import normalize
from warlog.model import Location, Place
from warlog.nlp.alternation import HeadFilter, spaced_char, trie_alternation

SPACES = re.compile(r"\s+")
BEARING_TOLERANCE = 67.5  # degrees either side of the stated direction
SAME_SPOT_KM = 3.0  # closer than this, any bearing will do


def _alt(words: Sequence[str]) -> str:
    """Regex alternation of phrases, longest first, spaces/hyphens matching loosely."""
    escaped = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w).replace(r"\-", "\0")
        e = e.replace(r"\ ", r"[\s\-]+").replace("\0", r"[\s\-]?")
        escaped.append(e)
    return "|".join(escaped)


def _char(ch: str) -> str:
    return r"[\s\-]+" if ch == " " else r"[\s\-]?" if ch == "-" else re.escape(ch)


def _trie(words: Sequence[str]) -> str:
    """The phrases of :func:`_alt` (the same texts match) as a trie
    (:func:`~warlog.nlp.alternation.trie_alternation`), to be matched case-insensitively."""
    return trie_alternation(words, _char, lower=True)


def _words_alt(words: Sequence[str]) -> str:
    """Regex alternation of literal phrases, longest first, a space matching any spaces."""
    phrases = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + ")"


@dataclass(frozen=True, slots=True)
class Patterns:
    relation: re.Pattern[str]  # "[7 km] north of [the town of] " at the end of the left text
    distance_from: re.Pattern[str]  # "30 km from " / "30 km outside "
    near: re.Pattern[str]  # "near [the town of] "
    inside: re.Pattern[str]  # "in the centre of " / "the town of "
    part_of: re.Pattern[str]  # "<name> neighbourhood of " / "southern perimeter of "
    adjective: re.Pattern[str]  # "southern "
    between: re.Pattern[str]  # "[road] between [the villages of] "
    facility_at: re.Pattern[str]  # " in " / " at " after a facility phrase
    after: re.Pattern[str]  # " air base" / " airport" / " desert" after the mention
    facility_word: re.Pattern[str]  # any facility word (for phrase scanning)
    facility_phrase: re.Pattern[str]  # "[the] Panorama checkpoint" anywhere (a name of its own)
    # what facility_phrase needs: a site word after a space, ending a word (a trie, so one
    # pass over the sentence; most sentences have none and the name pattern is not tried)
    facility_needs: re.Pattern[str]
    facility_heads: HeadFilter  # whether a sentence holds a site word's first letters at all
    settlement: re.Pattern[str]  # " city" / " town" after the mention
    between_joiner: re.Pattern[str]  # " and [the] " between the two ends of "between X and Y"
    between_next: re.Pattern[str]  # " and [the] Y" (Y's capitalised words in group 1)
    range_split: re.Pattern[str]  # "10 to 20", "10-20": the numbers of a range
    leading_article: re.Pattern[str]  # "the " opening a location's name
    # per left-context pattern above (relation ... facility_at): the lower-case words its
    # match can end with (before the final spaces); a left text ending otherwise cannot match
    left_ends: dict[str, tuple[str, ...]]
    left_end_len: int  # the longest of those words


@cached
def patterns() -> Patterns:
    lex = geo_lexicon()
    words_all = load_yaml("geo.yaml")
    words = words_all["location_phrase_words"]

    def alt(key: str) -> str:
        return _words_alt(words[key])

    dirs = _alt(list(lex.directions))
    units = _alt(list(lex.distance_units))
    the, of = alt("article"), alt("of")
    settle = rf"(?:{alt('settlement_of')}\s+{of}\s+)?"
    num = rf"\d+(?:[.,]\d+)?(?:\s*(?:-|–|{alt('range_words')})\s*\d+(?:[.,]\d+)?)?"
    facility = _alt(list(lex.facility_words))
    holdings = {str(w).lower() for w in words_all["side_holdings"]}
    # a site's own name: what a side holds ("SDF positions") names no site, and a party's
    # acronym or nationality ("ISIL headquarters", "a Russian base") is no name of one
    site = _alt([w for w in lex.facility_words if w not in holdings])
    demonyms = [str(d) for names in words_all["demonyms"].values() for d in names]
    # the demonyms as a trie (the same texts match as their longest-first alternation, in
    # the same order): the flat list of ~300 was tried at every capitalised word
    party = rf"(?:[A-Z]{{2,}}s?|{trie_alternation(demonyms, spaced_char)})(?![\w'’\-])"
    cap = r"(?:al-)?[A-Z][\w'’\-]*"
    areas = _alt(list(lex.area_words))
    parts = _alt(list(lex.part_words))
    adjectives = _alt(list(lex.direction_adjectives))
    near = _alt(list(lex.near_phrases))
    inside = _alt([p for p in lex.inside_phrases if p not in lex.bare_inside_prepositions])
    joiner = alt("between_joiners")
    flags = re.IGNORECASE
    the_of = _last_words(words["article"]) | _last_words(words["of"])
    left_ends = {
        "relation": the_of,
        "distance_from": the_of | _last_words(words["distance_from"]),
        "near": the_of | _last_words(lex.near_phrases),
        "inside": the_of
        | _last_words([p for p in lex.inside_phrases if p not in lex.bare_inside_prepositions]),
        "part_of": the_of,
        "adjective": _last_words(lex.direction_adjectives),
        "between": _last_words(words["between"]) | _last_words(words["of"]),
        "facility_at": the_of | _last_words(words["facility_at"]),
    }
    return Patterns(
        relation=re.compile(
            rf"(?:(?P<dist>{num})\s*(?P<unit>{units})\.?\s+)?(?:{alt('relation_leads')}\s+)?"
            rf"(?P<dir>{dirs}){alt('direction_endings')}?\s+{of}\s+(?:{the}\s+)?{settle}$",
            flags,
        ),
        distance_from=re.compile(
            rf"(?P<dist>{num})\s*(?P<unit>{units})\.?\s+{alt('distance_from')}"
            rf"\s+(?:{the}\s+)?{settle}$",
            flags,
        ),
        near=re.compile(rf"(?<![\w-])(?P<near>{near})\s+(?:{the}\s+)?{settle}$", flags),
        inside=re.compile(
            rf"(?<![\w-])(?:(?P<inside>{inside})\s+(?:{the}\s+)?{settle}|(?:{the}\s+)?"
            rf"(?P<settle>{alt('settlement_of_inside')})\s+{of}\s+)$",
            flags,
        ),
        part_of=re.compile(
            rf"(?:(?P<adj>{adjectives})\s+)?(?P<part>{parts})\s+{of}\s+(?:{the}\s+)?{settle}$",
            flags,
        ),
        adjective=re.compile(rf"(?<![\w-])(?P<adj>{adjectives})\s+$", flags),
        between=re.compile(
            rf"(?:(?P<road>{alt('between_heads')})\s+)?{alt('between')}\s+"
            rf"(?:(?:{the}\s+)?(?:{alt('settlement_of')})\s+{of}\s+)?$",
            flags,
        ),
        facility_at=re.compile(rf"\s+{alt('facility_at')}\s+(?:{the}\s+)?{settle}$", flags),
        after=re.compile(
            rf"\s+(?P<mid>(?:(?:(?-i:[A-Z][\w'’\-]*)|{alt('facility_name_words')})\s+){{0,3}}?)"
            rf"(?P<what>{facility}|{areas})(?![\w-])",
            flags,
        ),
        facility_word=re.compile(rf"(?<![\w-])(?:{facility}|{areas})(?![\w-])", flags),
        facility_phrase=re.compile(
            rf"(?<![\w-])(?:{the}\s+)?(?P<name>(?:(?:{party}|\d+)\s+){{0,3}}(?!{party})"
            rf"{cap}\s+(?:(?:{cap}|\d+)\s+){{0,3}}(?i:{site}))(?![\w-])"
        ),
        facility_needs=re.compile(
            rf"\s(?i:{_trie([w for w in lex.facility_words if w not in holdings])})(?![\w-])"
        ),
        facility_heads=HeadFilter(w for w in lex.facility_words if w not in holdings),
        settlement=re.compile(rf"\s+{alt('settlement_after')}\b", flags),
        between_joiner=re.compile(rf"\s+{joiner}\s+(?:{the}\s+)?"),
        between_next=re.compile(rf"\s+{joiner}\s+(?:{the}\s+)?((?:[A-Z][\w'’\-]*\s?){{1,4}})"),
        range_split=re.compile(rf"\s*(?:-|–|{alt('range_words')})\s*"),
        leading_article=re.compile(
            rf"^{_words_alt(lang.wordlist('grammar', 'articles'))}\s+", re.IGNORECASE
        ),
        left_ends={k: tuple(sorted(v)) for k, v in left_ends.items()},
        left_end_len=max(len(w) for v in left_ends.values() for w in v),
    )


def _last_words(phrases: Sequence[str]) -> set[str]:
    """The last word of each phrase, lower case, as :func:`_alt` and :func:`_words_alt`
    match it (spaces and hyphens split words). A word that lower-casing cannot compare
    exactly (not ASCII) or an empty one becomes "", which every text ends with."""
    out = set()
    for p in phrases:
        w = re.split(r"[\s\-]+", str(p).strip())[-1].lower()
        out.add(w if w.isascii() else "")
    return out


def left_end(left: str, n: int) -> str | None:
    """The last ``n`` characters of ``left`` before its final spaces, lower case, for a
    ``str.endswith`` test against :attr:`Patterns.left_ends`; ``None`` (test nothing) when
    they are not all ASCII, where case-insensitive matching is more than lower-casing."""
    t = left.rstrip()[-n:]
    return t.lower() if t.isascii() else None


def clean(name: str) -> str:
    name = SPACES.sub(" ", name).strip(" ,;:")
    return patterns().leading_article.sub("", name)


def location_of(
    name: str, place: Place, precision: int, start: int, end: int, geonameid: bool = True
) -> Location:
    return Location(
        name=clean(name),
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=precision,
        country=place.country or None,
        admin1=admin1_name(place.admin1),
        start=start,
        end=end,
        geonameid=place.geonameid if geonameid else None,
    )


# ----------------------------------------------------------------------------- phrases
_WORD_BACK = re.compile(r"(\(?[\w'’\-]+\)?)\s*$")
# the ASCII characters of _WORD_BACK's word class ([\w'’\-] less "’")
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'-"


def word_back(text: str, lo: int) -> int | None:
    """Where ``_WORD_BACK.search(text, lo)`` starts for a ``text`` with no trailing white
    space (its match then ends the text), read backwards: the run of word characters that
    ends the text (before one closing bracket), from ``lo`` on, and one opening bracket
    before it. The regex tries every position from ``lo``; this reads only the last word.
    A window that is not ASCII is searched as before."""
    n = len(text)
    window = text[lo:n]
    if not window.isascii():
        m = _WORD_BACK.search(text, lo)
        return None if m is None else m.start(1)
    e = n - 1 if window.endswith(")") else n
    r = lo + len(text[lo:e].rstrip(_WORD_CHARS))
    if r >= e:
        return None
    return r - 1 if r > lo and text[r - 1] == "(" else r


_WINDOW = 64  # characters of left context the relation words can span
TRAILING_COMMA = re.compile(r",\s*$")


def tail(text: str) -> int:
    """Start position for a ``$``-anchored search: only the last :data:`_WINDOW` chars."""
    return max(0, len(text) - _WINDOW)


_MODIFIER = re.compile(r"[a-z]+(?:-[a-z]+)?")
_NAME_BEFORE = re.compile(r"(?:^|\s)((?:al-|el-)?[A-Z][\w'’\-]*)\s+$")


def phrase_start(left: str, end: int) -> int | None:
    """Start of a facility/name phrase that ends at ``end`` in ``left`` (scanning back).

    Takes capitalised words, numbers, facility/area words and article-prefixed names;
    stops at other lower-case words, "the"/"a", and punctuation other than a bracketed
    aside ("the Regiment 121 base (known as the Melbiya Regiment)"). ``None`` if the phrase
    has neither a facility word nor a capitalised name.
    """
    lex = geo_lexicon()
    pat = patterns()
    pos = end
    start = None
    has_name = has_facility = False
    while pos > 0:
        text = left[:pos].rstrip()
        if text.endswith(")"):
            opening = text.rfind("(")
            if opening < 0:
                break
            pos = opening
            continue
        at = word_back(text, max(0, len(text) - 80))  # the text ends with no white space
        if at is None:
            break
        word = text[at:].strip("()")
        low = word.lower()
        if not word:
            break
        if word[0].isupper() or word[0].isdigit() or low.startswith(("al-", "el-", "ad-", "ar-")):
            if low in lang.wordlist("grammar", "articles"):
                break
            if (word.isupper() and len(word) > 1) or low in lex.months:
                break  # an acronym ("ISIL", "SDF") or a date is no part of a place's name
            has_name = has_name or not word[0].isdigit()
        elif pat.facility_word.fullmatch(low) or low in lex.facility_modifiers:
            has_facility = has_facility or bool(pat.facility_word.fullmatch(low))
        elif has_facility and not has_name and _MODIFIER.fullmatch(word):
            # "the Khazanat fueling base": a lower-case modifier is kept only when a name
            # comes right before it
            named = _NAME_BEFORE.search(text, max(0, at - 80), at)
            if not named or named.group(1).lower() in lang.wordlist("grammar", "articles"):
                break
        else:
            break
        start = at
        pos = start
    if start is None or not (has_name or has_facility):
        return None
    return start


def has_proper_name(phrase: str) -> bool:
    """A capitalised word that is no acronym nor a common word ("Panorama", "Ba'ath")."""
    lex = geo_lexicon()
    for word in re.findall(r"[A-Z][\w'’\-]*", phrase):
        norm = normalize(word)
        if not word[:2].isupper() and norm not in lex.common_words and norm not in lex.months:
            return True
    return False
