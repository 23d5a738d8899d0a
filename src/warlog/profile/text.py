"""Infobox values as items: lines split, debris removed, each with its offsets in the file.

A value's text keeps its words; flags (emoji and ``![]()`` images), list bullets and note
markers (``[5]``, ``[d]``) are dropped from the item's text, and the item's offsets cover the
run of the file it was read from.
"""

from __future__ import annotations

import re

from warlog.ingest.clean import FLAG_EMOJI as _FLAG
from warlog.profile.model import Span

_SPLIT = re.compile("[\U0001f1e6-\U0001f1ff]+|[ \t]{2,}")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_FILE = re.compile(r"\S+\.(?:svg|png|jpe?g|gif)\b", re.IGNORECASE)
_FILE_LEAD = re.compile(r"^[^\n]*\.(?:svg|png|jpe?g|gif)\b\s+(?=\w)", re.IGNORECASE)
_NOTE = re.compile(r"\[(?:[a-z]|\d{1,3}|[a-z ]{3,20} needed)\]", re.IGNORECASE)
_BULLET = re.compile(r"^[\s*•#:;|]+")
_UNDEFINED = re.compile(r"\bundefined\b")
_EDGE = " \t\r\n*•|,;:-–—"
_LINE = re.compile(r"[^\n]+")


def clean(text: str) -> str:
    """An item's readable text (flags, images, notes and bullets gone, spaces single)."""
    text = _IMAGE.sub(" ", text)
    text = _FLAG.sub(" ", text)
    text = _FILE_LEAD.sub("", text.strip(" *•\t"))
    text = _FILE.sub(" ", text)
    text = _NOTE.sub(" ", text)
    text = _UNDEFINED.sub(" ", text)
    text = _BULLET.sub("", text)
    return " ".join(text.split()).strip(" *•|,;")


def span_of(raw: str, start: int, end: int) -> Span | None:
    """The cleaned item of ``raw[start:end]``, its offsets trimmed to its first and last word."""
    text = clean(raw[start:end])
    if not text or not any(ch.isalnum() for ch in text):
        return None
    piece = raw[start:end]
    first = text.split()[0]
    last = text.split()[-1]
    i = piece.find(first)
    j = piece.rfind(last)
    s = start + i if i >= 0 else start
    e = start + j + len(last) if j >= 0 and j >= i else end
    return Span(text, s, e)


def line_items(raw: str, start: int, end: int) -> list[Span]:
    """One item per non-empty line of ``raw[start:end]``."""
    out = []
    for m in _LINE.finditer(raw, start, end):
        sp = span_of(raw, m.start(), m.end())
        if sp is not None:
            out.append(sp)
    return out


_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTES = frozenset("\"'*|>:-")
_FLAGS = ("\U0001f1e6", "\U0001f1ff")
_MAX_TOKENS = 80
_TAG_BODY = 200  # characters a tag may hold between its brackets
_ENTITY_BODY = 8  # characters of an entity's name (#, letters, digits)


def _tokens(text: str) -> list[tuple[str, bool, bool]] | None:
    """Words and signs of ``text`` (at most 80): each with whether it is a word (a sign may be
    written as an HTML entity) and whether at least one gap must precede it (two words)."""
    tokens = _TOKEN.findall(text)[:_MAX_TOKENS]
    if not tokens:
        return None
    return [
        (tok, tok[0].isalnum(), bool(k) and tok[0].isalnum() and tokens[k - 1][-1].isalnum())
        for k, tok in enumerate(tokens)
    ]


def _entity_end(raw: str, i: int, end: int) -> int:
    """End of an HTML entity (``&[#\\w]{1,8};``) starting at ``raw[i]``, or -1."""
    j = i + 1
    stop = min(i + 1 + _ENTITY_BODY, end)
    while j < stop and (raw[j] == "#" or raw[j].isalnum() or raw[j] == "_"):
        j += 1
    return j + 1 if j > i + 1 and j < end and raw[j] == ";" else -1


def _gap_end(raw: str, i: int, end: int) -> int:
    """End of one gap unit starting at ``raw[i]`` (white space, a literal backslash-n, a tag,
    an entity, a quote or markup sign, a flag), or -1."""
    ch = raw[i]
    if ch.isspace() or ch in _QUOTES or _FLAGS[0] <= ch <= _FLAGS[1]:
        return i + 1
    if ch == "\\":
        return i + 2 if i + 1 < end and raw[i + 1] == "n" else -1
    if ch == "<":
        j = raw.find(">", i + 1, min(i + 2 + _TAG_BODY, end))
        return j + 1 if j >= 0 and raw.find("\n", i + 1, j) < 0 else -1
    if ch == "&":
        return _entity_end(raw, i, end)
    return -1


