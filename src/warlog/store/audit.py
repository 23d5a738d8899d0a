"""The audit log: one row per reviewed change (who, when, which event, action, field, before,
after), written in the same transaction as the change itself (:mod:`warlog.store.review`) and
read newest first (``Store.audit_log``, and each event's own history in ``Store.event``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from warlog.store import schema as s

audit = s.audit_log
MAX_ENTRIES = 1000  # entries per read


def now() -> datetime:
    return datetime.now(UTC)


def write(conn: Connection, rows: list[dict[str, Any]], user: str) -> None:
    """Log changes (``event_id``, ``action``, ``field``, ``before``, ``after``) by ``user``."""
    if rows:
        at = now()
        conn.execute(insert(audit), [{"user": user, "at": at, **r} for r in rows])


def entries(
    conn: Connection, event_id: int | None = None, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """Review changes, newest first: of one event, or of all events."""
    q = (
        select(audit)
        .order_by(audit.c.id.desc())
        .limit(max(1, min(limit, MAX_ENTRIES)))
        .offset(offset)
    )
    if event_id is not None:
        q = q.where(audit.c.event_id == event_id)
    return [
        {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in r._mapping.items()}
        for r in conn.execute(q)
    ]
