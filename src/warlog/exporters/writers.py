"""Event records out, through the exporters (:data:`warlog.plugins.exporters`).

The built-in formats are one module each (:mod:`~warlog.exporters.jsonl`,
:mod:`~warlog.exporters.acled_csv`, :mod:`~warlog.exporters.geojson`,
:mod:`~warlog.exporters.parquet`), registered as ``warlog.exporters`` entry points like any
third-party format. Every exporter turns records (as ``Event.as_record()`` or
``Store.iter_event_records()`` give them) into chunks; :func:`write_records` writes the chunks
to a file atomically (a temporary file renamed into place, so an interrupted run never leaves
half a file) and :func:`stream_records` hands them to an HTTP response, so a download from
``warlog serve`` equals ``warlog export`` of the same events.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warlog.exporters.acled import ACLED_COLUMNS, EXTRA_COLUMNS, acled_row
from warlog.exporters.jsonl import dump, json_default
from warlog.plugins import Exporter, export_suffixes, exporter_for, exporters

__all__ = [
    "ACLED_COLUMNS",
    "EXTRA_COLUMNS",
    "acled_row",
    "dump",
    "json_default",
    "stream_records",
    "write_records",
]


class _Counted:
    """Counts the records an exporter pulls."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records = records
        self.n = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for rec in self.records:
            self.n += 1
            yield rec


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_with(exporter: Exporter, records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ``records`` to ``path`` with ``exporter``, atomically; the number written."""
    counted = _Counted(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if exporter.binary:
            with os.fdopen(fd, "wb") as fh:
                for chunk in exporter.stream(counted):
                    fh.write(chunk)  # type: ignore[arg-type]
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                for chunk in exporter.stream(counted):
                    fh.write(chunk)  # type: ignore[arg-type]
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counted.n


def write_records(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write by the file's suffix (``.jsonl``, ``.csv``, ``.geojson``, ``.parquet`` or any
    installed exporter's); the number of records written."""
    p = Path(path)
    exporter = exporter_for(p.name)
    if exporter is None:
        raise ValueError(f"{p}: unknown output format {p.suffix!r} "
                         f"(use one of {', '.join(export_suffixes())})")
    return write_with(exporter, records, p)


def stream_records(records: Iterable[dict[str, Any]], fmt: str) -> Iterator[str | bytes]:
    """The content of exporter ``fmt``'s file, in chunks, without a file."""
    try:
        exporter = exporters.get(fmt)
    except LookupError as e:
        raise ValueError(f"unknown stream format {fmt!r} (use one of "
                         f"{', '.join(sorted(exporters.names()))})") from e
    return exporter.stream(records)
