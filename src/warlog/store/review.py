"""Review: edit an event's fields, verify or reject it, merge two events; all audited.

Every change is one write transaction that (1) checks the event's ``version`` against the one
the reviewer saw, (2) updates the row and bumps ``version`` and (3) writes one ``audit_log`` row
per changed field (who, when, field, before, after). A reviewer who saw an older version gets
:class:`Conflict` with the current record instead of silently overwriting someone else's edit
(optimistic concurrency): no edit is ever lost. Any edit moves the event out of
``unreviewed``, and ``warlog extract`` only ever replaces unreviewed events.

The store offers these as ``store.review(…)``, ``store.set_state(…)`` and ``store.merge(…)``;
a refused change raises a :class:`ReviewError` whose ``status`` the web app answers with.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from warlog.store import audit
from warlog.store import schema as s
from warlog.store.queries import get_event
from warlog.taxonomy import is_valid_pair, sub_event_types

if TYPE_CHECKING:
    from warlog.store.database import Store as Database

ev, evid = s.events, s.evidence

DATE_FIELDS = frozenset({"event_date", "date_end"})
INT_RANGES: dict[str, tuple[int, int]] = {
    "time_precision": (1, 3),
    "geo_precision": (1, 3),
    "fatalities": (0, 10_000_000),
    "fatalities_low": (0, 10_000_000),
    "fatalities_high": (0, 10_000_000),
}
FLOAT_RANGES: dict[str, tuple[float, float]] = {
    "latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0),
}
TEXT_LIMITS: dict[str, int] = {"notes": 4000, "location": 512}
REQUIRED = frozenset({"event_type", "sub_event_type"})
TEXT_LIMIT = 256
# Target states a reviewer can set, and the audit action each is logged as.
STATE_ACTIONS = {"verified": "verify", "rejected": "reject", "unreviewed": "reopen"}


class ReviewError(Exception):
    """A review request that cannot be applied; ``status`` is the HTTP status for it."""

    status = 400

    def __init__(self, message: str, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


class NotFound(ReviewError):
    status = 404


class Invalid(ReviewError):
    status = 422


class Conflict(ReviewError):
    """The event changed since the reviewer loaded it; ``current`` is its present state."""

    status = 409


def _coerce(field: str, value: Any) -> Any:
    if field not in s.EDITABLE_FIELDS:
        raise Invalid(f"{field!r} cannot be edited")
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            value = None
    if value is None:
        if field in REQUIRED:
            raise Invalid(f"{field} cannot be empty")
        return None
    try:
        if field in DATE_FIELDS:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if field in INT_RANGES:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            number = int(value)
            low, high = INT_RANGES[field]
            if not low <= number <= high:
                raise Invalid(f"{field} must be between {low} and {high}")
            return number
        if field in FLOAT_RANGES:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
            low, high = FLOAT_RANGES[field]
            if not math.isfinite(number) or not low <= number <= high:
                raise Invalid(f"{field} must be between {low:g} and {high:g}")
            return number
    except (TypeError, ValueError) as e:
        raise Invalid(f"{field}: {value!r} is not a valid value") from e
    if not isinstance(value, str):
        raise Invalid(f"{field} must be text")
    limit = TEXT_LIMITS.get(field, TEXT_LIMIT)
    if len(value) > limit:
        raise Invalid(f"{field} is longer than {limit} characters")
    return value


def coerce_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and convert a reviewer's changes (field → new value) to column values.

    A new ``sub_event_type`` without an ``event_type`` brings its own event type along.
    """
    if not changes:
        raise Invalid("no changes given")
    out = {k: _coerce(k, v) for k, v in changes.items()}
    if "sub_event_type" in out and "event_type" not in out:
        parent = sub_event_types().get(out["sub_event_type"])
        if parent is not None:
            out["event_type"] = parent
    return out


def _text(value: Any) -> str | None:
    """How a value is written in the audit log (and compared for "did it change")."""
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _check_record(rec: dict[str, Any]) -> None:
    if not is_valid_pair(rec["event_type"], rec["sub_event_type"]):
        raise Invalid(f"{rec['sub_event_type']!r} is not a sub-event type of {rec['event_type']!r}")
    start, end = rec.get("event_date"), rec.get("date_end")
    if start and end and str(end) < str(start):
        raise Invalid("date_end is before event_date")
    low, high = rec.get("fatalities_low"), rec.get("fatalities_high")
    if low is not None and high is not None and low > high:
        raise Invalid("fatalities_low is above fatalities_high")


def _load(conn: Connection, event_id: int, version: int | None) -> dict[str, Any]:
    rec = get_event(conn, event_id)
    if rec is None:
        raise NotFound(f"no event {event_id}")
    if version is not None and rec["version"] != version:
        raise Conflict(
            f"event {event_id} was changed by someone else (version {rec['version']}, "
            f"you had {version}); reload it and apply your change again",
            current=rec,
        )
    return rec


def _bump(conn: Connection, rec: dict[str, Any], values: dict[str, Any]) -> None:
    res = conn.execute(
        update(ev)
        .where(ev.c.id == rec["id"], ev.c.version == rec["version"])
        .values(**values, version=rec["version"] + 1, updated_at=audit.now())
    )
    if res.rowcount != 1:  # cannot happen inside BEGIN IMMEDIATE; kept as a guard
        raise Conflict(f"event {rec['id']} changed while saving", current=rec)


