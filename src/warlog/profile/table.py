"""Profiles from plain-text scrapes: the garbled WikiMili table and the one-field-per-line form.

WikiMili (``seeds/003``): the page opens with the infobox flattened to ``|`` rows: the title
row, ``---|---``, "Part of …", a label row (``Belligerents | ||||``) followed by one row whose
cells are the sides' columns, and so on. Flags are ``![]()`` images (their names are lost).
A casualties row of one cell after the sides' row is the column spanning all sides
(civilians).

One field per line (other mirrors): the infobox opens the page as lines, a label alone on its
line followed by its value lines (sides separated by a blank line), or ``Label: value`` /
``Label<TAB>value`` on one line; it ends at the first prose paragraph.
"""

from __future__ import annotations

import re

from warlog.profile.fields import Extract
from warlog.profile.model import Span
from warlog.profile.text import span_of
from warlog.profile.vocab import label_field, vocab

_LINE = re.compile(r"[^\n]*")
_RULE = re.compile(r"[\s|:-]*$")
_PART_OF = re.compile(r"\s*part of\s+", re.IGNORECASE)
_INLINE = re.compile(r"\s*([A-Za-z][A-Za-z ]{1,30}?)\s*(?::|\t)\s*(\S.*)$")
_MAX_HEAD_LINES = 200
_PROSE_WORDS = 14


def _lines(raw: str, start: int = 0, limit: int = _MAX_HEAD_LINES) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    while pos <= len(raw) and len(out) < limit:
        nl = raw.find("\n", pos)
        end = len(raw) if nl < 0 else nl
        out.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _cells(raw: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cell spans of a ``|`` row, trailing empty cells dropped."""
    cells = []
    pos = s
    for i in range(s, e + 1):
        if i == e or raw[i] == "|":
            cells.append((pos, i))
            pos = i + 1
    while cells and not raw[cells[-1][0] : cells[-1][1]].strip():
        cells.pop()
    return cells


def _cell_items(raw: str, s: int, e: int) -> list[Span]:
    """A cell's items: the text before a supporter marker, then the marker's part."""
    text = raw[s:e]
    m = re.search(r"supported by\s*:?", text, re.IGNORECASE)
    parts = [(s, s + m.start()), (s + m.start(), e)] if m else [(s, e)]
    out = []
    for ps, pe in parts:
        sp = span_of(raw, ps, pe)
        if sp is not None:
            out.append(sp)
    return out


def from_wikimili(raw: str, end: int | None = None, start: int = 0) -> Extract | None:
    """The table rows from ``start`` (the body); ``end``: where the reader saw the table end
    (``meta["infobox_span"]``)."""
    lines = [(s, e) for s, e in _lines(raw, start) if end is None or s < end]
    if len(lines) < 3 or "|" not in raw[lines[0][0] : lines[0][1]]:
        return None
    if not _RULE.match(raw, lines[1][0], lines[1][1]) or "---" not in raw[slice(*lines[1])]:
        return None
    ex = Extract("table")
    cells = _cells(raw, *lines[0])
    if cells:
        ex.add("name", None, [sp for sp in [span_of(raw, *cells[0])] if sp])
    current: str | None = None
    rows_in_field = 0
    for s, e in lines[2:]:
        line = raw[s:e]
        if "|" not in line:
            break
        cells = [c for c in _cells(raw, s, e)]
        texts = [raw[a:b].strip() for a, b in cells]
        nonempty = [c for c, t in zip(cells, texts, strict=True) if t]
        if not nonempty:
            continue
        first = raw[nonempty[0][0] : nonempty[0][1]]
        pm = _PART_OF.match(first)
        if pm and len(nonempty) == 1:
            sp = span_of(raw, nonempty[0][0] + pm.end(), nonempty[0][1])
            ex.add("part_of", None, [sp] if sp else [])
            continue
        field = label_field(first)
        if field is not None:
            current, rows_in_field = field, 0
            if len(nonempty) > 1 and field not in vocab().side_fields:
                rest = [span_of(raw, a, b) for a, b in nonempty[1:]]
                ex.add(field, None, [r for r in rest if r])
                current = None
            continue
        if current is None:
            continue
        rows_in_field += 1
        if current not in vocab().side_fields:
            ex.add(current, None, [r for r in (span_of(raw, a, b) for a, b in nonempty) if r])
            continue
        if len(cells) == 1 and rows_in_field > 1:
            ex.add("other_" + current, None, _cell_items(raw, *cells[0]))
            continue
        for side, (a, b) in enumerate(cells, start=1):
            ex.add(current, side, _cell_items(raw, a, b))
    return ex if any(f.name != "name" for f in ex.fields) else None


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and line.rstrip().endswith((".", "]"))


def from_lines(raw: str, start: int = 0) -> Extract | None:
    lines = _lines(raw, start)
    ex = Extract("lines")
    current: str | None = None
    side = 1
    blank = False
    seen_label = False
    for k, (s, e) in enumerate(lines):
        line = raw[s:e]
        if not line.strip():
            blank = True
            continue
        if _is_prose(line):
            break
        field = label_field(line)
        inline = None if field else _INLINE.match(line)
        if inline and label_field(inline.group(1)):
            field = label_field(inline.group(1))
            seen_label = True
            sp = span_of(raw, s + inline.start(2), e)
            ex.add(field, 1 if field in vocab().side_fields else None, [sp] if sp else [])
            current, blank = None, False
            continue
        if field is not None:
            current, side, blank, seen_label = field, 1, False, True
            continue
        sp = span_of(raw, s, e)
        if sp is None:
            continue
        if current is None:
            if k == 0 or not seen_label:
                pm = _PART_OF.match(line)
                if pm:
                    sub = span_of(raw, s + pm.end(), e)
                    ex.add("part_of", None, [sub] if sub else [])
                elif not ex.fields:
                    ex.add("name", None, [sp])
            blank = False
            continue
        if current in vocab().side_fields:
            if blank:
                side += 1
            ex.add(current, side, [sp])
        else:
            ex.add(current, None, [sp])
        blank = False
    real = {f.name for f in ex.fields} - {"name", "part_of"}
    return ex if len(real) >= 2 else None
