"""Infobox values as items: lines split, debris removed, each with its offsets in the file.

A value's text keeps its words; flags (emoji and ``![]()`` images), list bullets and note
markers (``[5]``, ``[d]``) are dropped from the item's text, and the item's offsets cover the
run of the file it was read from.
"""

from __future__ import annotations

import re

from warlog.profile.model import Span

_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]+")
_SPLIT = re.compile("[\U0001F1E6-\U0001F1FF]+|[ \t]{2,}")
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
_GAP = r"(?:\s|\\n|<[^>\n]{0,200}>|&[#\w]{1,8};|[\"'*|>:-]|[\U0001F1E6-\U0001F1FF])"


def _pattern(text: str) -> re.Pattern[str] | None:
    """Words and signs of ``text`` in order, with white space, markup, entities, quotes and
    flags allowed between them (a sign may be written as an HTML entity)."""
    tokens = _TOKEN.findall(text)[:80]
    if not tokens:
        return None
    parts = []
    for k, tok in enumerate(tokens):
        if k:
            parts.append(f"{_GAP}+" if tok[0].isalnum() and tokens[k - 1][-1].isalnum()
                         else f"{_GAP}*")
        parts.append(re.escape(tok) if tok[0].isalnum()
                     else f"(?:{re.escape(tok)}|&[#\\w]{{1,8}};)")
    return re.compile("".join(parts))


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
        pat = _pattern(text)
        if pat is None:
            return Span(text)
        m = pat.search(self.raw, self.cursor, self.end)
        if m is None:
            return Span(text)
        if move:
            self.cursor = m.end()
        return Span(text, m.start(), m.end())

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
