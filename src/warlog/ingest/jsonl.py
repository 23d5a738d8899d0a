"""JSON Lines (one document per line) and single JSON documents.

Each record needs a ``text`` string; ``title``, ``date``, ``url``, ``id`` and any other
fields are optional and kept in the meta as they are. A record's document is named
``<file>#<id>`` (or ``<file>#<line number>``) and its ``raw`` is the ``text`` value, so
offsets point into it.
A broken line among good ones is a warning; a file with no usable line is an error. For
storage a JSON Lines file is one unit (:meth:`warlog.store.database.Store.write_file`): its
good records are stored together in one transaction or not at all, and each skipped line is
named in the run's warnings and in the ``problems`` table.

Every way a line can break has its own message: invalid JSON (with the column), an integer too
long to convert (over 4,300 digits), nesting deeper than 64 levels, a lone surrogate
(``\\ud800``, which no database can store as UTF-8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from warlog.ingest.frontmatter import json_safe


@dataclass(slots=True)
class Record:
    """One document's worth of a JSON file: its name suffix, text and meta."""

    key: str  # "#3" or "#<id>"
    text: str
    meta: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


class JsonError(ValueError):
    """No usable record: the message names the first problem ("JSON Lines line 3: …")."""


_MAX_DEPTH = 64


class _BadJson(ValueError):
    """A JSON text that parses (or not) in a way we name ourselves."""


def _loads(text: str) -> Any:
    """``json.loads`` with every failure a :class:`ValueError` whose message says why."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise _BadJson(f"invalid JSON ({err.msg}, line {err.lineno} column {err.colno})") from err
    except RecursionError as err:
        raise _BadJson(f"JSON nested too deeply (over {_MAX_DEPTH} levels)") from err
    except ValueError as err:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise _BadJson(f"unreadable JSON value ({' '.join(str(err).split())[:120]})") from err
    _check(obj)
    return obj


def _check(obj: Any) -> None:
    """Refuse nesting deeper than ``_MAX_DEPTH`` and strings that cannot be UTF-8 (a lone
    surrogate), walking the value once without recursion."""
    stack: list[tuple[Any, int]] = [(obj, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                bad = f"\\u{ord(value[err.start]):04x}"
                raise _BadJson(f"a string holds a lone surrogate ({bad})") from err
        elif isinstance(value, dict | list):
            if depth >= _MAX_DEPTH:
                raise _BadJson(f"JSON nested too deeply (over {_MAX_DEPTH} levels)")
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((v, depth + 1) for v in items)


def _record(obj: Any, where: str, key: str) -> tuple[Record | None, str | None]:
    if not isinstance(obj, dict):
        return None, f"{where}: not a JSON object"
    text = obj.get("text")
    if not isinstance(text, str):
        return None, f"{where}: no 'text' string field"
    if not text.strip():
        return None, f"{where}: empty 'text'"
    ident = obj.get("id")
    if isinstance(ident, str | int) and str(ident).strip():
        key = f"#{str(ident).strip()}"
    meta: dict[str, Any] = {}
    for k, v in obj.items():
        if k == "text" or v is None or v == "":
            continue
        meta[str(k)] = v.strip() if isinstance(v, str) else json_safe(v)
    return Record(key, text, meta), None


def parse_jsonl(raw: str, name: str) -> list[Record]:
    """Records of a JSON Lines file; problems on some lines go into the first record's warnings."""
    records: list[Record] = []
    problems: list[str] = []
    for i, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"JSON Lines line {i}"
        try:
            obj = _loads(line)
        except ValueError as err:
            problems.append(f"{where}: {err}")
            continue
        rec, problem = _record(obj, where, f"#{i}")
        if rec is None:
            problems.append(problem or where)
        else:
            records.append(rec)
    return _finish(records, problems, name, "line skipped")


def parse_json(raw: str, name: str) -> list[Record]:
    """A single JSON document: an object with ``text`` or a list of such objects."""
    try:
        data = _loads(raw)
    except ValueError as err:
        raise JsonError(str(err)) from err
    items = data if isinstance(data, list) else [data]
    records: list[Record] = []
    problems: list[str] = []
    for i, obj in enumerate(items, start=1):
        where = f"JSON item {i}" if isinstance(data, list) else "JSON object"
        rec, problem = _record(obj, where, f"#{i}" if isinstance(data, list) else "")
        if rec is None:
            problems.append(problem or where)
        else:
            records.append(rec)
    return _finish(records, problems, name, "skipped")


def _finish(records: list[Record], problems: list[str], name: str, what: str) -> list[Record]:
    """The records read, with the problems of the others as warnings on the first; no record
    at all is an error naming the first problem."""
    if not records:
        raise JsonError(problems[0] if problems else "no text")
    _dedupe_keys(records)
    records[0].warnings.extend(f"{name}: {p}; {what}" for p in problems)
    return records


def _dedupe_keys(records: list[Record]) -> None:
    """Two records with the same id get distinct names (``#id``, ``#id-2``)."""
    seen: dict[str, int] = {}
    for rec in records:
        n = seen.get(rec.key, 0) + 1
        seen[rec.key] = n
        if n > 1:
            rec.key = f"{rec.key}-{n}"
