"""HTML pages: the main article text, with offsets into the raw HTML.

Why a tokenizer of our own: a DOM parser (selectolax) gives no source positions, and every
character of the cleaned text must map back to the file. The tokenizer walks tags and text
with one regex, keeps a stack of open elements (tolerating the optional end tags of real
HTML) and writes text only inside the main container (``#mw-content-text``, ``<article>``,
``<main>``… see ``html_main_selectors`` in ``data/ingest.yaml``) and outside dropped elements
(navigation, tables, infoboxes, reference lists, ``<sup class="reference">``). Entities are
decoded as synthetic characters that map to the entity's position. selectolax reads the
metadata (title, description, canonical URL, publication date).
"""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from warlog.ingest import lexicon
from warlog.ingest.builder import Cleaned, TextBuilder

# Every token may end at the end of the text: a tag, quote or declaration left open would
# otherwise be searched to the end again from every later "<" (quadratic on "<a b" * 20000).
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*(?:>|\Z)|<\?[^>]*(?:>|\Z)"
    r"|<(?P<close>/)?(?P<tag>[A-Za-z][\w:-]*)"
    r"(?P<attrs>(?:[^>\"']|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)",
    re.DOTALL,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "form",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "address",
        "center",
        "details",
        "summary",
        "fieldset",
        "body",
        "hgroup",
        "menu",
    }
)
_LINE = frozenset({"li", "dt", "dd", "tr", "caption", "option"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_CLOSES_P = _BLOCK | {"li", "dt", "dd"}
_MAX_PARSE_DEPTH = 256  # deeper pages get their metadata from _meta_source
_META_CHARS = 10_000
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _Element:
    __slots__ = ("tag", "drops", "is_main", "heading")

    def __init__(self, tag: str, drops: bool, is_main: bool, heading: bool) -> None:
        self.tag = tag
        self.drops = drops
        self.is_main = is_main
        self.heading = heading


def _attrs(src: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(src):
        name = m.group(1).lower()
        value = m.group(2) if m.group(2) is not None else m.group(3)
        if value is None:
            value = m.group(4) or ""
        out.setdefault(name, htmllib.unescape(value))
    return out


def _main_selector(raw: str) -> str | None:
    """The first configured main-container selector that the page contains."""
    for sel in lexicon.html_main_selectors():
        if sel == "body":
            return None
        if sel.startswith("#"):
            pat = rf"""\sid\s*=\s*["']?{re.escape(sel[1:])}(?=["'\s>])"""
        elif sel.startswith("."):
            pat = rf"""\sclass\s*=\s*["'][^"']*(?<![\w-]){re.escape(sel[1:])}(?![\w-])"""
        else:
            pat = rf"<{re.escape(sel)}(?=[\s>/])"
        if re.search(pat, raw, re.IGNORECASE):
            return sel
    return None


def _matches(sel: str | None, tag: str, attrs: dict[str, str]) -> bool:
    if sel is None:
        return False
    if sel.startswith("#"):
        return attrs.get("id", "").lower() == sel[1:]
    if sel.startswith("."):
        return sel[1:] in attrs.get("class", "").lower().split()
    return tag == sel


def _drops(tag: str, attrs: dict[str, str]) -> bool:
    if tag in lexicon.html_drop_tags():
        return True
    if not attrs:
        return False
    drop_classes = lexicon.html_drop_classes()
    classes = attrs.get("class", "").lower().split()
    if any(c in drop_classes for c in classes) or attrs.get("id", "").lower() in drop_classes:
        return True
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style", "")))


class _Walker:
    """One pass over the raw HTML, writing the article text to a builder."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.b = TextBuilder(raw)
        self.stack: list[_Element] = []
        self.drop_depth = 0
        self.main_sel = _main_selector(raw)
        self.main_state = 1 if self.main_sel is None else 0  # 0 before, 1 inside, 2 after
        self.done = False
        self.first_h1: str | None = None
        self.open_count: dict[str, int] = {}  # open elements by tag: an end tag with none open
        self.max_depth = 0  # is ignored at once, not after a walk down a deep stack

    @property
    def active(self) -> bool:
        return self.main_state == 1 and self.drop_depth == 0 and not self.done

    def run(self) -> None:
        raw = self.raw
        pos = 0
        n = len(raw)
        while pos < n and not self.done:
            m = _TOKEN.search(raw, pos)
            if not m:
                self._text(pos, n)
                break
            if m.start() > pos:
                self._text(pos, m.start())
            pos = m.end()
            tag = m.group("tag")
            if tag is None:
                continue  # comment, doctype, CDATA, processing instruction
            name = tag.lower()
            if m.group("close"):
                self._end(name, m.start())
                continue
            attrs_src = m.group("attrs")
            if name in _RAW_TEXT:
                close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(raw, pos)
                pos = close.end() if close else n
                continue
            self._start(name, attrs_src, m.start(), m.end())

    def _text(self, start: int, end: int) -> None:
        if not self.active:
            return
        raw = self.raw
        pos = start
        b = self.b
        for m in _ENTITY.finditer(raw, start, end):
            if m.start() > pos:
                b.copy(pos, m.start())
            decoded = htmllib.unescape(m.group())
            if decoded.isspace() and decoded != "\u00a0":
                b.space(m.start())
            else:
                b.synth(decoded, m.start())
            pos = m.end()
        if pos < end:
            b.copy(pos, end)

    def _start(self, name: str, attrs_src: str, at: int, after: int) -> None:
        attrs = _attrs(attrs_src) if attrs_src.strip() else {}
        if name in _CLOSES_P and self.stack and self.stack[-1].tag == "p":
            self._pop(at)
        if name in ("li", "dt", "dd"):
            self._close_open(name, at, ("ul", "ol", "dl"))
        if name in _VOID or attrs_src.rstrip().endswith("/"):
            if self.active:
                if name == "br":
                    self.b.newline(at)
                elif name == "hr":
                    self.b.paragraph(at)
            return
        drops = _drops(name, attrs)
        is_main = self.main_state == 0 and _matches(self.main_sel, name, attrs)
        heading = False
        if is_main:
            self.main_state = 1
        if drops:
            self.drop_depth += 1
        if self.active:
            if name in _HEADINGS:
                self.b.begin_heading(_HEADINGS[name], at)
                heading = True
            elif name in _BLOCK:
                self.b.paragraph(at)
            elif name in _LINE:
                self.b.newline(at)
        self.stack.append(_Element(name, drops, is_main, heading))
        self.open_count[name] = self.open_count.get(name, 0) + 1
        self.max_depth = max(self.max_depth, len(self.stack))

    def _close_open(self, name: str, at: int, scope: tuple[str, ...]) -> None:
        """An ``<li>`` closes the previous ``<li>`` of the same list."""
        if not self.open_count.get(name):
            return
        for i in range(len(self.stack) - 1, -1, -1):
            tag = self.stack[i].tag
            if tag in scope:
                return
            if tag == name:
                while len(self.stack) > i:
                    self._pop(at)
                return

    def _end(self, name: str, at: int) -> None:
        if name == "br":
            if self.active:
                self.b.newline(at)
            return
        if not self.open_count.get(name):
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == name:
                while len(self.stack) > i:
                    self._pop(at)
                return

    def _pop(self, at: int) -> None:
        el = self.stack.pop()
        self.open_count[el.tag] -= 1
        b = self.b
        if el.heading:
            title = b.heading_text() or ""
            if lexicon.is_stop_title(title):
                b.cancel_heading()
                self.done = True
            else:
                t = b.end_heading(at)
                if t and el.tag == "h1" and self.first_h1 is None:
                    self.first_h1 = t
        elif self.active and el.tag in _BLOCK:
            b.paragraph(at)
        elif self.active and el.tag in _LINE:
            b.newline(at)
        if el.drops:
            self.drop_depth -= 1
        if el.is_main:
            self.main_state = 2


def _meta_source(raw: str) -> str:
    """A small page holding only what :func:`_meta` reads (the ``<html>`` tag, the title, every
    ``<meta>`` and ``<link>``, the first ``<time>`` and ``<h1>``), made in one pass: for pages
    nested thousands deep, where an HTML5 parser's scope checks make parsing quadratic."""
    html_tag, title, h1, time_tag = "<html>", "", "", ""
    heads: list[str] = []
    pos, n = 0, len(raw)
    while pos < n:
        m = _TOKEN.search(raw, pos)
        if not m:
            break
        pos = m.end()
        tag = (m.group("tag") or "").lower()
        if not tag or m.group("close"):
            continue
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(raw, pos)
            if tag == "title" and not title:
                text = raw[pos:close.start() if close else n][:_META_CHARS]
                title = f"{m.group()}{text}</title>"
            pos = close.end() if close else n
        elif tag == "html" and html_tag == "<html>":
            html_tag = m.group()
        elif tag in ("meta", "link") and len(heads) < 1000:
            heads.append(m.group())
        elif tag == "time" and not time_tag and "datetime" in m.group().lower():
            time_tag = m.group() + "</time>"
        elif tag == "h1" and not h1:
            close = re.compile(r"</h1\s*>", re.IGNORECASE).search(raw, pos, pos + _META_CHARS)
            inner = _TOKEN.sub("", raw[pos:close.start() if close else pos + _META_CHARS])
            h1 = f"<h1>{inner}</h1>"
    return f"{html_tag}<head>{title}{''.join(heads)}</head><body>{h1}{time_tag}</body></html>"


def _meta(raw: str, first_h1: str | None) -> dict[str, Any]:
    tree = LexborHTMLParser(raw)
    meta: dict[str, Any] = {}

    def content(selector: str) -> str | None:
        node = tree.css_first(selector)
        if node is None:
            return None
        value = node.attributes.get("content") or node.attributes.get("href")
        value = node.attributes.get("datetime") or value
        return " ".join(value.split()) if value else None

    page_title = None
    node = tree.css_first("title")
    if node is not None:
        page_title = " ".join(node.text().split())
        for suffix in lexicon.html_title_suffixes():
            if page_title.endswith(suffix):
                page_title = page_title[: -len(suffix)].strip()
    h1 = tree.css_first("h1")
    any_h1 = " ".join(h1.text().split()) if h1 is not None else None
    title = first_h1 or any_h1 or content('meta[property="og:title"]') or page_title
    if title:
        meta["title"] = title
    description = content('meta[name="description"]') or content('meta[property="og:description"]')
    if description:
        meta["description"] = description
    date = (
        content('meta[property="article:published_time"]')
        or content('meta[name="date"]')
        or content('meta[itemprop="datePublished"]')
        or content("time[datetime]")
    )
    if date:
        meta["date"] = date
    url = content('link[rel="canonical"]') or content('meta[property="og:url"]')
    if url:
        meta["url"] = url
    lang = tree.css_first("html")
    if lang is not None and lang.attributes.get("lang"):
        meta["language"] = lang.attributes["lang"]
    return meta


def read_html(raw: str, name: str) -> Cleaned:
    """Clean an HTML page (see the module docstring)."""
    walker = _Walker(raw)
    walker.run()
    while walker.stack:
        walker._pop(len(raw))
    warnings: list[str] = []
    deep = walker.max_depth > _MAX_PARSE_DEPTH
    meta = _meta(_meta_source(raw) if deep else raw, walker.first_h1)
    return walker.b.build(meta, warnings)