def edit_event(
    db: Database, event_id: int, version: int, changes: dict[str, Any], user: str
) -> dict[str, Any]:
    """Apply field changes to an event seen at ``version``; returns the updated event."""
    values = coerce_changes(changes)
    with db.write.begin() as conn:
        rec = _load(conn, event_id, version)
        diff = {k: v for k, v in values.items() if _text(rec[k]) != _text(v)}
        if not diff:
            return rec
        merged = {**rec, **{k: _text(v) if k in DATE_FIELDS else v for k, v in diff.items()}}
        _check_record(merged)
        state = rec["review_state"] if rec["review_state"] == "rejected" else "edited"
        rows = [
            {
                "event_id": event_id,
                "action": "edit",
                "field": k,
                "before": _text(rec[k]),
                "after": _text(v),
            }
            for k, v in diff.items()
        ]
        if state != rec["review_state"]:
            rows.append(
                {
                    "event_id": event_id,
                    "action": "edit",
                    "field": "review_state",
                    "before": rec["review_state"],
                    "after": state,
                }
            )
        _bump(conn, rec, {**diff, "review_state": state})
        audit.write(conn, rows, user)
        return get_event(conn, event_id) or rec


def set_state(db: Database, event_id: int, version: int, state: str, user: str) -> dict[str, Any]:
    """Mark an event verified or rejected (or back to unreviewed)."""
    if state not in STATE_ACTIONS:
        raise Invalid(f"state must be one of {', '.join(STATE_ACTIONS)}")
    with db.write.begin() as conn:
        rec = _load(conn, event_id, version)
        if rec["review_state"] == state:
            return rec
        _bump(conn, rec, {"review_state": state})
        audit.write(
            conn,
            [
                {
                    "event_id": event_id,
                    "action": STATE_ACTIONS[state],
                    "field": "review_state",
                    "before": rec["review_state"],
                    "after": state,
                }
            ],
            user,
        )
        return get_event(conn, event_id) or rec


def merge_events(
    db: Database,
    source_id: int,
    target_id: int,
    source_version: int,
    target_version: int,
    user: str,
) -> dict[str, Any]:
    """Merge ``source`` into ``target`` (they report one event).

    The target keeps its values and takes the source's where it has none; evidence of the
    same document moves along; the source is marked rejected (kept, so a re-run of the
    extractor does not bring it back). Both sides log the merge. Returns both events.
    """
    if source_id == target_id:
        raise Invalid("an event cannot be merged into itself")
    with db.write.begin() as conn:
        src = _load(conn, source_id, source_version)
        tgt = _load(conn, target_id, target_version)
        if src["review_state"] == "rejected":
            raise Invalid(f"event {source_id} is rejected; reopen it before merging")
        fills = {
            k: _coerce(k, src[k])
            for k in s.EDITABLE_FIELDS
            if tgt[k] is None and src[k] is not None and k not in REQUIRED
        }
        if src["document_id"] == tgt["document_id"]:
            _move_evidence(conn, source_id, target_id)
        t_rows = [
            {
                "event_id": target_id,
                "action": "merge",
                "field": "merged_from",
                "before": None,
                "after": str(source_id),
            }
        ]
        t_rows += [
            {
                "event_id": target_id,
                "action": "merge",
                "field": k,
                "before": None,
                "after": _text(v),
            }
            for k, v in fills.items()
        ]
        t_state = (
            "edited" if tgt["review_state"] in ("unreviewed", "verified") else tgt["review_state"]
        )
        if t_state != tgt["review_state"]:
            t_rows.append(
                {
                    "event_id": target_id,
                    "action": "merge",
                    "field": "review_state",
                    "before": tgt["review_state"],
                    "after": t_state,
                }
            )
        _bump(conn, tgt, {**fills, "review_state": t_state})
        _bump(conn, src, {"review_state": "rejected"})
        s_rows = [
            {
                "event_id": source_id,
                "action": "merge",
                "field": "merged_into",
                "before": None,
                "after": str(target_id),
            },
            {
                "event_id": source_id,
                "action": "merge",
                "field": "review_state",
                "before": src["review_state"],
                "after": "rejected",
            },
        ]
        audit.write(conn, t_rows + s_rows, user)
        return {"target": get_event(conn, target_id), "source": get_event(conn, source_id)}


def _move_evidence(conn: Connection, source_id: int, target_id: int) -> None:
    """Copy the source's evidence spans to the target (after its own, without duplicates)."""
    have = {
        _span_key(r)
        for r in conn.execute(
            select(evid.c.raw_start, evid.c.raw_end, evid.c.text).where(
                evid.c.event_id == target_id
            )
        )
    }
    last = conn.execute(
        select(func.coalesce(func.max(evid.c.position), -1)).where(evid.c.event_id == target_id)
    ).scalar_one()
    rows = conn.execute(
        select(evid.c.text, evid.c.raw_start, evid.c.raw_end)
        .where(evid.c.event_id == source_id)
        .order_by(evid.c.position)
    ).all()
    new = []
    for r in rows:
        if _span_key(r) in have:
            continue
        last += 1
        have.add(_span_key(r))
        new.append(
            {
                "event_id": target_id,
                "position": last,
                "text": r.text,
                "raw_start": r.raw_start,
                "raw_end": r.raw_end,
            }
        )
    if new:
        conn.execute(insert(evid), new)


def _span_key(r: Any) -> tuple[int, int] | str:
    """What makes two spans the same: their offsets, or their text for spans that were not
    found when the document changed (offsets -1, see :mod:`warlog.store.reanchor`)."""
    return (r.raw_start, r.raw_end) if r.raw_start >= 0 else r.text
