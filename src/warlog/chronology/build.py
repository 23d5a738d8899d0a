"""Gather a chronology from the store: profile, events by day, group members, reconciliation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from warlog.chronology.reconcile import reconcile
from warlog.store import EventFilter
from warlog.store import schema as s


def find_document(store: Any, ref: str) -> dict[str, Any] | None:
    """A stored document by id or by name (the latest version of that name)."""
    d = s.documents
    with store.read.connect() as conn:
        q = select(d.c.id, d.c.name, d.c.title, d.c.format, d.c.path)
        if ref.isdigit():
            row = conn.execute(q.where(d.c.id == int(ref))).first()
        else:
            row = conn.execute(q.where(d.c.name == ref).order_by(d.c.id.desc())).first()
    return dict(row._mapping) if row is not None else None


def _others(store: Any, events: list[dict[str, Any]], doc_name: str) -> dict[int, list[dict]]:
    """Reports of the same events in other documents (event groups, when the store has them)."""
    group = getattr(store, "group", None)
    out: dict[int, list[dict]] = {}
    if group is None:
        return out
    for e in events:
        try:
            members = group(e["id"])
        except Exception:  # noqa: BLE001 - groups not linked in this store: no members
            return {}
        others = [m for m in members if m.get("doc") != doc_name]
        if others:
            out[e["id"]] = others
    return out


def chronology(store: Any, ref: str) -> dict[str, Any] | None:
    """The chronology of one stored document (``ref``: its id or name), or None."""
    doc = find_document(store, ref)
    if doc is None:
        return None
    profile = store.profile(doc["id"])
    events = [e for e in store.records(EventFilter(document=(doc["id"],)), order="document")
              if e.get("review_state") != "rejected"]
    others = _others(store, events, doc["name"])
    days: dict[str, list[dict[str, Any]]] = {}
    undated = []
    for e in sorted(events, key=lambda e: (e.get("event_date") or "",
                                           (e.get("evidence_spans") or [{}])[0].get("start", 0))):
        e = {**e, "also_reported_in": others.get(e["id"], [])}
        if e.get("event_date"):
            days.setdefault(e["event_date"], []).append(e)
        else:
            undated.append(e)
    points = [{"lat": e["latitude"], "lon": e["longitude"], "label": e.get("location") or "",
               "fatalities": e.get("fatalities") or 0, "date": e.get("event_date")}
              for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    return {
        "document": doc,
        "profile": profile,
        "days": [{"date": d, "events": days[d]} for d in sorted(days)],
        "undated": undated,
        "points": points,
        "reconciliation": reconcile(profile, events),
    }
