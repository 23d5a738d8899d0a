"""Profiles from YAML front matter: the whole infobox under ``infoboxes:`` (front-lines-early
exports) or the belligerent lists that leak into ``tags`` with ``date``/``place`` (front-lines).

The front matter is already parsed by the Markdown reader (``meta["front_matter"]``); each
value is then found again in the original text (:class:`~warlog.profile.text.Locator`) so it
carries its offsets in the file.
"""

from __future__ import annotations

import re
from typing import Any

from warlog.actors import ActorIndex
from warlog.actors.normalize import fold
from warlog.profile.fields import Extract
from warlog.profile.text import Locator, clean
from warlog.profile.vocab import param_field, vocab

_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def front_end(raw: str) -> int:
    """Where the front matter's closing line starts (the body follows it)."""
    m = _END.search(raw, 4)
    return m.start() if m else len(raw)


def body_start(raw: str) -> int:
    """Where the body after a front matter begins (0 without one)."""
    if not raw.lstrip("\ufeff").startswith("---"):
        return 0
    m = _END.search(raw, 4)
    return raw.find("\n", m.end()) + 1 if m else len(raw)


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, list):
        return "\n".join(_value_text(v) for v in value)
    return "" if value is None else str(value)


def _seek_key(loc: Locator, key: str) -> None:
    m = re.compile(rf"^[ \t-]*{re.escape(key)}:", re.MULTILINE).search(loc.raw, loc.cursor,
                                                                        loc.end)
    if m:
        loc.cursor = m.end()


def from_infoboxes(raw: str, meta: dict[str, Any]) -> Extract | None:
    boxes = meta.get("infoboxes")
    boxes = boxes if isinstance(boxes, list) else [boxes]
    loc = Locator(raw, 0, front_end(raw))
    _seek_key(loc, "infoboxes")
    for box in boxes:
        if not isinstance(box, dict):
            continue
        fields = [(k, param_field(str(k))) for k in box]
        if not any(f and f[0] in ("belligerents", "result", "casualties", "date", "place")
                   for _k, f in fields):
            continue
        ex = Extract("front_matter")
        for key, pf in fields:
            if pf is None:
                continue
            _seek_key(loc, str(key))
            ex.add(pf[0], pf[1], loc.items(_value_text(box[key])))
        return ex
    return None


def _is_category(tag: str) -> bool:
    low = tag.lower()
    return any(low.startswith(p) for p in vocab().category_prefixes)


def _is_actor(tag: str) -> bool:
    return ActorIndex.load().canonical(clean(tag)) is not None


def from_tags(raw: str, meta: dict[str, Any]) -> Extract | None:
    """``tags``: [name], [part of (lower case, or a line that names no actor)], one tag per
    side (several lines, or a known actor), then categories."""
    fm = meta.get("front_matter") or {}
    tags = [t for t in fm.get("tags") or [] if isinstance(t, str) and t.strip()]
    title = fold(str(fm.get("subject") or fm.get("title") or "")).lower()
    loc = Locator(raw, 0, front_end(raw))
    ex = Extract("tags")
    i = 0
    first = fold(clean(tags[0])).lower() if tags else ""
    if first and title and (first == title or title.startswith(first + " (")):
        _seek_key(loc, "tags")
        ex.add("name", None, loc.items(tags[0]))
        i = 1
    if i < len(tags) and (tags[i][:1].islower() or (
            i > 0 and "\n" not in tags[i].strip() and not _is_category(tags[i])
            and not _is_actor(tags[i]))):
        _seek_key(loc, "tags")
        ex.add("part_of", None, loc.items(tags[i]))
        i += 1
    side = 0
    if i > 0:
        for tag in tags[i:]:
            if (_is_category(tag) or fold(clean(tag)).lower() == title
                    or not ("\n" in tag.strip() or _is_actor(tag))):
                break
            side += 1
            _seek_key(loc, "tags")
            ex.add("belligerents", side, loc.items(tag))
    for key, name in (("date", "date"), ("place", "place")):
        text = _value_text(fm.get(key))
        if text.strip():
            loc.cursor = 0
            _seek_key(loc, key)
            ex.add(name, None, loc.items(text))
    # a name and a part-of alone may be category tags: the infobox gives sides or a date/place
    return ex if any(f.name in ("belligerents", "date", "place") for f in ex.fields) else None
