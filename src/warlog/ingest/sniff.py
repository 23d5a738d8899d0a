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
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S
)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|body|head|h[1-6]|ul|li|table|article|section|br)\b", re.I)
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_LINK = re.compile(r"\]\((?:https?://|\.{0,2}/|#)")
_WIKI_HEADING = re.compile(r"^={2,6}[^=\n]+={2,6}[ \t]*$", re.M)
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]+\]\]")
_WIKI_SIGNS = re.compile(r"'''|\{\{|<ref[\s>]|^\{\|", re.M)
_INFOBOX = re.compile(r"\{\{\s*infobox", re.I)


def skip_by_name(path: Path) -> str | None:
    """Why a file is not a document judging by its name alone (checked before reading)."""
    suffix = path.suffix.lower().lstrip(".")
    stem = path.name.split(".", 1)[0].lower()
    if stem in lexicon.skip_stems():
        return "project paperwork, not an article"
    if suffix in lexicon.skip_extensions():
        return f".{suffix} file, not a document"
    return None


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


def sniff_format(text: str) -> str:
    """The reader for ``text``: html, jsonl, json, wikitext, markdown or plaintext."""
    head = text[:_HEAD].lstrip("\ufeff")
    stripped = head.lstrip()
    if stripped.startswith(("{", "[")):
        first = stripped.split("\n", 1)[0].strip()
        if first.startswith("{") and first.endswith("}"):
            try:
                if isinstance(json.loads(first), dict):
                    return "jsonl"
            except ValueError:
                pass
        try:
            json.loads(text)
            return "json"
        except ValueError:
            pass
    if _HTML_START.match(head) or (stripped.startswith("<") and len(_HTML_TAG.findall(head)) >= 3):
        return "html"
    if stripped.startswith("---") and has_front_matter(text.lstrip("\ufeff")):
        return "markdown"
    links = len(_WIKI_LINK.findall(head))
    if _INFOBOX.search(head) or (
        links >= 3 and (_WIKI_HEADING.search(head) or len(_WIKI_SIGNS.findall(head)) >= 2)
    ):
        return "wikitext"
    if _ATX.search(head) or len(_MD_LINK.findall(head)) >= 2:
        return "markdown"
    return "plaintext"
