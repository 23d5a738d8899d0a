"""Conflict profiles: what a document's infobox says about the conflict it is about.

:func:`build_profile` picks the source form from the document's format and content (YAML
front matter ``infoboxes`` or ``tags``, a WikiMili table or one-field-per-line infobox in plain
text, an HTML infobox table, ``{{Infobox military conflict}}`` in wikitext), reads its fields
(:mod:`.frontmatter`, :mod:`.table`, :mod:`.html`, :mod:`.wikitext`) and resolves them
(:mod:`.resolve`) into a :class:`~warlog.profile.model.Profile`. No infobox, no profile.

A document's profile is read once per process: the event extractor reads it first (its sides,
date span and place guide the events, :mod:`.sides`) and the store keeps the same object
(:func:`build_profile` remembers the last documents' profiles; :func:`remember` hands it one
read in a worker process).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from warlog.data import on_clear
from warlog.profile import frontmatter, html, table, wikitext
from warlog.profile.fields import Extract
from warlog.profile.model import Actor, Count, Profile, Side, Span
from warlog.profile.resolve import build

if TYPE_CHECKING:
    from warlog.model import Document

__all__ = ["Actor", "Count", "Profile", "Side", "Span", "build_profile", "profile_dict",
           "profile_of", "remember"]

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


# the last documents' profiles: a file's documents (a JSON Lines file's many items) are
# extracted, then stored together; the texts are mostly the documents' own, still alive
_MEMO_SIZE = 2048
_MEMO_CHARS = 32_000_000
_memo: OrderedDict[tuple[Any, ...], tuple[str, Profile | None]] = OrderedDict()
_chars = [0]  # characters of the texts in _memo


@on_clear  # other data files (labels, actors): read the profiles again
def _forget() -> None:
    _memo.clear()
    _chars[0] = 0


def _key(raw: str, fmt: str, meta: dict[str, Any]) -> tuple[Any, ...]:
    """What a profile depends on besides the data files: the text, the format and the parts
    of the meta the sources look at."""
    span = meta.get("infobox_span")
    return (len(raw), hash(raw), fmt, meta.get("text_format"), meta.get("infoboxes") is None,
            bool(meta.get("front_matter")), tuple(span) if isinstance(span, list) else None)


def build_profile(raw: str, fmt: str, meta: dict[str, Any] | None = None) -> Profile | None:
    """The profile of a document (its original text, reader format and meta), or None.
    The same document's profile is read once (remembered for the last few documents)."""
    meta = meta or {}
    key = _key(raw, fmt, meta)
    hit = _memo.get(key)
    if hit is not None and hit[0] == raw:
        _memo.move_to_end(key)
        return hit[1]
    prof = _build(raw, fmt, meta)
    remember_raw(key, raw, prof)
    return prof


def remember_raw(key: tuple[Any, ...], raw: str, prof: Profile | None) -> None:
    if key not in _memo:
        _chars[0] += key[0]
    _memo[key] = (raw, prof)
    _memo.move_to_end(key)
    while len(_memo) > 1 and (len(_memo) > _MEMO_SIZE or _chars[0] > _MEMO_CHARS):
        old, _ = _memo.popitem(last=False)
        _chars[0] -= old[0]


def remember(doc: Document, prof: Profile | None) -> None:
    """Keep ``prof`` as ``doc``'s profile (read in a worker process), so storing the
    document does not read its infobox again."""
    remember_raw(_key(doc.raw, doc.format, doc.meta or {}), doc.raw, prof)


def profile_of(doc: Document) -> Profile | None:
    """The profile of a read document (see :func:`build_profile`)."""
    return build_profile(doc.raw, doc.format, doc.meta)


def _build(raw: str, fmt: str, meta: dict[str, Any]) -> Profile | None:
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
