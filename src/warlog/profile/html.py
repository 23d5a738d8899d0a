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


def from_html(raw: str) -> Extract | None:
    tree = LexborHTMLParser(raw)
    table = next((t for t in tree.css("table")
                  if "infobox" in (t.attributes.get("class") or "")), None)
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
