"""The built-in readers, declared as :class:`~warlog.plugins.Reader` s.

pyproject.toml registers each under the ``warlog.readers`` entry-point group, exactly as a
third-party package registers its own. A reader says how its format is recognised (sniff
predicates from :mod:`warlog.ingest.sniff`, each with a priority: lower is tried first) and how
it is read. The order reproduces the one decision ``sniff_format`` always made: JSON Lines,
JSON, HTML, Markdown with front matter, wikitext, Markdown, then plain text for anything else.
"""

from __future__ import annotations

from warlog.ingest import sniff
from warlog.ingest.html import read_html
from warlog.ingest.jsonl import parse_json, parse_jsonl
from warlog.ingest.markdown import read_markdown
from warlog.ingest.plaintext import read_plaintext
from warlog.ingest.wikitext import read_wikitext
from warlog.plugins import Reader

FALLBACK = 1000  # plain text: whatever no other reader claims

JSONL = Reader("jsonl", sniffs=((10, sniff.is_jsonl),), records=parse_jsonl)
JSON = Reader("json", sniffs=((20, sniff.is_json),), records=parse_json)
HTML = Reader("html", sniffs=((30, sniff.is_html),), read=read_html)
WIKITEXT = Reader("wikitext", sniffs=((50, sniff.is_wikitext),), read=read_wikitext)
MARKDOWN = Reader(
    "markdown",
    sniffs=((40, sniff.has_front_matter_start), (60, sniff.is_markdown)),
    read=read_markdown,
)
PLAINTEXT = Reader("plaintext", sniffs=((FALLBACK, lambda _text: True),), read=read_plaintext)
