"""The web app's database connections: one engine for reads and one for review writes.

SQLite allows one writer at a time. A deferred transaction that reads and then writes can fail
at once with "database is locked" when another writer got in between, which would turn two
reviewers' simultaneous edits into an error. The write engine therefore opens every
transaction with ``BEGIN IMMEDIATE`` (take the write lock first, wait up to ``busy_timeout``
for it), so concurrent review requests queue instead of failing; reads use plain deferred
transactions and, in WAL mode, never wait for writers. Other databases (PostgreSQL) use one
ordinary engine for both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from warlog.store.database import database_url, open_store
from warlog.store.search import ensure_search, has_fts

BUSY_TIMEOUT_MS = 15000


@dataclass(frozen=True)
class Database:
    """Where the app reads and writes; ``label`` is what the app shows (no password)."""

    read: Engine
    write: Engine
    label: str

    @property
    def fts(self) -> bool:
        return has_fts(self.read)

    def dispose(self) -> None:
        self.read.dispose()
        if self.write is not self.read:
            self.write.dispose()


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, future=True, pool_size=8, max_overflow=16, pool_timeout=60)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def open_database(target: str | Path) -> Database:
    """Open (creating if needed) a warlog database for the web app, with its search index."""
    url = database_url(target)
    store = open_store(url)  # creates the tables of a new database
    label = store.url
    store.engine.dispose()
    if url.startswith("sqlite"):
        read = _sqlite_engine(url, "BEGIN")
        write = _sqlite_engine(url, "BEGIN IMMEDIATE")
    else:
        read = write = create_engine(url, future=True)
    ensure_search(write)
    return Database(read=read, write=write, label=label)
