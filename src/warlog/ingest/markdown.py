"""Markdown with optional YAML front matter (the front-lines Wikipedia exports).

Keeps the prose: ``#`` headings become sections (a line that is only ``**bold**`` becomes a
sub-section, e.g. a day heading "**May 24**"), links keep their text, emphasis markers go.
Table rows that carry prose (an incident list: "date | what happened") become one line each;
data rows are dropped. Dropped too: images, code blocks, leaked wikitext (``[[File:…]]``,
``image = …``), ``[object Object]`` debris and the back matter (a "References", "See also",
"Notes"… heading and everything after it, including the export's glued
``…## References[object Object]`` line).
"""

from __future__ import annotations

import re

from warlog.ingest import lexicon
from warlog.ingest.builder import Cleaned, TextBuilder
from warlog.ingest.clean import (
    IMAGE_MD,
    OBJECT,
    InlineCleaner,
    iter_lines,
    lead_images,
    markdown_cleaner,
)
from warlog.ingest.frontmatter import normalise_meta, split_front_matter

_ATX = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_GLUED_HEADING = re.compile(r"(?<=\S)#{2,6} ?(?=\S)")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")
_TABLE = re.compile(r"\s*\|")
_ONLY_IMAGES = re.compile(rf"\s*(?:(?:{IMAGE_MD}|{OBJECT})\s*)+$")
_BOLD_LINE = re.compile(r"\s*\*\*([^*\n]{1,100}?)\*\*\s*:?\s*$")
_LIST = re.compile(r"\s*(?:[*+\-•–]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"\s*(?:[-*_]\s*){3,}$")
_QUOTE = re.compile(r"\s*>+\s?")
# wikitext that leaked through the export: file lines and infobox parameters
_WIKI_FILE_LINE = re.compile(
    r"\s*(?:\[\[)?(?:File|Image):|.*\|\s*(?:thumb|thumbnail|upright[=\d.]*|\d+px)\s*(?:\||$)",
    re.IGNORECASE,
)
_PARAM_LINE = re.compile(
    r"\s*(?:[|*]\s*)?[a-z][a-z_0-9]{1,24}(?: [a-z_0-9]{1,12}){0,2}\s*=(?:\s|$)"
)
_WIKI_FILE_OPEN = re.compile(r"\s*\[\[(?:File|Image):", re.IGNORECASE)
_BRACKETS = re.compile(r"\[\[|\]\]")
_CELL_SEP = re.compile(r"(?<!\\)\|")
_PROSE_WORDS = 8


def _wiki_close(raw: str, pos: int) -> int:
    """End of the ``]]`` closing the ``[[`` at ``pos`` (a file caption may span lines)."""
    depth = 0
    for m in _BRACKETS.finditer(raw, pos, min(len(raw), pos + 20_000)):
        depth += 1 if m.group() == "[[" else -1
        if depth == 0:
            return m.end()
    return -1


def _emit_table_row(
    b: TextBuilder, cleaner: InlineCleaner, raw: str, ls: int, le: int, first: bool
) -> bool:
    """Write a table row that carries prose as one line ("date – what happened").

    Rows of short cells (numbers, names, flags, the ``---`` separator) are data, not
    narrative, and are dropped; a row with a cell of eight words or more is kept, its
    non-empty cells joined by ``table_cell_joiner`` (" – "). Returns whether the row was written.
    """
    cells = []
    pos = ls
    for m in _CELL_SEP.finditer(raw, ls, le):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, le))
    texts = []
    for cs, ce in cells:
        while cs < ce and raw[cs] in " \t":
            cs += 1
        while ce > cs and raw[ce - 1] in " \t":
            ce -= 1
        if ce > cs and (cell := raw[cs:ce].strip("-—–:*_ ").lower()) and (
            cell not in lexicon.empty_cell_values()
        ):
            texts.append((cs, ce))
    if not any(len(raw[cs:ce].split()) >= _PROSE_WORDS for cs, ce in texts):
        return False
    if first:
        b.paragraph(ls)
    else:
        b.newline(ls)
    for k, (cs, ce) in enumerate(texts):
        if k:
            b.synth(lexicon.table_cell_joiner(), cs)
        img = lead_images().match(raw, cs, ce)
        cleaner.emit(b, img.end() if img else cs, ce)
    return True


def read_markdown(raw: str, name: str) -> Cleaned:
    """Clean a Markdown document; front matter goes to ``meta`` (see :mod:`frontmatter`)."""
    fm = split_front_matter(raw, name)
    b = TextBuilder(raw)
    cleaner = markdown_cleaner()
    first_h1: str | None = None
    level = 1  # level of the last '#' heading: a bold-line heading sits one below it
    prev = "start"  # start | blank | text | list | row | heading | break
    in_fence = False
    skip_to = -1  # end of a multi-line construct being skipped
    for ls, le in iter_lines(raw, fm.body_start):
        if le <= skip_to:
            continue
        resumed = ls < skip_to  # the line continues after a skipped construct
        if resumed:
            ls = skip_to
        line = raw[ls:le]
        if _FENCE.match(line):
            in_fence = not in_fence
            prev = "break"
            continue
        if in_fence:
            continue
        if not line.strip():
            prev = "blank"
            continue
        fo = _WIKI_FILE_OPEN.match(line)
        if fo:
            close = _wiki_close(raw, ls + fo.end() - 7)
            if close > le:
                skip_to = close
                continue
        m = None if resumed else _ATX.match(line)
        if m:
            title_s, title_e = ls + m.start(2), ls + m.end(2)
            if lexicon.is_stop_title(raw[title_s:title_e]):
                break
            hl = len(m.group(1))
            b.begin_heading(hl, ls)
            cleaner.emit(b, title_s, title_e)
            title = b.end_heading(le)
            if title:
                level = hl
                if hl == 1 and first_h1 is None:
                    first_h1 = title
            prev = "heading"
            continue
        if _TABLE.match(line):
            if _emit_table_row(b, cleaner, raw, ls, le, prev != "row"):
                prev = "row"
            elif prev != "row":
                prev = "break"
            continue
        if (
            _ONLY_IMAGES.match(line)
            or _RULE.match(line)
            or _WIKI_FILE_LINE.match(line)
            or _PARAM_LINE.match(line)
        ):
            prev = "break"
            continue
        bm = _BOLD_LINE.match(line)
        if bm:
            if lexicon.is_stop_title(bm.group(1)):
                break
            b.begin_heading(min(level + 1, 6), ls)
            cleaner.emit(b, ls + bm.start(1), ls + bm.end(1))
            b.end_heading(le)
            prev = "heading"
            continue
        start = ls
        stop_here = False
        glued = _GLUED_HEADING.search(line)
        if glued and lexicon.is_stop_title(line[glued.end() :]):
            le = ls + glued.start()
            stop_here = True
        q = _QUOTE.match(line)
        if q:
            start = ls + q.end()
        lm = _LIST.match(raw, start, le)
        prev = b.join_line(prev, ls, lm is not None)
        if lm:
            start = lm.end()
        img = lead_images().match(raw, start, le)
        if img:
            start = img.end()
        cleaner.emit(b, start, le)
        if stop_here:
            break
    meta = normalise_meta(fm.data, first_h1)
    return b.build(meta, list(fm.warnings))
