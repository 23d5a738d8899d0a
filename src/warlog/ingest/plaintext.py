"""Plain-text scrapes: Wikipedia dumps (``wikipedia-plain/``) and mirror pages (``seeds/003``).

What is removed: garbled infobox rows (lines made of ``|`` cells, ``---|---``, ``![]()``
flags), grid tables, citation markers ``[14]``/``[d]``/``[citation needed]``, maintenance
notices and hatnotes, ``Category:`` lines, wikitext debris (``{{…}}``, ``…caption]]``,
``|access-date=…}}``), bare image file names, and the back matter: a "References"/"See
also"… heading and all after it, and the tail of reference lines ``[1]``, ``[2]``….

Structure: a short line without final punctuation standing between blank lines is a heading
(two blank lines before it: level 2, one: level 3). A line ending a sentence ends a
paragraph; a line that does not is hard-wrapped and joins the next with a space.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from warlog.ingest import lexicon
from warlog.ingest.builder import Cleaned, TextBuilder
from warlog.ingest.clean import InlineCleaner, iter_lines, lead_images, plaintext_cleaner

_TABLE_ROW = re.compile(r"\s*[|+](?:[-=+|: ]|$)|.*(?:\|\s*$|\|\||-{3}\||\|-{3})|\s*\|")
_CATEGORY = re.compile(r"\s*Category:")
_REF_LINE = re.compile(r"\s*\[\d{1,4}\](?P<rest>.*)$")
_DEBRIS_START = re.compile(r"\s*(?:\||\}\}|\{\{|-->|<!--)")
_PARAM = re.compile(r"\|[\w -]+=")
_LIST = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s+")
_CLOSER = re.compile(r"\]\]|\}\}")
_CLOSERS_AFTER = re.compile(r"(?:\s*(?:\]\]|\}\}))*")
_HEADING_BAD = re.compile(r"\[\[|\]\]|\{\{|\}\}|\||https?:|[.!?,;:]$")
_HEADING_START = re.compile(r"[\"'_(]*[A-Z0-9\u00c0-\u024f\u0400-\u04ff]")
_CITATIONS = re.compile(lexicon.bracket_notes_re_source())
_TERMINAL = frozenset(".!?:;\"'\u201d\u2019)")
_HEX_ID = re.compile(r"[0-9a-f]{8,}", re.IGNORECASE)
_MAX_HEADING = 90


def _is_tail_line(line: str) -> bool:
    return (
        not line.strip()
        or _REF_LINE.match(line) is not None
        or _CATEGORY.match(line) is not None
        or _is_debris(line)
    )


def _is_debris(line: str) -> bool:
    """Template debris: a line opening with ``|``, ``{{``, ``}}`` or a comment mark, or one
    holding a ``|name=`` parameter and ending in ``}}``. Two linear scans: one regex
    ``.*\\|[\\w -]+=.*\\}\\}\\s*$`` backtracked quadratically on a long line of ``|a=``."""
    if _DEBRIS_START.match(line):
        return True
    body = line.rstrip()
    return body.endswith("}}") and _PARAM.search(line, 0, len(body) - 2) is not None


def _body_end(raw: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line of the trailing reference block (len(lines) if none)."""
    cut = len(lines)
    while cut > 0 and _is_tail_line(raw[lines[cut - 1][0] : lines[cut - 1][1]]):
        cut -= 1
    tail = [raw[s:e] for s, e in lines[cut:]]
    refs = [t for t in tail if _REF_LINE.match(t)]
    strong = any(
        _CATEGORY.match(t) or (_REF_LINE.match(t) and not _REF_LINE.match(t).group("rest").strip())
        for t in tail
    )
    return cut if strong or len(refs) >= 3 else len(lines)


def _heading_level(raw: str, lines: list[tuple[int, int]], i: int, n: int, blanks: int) -> int:
    """Heading level of line ``i`` (2 or 3), or 0 when it is not a heading."""
    if blanks == 0:
        return 0
    if i + 1 < n and raw[lines[i + 1][0] : lines[i + 1][1]].strip():
        return 0  # a heading is followed by a blank line
    s = _CITATIONS.sub("", raw[lines[i][0] : lines[i][1]]).strip()
    if not s or len(s) > _MAX_HEADING or len(s.split()) > 12:
        return 0
    if _HEADING_BAD.search(s) or not _HEADING_START.match(s) or _CATEGORY.match(s):
        return 0
    if "." in s and " " not in s:  # a bare file name ("Albab2.png")
        return 0
    return 2 if blanks >= 2 else 3


