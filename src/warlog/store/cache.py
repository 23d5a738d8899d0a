"""A small cache of aggregate answers (the web app's timeline, map, facets), exact to the last
commit.

An entry is keyed by the request (endpoint and filter) *and* the database's generation, so a
change, by a reviewer here or by ``warlog extract`` in another process, makes every older entry
unreachable. On SQLite the generation is ``PRAGMA data_version`` read on one connection kept for
that purpose: SQLite changes it whenever any other connection commits. Other databases get no
cache (the generation is ``None``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sqlalchemy import Engine

from warlog.store.engine import BUSY_TIMEOUT_MS


class ResultCache:
    """Least-recently-used answers (bytes), bounded by entry count and total size."""

    def __init__(self, engine: Engine, entries: int = 256, max_bytes: int = 32 << 20) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._data: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._probe: sqlite3.Connection | None = None
        path = engine.url.database
        if entries > 0 and engine.dialect.name == "sqlite" and path and path != ":memory:":
            self._probe = sqlite3.connect(
                path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )

    def generation(self) -> int | None:
        if self._probe is None:
            return None
        with self._lock:
            return int(self._probe.execute("PRAGMA data_version").fetchone()[0])

    def get(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """The cached answer for ``key`` at the current generation, computing it if needed."""
        gen = self.generation()
        if gen is None:
            return compute()
        full = (gen, key)
        with self._lock:
            hit = self._data.get(full)
            if hit is not None:
                self._data.move_to_end(full)
                return hit
        value = compute()
        if self.generation() != gen:  # the data changed while computing: do not keep it
            return value
        with self._lock:
            if full not in self._data:
                self._data[full] = value
                self._size += len(value)
            while self._data and (len(self._data) > self.entries or self._size > self.max_bytes):
                _, old = self._data.popitem(last=False)
                self._size -= len(old)
        return value

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None
