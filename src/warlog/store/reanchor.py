"""Re-anchoring reviewed events when their document changes.

A reviewed event (verified, edited, rejected…) outlives a new version of its document: ``warlog
extract`` replaces only unreviewed events. Its evidence spans hold offsets into the *old* raw
text, so before the event moves to the new version each span is looked up again:

1. the old raw snippet (``old_raw[raw_start:raw_end]``) in the new raw text: first at the old
   offset shifted by how far the previous span moved (an inserted paragraph moves everything
   after it by the same amount), then the occurrence nearest the old offset, anywhere;
2. else the span's evidence text in the new *cleaned* text, nearest the proportional position,
   mapped to raw offsets through the document's offset map.

Every look-up is ``str.startswith``/``str.find``/``str.rfind``: linear in the text, never a
fuzzy scan. A span that is found gets its new offsets. A span that is not found keeps its text
and gets the offsets ``-1, -1`` ("not in the current document": no view highlights it), and
its event is flagged for re-review: its ``review_state`` becomes ``recheck`` (a rejected event
stays rejected) and its ``version`` goes up, so a reviewer holding the old version is told it
changed. Every moved or lost span is written to the audit log by the user ``warlog extract``.

All of it runs inside the transaction that stores the new version of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from warlog.model import Document
from warlog.store import schema as s

RECHECK = "recheck"  # the review state of an event whose evidence left its document
NOT_FOUND = -1  # raw_start/raw_end of an evidence span not found in the current document
AUDIT_USER = "warlog extract"
AUDIT_ACTION = "reanchor"


@dataclass
class AnchorReport:
    """What re-anchoring did to one document's kept events."""

    moved: int = 0  # spans found at new offsets
    unchanged: int = 0  # spans found where they were
    lost: int = 0  # spans not found in the new version
    flagged: list[int] = field(default_factory=list)  # events now waiting for re-review


def nearest(text: str, needle: str, near: int) -> int:
    """Start of the occurrence of ``needle`` in ``text`` closest to ``near``; -1 if none.
    Two linear searches: the first occurrence at or after ``near`` and the last one before."""
    if not needle:
        return -1
    near = max(0, min(near, len(text)))
    after = text.find(needle, near)
    before = text.rfind(needle, 0, near + len(needle) - 1)
    if before == -1 or before >= near:
        return after
    if after == -1:
        return before
    return after if after - near <= near - before else before


class _Locator:
    """Finds the spans of one document's old version in its new version, in order."""

    def __init__(self, old_raw: str, doc: Document) -> None:
        self.old_raw = old_raw
        self.doc = doc
        self.shift = 0  # how far the last span found by its raw snippet moved

    def find(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """New raw offsets of the span stored as (``text``, ``start``, ``end``), or ``None``."""
        raw = self.doc.raw
        snippet = self.old_raw[start:end] if 0 <= start <= end <= len(self.old_raw) else ""
        if snippet.strip():
            for guess in (start + self.shift, start):
                if raw.startswith(snippet, guess) and guess >= 0:
                    return self._found(start, guess, len(snippet))
            pos = nearest(raw, snippet, start + self.shift)
            if pos >= 0:
                return self._found(start, pos, len(snippet))
        if not text.strip():
            return None
        clean = self.doc.text
        guess = start * len(clean) // max(1, len(self.old_raw)) if start >= 0 else 0
        pos = nearest(clean, text, guess)
        if pos < 0:
            return None
        return self.doc.to_raw(pos), self.doc.to_raw(pos + len(text))

    def _found(self, old_start: int, new_start: int, length: int) -> tuple[int, int]:
        self.shift = new_start - old_start
        return new_start, new_start + length


def reanchor_kept_events(conn: Connection, old_doc_id: int, doc: Document) -> AnchorReport:
    """Re-anchor the evidence of the reviewed events of document ``old_doc_id`` in ``doc`` (its
    new version, not yet linked to them) and flag those whose evidence is gone (see above)."""
    ev, evid, docs = s.events, s.evidence, s.documents
    report = AnchorReport()
    old_raw = conn.execute(select(docs.c.raw_text).where(docs.c.id == old_doc_id)).scalar()
    kept = {
        r.id: r
        for r in conn.execute(
            select(ev.c.id, ev.c.review_state, ev.c.version).where(
                ev.c.document_id == old_doc_id, ev.c.review_state != "unreviewed"
            )
        )
    }
    if old_raw is None or not kept:
        return report
    spans = conn.execute(
        select(evid.c.id, evid.c.event_id, evid.c.text, evid.c.raw_start, evid.c.raw_end)
        .where(evid.c.event_id.in_(list(kept)))
        .order_by(evid.c.raw_start, evid.c.id)
    ).all()
    locator = _Locator(old_raw, doc)
    updates: list[dict[str, Any]] = []
    moves: dict[int, list[str]] = {}
    lost: dict[int, list[str]] = {}
    for span in spans:
        found = locator.find(span.text, span.raw_start, span.raw_end)
        if found == (span.raw_start, span.raw_end):
            report.unchanged += 1
            continue
        if found is None:
            report.lost += 1
            if span.raw_start == NOT_FOUND:  # lost before: nothing to change or log again
                lost.setdefault(span.event_id, [])
                continue
            lost.setdefault(span.event_id, []).append(_where(span.raw_start, span.raw_end))
        new_start, new_end = found or (NOT_FOUND, NOT_FOUND)
        updates.append({"b_id": span.id, "b_start": new_start, "b_end": new_end})
        if found is not None:
            report.moved += 1
            moves.setdefault(span.event_id, []).append(
                f"{_where(span.raw_start, span.raw_end)} → {new_start}-{new_end}"
            )
    if updates:
        conn.execute(
            update(evid)
            .where(evid.c.id == bindparam("b_id"))
            .values(raw_start=bindparam("b_start"), raw_end=bindparam("b_end")),
            updates,
        )
    now = datetime.now(UTC)
    audit_rows = [
        _audit(event_id, "evidence", "; ".join(changes), "re-anchored in the changed document")
        for event_id, changes in moves.items()
    ]
    for event_id, where in lost.items():
        if where:
            audit_rows.append(
                _audit(event_id, "evidence", "; ".join(where), "not found in the changed document")
            )
        row = kept[event_id]
        if row.review_state in ("rejected", RECHECK):
            continue
        conn.execute(
            update(ev)
            .where(ev.c.id == event_id)
            .values(review_state=RECHECK, version=row.version + 1, updated_at=now)
        )
        audit_rows.append(_audit(event_id, "review_state", row.review_state, RECHECK))
        report.flagged.append(event_id)
    if audit_rows:
        conn.execute(insert(s.audit_log), [{**r, "at": now} for r in audit_rows])
    return report


def _where(start: int, end: int) -> str:
    return "not in the document" if start == NOT_FOUND else f"{start}-{end}"


def _audit(event_id: int, field_name: str, before: str, after: str) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "user": AUDIT_USER,
        "action": AUDIT_ACTION,
        "field": field_name,
        "before": before,
        "after": after,
    }
