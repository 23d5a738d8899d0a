"""JSON Lines: one record per line, exactly the record contract (``docs``: JSONL fields)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from warlog.plugins import Exporter


def json_default(o: Any) -> Any:
    """Dates as ISO text; anything else that JSON cannot hold is an error."""
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def line(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False, default=json_default) + "\n"


def stream(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for rec in records:
        yield line(rec)


def dump(records: Iterable[dict[str, Any]], fh: IO[str]) -> None:
    """Write records as JSON Lines to an open text file."""
    for rec in records:
        fh.write(line(rec))


EXPORTER = Exporter("jsonl", (".jsonl",), "application/x-ndjson", stream)
