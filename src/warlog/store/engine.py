"""The one engine factory: every connection warlog opens (the CLI, the Python API, the web app)
comes from :func:`make_engine`, with one set of settings per backend.

SQLite allows one writer at a time. A deferred transaction that reads and then writes can fail
at once with "database is locked" when another writer got in between (two reviewers' edits, or
a review while ``warlog extract`` runs). A *write* engine therefore opens every transaction with
``BEGIN IMMEDIATE``: it takes the write lock first, waiting up to :data:`BUSY_TIMEOUT_MS` for
it, so concurrent writers queue instead of failing. A *read* engine uses plain deferred
transactions and, in WAL mode, never waits for writers. Every SQLite connection has foreign
keys on, WAL journaling and the same busy timeout.

PostgreSQL needs none of this: one ordinary engine serves reads and writes, and checks a pooled
connection before use (a shared server may drop one left idle during a long review session).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 15000  # how long a SQLite writer waits for another one's lock
POOL = {"pool_size": 8, "max_overflow": 16, "pool_timeout": 60}

# A bare PostgreSQL URL (as a provider or ``psql`` gives it) means psycopg 3, the driver that
# the ``postgres`` extra installs; SQLAlchemy would otherwise look for psycopg2.
_PG_SCHEMES = ("postgresql://", "postgres://")


def database_url(target: str | Path) -> str:
    """The SQLAlchemy URL for a file path (SQLite) or a URL (``postgresql://`` → psycopg 3)."""
    text = str(target)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    for scheme in _PG_SCHEMES:
        if text.startswith(scheme):
            return "postgresql+psycopg://" + text[len(scheme) :]
    return text


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(target: str | Path, *, write: bool = True) -> Engine:
    """An engine on ``target`` (a SQLite path or a database URL).

    On SQLite, ``write`` engines begin every transaction with ``BEGIN IMMEDIATE`` and read
    engines with a deferred ``BEGIN`` (see the module notes); elsewhere ``write`` changes
    nothing.
    """
    url = database_url(target)
    if not is_sqlite(url):
        return create_engine(url, future=True, pool_pre_ping=True)
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(url, future=True, **({} if in_memory else POOL))
    begin = "BEGIN IMMEDIATE" if write else "BEGIN"

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver's own transaction handling is off:
        cur = dbapi_conn.cursor()  # every BEGIN is ours (below)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine
