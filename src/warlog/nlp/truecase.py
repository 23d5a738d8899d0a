"""Text written in one case: wire copy in capitals, chat exports in lower case.

Every reader downstream tells names from words by their capital ("the March offensive" from
"march", "Kabul" from "kabul"), so a paragraph with no case information yields nothing. This
module decides, paragraph by paragraph, whether the text is *caseless* (almost all letters
upper case, or almost none), and rewrites such a paragraph as ordinary text of the same length:

- everything lower case, the first letter of each sentence capitalised;
- a word the language files know as a common word (any word written in lower case in
  ``lang/<language>/*.yaml`` or the domain lexicons) stays lower case;
- month and weekday names are capitalised (an abbreviation or "may" only next to a day number);
- an acronym of the actor dictionary ("FARC", "ELN") is written in capitals, and a name of
  several words with the dictionary's capitals ("Shining Path");
- a country, a demonym, or a gazetteer place (a place's main name; an alternate name only
  after a place cue such as "in" or "near") is capitalised, up to three words at a time
  ("la paz" -> "La Paz").

Offsets never move: one character in, one character out. Ordinary text costs one pass that
counts its letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from warlog import lang
from warlog.data import cached, load_yaml

# Thresholds of the caseless test: a paragraph with at least MIN_LETTERS letters is caseless
# when the share of capitals is above UPPER_SHARE (wire capitals: headlines and datelines of
# ordinary text stay below) or below LOWER_SHARE (no sentence starts with a capital).
MIN_LETTERS = 24
UPPER_SHARE = 0.75
LOWER_SHARE = 0.004
MAX_NGRAM = 3
BLOCK = 65_536  # characters truecased at a time (see _blocks)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*)([\"“‘(]*)([^\W\d_])")
_DIGIT_NEAR = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+")

_VOCABULARY_FILES = ("triggers.yaml", "casualties.yaml", "extraction.yaml", "time.yaml",
                     "taxonomy.yaml", "geo.yaml", "actors.yaml")
_LANGUAGE_FILES = ("grammar", "numbers", "titles", "abbreviations")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


@cached
def vocabulary() -> frozenset[str]:
    """Every word written in lower case somewhere in the language and domain word lists."""
    words: set[str] = set()
    sources: list[Any] = [load_yaml(name) for name in _VOCABULARY_FILES]
    sources += [lang.words(name) for name in _LANGUAGE_FILES]
    for source in sources:
        for s in _strings(source):
            words.update(_LOWER_WORD.findall(s))
    return frozenset(words)


@cached
def _calendar() -> tuple[dict[str, str], dict[str, str]]:
    """Month and weekday names by their lower-case form: (always capitalised, next to a
    number only). "may" and the abbreviations ("mar", "jan") are also ordinary words."""
    language = lang.language()
    vocab = vocabulary()
    always: dict[str, str] = {}
    near_number: dict[str, str] = {}
    for name in (*language.months, *language.weekdays):
        (near_number if name.lower() in vocab else always)[name.lower()] = name
    for name in language.month_abbreviations:
        near_number[name.lower()] = name
    return always, near_number


@cached
def _acronyms() -> dict[str, str]:
    """The actor dictionary's acronyms ("FARC", "M23") by their lower-case form."""
    from warlog.actors.lexicon import load_lexicon

    out: dict[str, str] = {}
    vocab = vocabulary()
    for p in load_lexicon().patterns:
        alias = p.alias
        acronym = alias.isupper() and alias.isalnum() and len(alias) > 1
        if acronym and alias.lower() not in vocab:
            out[alias.lower()] = alias
    return out


@cached
def _actor_phrases() -> tuple[dict[str, str], int]:
    """Names of several words of the actor dictionary by their folded form ("shining path"
    -> "Shining Path"), and the longest one's word count. A name the dictionary writes with
    capitals matches only where the text has them ("southern front" is no group), so a
    truecased name takes the capitals of the dictionary's form, as ordinary text writes it."""
    from warlog.actors.lexicon import load_lexicon

    forms: dict[str, str] = {}
    for p in load_lexicon().patterns:
        if p.role == "actor" and " " in p.key and len(p.alias) == len(p.key):
            known = forms.get(p.key)
            if known is None or sum(map(str.isupper, p.alias)) > sum(map(str.isupper, known)):
                forms[p.key] = p.alias
    return forms, max((k.count(" ") + 1 for k in forms), default=0)


def _actor_at(words: list[tuple[int, int, str]], i: int, low: str) -> tuple[int, str]:
    """How many words from ``i`` on form a multi-word actor name (0: none), and its form."""
    from warlog.actors.normalize import fold

    forms, longest = _actor_phrases()
    for n in range(min(longest, len(words) - i), 1, -1):
        form = forms.get(fold(low[words[i][0] : words[i + n - 1][1]]))
        if form is not None:
            return n, form
    return 0, ""


