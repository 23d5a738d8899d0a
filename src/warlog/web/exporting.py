"""Export of the current filter, streamed through the same exporter ``warlog export`` uses.

Records come from :meth:`warlog.store.Store.records` (batches by ascending id, each in its own
short read transaction), so a 100,000-event download neither holds the database open nor
builds the whole file in memory; each record has the shape ``warlog export`` writes (the JSON
Lines contract), and the chunks come from the exporter plugin of that format
(:data:`warlog.plugins.exporters`), so both exports agree byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator

from warlog.plugins import exporters
from warlog.store.database import Store
from warlog.store.filters import EventFilter

CHUNK = 65536
# the text exporters (the registry's: built-ins and plugins); Parquet is a file, not a stream
FORMATS = tuple(e.name for e in exporters.all() if not e.binary)


def export_chunks(db: Store, f: EventFilter, fmt: str) -> Iterator[bytes]:
    """The export file's bytes in chunks of roughly 64 KB, written by exporter ``fmt``."""
    pending: list[bytes] = []
    size = 0
    for piece in exporters.get(fmt).stream(db.records(f, order="id")):
        chunk = piece.encode("utf-8") if isinstance(piece, str) else piece
        pending.append(chunk)
        size += len(chunk)
        if size >= CHUNK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def media_type(fmt: str) -> str:
    return exporters.get(fmt).media_type
