"""Build a cleaned text from slices of the raw text, keeping a map back to the raw offsets.

Every reader writes its output through a :class:`TextBuilder`: it *copies* runs of the raw
text (recorded in the :class:`~warlog.model.OffsetMap` as copied segments) or inserts
*synthetic* text (a paragraph break standing for a dropped table, a decoded HTML entity).
So for every copied character ``raw[to_raw(i)] == text[i]``, which lets each later stage
point at the exact place in the source file a value came from.

The builder also normalises white space as it goes (runs of blanks become one space, no space
before ``,.;:!?)``, paragraphs separated by exactly one blank line), so readers can drop
markup without caring about the spaces it leaves behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from warlog.model import OffsetMap, Section

# White space that is not a lone space: it must be collapsed or replaced.
_IRREGULAR_WS = re.compile(r"[ \t\r\n\f\v]{2,}|[\t\r\n\f\v]")
_WS = " \t\r\n\f\v"
_NO_SPACE_BEFORE = frozenset(",.;:!?)]\u201d")


@dataclass(slots=True)
class Cleaned:
    """What a format reader returns: the cleaned text and what it learned on the way."""

    text: str
    offsets: OffsetMap
    sections: list[Section]
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class TextBuilder:
    """Accumulates cleaned text, its offset map and its section headings."""

    __slots__ = ("raw", "_parts", "_segs", "_len", "_headings", "_heading_open")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        # segments: [clean_start, raw_start, length, copied]
        self._segs: list[list[Any]] = []
        self._len = 0
        self._headings: list[tuple[int, str, int]] = []
        self._heading_open: tuple[int, int] | None = None

    # ------------------------------------------------------------------ state
    def __len__(self) -> int:
        return self._len

    @property
    def last_char(self) -> str:
        """The last character written ("" when nothing was written yet)."""
        return self._parts[-1][-1] if self._parts else ""

    def tail(self, n: int) -> str:
        """The last ``n`` characters written."""
        out: list[str] = []
        got = 0
        for part in reversed(self._parts):
            out.append(part)
            got += len(part)
            if got >= n:
                break
        return "".join(reversed(out))[-n:] if n else ""

    # --------------------------------------------------------------- writing
    def _put(self, text: str, raw_start: int, copied: bool) -> None:
        if not text:
            return
        segs = self._segs
        if copied and segs:
            last = segs[-1]
            if last[3] and last[1] + last[2] == raw_start and last[0] + last[2] == self._len:
                last[2] += len(text)
                self._parts.append(text)
                self._len += len(text)
                return
        segs.append([self._len, raw_start, len(text), copied])
        self._parts.append(text)
        self._len += len(text)

    def copy(self, start: int, end: int) -> None:
        """Append ``raw[start:end]``, collapsing white-space runs to one space."""
        raw = self.raw
        if start >= end:
            return
        last = self.last_char
        # leading white space is dropped at a line start or after a space
        if raw[start] in _WS and (not last or last in _WS):
            while start < end and raw[start] in _WS:
                start += 1
            if start >= end:
                return
        if raw[start] in _NO_SPACE_BEFORE and last == " ":
            self.rstrip()
        piece = raw[start:end]
        if "  " not in piece and "\n" not in piece and "\t" not in piece and "\r" not in piece:
            self._put(piece, start, True)  # the common case: nothing to normalise
            return
        pos = start
        for m in _IRREGULAR_WS.finditer(raw, start, end):
            ws = m.start()
            if ws > pos:
                self._put(raw[pos:ws], pos, True)
            if self._parts and self.last_char not in _WS:
                if raw[ws] == " ":
                    self._put(" ", ws, True)
                else:
                    self._put(" ", ws, False)
            pos = m.end()
        if pos < end:
            self._put(raw[pos:end], pos, True)

    def synth(self, text: str, raw_pos: int) -> None:
        """Append text that is not in the raw file (it maps to ``raw_pos``)."""
        if not text:
            return
        if text[0] in _NO_SPACE_BEFORE and self.last_char == " ":
            self.rstrip()
        if text[0] == " " and (not self._parts or self.last_char in _WS):
            text = text.lstrip(" ")
        self._put(text, raw_pos, False)

    def space(self, raw_pos: int) -> None:
        """Make sure a word boundary separates what comes next from what was written."""
        if self._parts and self.last_char not in _WS:
            self._put(" ", raw_pos, False)

    def newline(self, raw_pos: int) -> None:
        """End the current line (a list item, a heading)."""
        self.rstrip()
        if self._parts and self.last_char != "\n":
            self._put("\n", raw_pos, False)

    def paragraph(self, raw_pos: int) -> None:
        """End the current paragraph: the text ends with exactly one blank line after this."""
        self.rstrip()
        if not self._parts:
            return
        tail = self.tail(2)
        if tail.endswith("\n\n"):
            return
        self._put("\n" if tail.endswith("\n") else "\n\n", raw_pos, False)

    def join_line(self, prev: str, raw_pos: int, is_list_item: bool) -> str:
        """Join a source line to the text before it and return the new line state: a list
        item starts its own line, a text line continues the paragraph of a text line before
        it, anything else opens a paragraph. ``prev`` is "text", "list" or anything else."""
        if is_list_item:
            if prev in ("text", "list"):
                self.newline(raw_pos)
            else:
                self.paragraph(raw_pos)
            return "list"
        if prev == "text":
            self.space(raw_pos)
        elif prev == "list":
            self.newline(raw_pos)
        else:
            self.paragraph(raw_pos)
        return "text"

    def rstrip(self, chars: str = " \t") -> None:
        """Remove trailing ``chars`` from what was written."""
        removed = 0
        parts = self._parts
        while parts:
            last = parts[-1]
            stripped = last.rstrip(chars)
            if stripped == last:
                break
            removed += len(last) - len(stripped)
            if stripped:
                parts[-1] = stripped
                break
            parts.pop()
        if removed:
            self._drop_segments(removed)

    def truncate(self, length: int) -> None:
        """Forget everything written after the first ``length`` characters."""
        excess = self._len - length
        if excess <= 0:
            return
        parts = self._parts
        left = excess
        while left > 0 and parts:
            last = parts[-1]
            if len(last) <= left:
                parts.pop()
                left -= len(last)
            else:
                parts[-1] = last[: len(last) - left]
                left = 0
        self._drop_segments(excess)
        self._headings = [h for h in self._headings if h[0] < length]

    def _drop_segments(self, n: int) -> None:
        self._len -= n
        segs = self._segs
        while n > 0 and segs:
            last = segs[-1]
            if last[2] <= n:
                n -= last[2]
                segs.pop()
            else:
                last[2] -= n
                n = 0

    # -------------------------------------------------------------- headings
    def begin_heading(self, level: int, raw_pos: int) -> None:
        """Start a heading line; write its title next, then call :meth:`end_heading`."""
        self.paragraph(raw_pos)
        self._heading_open = (self._len, level)

    def end_heading(self, raw_pos: int) -> str | None:
        """Close the heading line; returns its title (None if it came out empty)."""
        if self._heading_open is None:
            return None
        start, level = self._heading_open
        self._heading_open = None
        self.rstrip(" \t\n")
        title = self.tail(self._len - start).strip() if self._len > start else ""
        if not title:
            self.truncate(start)
            return None
        self._headings.append((start, title, level))
        self.paragraph(raw_pos)
        return title

    def heading_text(self) -> str | None:
        """The title written so far for the open heading (None when no heading is open)."""
        if self._heading_open is None:
            return None
        start = self._heading_open[0]
        return self.tail(self._len - start).strip() if self._len > start else ""

    def cancel_heading(self) -> None:
        """Forget an open heading and its title text (a back-matter heading that ends output)."""
        if self._heading_open is not None:
            self.truncate(self._heading_open[0])
            self._heading_open = None

    # ---------------------------------------------------------------- result
    def build(
        self, meta: dict[str, Any] | None = None, warnings: list[str] | None = None
    ) -> Cleaned:
        """The cleaned text, its offset map and sections (ends computed from levels)."""
        self.rstrip(_WS)
        text = "".join(self._parts)
        offsets = OffsetMap()
        for clean_start, raw_start, length, copied in self._segs:
            offsets.add(clean_start, raw_start, length, copied)
        heads = [h for h in self._headings if h[0] < len(text)]
        sections = [Section(start=start, end=len(text), title=title, level=level)
                    for start, title, level in heads]
        # a section ends where the next heading of its level or above begins: one pass with a
        # stack of open sections (levels rising from bottom to top), not a scan per heading
        open_: list[Section] = []
        for sec in sections:
            while open_ and open_[-1].level >= sec.level:
                open_.pop().end = sec.start
            open_.append(sec)
        return Cleaned(text, offsets, sections, meta or {}, warnings or [])
