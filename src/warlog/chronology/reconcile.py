"""Reconciliation: the profile's reported losses set against the coded events' fatalities.

Per side, the reported killed (the profile's ``loss_totals``) is set against the fatalities of
the events whose actor1 or actor2 is one of the side's belligerents (by canonical name, else by
name); over the whole span, all reported killed (the sides and the other columns) against all
events' fatalities. ``share`` is coded / reported (None when nothing was reported).
"""

from __future__ import annotations

from typing import Any


def _names(side: dict[str, Any]) -> set[str]:
    out = set()
    for b in side.get("belligerents", []):
        out.add((b.get("canonical") or b["name"]).lower())
    return out


def _share(coded: int, reported: int | None) -> float | None:
    return round(coded / reported, 3) if reported else None


def reconcile(profile: dict[str, Any] | None, events: list[dict[str, Any]]) -> dict[str, Any]:
    """Reported killed vs coded fatalities, per side (the side's losses are those its
    belligerents suffered: events where it is the target, actor2) and over the span."""
    coded_total = sum(e.get("fatalities") or 0 for e in events)
    out: dict[str, Any] = {"sides": [], "total": {}}
    reported_total = 0
    any_reported = False
    for side in (profile or {}).get("sides", []):
        names = _names(side)
        killed = side.get("loss_totals", {}).get("killed")
        reported = killed["value"] if killed else None
        if reported is not None:
            reported_total += reported
            any_reported = True
        involved = [e for e in events
                    if (e.get("actor1") or "").lower() in names
                    or (e.get("actor2") or "").lower() in names]
        suffered = sum(e.get("fatalities") or 0 for e in involved
                       if (e.get("actor2") or "").lower() in names)
        out["sides"].append({
            "side": side["side"],
            "reported_killed": reported,
            "reported_low": killed["low"] if killed else None,
            "reported_high": killed["high"] if killed else None,
            "events": len(involved),
            "coded_fatalities_in_its_events": sum(e.get("fatalities") or 0 for e in involved),
            "coded_fatalities_suffered": suffered,
            "share": _share(suffered, reported),
        })
    for c in (profile or {}).get("other_losses", []):
        if c["kind"] == "killed" and c.get("value") is not None:
            reported_total += c["value"]
            any_reported = True
    out["total"] = {
        "reported_killed": reported_total if any_reported else None,
        "coded_fatalities": coded_total,
        "events": len(events),
        "share": _share(coded_total, reported_total if any_reported else None),
    }
    return out
