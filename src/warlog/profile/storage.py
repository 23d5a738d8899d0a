"""Profiles in the store: the ``profiles`` table (one JSON profile per document).

A profile is written with its document (:func:`save`, called by the store's writer) and built
on first read for a document stored without one (an older database, the bulk loader):
:func:`get` reads the stored raw text, format and meta and keeps what it built.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from warlog.profile import profile_dict
from warlog.store import schema as s


def save(conn: Connection, document_id: int, raw: str, fmt: str,
         meta: dict[str, Any] | None) -> dict[str, Any] | None:
    """Build and store the profile of a document (NULL when it has no infobox)."""
    prof = profile_dict(raw, fmt, meta)
    conn.execute(delete(s.profiles).where(s.profiles.c.document_id == document_id))
    conn.execute(insert(s.profiles).values(document_id=document_id, profile=prof))
    return prof


def get(store: Any, document_id: int) -> dict[str, Any] | None:
    """The stored profile of a document (built and stored now if it was never built)."""
    with store.read.connect() as conn:
        row = conn.execute(
            select(s.profiles.c.profile).where(s.profiles.c.document_id == document_id)
        ).first()
    if row is not None:
        return row.profile
    with store.engine.begin() as conn:
        d = conn.execute(
            select(s.documents.c.raw_text, s.documents.c.format, s.documents.c.meta)
            .where(s.documents.c.id == document_id)
        ).first()
        if d is None:
            return None
        return save(conn, document_id, d.raw_text, d.format, d.meta)
