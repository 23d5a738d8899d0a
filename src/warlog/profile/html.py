"""Profiles from HTML: the infobox table of a Wikipedia page (``<table class="infobox …">``).

A header cell spanning the table that is a known label (``Belligerents``) opens a per-side
field; the next row's cells are the sides. A row of a label cell and a value cell is a single
field (``Date``, ``Location``, ``Result``). The caption (or the first header) is the name; a
"Part of …" cell is the part-of. Values are split at ``<br>``, list items and paragraphs, and
found again in the file for their offsets (markup between words allowed).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warlog.profile.fields import Extract
from warlog.profile.text import Locator
from warlog.profile.vocab import label_field, vocab

_PART_OF = re.compile(r"\s*part of\s+", re.IGNORECASE)
_BLOCK = re.compile(r"<(?:br|/li|/p|/div|li|p|div)\b[^>]*>", re.IGNORECASE)


def _lines(node: LexborNode) -> str:
    """The cell's text with a line break at each ``<br>``, list item and paragraph."""
    html = node.html or ""
    html = _BLOCK.sub("\n", html)
    inner = LexborHTMLParser(f"<body>{html}</body>").body
    for bad in inner.css("sup, style, script") if inner else []:
        bad.decompose()
    return inner.text(deep=True, separator="") if inner else ""


def _cells(row: LexborNode) -> list[LexborNode]:
    return [c for c in row.iter() if c.tag in ("th", "td")]


# tokens may end at the end of the text: an open tag is never searched for again
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>?", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*>?")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"])
_MAX_DEPTH = 256  # nested deeper, only the infobox table is parsed
_MAX_TAGS = 20_000  # an infobox table has hundreds of tags; more is no infobox


def _depth(raw: str) -> int:
    """An upper bound of how deep the page's elements nest (an element left open counts as
    open to the end), in one pass."""
    depth = deepest = 0
    for m in _TAG.finditer(raw):
        if m.group(1):
            depth = max(0, depth - 1)
        elif m.group(2).lower() not in _VOID and not m.group().endswith("/>"):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _infobox_table(raw: str) -> str | None:
    """The first ``<table>`` whose class holds "infobox", to its own end tag, found in one pass.
    For a page nested thousands deep only it is parsed: an HTML5 parser's scope checks walk
    the stack of open elements, which makes parsing such a page quadratic."""
    tags = _TABLE_TAG.finditer(raw)
    for m in tags:
        if m.group(1) or "infobox" not in m.group():
            continue
        node = LexborHTMLParser(m.group()).css_first("table")
        if node is None or "infobox" not in (node.attributes.get("class") or ""):
            continue
        depth = 1
        for n in tags:
            depth += -1 if n.group(1) else 1
            if depth == 0:
                return raw[m.start():n.end()]
        return raw[m.start():]
    return None


def from_html(raw: str) -> Extract | None:
    if _depth(raw) <= _MAX_DEPTH:
        table = next((t for t in LexborHTMLParser(raw).css("table")
                      if "infobox" in (t.attributes.get("class") or "")), None)
    else:
        source = _infobox_table(raw)
        deep = source is None or _depth(source) > _MAX_DEPTH or source.count("<") > _MAX_TAGS
        table = None if deep else LexborHTMLParser(source).css_first("table")
    if table is None:
        return None
    start = raw.find("infobox")
    loc = Locator(raw, max(start, 0))
    ex = Extract("html")
    caption = table.css_first("caption")
    if caption is not None:
        ex.add("name", None, loc.items(caption.text(deep=True, separator=" ")))
    current: str | None = None
    for row in table.css("tr"):
        cells = _cells(row)
        if not cells:
            continue
        head = cells[0]
        head_text = head.text(deep=True, separator=" ").strip()
        field = label_field(head_text) if head.tag == "th" else None
        if field is not None and len(cells) == 1:
            current = field
            loc.find(head_text)
            continue
        if field is not None:
            current = None
            loc.find(head_text)
            value = "\n".join(_lines(c) for c in cells[1:])
            ex.add(field, 1 if field in vocab().side_fields else None, loc.items(value))
            continue
        if len(cells) == 1 and current is None:
            text = _lines(head)
            pm = _PART_OF.match(text)
            if pm:
                ex.add("part_of", None, loc.items(text[pm.end():]))
            elif not ex.fields:
                ex.add("name", None, loc.items(text))
            continue
        if current is None:
            continue
        if current in vocab().side_fields:
            if len(cells) == 1 and current == "casualties" and ex.get("casualties"):
                ex.add("other_casualties", None, loc.items(_lines(head)))
                continue
            for side, cell in enumerate(cells, start=1):
                ex.add(current, side, loc.items(_lines(cell)))
        else:
            ex.add(current, None, loc.items("\n".join(_lines(c) for c in cells)))
        current = None if current not in vocab().side_fields else current
    return ex if any(f.name != "name" for f in ex.fields) else None
