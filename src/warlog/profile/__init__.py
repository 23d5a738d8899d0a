"""Conflict profiles: what a document's infobox says about the conflict it is about.

:func:`build_profile` picks the source form from the document's format and content (YAML
front matter ``infoboxes`` or ``tags``, a WikiMili table or one-field-per-line infobox in plain
text, an HTML infobox table, ``{{Infobox military conflict}}`` in wikitext), reads its fields
(:mod:`.frontmatter`, :mod:`.table`, :mod:`.html`, :mod:`.wikitext`) and resolves them
(:mod:`.resolve`) into a :class:`~warlog.profile.model.Profile`. No infobox, no profile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from warlog.profile import frontmatter, html, table, wikitext
from warlog.profile.fields import Extract
from warlog.profile.model import Actor, Count, Profile, Side, Span
from warlog.profile.resolve import build

__all__ = ["Actor", "Count", "Profile", "Side", "Span", "build_profile", "profile_dict"]

Source = Callable[[str, dict[str, Any]], Extract | None]

def _span_end(meta: dict[str, Any]) -> int | None:
    """Where the plain-text reader saw the leading infobox table end (``infobox_span``)."""
    span = meta.get("infobox_span")
    return int(span[1]) if isinstance(span, list) and len(span) == 2 else None


# format -> the source forms tried, in order
_SOURCES: dict[str, tuple[Source, ...]] = {
    "markdown": (frontmatter.from_infoboxes, frontmatter.from_tags,
                 lambda raw, _m: table.from_wikimili(raw, start=frontmatter.body_start(raw)),
                 lambda raw, _m: table.from_lines(raw, frontmatter.body_start(raw))),
    "plaintext": (lambda raw, m: table.from_wikimili(raw, _span_end(m)),
                  lambda raw, _m: table.from_lines(raw)),
    "html": (lambda raw, _m: html.from_html(raw),),
    "wikitext": (lambda raw, _m: wikitext.from_wikitext(raw),),
}


def build_profile(raw: str, fmt: str, meta: dict[str, Any] | None = None) -> Profile | None:
    """The profile of a document (its original text, reader format and meta), or None."""
    meta = meta or {}
    fmt = meta.get("text_format", fmt) if fmt == "jsonl" else fmt
    for source in _SOURCES.get(fmt, ()):
        if source in (frontmatter.from_infoboxes,) and meta.get("infoboxes") is None:
            continue
        if source is frontmatter.from_tags and not meta.get("front_matter"):
            continue
        ex = source(raw, meta)
        if ex is not None:
            return build(ex, raw)
    return None


def profile_dict(raw: str, fmt: str, meta: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """:func:`build_profile` as JSON-ready data (None when the document has no infobox)."""
    p = build_profile(raw, fmt, meta)
    return None if p is None else p.to_dict()
