"""A chronology as Markdown: profile summary, reconciliation, then one section per day."""

from __future__ import annotations

from typing import Any

from warlog.chronology.summary import actors_of, evidence_link, profile_lines


def _event_line(e: dict[str, Any], source: str) -> list[str]:
    what = e.get("sub_event_type") or e.get("event_type") or "Event"
    bits = [f"**{what}** ({e.get('event_type')})"]
    if e.get("location"):
        bits.append(f"at {e['location']}" + (f", {e['country']}" if e.get("country") else ""))
    actors = actors_of(e)
    if actors:
        bits.append(f"– {actors}")
    if e.get("fatalities") is not None:
        bits.append(f"– fatalities: {e['fatalities']}")
    lines = ["- " + " ".join(bits)]
    if e.get("evidence"):
        lines.append(f"  > {e['evidence']} ([source]({evidence_link(e, source)}))")
    for other in e.get("also_reported_in", []):
        quote = " … ".join(x["text"] for x in other.get("evidence", []))
        lines.append(f"  - also reported in {other.get('doc')}" + (f": {quote}" if quote else ""))
    return lines


def to_markdown(chron: dict[str, Any]) -> str:
    doc = chron["document"]
    title = (chron.get("profile") or {}).get("name", {}).get("text") or doc["title"] or doc["name"]
    out = [f"# Chronology: {title}", "", f"Source: `{doc['name']}`", ""]
    prof = profile_lines(chron.get("profile"))
    if prof:
        out += ["## Profile", "", *[f"- {line}" for line in prof], ""]
    rec = chron["reconciliation"]
    t = rec["total"]
    out += ["## Reported losses and coded events", ""]
    reported = t["reported_killed"] if t["reported_killed"] is not None else "not given"
    out.append(f"- Whole span: reported killed {reported}; "
               f"coded fatalities {t['coded_fatalities']} in {t['events']} events"
               + (f" ({t['share']:.0%} of the reported toll)" if t["share"] is not None else ""))
    for s in rec["sides"]:
        out.append(f"- Side {s['side']}: reported killed "
                   f"{s['reported_killed'] if s['reported_killed'] is not None else 'not given'}; "
                   f"coded fatalities suffered {s['coded_fatalities_suffered']} "
                   f"({s['events']} events involve it)")
    out.append("")
    source = doc.get("path") or doc["name"]
    for day in chron["days"]:
        out += [f"## {day['date']}", ""]
        for e in day["events"]:
            out += _event_line(e, source)
        out.append("")
    if chron["undated"]:
        out += ["## Undated", ""]
        for e in chron["undated"]:
            out += _event_line(e, source)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
