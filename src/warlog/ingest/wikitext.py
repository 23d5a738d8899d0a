"""MediaWiki wikitext: ``== Heading ==``, ``'''bold'''``, ``[[Link|text]]``, ``{{templates}}``.

The reader keeps what a page would show as prose: link text, the text argument of text
templates (``{{lang|ar|…}}``, ``{{convert|7|km}}`` → "7 km", ``{{start date|2016|10|3}}`` →
"3 October 2016"), and drops the rest: other templates (an infobox spans many lines and is
skipped whole, its fields go to ``meta["infobox"]``), ``<ref>`` notes, comments, tables
``{| … |}``, files, categories and the back matter. Braces and brackets are paired once
up front, so nested templates cost nothing extra.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from warlog.ingest import lexicon
from warlog.ingest.builder import Cleaned, TextBuilder

_PAIR_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]")
_TOKEN = re.compile(
    r"(?P<tpl>\{\{)"
    r"|(?P<link>\[\[)"
    r"|(?P<comment><!--)"
    r"|(?P<ref><ref\b[^<>]*?/>|<ref\b[^<>]*>)"
    r"|(?P<block><(?P<bname>gallery|references|timeline|imagemap|score|syntaxhighlight|source"
    r"|graph|mapframe|templatedata)\b[^<>]*>)"
    r"|(?P<ext>\[(?:https?:)?//[^\s\[\]]+(?:[ \t]+(?P<etext>[^\]\n]*))?\])"
    r"|(?P<quotes>'{2,})"
    r"|(?P<br><br\s*/?\s*>)"
    r"|(?P<tag></?(?i:span|div|small|big|sup|sub|b|i|u|s|em|strong|poem|center|font|abbr|code"
    r"|nowiki|blockquote|cite|q|del|ins|mark|p|includeonly|noinclude|onlyinclude|math|chem"
    r"|references|ref|time|var|tt|strike|wbr|bdi|section|templatestyles)\b[^<>]*>)"
    r"|(?P<magic>__[A-Z]+__)"
    r"|(?P<stray>\}\}|\]\]|\|\})",
)


def _heading(line: str) -> tuple[int, int, int] | None:
    """``(level, title start, title end)`` of a ``== Title ==`` line (no newline in it), as
    the regex ``(={1,6})[ \\t]*(.+?)[ \\t]*\\1[ \\t]*$`` would match it, but in linear time:
    that regex backtracked cubically on "== " and a long run of spaces."""
    if not line.startswith("="):
        return None
    body = len(line.rstrip(" \t"))
    lead = len(line) - len(line.lstrip("="))
    for level in range(min(6, lead), 0, -1):
        if body - level <= level or line[body - level:body] != "=" * level:
            continue
        start, end = level, body - level  # the title with its surrounding blanks
        while start < end and line[start] in " \t":
            start += 1
        while end > start and line[end - 1] in " \t":
            end -= 1
        if start == end:  # only blanks: the title takes the last of them
            start, end = body - level - 1, body - level
        return level, start, end
    return None
_LIST = re.compile(r"[*#:;]+[ \t]*")
_RULE = re.compile(r"-{4,}[ \t]*$")
_TABLE_LINE = re.compile(r"[ \t]*(\{\||\|\})", re.M)
_INTERWIKI = re.compile(r":?[a-z]{2,3}(?:-[a-z]+)?:")
_TERMINAL = frozenset(".!?:;\"'\u201d\u2019)")


def _pairs(raw: str) -> dict[int, int]:
    """Map each ``{{`` / ``[[`` to the end of its matching ``}}`` / ``]]``."""
    out: dict[int, int] = {}
    braces: list[int] = []
    brackets: list[int] = []
    for m in _PAIR_TOKEN.finditer(raw):
        tok = m.group()
        if tok == "{{":
            braces.append(m.start())
        elif tok == "[[":
            brackets.append(m.start())
        elif tok == "}}":
            if braces:
                out[braces.pop()] = m.end()
        elif brackets:
            out[brackets.pop()] = m.end()
    return out


class _Reader:
    def __init__(self, raw: str, name: str) -> None:
        self.raw = raw
        self.name = name
        self.b = TextBuilder(raw)
        self.pairs = _pairs(raw)
        self.infobox: dict[str, str] = {}
        self.first_bold: str | None = None
        self._closes: dict[tuple[str, int], tuple[int, re.Match[str] | None]] = {}

    def _close(self, name: str, start: int, limit: int) -> re.Match[str] | None:
        """The first ``</name>`` in ``raw[start:limit]``. The last search per (name, limit) is
        remembered and reused when it still answers: 50,000 unclosed ``<ref>`` would otherwise
        each search to the end (quadratic)."""
        key = (name, limit)
        seen = self._closes.get(key)
        if seen is not None and start >= seen[0] and (seen[1] is None or seen[1].start() >= start):
            return seen[1]
        found = re.compile(rf"</{name}\s*>", re.I).search(self.raw, start, limit)
        self._closes[key] = (start, found)
        return found

    # ------------------------------------------------------------- inline
    def inline(self, pos: int, limit: int, multiline: bool) -> int:
        """Write ``raw[pos:…]`` up to the end of the line (or ``limit``); returns where it stopped.

        A construct that spans lines (an infobox, a multi-line ref) is skipped whole and the
        line continues after it, so the returned position may lie several lines further.
        """
        raw = self.raw
        b = self.b
        while pos < limit:
            eol = limit if multiline else raw.find("\n", pos, limit)
            if eol < 0:
                eol = limit
            m = _TOKEN.search(raw, pos, eol)
            if not m:
                b.copy(pos, eol)
                return eol
            if m.start() > pos:
                b.copy(pos, m.start())
            kind = m.lastgroup
            ms, me = m.span()
            if kind in ("tpl", "link"):  # a bracketed span: read it whole when it closes in time
                close = self.pairs.get(ms)
                if close is None or close > limit:
                    pos = me
                else:
                    (self.template if kind == "tpl" else self.link)(ms, close)
                    pos = close
            elif kind == "comment":
                c = raw.find("-->", me, limit)
                pos = c + 3 if c >= 0 else limit
            elif kind == "ref":
                pos = me
                if not m.group().endswith("/>"):
                    c = self._close("ref", me, limit)
                    pos = c.end() if c else me
            elif kind == "block":
                c = self._close(m.group("bname"), me, limit)
                pos = c.end() if c else me
            elif kind == "ext":
                if m.group("etext"):
                    self.inline(m.start("etext"), m.end("etext"), True)
                pos = me
            elif kind == "br":
                b.space(ms)
                pos = me
            elif kind == "quotes":
                if len(m.group()) >= 3 and self.first_bold is None:
                    end = raw.find(m.group(), me, eol)
                    if end > me:
                        self.first_bold = " ".join(raw[me:end].split())
                pos = me
            else:  # tag, magic, stray: dropped
                pos = me
        return min(pos, limit)

    def text_of(self, start: int, end: int) -> str:
        """Cleaned text of a range, written to a scratch builder (for metadata)."""
        saved = self.b
        self.b = TextBuilder(self.raw)
        self.inline(start, end, True)
        out = " ".join(self.b.build().text.split())
        self.b = saved
        return out

    # ---------------------------------------------------------- templates
    def args(self, start: int, end: int) -> list[tuple[int, int]]:
        """Top-level ``|``-separated parts of ``raw[start:end]``."""
        raw = self.raw
        parts = []
        pos = start
        seg = start
        while pos < end:
            c = raw[pos]
            if c in "{[" and raw.startswith(c * 2, pos):
                close = self.pairs.get(pos)
                if close is not None and close <= end:
                    pos = close
                    continue
            if c == "|":
                parts.append((seg, pos))
                seg = pos + 1
            pos += 1
        parts.append((seg, end))
        return parts

    def template(self, start: int, end: int) -> None:
        raw = self.raw
        literal = lexicon.template_literals().get(raw[start:end].lower())
        if literal is not None:
            self.b.synth(literal, start)
            return
        parts = self.args(start + 2, end - 2)
        name = " ".join(raw[parts[0][0] : parts[0][1]].replace("_", " ").split()).lower()
        name = name.split(":", 1)[1] if name.startswith("template:") else name
        positional = [(s, e) for s, e in parts[1:] if not self._named(s, e)]
        if name.startswith("infobox"):
            self._infobox(parts[1:])
        elif name in lexicon.wikitext_text_templates() and positional:
            s, e = positional[-1]
            self.inline(s, e, True)
        elif name in lexicon.wikitext_first_arg_templates() and positional:
            s, e = positional[0]
            self.inline(s, e, True)
        elif name in lexicon.wikitext_convert_templates() and len(positional) >= 2:
            self._convert(positional)
        elif name in lexicon.wikitext_date_templates() and positional:
            self._date(positional, start)

    def _named(self, s: int, e: int) -> bool:
        eq = self.raw.find("=", s, e)
        return eq >= 0 and re.fullmatch(r"\s*[\w -]+\s*", self.raw[s:eq]) is not None

    def _convert(self, args: list[tuple[int, int]]) -> None:
        raw, b = self.raw, self.b
        vals = [(s, e, raw[s:e].strip()) for s, e in args]
        b.space(vals[0][0])
        self.inline(vals[0][0], vals[0][1], True)
        rest = vals[1:]
        if len(rest) >= 3 and rest[0][2] in ("-", "–", "to", "and", "or", "by", "x", "×"):
            b.synth(" " + rest[0][2] + " ", rest[0][0])
            self.inline(rest[1][0], rest[1][1], True)
            rest = rest[2:]
        b.space(rest[0][0])
        self.inline(rest[0][0], rest[0][1], True)

    def _date(self, args: list[tuple[int, int]], at: int) -> None:
        vals = [self.raw[s:e].strip() for s, e in args[:3]]
        if not vals[0].isdigit():
            return
        out = vals[0]
        if len(vals) >= 2 and vals[1].isdigit() and 1 <= int(vals[1]) <= 12:
            out = f"{calendar.month_name[int(vals[1])]} {out}"
            if len(vals) >= 3 and vals[2].isdigit():
                out = f"{int(vals[2])} {out}"
        self.b.space(at)
        self.b.synth(out, at)

    def _infobox(self, parts: list[tuple[int, int]]) -> None:
        if self.infobox:
            return
        for s, e in parts:
            eq = self.raw.find("=", s, e)
            if eq < 0:
                continue
            key = " ".join(self.raw[s:eq].split()).lower()
            if key and len(key) <= 40:
                value = self.text_of(eq + 1, e)
                if value:
                    self.infobox[key] = value

    # -------------------------------------------------------------- links
    def link(self, start: int, end: int) -> None:
        raw = self.raw
        parts = self.args(start + 2, end - 2)
        target = raw[parts[0][0] : parts[0][1]].strip()
        if not target.startswith(":"):
            ns = target.split(":", 1)
            if len(ns) == 2 and ns[0].strip().lower() in lexicon.wikitext_drop_namespaces():
                return
            if _INTERWIKI.match(target):
                return
        if len(parts) > 1 and raw[parts[-1][0] : parts[-1][1]].strip():
            s, e = parts[-1]
            self.inline(s, e, True)
            return
        s, e = parts[0]
        while s < e and raw[s] in " :":
            s += 1
        if raw.startswith("#", s):
            s += 1
        self.inline(s, e, True)

    # -------------------------------------------------------------- lines
    def _skip_table(self, pos: int) -> int:
        """Position after the ``|}`` that closes the table opened at ``pos`` (nesting aware)."""
        depth = 0
        for m in _TABLE_LINE.finditer(self.raw, pos):
            if m.start() != 0 and self.raw[m.start() - 1] != "\n":
                continue
            depth += 1 if m.group(1) == "{|" else -1
            if depth == 0:
                nl = self.raw.find("\n", m.end())
                return len(self.raw) if nl < 0 else nl + 1
        return len(self.raw)

    def run(self) -> None:
        raw, b = self.raw, self.b
        n = len(raw)
        pos = 0
        prev = "start"
        while pos < n:
            eol = raw.find("\n", pos)
            eol = n if eol < 0 else eol
            line_end = eol - 1 if eol > pos and raw[eol - 1] == "\r" else eol
            line = raw[pos:line_end]
            stripped = line.strip()
            if not stripped:
                prev = "blank" if prev != "start" else prev
                pos = eol + 1
                continue
            h = _heading(line)
            if h and line[h[1]:h[2]].strip("= "):
                ts, te = pos + h[1], pos + h[2]
                if lexicon.is_stop_title(self.text_of(ts, te)):
                    break
                b.begin_heading(h[0], pos)
                self.inline(ts, te, True)
                if b.end_heading(line_end):
                    prev = "heading"
                pos = eol + 1
                continue
            if stripped.startswith("{|"):
                pos = self._skip_table(pos)
                prev = "break" if prev != "start" else prev
                continue
            if _RULE.match(stripped):
                prev = "break"
                pos = eol + 1
                continue
            start = pos
            lm = _LIST.match(line)
            before_prev = prev
            prev = b.join_line(prev, pos, lm is not None)
            if lm:
                start = pos + lm.end()
            before = len(b)
            reached = self.inline(start, n, False)
            if len(b) == before:
                prev = before_prev  # the line held only templates or markup
            pos = reached + 1

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        box = self.infobox
        title = box.get("conflict") or box.get("name") or box.get("title") or self.first_bold
        if title:
            meta["title"] = title
        for key in ("date", "place", "location"):
            if box.get(key):
                meta.setdefault("place" if key == "location" else key, box[key])
        if box:
            meta["infobox"] = dict(box)
        return meta


def read_wikitext(raw: str, name: str) -> Cleaned:
    """Clean a wikitext article (see the module docstring)."""
    reader = _Reader(raw, name)
    reader.run()
    return reader.b.build(reader.meta())
