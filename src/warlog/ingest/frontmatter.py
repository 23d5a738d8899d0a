"""YAML front matter: find it, parse it, and turn it into the normalised ``Document.meta``.

Exports differ in their keys (``subject`` or ``title``; ``date`` as a string or a list; a whole
infobox under ``infoboxes``), so later stages read one vocabulary: ``title``, ``description``,
``date``, ``place``, ``tags``, ``infoboxes``, ``url``, with the untouched mapping kept under
``meta["front_matter"]``. A broken front matter is a warning, never a reason to lose the body.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from warlog.ingest.clean import FLAG_EMOJI, image_names

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?:(?P<body>.*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~20x faster
_MAX_NODES = 10_000  # YAML nodes with every alias expanded: an alias bomb goes far over
_MAX_META_CHARS = 200_000  # the front matter as JSON (a whole infobox is a few kB)
_URL_KEYS = ("url", "link", "canonical", "canonical_url", "source_url", "permalink", "source")


@dataclass(slots=True)
class FrontMatter:
    """The parsed front matter (``data`` is None when there was none or it was broken)."""

    data: dict[str, Any] | None
    body_start: int  # offset in the raw text where the body begins
    warnings: list[str] = field(default_factory=list)


def has_front_matter(text: str) -> bool:
    return _FRONT_MATTER.match(text) is not None


def split_front_matter(raw: str, name: str) -> FrontMatter:
    """Parse the leading ``---`` block of ``raw``; problems become one-line warnings."""
    m = _FRONT_MATTER.match(raw)
    if not m:
        return FrontMatter(None, 0)
    block = m.group("body") or ""
    try:
        data = _load(block) if block.strip() else {}
    except _TooLarge as err:
        return FrontMatter(None, m.end(), [f"{name}: {err}; front matter ignored"])
    except yaml.YAMLError as err:
        # the context mark is where the broken construct began (an unclosed quote…)
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = f" line {mark.line + 2}" if mark is not None else ""
        parts = [getattr(err, "context", None), getattr(err, "problem", None)]
        problem = ": ".join(p for p in parts if p) or str(err).splitlines()[0]
        msg = f"{name}:{line}: broken YAML front matter ({problem}); front matter ignored"
        return FrontMatter(None, m.end(), [msg])
    except Exception as err:  # noqa: BLE001 - PyYAML's constructors raise anything
        # a value YAML accepts but Python cannot hold: "date: 2024-13-45", year 99999
        problem = " ".join(str(err).split())[:200] or type(err).__name__
        msg = f"{name}: broken YAML front matter ({problem}); front matter ignored"
        return FrontMatter(None, m.end(), [msg])
    if data is None:
        data = {}
    if not isinstance(data, dict):
        msg = f"{name}: line 2: front matter is not a mapping; front matter ignored"
        return FrontMatter(None, m.end(), [msg])
    safe = json_safe(data)
    size = len(json.dumps(safe, ensure_ascii=False, default=str))
    if size > _MAX_META_CHARS:
        msg = (f"{name}: front matter too large ({size // 1000} kB > "
               f"{_MAX_META_CHARS // 1000} kB); front matter ignored")
        return FrontMatter(None, m.end(), [msg])
    return FrontMatter(safe, m.end())


class _TooLarge(ValueError):
    """A front matter whose aliases expand past the budget (an alias bomb, a recursive alias)."""


def _load(block: str) -> Any:
    """Parse YAML with aliases counted: the node graph is walked with every alias expanded
    (at most ``_MAX_NODES`` steps) before any Python object is built, so a 700-byte alias bomb
    or a recursive alias (``&a [*a]``) is refused in microseconds instead of expanded."""
    loader = _LOADER(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        stack = [node]
        seen = 0
        while stack:
            n = stack.pop()
            seen += 1
            if seen > _MAX_NODES:
                raise _TooLarge(
                    f"front matter too large or an alias bomb (over {_MAX_NODES} YAML nodes "
                    "with aliases expanded)")
            if isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    stack.append(k)
                    stack.append(v)
            elif isinstance(n, yaml.SequenceNode):
                stack.extend(n.value)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def json_safe(value: Any) -> Any:
    """Dates become ISO strings and keys strings, so meta can be written as JSON."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _text(value: Any) -> str | None:
    """A list of strings joined with "; ", a scalar as a string, an empty value as None."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        joined = "; ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        return _text(value.get("text"))
    s = " ".join(str(value).split())
    return s or None


def _place_text(value: Any) -> str | None:
    """A place field as names joined with ", ". An infobox scrape writes one place per line,
    with its map's file name and a flag emoji ("Syria / Golan_Heights_Map.PNG Golan Heights /
    🇮🇱 Israel"): lines are kept apart, file names and flags dropped."""
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, str) and "\n" in value:
        value = [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        parts = [_place_text(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    text = _text(value)
    if text is None:
        return None
    text = " ".join(image_names().sub(" ", FLAG_EMOJI.sub(" ", text)).split())
    return text or None


def _infobox_field(infoboxes: Any, *keys: str,
                   read: Callable[[Any], str | None] = _text) -> str | None:
    boxes = infoboxes if isinstance(infoboxes, list) else [infoboxes]
    for box in boxes:
        if not isinstance(box, dict):
            continue
        for key in keys:
            if key in box:
                found = read(box[key])
                if found:
                    return found
    return None


def normalise_meta(data: dict[str, Any] | None, first_heading: str | None = None) -> dict[str, Any]:
    """The shared meta vocabulary from a front-matter mapping (or from nothing)."""
    data = data or {}
    infoboxes = data.get("infoboxes")
    meta: dict[str, Any] = {}
    title = (
        _text(data.get("subject"))
        or _text(data.get("title"))
        or _infobox_field(infoboxes, "conflict", "name", "title")
        or first_heading
    )
    if title:
        meta["title"] = title
    description = _text(data.get("description")) or _text(data.get("shortDescription"))
    if description:
        meta["description"] = description
    date = _text(data.get("date")) or _infobox_field(infoboxes, "date")
    if date:
        meta["date"] = date
    place = _place_text(data.get("place")) or _infobox_field(
        infoboxes, "place", "location", read=_place_text)
    if place:
        meta["place"] = place
    tags = data.get("tags") if data.get("tags") is not None else data.get("keywords")
    if isinstance(tags, str):
        tags = [tags]
    if isinstance(tags, list):
        meta["tags"] = [str(t).strip() for t in tags if t is not None and str(t).strip()]
    if infoboxes is not None:
        meta["infoboxes"] = infoboxes
    for key in _URL_KEYS:
        url = _text(data.get(key))
        if url and re.match(r"https?://", url):
            meta["url"] = url
            break
    if data:
        meta["front_matter"] = data
    return meta
