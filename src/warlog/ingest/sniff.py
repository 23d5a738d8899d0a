"""Tell what a file is from its content, not its name.

Two questions: is it a document at all (:func:`skip_by_name`, then :func:`skip_by_content`
on the first bytes: images, archives, CSV manifests are skipped), and which reader fits the
decoded text (:func:`sniff_format`: ``html``, ``jsonl``, ``json``, ``wikitext``, ``markdown``
or ``plaintext``). The corpus proves why names cannot be trusted: ``seeds/000_….txt`` is
Markdown and every ``wikipedia-plain/*.md`` file is plain text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from warlog.ingest import lexicon
from warlog.ingest.frontmatter import has_front_matter

_HEAD = 20_000
_SPACE = re.compile(r"\s*")
_XML_DECL = re.compile(r"<\?xml[^>]*>")
_HTML_OPEN = re.compile(r"<(?:!doctype\s+html|html\b)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|body|head|h[1-6]|ul|li|table|article|section|br)\b", re.I)
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_LINK = re.compile(r"\]\((?:https?://|\.{0,2}/|#)")
_WIKI_HEADING = re.compile(r"^={2,6}[^=\n]+={2,6}[ \t]*$", re.M)
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]+\]\]")
_WIKI_SIGNS = re.compile(r"'''|\{\{|<ref[\s>]|^\{\|", re.M)
_INFOBOX = re.compile(r"\{\{\s*infobox", re.I)


_SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def skip_by_name(path: Path) -> str | None:
    """Why a file is not a document judging by its name alone (checked before reading)."""
    if path.name.endswith(_SQLITE_SIDECARS) and _is_sqlite(path.with_name(
            path.name.rsplit("-", 1)[0])):
        return "a SQLite database's own file, not a document"
    suffix = path.suffix.lower().lstrip(".")
    stem = path.name.split(".", 1)[0].lower()
    if stem in lexicon.skip_stems():
        return "project paperwork, not an article"
    if suffix in lexicon.skip_extensions():
        return f".{suffix} file, not a document"
    return None


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def skip_by_content(head: bytes) -> str | None:
    """Why a file is not a document judging by its first bytes (an image, a CSV table)."""
    for prefix, what in lexicon.magic_numbers():
        if head.startswith(prefix):
            return what
    if _looks_like_csv(head):
        return "CSV table, not a document"
    return None


def _looks_like_csv(head: bytes) -> bool:
    """A header row of short identifiers and rows with the same number of comma fields."""
    try:
        text = head[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = [ln for ln in text.splitlines() if ln.strip()][:6]
    if len(lines) < 3:
        return False
    rows = list(csv.reader(io.StringIO("\n".join(lines[:-1]))))
    width = len(rows[0])
    if width < 3 or any(len(r) != width for r in rows):
        return False
    return all(re.fullmatch(r"[A-Za-z_][\w .-]{0,40}", c.strip()) for c in rows[0])


def _html_start(head: str) -> bool:
    """Does ``head`` open an HTML page (after an XML declaration and comments)?

    A loop over the comments with ``str.find``, not one regex: ``(?:<!--.*?-->\\s*)*``
    backtracks exponentially on a run of comments that never reaches ``<html``.
    """
    pos = _SPACE.match(head).end()
    m = _XML_DECL.match(head, pos)
    if m:
        pos = _SPACE.match(head, m.end()).end()
    while head.startswith("<!--", pos):
        end = head.find("-->", pos + 4)
        if end < 0:
            return False
        pos = _SPACE.match(head, end + 3).end()
    return _HTML_OPEN.match(head, pos) is not None


def _head(text: str) -> str:
    return text[:_HEAD].lstrip("\ufeff")


def is_jsonl(text: str) -> bool:
    """JSON Lines: the first line is a JSON object."""
    stripped = _head(text).lstrip()
    if not stripped.startswith("{"):
        return False
    first = stripped.split("\n", 1)[0].strip()
    if first.startswith("{") and first.endswith("}"):
        try:
            return isinstance(json.loads(first), dict)
        except (ValueError, RecursionError):  # a deep nesting is not JSON we read
            pass
    return False


def is_json(text: str) -> bool:
    """One JSON document (an object or an array)."""
    if not _head(text).lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
        return True
    except (ValueError, RecursionError):  # a deep nesting is not JSON we read
        return False


def is_html(text: str) -> bool:
    """An HTML page, or a fragment that opens with a tag and has several HTML tags."""
    head = _head(text)
    return _html_start(head) or (
        head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3)


def has_front_matter_start(text: str) -> bool:
    """Markdown recognised by its YAML front matter (checked before the wikitext signs)."""
    return _head(text).lstrip().startswith("---") and has_front_matter(text.lstrip("\ufeff"))


def is_wikitext(text: str) -> bool:
    """An infobox, or several ``[[links]]`` with ``== headings ==`` or bold/template marks."""
    head = _head(text)
    links = len(_WIKI_LINK.findall(head))
    return bool(_INFOBOX.search(head)) or (
        links >= 3 and bool(_WIKI_HEADING.search(head) or len(_WIKI_SIGNS.findall(head)) >= 2)
    )


def is_markdown(text: str) -> bool:
    """ATX headings or several Markdown links."""
    head = _head(text)
    return bool(_ATX.search(head)) or len(_MD_LINK.findall(head)) >= 2


def sniff_format(text: str) -> str:
    """The name of the reader for ``text`` (built-ins: html, jsonl, json, wikitext, markdown or
    plaintext): the predicates above, tried in the priority order the readers declare
    (:mod:`warlog.ingest.formats`, :func:`warlog.plugins.sniff_reader`)."""
    from warlog.plugins import sniff_reader  # the registry imports the readers, which import this

    return sniff_reader(text).name
