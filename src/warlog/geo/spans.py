"""The place spotter's candidate spans: a sentence's capitalised word runs.

:func:`tokens` keeps capitalised words (also with a glued lower-case article, "al-Salhiya")
and stand-alone name particles ("Ras al Ayn"); :func:`spans` joins them into maximal runs
separated by single spaces, which :mod:`warlog.geo.places` tries n-gram by n-gram. The words
around a run (:func:`word_before`, :func:`word_after`) and the region words that turn a run
into a region ("Idlib Governorate", "Governorate of Idlib": :func:`suffix_re`,
:func:`prefix_re`) are read here too; all words come from ``data/geo.yaml``.
"""

from __future__ import annotations

import re
import string

from warlog.data import cached, load_yaml
from warlog.geo.lexicon import geo_lexicon
from warlog.nlp.alternation import trie_alternation

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)[\s,]*$")
_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")
SPACES = re.compile(r"\s+")


# token: (start, end, text, capitalised, particle)
Tok = tuple[int, int, str, bool, bool]


@cached
def token_re() -> re.Pattern[str]:
    """Capitalised words (or article-prefixed: "al-Salhiya") and stand-alone particles only."""
    particles = "|".join(sorted((re.escape(p) for p in geo_lexicon().particles), key=len)[::-1])
    body = r"[\w'’ʿʾ‘`]*(?:[-‐‑][\w'’ʿʾ‘`]+)*"
    # a lower-case article glued to a capitalised name: "al-Salhiya", "ez-Zor", "d'Ivoire"
    prefixes = "|".join(map(re.escape, load_yaml("geo.yaml")["name_parts"]["span_prefixes"]))
    article = rf"(?:{prefixes})[-‐‑'’](?=[A-Z])"
    # the look-behind shared by a name and a particle is tested once per position (speed;
    # the same matches as each alternative with its own look-behind)
    return re.compile(
        r"(?P<acr>(?:[A-Z]\.){2,})"
        rf"|(?<![\w'’‘`ʿʾ\-‐‑])(?:(?P<cap>(?:{article}|[^\W\d_a-z]){body})"
        rf"|(?P<part>{particles})(?![\w'’‘`ʿʾ\-‐‑]))"
    )


@cached
def _ascii_token_re() -> re.Pattern[str]:
    """:func:`token_re` for an ASCII text, searched faster: each match first steps over, in one
    run of the regex engine, the words and marks at which no token can start, then holds the
    token (group ``tok``), or nothing at the end of the text. In an ASCII text a token starts
    only at a capital letter that opens a word or an abbreviation's letters ("U.S."), or at a
    word opening with a glued article or being a particle; every other place is stepped over:
    a run of other characters, a run of letters inside a word (after a word character, a
    quote or a hyphen: what the look-behind of :func:`token_re` refuses), and a lower-case
    word that opens with no article and is no particle. So the tokens are those of
    :func:`token_re`, found without starting the engine at every character."""
    inner = r"A-Za-z0-9_'`\-"  # token_re's look-behind class, ASCII part
    prefixes = load_yaml("geo.yaml")["name_parts"]["span_prefixes"]
    article = rf"{trie_alternation(str(p) for p in prefixes)}[-'](?=[A-Z])"
    particle = rf"{trie_alternation(geo_lexicon().particles)}(?![{inner}])"
    skip = (rf"(?:(?<![{inner}])(?!{article}|{particle})[a-z]++|[^A-Za-z]++"
            rf"|(?<=[{inner}])(?:[a-z]++|(?![A-Z]\.[A-Z]\.)[A-Z]))*+")
    return re.compile(rf"{skip}(?:(?P<tok>{token_re().pattern})|\Z)")


def tokens(text: str, particles: frozenset[str]) -> list[Tok]:
    """Capitalised words and particles; other words are left out (they break spans anyway,
    as the text between two kept tokens is then more than a space)."""
    out: list[Tok] = []
    if text.isascii():
        for m in _ascii_token_re().finditer(text):
            start, end = m.span("tok")
            if start < 0:
                continue  # the end of the text
            word = text[start:end]
            if m.start("part") >= 0:
                out.append((start, end, word, False, True))
                continue
            if len(word) > 3 and word[-2] == "'" and word[-1] == "s":
                word = word[:-2]  # possessive: "Raqqa's"
                end -= 2
            out.append((start, end, word, True, False))
        return out
    for m in token_re().finditer(text):
        word = m.group()
        start, end = m.span()
        if m.lastgroup == "part":
            out.append((start, end, word, False, True))
            continue
        first = word[0]
        if first.islower() and not ("a" <= first <= "z"):
            continue  # a non-ASCII lower-case letter slipped through [^\W\d_a-z]
        if len(word) > 3 and word[-2] in "'’" and word[-1] == "s":
            word = word[:-2]  # possessive: "Raqqa's"
            end -= 2
        out.append((start, end, word, True, False))
    return out


@cached
def name_abbreviations() -> dict[str, str]:
    """A name's abbreviated first word and its full form ("st": "saint"), from ``name_parts``
    of ``data/geo.yaml``."""
    raw = load_yaml("geo.yaml")["name_parts"].get("abbreviations") or {}
    return {str(k).lower(): str(v) for k, v in raw.items()}


def _joined(text: str, toks: list[Tok], j: int) -> bool:
    """Whether token ``j`` goes on the name of token ``j - 1``: one space between them, or
    a full stop and a space after an abbreviated first word ("St. Quentin")."""
    gap = text[toks[j - 1][1] : toks[j][0]]
    if gap in (" ", "\u00a0"):
        return True
    return gap in (". ", ".\u00a0") and toks[j - 1][3] and (
        toks[j - 1][2].lower() in name_abbreviations())


def spans(text: str, toks: list[Tok]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (particles allowed inside) as token index ranges."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i][3]:
            i += 1
            continue
        j = i + 1
        last_cap = i
        while j < n and (toks[j][3] or toks[j][4]) and _joined(text, toks, j):
            if toks[j][3]:
                last_cap = j
            j += 1
        spans.append((i, last_cap + 1))
        i = last_cap + 1
    return spans


@cached
def suffix_re() -> re.Pattern[str]:
    words = sorted(geo_lexicon().region_suffixes, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\u2010 ]") for w in words)
    return re.compile(rf"\s+({alt})\b", re.IGNORECASE)


@cached
def prefix_re() -> re.Pattern[str]:
    words = sorted(geo_lexicon().region_prefixes, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    the = "|".join(map(re.escape, load_yaml("geo.yaml")["location_phrase_words"]["article"]))
    return re.compile(rf"\b({alt})\s+(?:(?:{the})\s+)?$", re.IGNORECASE)


# the letters the backward word readers of geo/ step over (spans, persons, places)
LETTERS = frozenset(string.ascii_letters)
_WORD_CHARS = LETTERS | {".", "-"}


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` (past spaces and commas), lower case, without a final
    period: what ``_WORD_BEFORE.search(text, max(0, start - 40), start)`` finds, read
    backwards from ``start`` instead of trying the pattern at each of the 40 positions."""
    lo = max(0, start - 40)
    w = start
    while w > lo and (text[w - 1] == "," or text[w - 1].isspace()):
        w -= 1
    r = w
    while r > lo and text[r - 1] in _WORD_CHARS:
        r -= 1
    while r < w and text[r] not in LETTERS:
        r += 1  # the word starts with a letter ("-Zor" reads "Zor")
    return text[r:w].lower().rstrip(".") if r < w else ""


def word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text, end)
    return m.group(1).lower() if m else ""
