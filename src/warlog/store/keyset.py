"""Keyset pagination for the event table: "the rows after this one" instead of ``OFFSET``.

``OFFSET 100000`` makes the database read and drop a hundred thousand rows; a *cursor* — the
sort value and id of the last row shown — lets the next page start at that row in the index
(``(event_date, id) > (:v, :id)``), so page 2,000 costs what page 1 costs.

A cursor is opaque to clients (URL-safe base64 of ``[sort, order, value, id]``); one made for
another sort or order is refused. ``NULL`` sort values (undated events, unknown fatalities)
sort first on SQLite and last on PostgreSQL in ascending order (the other way round
descending); the rows with a ``NULL`` value are read as their own segment ordered by id, so
each part of a page is still one ordered index range.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Any

from sqlalchemy import Date, and_, literal, tuple_
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import schema as s

ev = s.events


class BadCursor(ValueError):
    """A cursor that is not one this module made for the requested sort."""


def encode(sort: str, order: str, value: Any, last_id: int) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    raw = json.dumps([sort, order, value, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, sort: str, order: str, col: Any) -> tuple[Any, int]:
    """The last row's sort value (typed for ``col``) and id."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        c_sort, c_order, value, last_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as e:
        raise BadCursor("not a cursor of this table") from e
    if (c_sort, c_order) != (sort, order) or not isinstance(last_id, int):
        raise BadCursor("the cursor belongs to another sort order")
    if value is not None and isinstance(col.type, Date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError as e:
            raise BadCursor("not a cursor of this table") from e
    return value, last_id


def nulls_last(dialect: str, order: str) -> bool:
    """Whether ``NULL`` values come after all others in this order on this backend."""
    return (dialect == "postgresql") == (order == "asc")


def segments(col: Any, order: str, dialect: str, value: Any, last_id: int
             ) -> list[ColumnElement[bool]]:
    """Conditions, in page order, for the rows after ``(value, last_id)``: read the first
    segment, then the next while the page is not full."""
    after = (lambda a, b: a > b) if order == "asc" else (lambda a, b: a < b)
    in_nulls = and_(col.is_(None), after(ev.c.id, last_id))
    if value is None:  # the last row shown was in the NULL segment
        return [in_nulls] if nulls_last(dialect, order) else [in_nulls, col.is_not(None)]
    row = after(tuple_(col, ev.c.id), tuple_(literal(value, col.type), literal(last_id)))
    return [row, col.is_(None)] if nulls_last(dialect, order) else [row]