_ASCII_UPPER = bytes(range(65, 91))
_ASCII_LOWER = bytes(range(97, 123))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _case_counts(chunk: str) -> tuple[int, int]:
    """Capital and small letters of ``chunk``: byte deletions for its ASCII characters (every
    document is tested, so this runs over the whole corpus), the Unicode test for the others
    only (a paragraph with a curly quote or an accent is still mostly ASCII; an ASCII
    character is upper / lower case exactly when it is A-Z / a-z)."""
    if chunk.isascii():
        raw = chunk.encode("ascii")
        return (len(raw) - len(raw.translate(None, _ASCII_UPPER)),
                len(raw) - len(raw.translate(None, _ASCII_LOWER)))
    raw = chunk.encode("ascii", "ignore")  # (lone surrogates too: they have no case)
    others = _NON_ASCII.findall(chunk)
    return (len(raw) - len(raw.translate(None, _ASCII_UPPER)) + sum(map(str.isupper, others)),
            len(raw) - len(raw.translate(None, _ASCII_LOWER)) + sum(map(str.islower, others)))


def caseless_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` written in one case (offsets), each long enough to tell."""
    out: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        upper, lower = _case_counts(para.group())
        letters = upper + lower
        if letters >= MIN_LETTERS and (
            upper > UPPER_SHARE * letters or upper < LOWER_SHARE * letters
        ):
            out.append(para.span())
    return out


def is_caseless(text: str) -> bool:
    return bool(caseless_spans(text))


def truecase(text: str) -> str:
    """``text`` with its caseless paragraphs rewritten as ordinary text (same length)."""
    spans = caseless_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        out.extend(_truecase_paragraph(text[bs:be]) for bs, be in _blocks(text, s, e))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most :data:`BLOCK` characters, cut after a
    sentence's end where there is one (else after a space): a paragraph of wire copy is one
    piece, and a runaway "paragraph" of megabytes (a scrape without line breaks) is read in
    pieces whose word tables stay small, so memory does not grow with it."""
    while end - start > BLOCK:
        window = text[start + BLOCK // 2 : start + BLOCK]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        if ends:
            cut = start + BLOCK // 2 + ends[-1]
        else:
            space = window.rfind(" ")
            cut = start + BLOCK // 2 + space + 1 if space >= 0 else start + BLOCK
        yield start, cut
        start = cut
    yield start, end


def _lower(text: str) -> str:
    return "".join(lo if len(lo := ch.lower()) == 1 else ch for ch in text)


def _truecase_paragraph(text: str) -> str:
    from warlog.geo.lexicon import geo_lexicon
    from warlog.plugins import geocoder

    low = _lower(text)
    chars = list(low)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]
    vocab = vocabulary()
    always, near_number = _calendar()
    acronyms = _acronyms()
    geo = geo_lexicon()
    gaz = geocoder()

    def cap(s: int, e: int, form: str | None = None) -> None:
        if form is not None and len(form) == e - s:
            chars[s:e] = form
        else:
            chars[s] = chars[s].upper()

    i = 0
    while i < len(words):
        s, e, w = words[i]
        if w in acronyms:
            cap(s, e, acronyms[w])
            i += 1
            continue
        if w in always:
            cap(s, e)
            i += 1
            continue
        if w in near_number and _DIGIT_NEAR.search(low, max(0, s - 4), min(len(low), e + 4)):
            cap(s, e)
            i += 1
            continue
        actor, form = _actor_at(words, i, low)
        if actor:
            s = words[i][0]
            for k, ch in enumerate(form):
                if ch.isupper():
                    chars[s + k] = chars[s + k].upper()
            i += actor
            continue
        took = _place(words, i, low, vocab, geo, gaz)
        for k in range(i, i + took):
            ws, we, ww = words[k]
            if k == i or ww not in geo.particles:
                cap(ws, we)
        i += max(took, 1)
    for m in _SENTENCE_START.finditer(low):
        chars[m.start(2)] = chars[m.start(2)].upper()
    return "".join(chars)


def _place(words: list[tuple[int, int, str]], i: int, low: str, vocab: frozenset[str],
           geo: Any, gaz: Any) -> int:
    """How many words from ``i`` on form a country, a demonym or a place name (0: none)."""
    for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
        group = words[i : i + n]
        if any(low[a[1] : b[0]].strip() for a, b in zip(group, group[1:], strict=False)):
            continue  # words must be separated by spaces only
        phrase = low[group[0][0] : group[-1][1]]
        names = [w for _, _, w in group]
        if all(w in vocab or w in geo.particles for w in names) or len(phrase) < 3:
            continue
        if n == 1 and names[0] in vocab:
            continue
        if gaz.country_of_name(phrase) is not None or gaz.is_demonym(phrase):
            return n
        matches = [m for m in gaz.matches(phrase, skeleton=False) if m.tier == 0]
        if not matches:
            continue
        if any(m.main_name for m in matches):
            return n
        before = words[i - 1][2] if i else ""
        big = any(m.place.population >= geo.thresholds["neighbour_min_population"]
                  for m in matches)
        if big and before in geo.place_cues:
            return n
    return 0