def _is_table_row(line: str) -> bool:
    if "|" not in line and not line.lstrip().startswith("+"):
        return False
    return _TABLE_ROW.match(line) is not None


def _infobox_title(raw: str, lines: list[tuple[int, int]]) -> str | None:
    """The first cell of a leading infobox table row ("Deir ez-Zor offensive (2024) | |||")."""
    if not lines:
        return None
    first = raw[lines[0][0] : lines[0][1]]
    if not _is_table_row(first):
        return None
    cell = first.split("|", 1)[0].strip()
    if 2 < len(cell) <= 150 and re.search(r"[A-Za-z]{3}", cell):
        return cell
    return None


def title_from_name(name: str) -> str | None:
    """A title from a file name ("2016_Dabiq_offensive.md"), unless the name is an id."""
    stem = PurePath(name.split("#", 1)[0]).stem
    if _HEX_ID.search(stem) or not re.search(r"[A-Za-z]{3}", stem):
        return None
    return " ".join(stem.replace("_", " ").split())


def _emit_text_line(b: TextBuilder, cleaner: InlineCleaner, raw: str, ls: int, le: int) -> None:
    """Write one line of prose, skipping caption debris ("…caption text]] Real text")."""
    start = ls
    m = _CLOSER.search(raw, ls, le)
    if m and "[[" not in raw[ls : m.start()] and "{{" not in raw[ls : m.start()]:
        start = _CLOSERS_AFTER.match(raw, m.end(), le).end()
    notice = lexicon.notice_re().match(raw, _skip_ws(raw, start, le), le)
    if notice:
        stamp = lexicon.notice_stamp_re().search(raw, notice.end(), le)
        if not stamp:
            return
        start = stamp.end()
    img = lead_images().match(raw, start, le)
    if img:
        start = img.end()
    cleaner.emit(b, start, le)


def _ends_sentence(b: TextBuilder) -> bool:
    b.rstrip()
    return b.last_char in _TERMINAL


def _skip_ws(raw: str, pos: int, end: int) -> int:
    while pos < end and raw[pos] in " \t":
        pos += 1
    return pos


def read_plaintext(raw: str, name: str) -> Cleaned:
    """Clean a plain-text document (see the module docstring for the rules)."""
    lines = list(iter_lines(raw))
    n = _body_end(raw, lines)
    b = TextBuilder(raw)
    cleaner = plaintext_cleaner()
    blanks = 0  # blank lines just before the current line
    prev = "start"  # start | text | list | heading | break
    lead_table: tuple[int, int] | None = None  # raw span of the rows before any text
    for i in range(n):
        ls, le = lines[i]
        line = raw[ls:le]
        if not line.strip():
            blanks += 1
            continue
        after_blank, blanks = blanks, 0
        if _is_table_row(line) or _CATEGORY.match(line):
            if not len(b) and not _CATEGORY.match(line):  # the infobox table opening the page
                lead_table = (lead_table[0] if lead_table else ls, le)
            prev = "break"
            continue
        level = _heading_level(raw, lines, i, n, after_blank) if prev != "start" else 0
        if level:
            if lexicon.is_stop_title(_CITATIONS.sub("", line)):
                break
            b.begin_heading(level, ls)
            cleaner.emit(b, ls, le)
            if b.end_heading(le):
                prev = "heading"
            continue
        lm = _LIST.match(line)
        start = ls
        if lm:
            if prev in ("text", "list") and not after_blank:
                b.newline(ls)
            else:
                b.paragraph(ls)
            start = ls + lm.end()
            prev = "list"
        elif prev == "text" and not after_blank and not _ends_sentence(b):
            b.space(ls)  # a hard-wrapped line continues the sentence
        else:
            b.paragraph(ls)
            prev = "text"
        before = len(b)
        _emit_text_line(b, cleaner, raw, start, le)
        if len(b) == before and prev == "text":
            prev = "break"
    meta: dict[str, object] = {}
    title = _infobox_title(raw, lines) or title_from_name(name)
    if title:
        meta["title"] = title
    if lead_table:  # dropped from the text, kept for warlog.profile (offsets in the file)
        meta["infobox_span"] = list(lead_table)
    return b.build(meta)
