"""Shared pieces of the renderers: the profile as lines, an event's actors, its source link."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def actors_of(e: dict[str, Any]) -> str:
    a1, a2 = e.get("actor1"), e.get("actor2")
    return f"{a1} vs {a2}" if a1 and a2 else (a1 or a2 or "")


def evidence_link(e: dict[str, Any], source: str, base: str | None = None) -> str:
    """A link to the evidence in the source: the web app's source view when ``base`` is
    given (the span marked), else the file with an RFC 5147 fragment (``#char=start,end``)."""
    spans = e.get("evidence_spans") or []
    start, end = (spans[0]["start"], spans[0]["end"]) if spans else (0, 0)
    if base is not None:
        return f"{base}?start={start}&end={end}#evidence"
    return f"{quote(source)}#char={start},{end}"


def _losses(side: dict[str, Any]) -> str:
    parts = []
    for kind, t in side.get("loss_totals", {}).items():
        n = f"{t['low']}–{t['high']}" if t["low"] != t["high"] else str(t["value"])
        parts.append(f"{n} {kind}")
    return ", ".join(parts)


def profile_lines(p: dict[str, Any] | None) -> list[str]:
    """The profile as short "Label: value" lines (only the fields it has)."""
    if not p:
        return []
    out = []
    for key, label in (("part_of", "Part of"), ("date", "Date"), ("place", "Place")):
        if key in p:
            out.append(f"{label}: {p[key]['text']}")
    if p.get("country"):
        out.append(f"Country: {p['country']}")
    res = p.get("result", {})
    if res:
        pts = "; ".join(x["text"] for x in res.get("points", []))
        outcome = res.get("outcome", {}).get("text", "")
        out.append(f"Result: {outcome}" + (f" ({pts})" if pts else ""))
    if p.get("territorial_changes"):
        out.append("Territorial changes: " + "; ".join(x["text"] for x in p["territorial_changes"]))
    for side in p.get("sides", []):
        names = ", ".join(b["name"] + (" (supporting)" if b.get("supporter") else "")
                          for b in side.get("belligerents", []))
        line = f"Side {side['side']}: {names or '(belligerents not given)'}"
        if side.get("commanders"):
            line += "; commanders: " + ", ".join(c["text"] for c in side["commanders"])
        if side.get("strength"):
            line += "; strength: " + "; ".join(c["text"] for c in side["strength"])
        losses = _losses(side)
        if losses:
            line += "; losses: " + losses
        out.append(line)
    if p.get("other_casualties"):
        out.append("Other casualties: " + "; ".join(x["text"] for x in p["other_casualties"]))
    return out