def _match(
    raw: str, toks: list[tuple[str, bool, bool]], k: int, i: int, end: int,
    memo: dict[tuple[int, int], int],
) -> int:
    """End of ``toks[k:]`` matched at ``raw[i]`` (-1 if not), trying the alternatives in the
    order a backtracking regex would: a sign literally before as an entity, the most gap
    units first. ``memo`` keeps each (token, position) answer of one search, so a value of
    many quote signs against a run of quotes costs tokens x positions, not their powers."""
    key = (k, i)
    if key not in memo:
        memo[key] = _match_at(raw, toks, k, i, end, memo)
    return memo[key]


def _match_at(
    raw: str, toks: list[tuple[str, bool, bool]], k: int, i: int, end: int,
    memo: dict[tuple[int, int], int],
) -> int:
    tok, word, _ = toks[k]
    ends = []
    if raw.startswith(tok, i, end):
        ends.append(i + len(tok))
    if not word and i < end and raw[i] == "&":
        e = _entity_end(raw, i, end)
        if e >= 0:
            ends.append(e)
    if k + 1 == len(toks):
        return ends[0] if ends else -1
    need_gap = toks[k + 1][2]
    for e in ends:
        stops = [e]
        j = e
        while j < end:
            j = _gap_end(raw, j, end)
            if j < 0:
                break
            stops.append(j)
        for n in range(len(stops) - 1, 0 if need_gap else -1, -1):
            m = _match(raw, toks, k + 1, stops[n], end, memo)
            if m >= 0:
                return m
    return -1


def _search(
    raw: str, toks: list[tuple[str, bool, bool]], pos: int, end: int
) -> tuple[int, int] | None:
    """The leftmost match of ``toks`` in ``raw[pos:end]``: the words and signs in order, with
    white space, markup, entities, quotes and flags allowed between them (at least one
    between two words). Plain string searches find where the first token may start."""
    end = min(end, len(raw))
    first, word, _ = toks[0]
    i = raw.find(first, pos, end)
    amp = -1 if word else raw.find("&", pos, end)
    memo: dict[tuple[int, int], int] = {}
    while i >= 0 or amp >= 0:
        s = i if amp < 0 or 0 <= i < amp else amp
        m = _match(raw, toks, 0, s, end, memo)
        if m >= 0:
            return s, m
        if s == i:
            i = raw.find(first, i + 1, end)
        if s == amp:
            amp = raw.find("&", amp + 1, end)
    return None


class Locator:
    """Finds values of a parsed structure (YAML, HTML) in the original text, in order.

    Values are searched from a cursor that moves forward, so a name said twice is placed at
    the occurrence of the field being read; line breaks, quotes and markup between the words
    are allowed. A value not found keeps offsets -1.
    """

    def __init__(self, raw: str, start: int = 0, end: int | None = None) -> None:
        self.raw = raw
        self.cursor = start
        self.end = len(raw) if end is None else end

    def seek(self, text: str) -> int:
        """Move the cursor past ``text`` (a key, a label); returns its offset or -1."""
        i = self.raw.find(text, self.cursor, self.end)
        if i >= 0:
            self.cursor = i + len(text)
        return i

    def find(self, text: str, move: bool = True) -> Span:
        """``text`` (an item already cleaned) as a span of the original text."""
        toks = _tokens(text)
        if toks is None:
            return Span(text)
        m = _search(self.raw, toks, self.cursor, self.end)
        if m is None:
            return Span(text)
        if move:
            self.cursor = m[1]
        return Span(text, m[0], m[1])

    def items(self, value: str) -> list[Span]:
        """Each non-empty line of a parsed value, cleaned and located."""
        out = []
        for line in value.splitlines():
            # a flag or a run of spaces starts a new name ("🇲🇱 A 🇲🇱 B", "A  B")
            for piece in _SPLIT.split(line.strip()):
                text = clean(piece)
                if text and any(ch.isalnum() for ch in text):
                    out.append(self.find(text))
        return out
