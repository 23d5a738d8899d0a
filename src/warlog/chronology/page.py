"""A chronology as one self-contained HTML page: profile, map, timeline, then the days.

No script and no network: the map is an inline SVG of the events' points (equirectangular,
fitted to their box), the timeline an SVG bar per day (height: events; dark: fatalities). The
style sheet is ``warlog/web/static/chronology.css``: inlined in a file written by the CLI,
linked when the web app serves the page (its Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

from datetime import date
from html import escape
from importlib import resources
from typing import Any

from warlog.chronology.summary import actors_of, evidence_link, profile_lines

_W, _H = 480, 260


def stylesheet() -> str:
    return resources.files("warlog.web").joinpath("static/chronology.css").read_text("utf-8")


def _map(points: list[dict[str, Any]]) -> str:
    if not points:
        return '<p class="muted">No located events.</p>'
    lats = [p["lat"] for p in points]
    lons = [p["lon"] for p in points]
    pad = 0.2
    w0, w1 = min(lons) - pad, max(lons) + pad
    s0, s1 = min(lats) - pad, max(lats) + pad
    scale = min(_W / (w1 - w0), _H / (s1 - s0))
    dots = []
    for p in points:
        x = (p["lon"] - w0) * scale
        y = (s1 - p["lat"]) * scale
        r = 3 + min(p["fatalities"], 100) ** 0.5
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#b3261e" '
                    f'fill-opacity="0.6" stroke="#5c0f0b"><title>{escape(p["label"])} '
                    f'{escape(p["date"] or "")}</title></circle>')
    labels: dict[tuple[int, int], dict[str, Any]] = {}  # one label per 24-px cell
    for p in points:
        cell = (int((p["lon"] - w0) * scale // 24), int((s1 - p["lat"]) * scale // 24))
        labels.setdefault(cell, p)
    for p in list(labels.values())[:15]:
        label = p["label"]
        x = (p["lon"] - w0) * scale
        y = (s1 - p["lat"]) * scale - 4
        right = x > _W / 2  # labels of the right half end at their point: none is cut off
        anchor = "end" if right else "start"
        x += -5 if right else 5
        dots.append(f'<text x="{x:.1f}" y="{max(y, 10):.1f}" font-size="10" '
                    f'text-anchor="{anchor}">{escape(label[:40])}</text>')
    return (f'<svg class="map" viewBox="0 0 {_W} {_H}" role="img" aria-label="Map of the '
            f'events"><rect width="{_W}" height="{_H}" fill="#eef3f6"/>{"".join(dots)}</svg>')


def _timeline(days: list[dict[str, Any]], profile: dict[str, Any]) -> str:
    """Bars per day; the profile's date span shaded behind them."""
    if not days:
        return '<p class="muted">No dated events.</p>'
    first = date.fromisoformat(days[0]["date"])
    last = date.fromisoformat(days[-1]["date"])
    span = max((last - first).days, 1)

    def at(d: date) -> float:
        return 10 + min(max((d - first).days / span, 0.0), 1.0) * (_W - 20)

    shade = ""
    if profile.get("date_start"):
        a = at(date.fromisoformat(profile["date_start"]))
        b = at(date.fromisoformat(profile["date_end"])) if profile.get("date_end") else _W - 10
        shade = (f'<rect x="{a:.1f}" y="8" width="{max(b - a, 2):.1f}" height="82" '
                 f'fill="#f3e3b5"><title>The infobox\'s dates: '
                 f'{escape(profile.get("date", {}).get("text", ""))}</title></rect>')
    most = max(len(d["events"]) for d in days)
    bars = []
    for d in days:
        x = at(date.fromisoformat(d["date"]))
        h = 10 + 70 * len(d["events"]) / most
        dead = sum(e.get("fatalities") or 0 for e in d["events"])
        colour = "#5c0f0b" if dead else "#7a8a99"
        bars.append(f'<a href="#day-{d["date"]}"><rect x="{x - 2:.1f}" y="{90 - h:.1f}" '
                    f'width="4" height="{h:.1f}" fill="{colour}"><title>{d["date"]}: '
                    f'{len(d["events"])} events, {dead} fatalities</title></rect></a>')
    axis = (f'<text x="10" y="108" font-size="10">{first}</text>'
            f'<text x="{_W - 10}" y="108" font-size="10" text-anchor="end">{last}</text>')
    return (f'<svg class="timeline" viewBox="0 0 {_W} 112" role="img" aria-label="Timeline">'
            f'{shade}<line x1="10" y1="90" x2="{_W - 10}" y2="90" stroke="#333"/>{"".join(bars)}'
            f'{axis}</svg>')


def _reconciliation(rec: dict[str, Any], profile: dict[str, Any]) -> str:
    names = {s["side"]: ", ".join(b["name"] for b in s.get("belligerents", [])
                                  if not b.get("supporter"))
             for s in profile.get("sides", [])}
    rows = []
    for s in rec["sides"]:
        who = names.get(s["side"], "")
        who = f" ({escape(who[:60])})" if who else ""
        rep = s["reported_killed"]
        share = "" if s["share"] is None else f"{s['share']:.0%}"
        rows.append(f"<tr><td>Side {s['side']}{who}</td><td>{'' if rep is None else rep}</td>"
                    f"<td>{s['coded_fatalities_suffered']}</td><td>{s['events']}</td>"
                    f"<td>{share}</td></tr>")
    t = rec["total"]
    rep = "" if t["reported_killed"] is None else t["reported_killed"]
    share = "" if t["share"] is None else f"{t['share']:.0%}"
    rows.append(f"<tr class=\"total\"><td>Whole span</td><td>{rep}</td>"
                f"<td>{t['coded_fatalities']}</td><td>{t['events']}</td><td>{share}</td></tr>")
    return ('<table class="reconcile"><thead><tr><th></th><th>Reported killed</th>'
            '<th>Coded fatalities</th><th>Events</th><th>Coded / reported</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _event(e: dict[str, Any], source: str, link_base: str | None) -> str:
    where = escape(e.get("location") or "")
    if e.get("country"):
        where += escape(f", {e['country']}")
    fat = ("" if e.get("fatalities") is None
           else f'<span class="fat">{e["fatalities"]} killed</span>')
    also = "".join(f'<li class="also">also reported in <b>{escape(str(o.get("doc")))}</b>: '
                   f'{escape(" … ".join(x["text"] for x in o.get("evidence", [])))}</li>'
                   for o in e.get("also_reported_in", []))
    link = escape(evidence_link(e, source, link_base))
    return (f'<li class="event"><div class="head"><b>{escape(e.get("sub_event_type") or "")}</b>'
            f' <span class="type">{escape(e.get("event_type") or "")}</span> '
            f'<span class="place">{where}</span> {fat}</div>'
            f'<div class="actors">{escape(actors_of(e))}</div>'
            f'<blockquote>{escape(e.get("evidence") or "")} <a href="{link}">source</a>'
            f'</blockquote>{f"<ul>{also}</ul>" if also else ""}</li>')


def _article(chron: dict[str, Any], link_base: str | None) -> str:
    doc = chron["document"]
    prof = chron.get("profile") or {}
    title = prof.get("name", {}).get("text") or doc["title"] or doc["name"]
    lines = "".join(f"<li>{escape(x)}</li>" for x in profile_lines(prof))
    profile = (f'<ul class="profile">{lines}</ul>' if lines
               else '<p class="muted">No infobox in this document.</p>')
    source = doc.get("path") or doc["name"]
    days = []
    for d in chron["days"]:
        items = "".join(_event(e, source, link_base) for e in d["events"])
        days.append(f'<section class="day" id="day-{d["date"]}"><h3>{d["date"]}</h3>'
                    f"<ol>{items}</ol></section>")
    if chron["undated"]:
        items = "".join(_event(e, source, link_base) for e in chron["undated"])
        days.append(f'<section class="day"><h3>Undated</h3><ol>{items}</ol></section>')
    return (
        f'<article class="chronology"><header><h1>{escape(title)}</h1><p class="muted">'
        f"Chronology of {escape(doc['name'])}</p></header>"
        f'<section class="profile-box"><h2>Profile</h2>{profile}</section>'
        f'<section class="overview"><div><h2>Map</h2>{_map(chron["points"])}</div>'
        f'<div><h2>Timeline</h2>{_timeline(chron["days"], prof)}</div></section>'
        f'<section class="reconciliation"><h2>Reported losses and coded events</h2>'
        f'{_reconciliation(chron["reconciliation"], prof)}</section>'
        f'<section class="days"><h2>Day by day</h2>{"".join(days)}</section></article>'
    )


def to_html(chrons: dict[str, Any] | list[dict[str, Any]], css_href: str | None = None,
            link_base: str | None = None) -> str:
    """One page for one chronology or several; ``css_href`` links the style sheet instead of
    inlining it, ``link_base`` points the evidence links at the web app's document view."""
    items = [chrons] if isinstance(chrons, dict) else chrons
    first = items[0]
    title = ((first.get("profile") or {}).get("name", {}).get("text")
             or first["document"]["title"] or first["document"]["name"])
    style = (f'<link rel="stylesheet" href="{escape(css_href)}">' if css_href
             else f"<style>{stylesheet()}</style>")
    body = "".join(_article(c, link_base) for c in items)
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Chronology: {escape(title)}</title>{style}</head><body>{body}</body></html>")


def source_page(doc: dict[str, Any], start: int, end: int, css_href: str) -> str:
    """A document's original text with the span ``start:end`` marked (``#evidence``)."""
    text = doc["text"]
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    title = doc.get("title") or doc["name"]
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="{escape(css_href)}">'
            f'</head><body><h1>{escape(title)}</h1><p class="muted">{escape(doc["name"])}, '
            f'characters {start}–{end}</p><pre class="source">{escape(text[:start])}'
            f'<mark id="evidence">{escape(text[start:end])}</mark>{escape(text[end:])}</pre>'
            "</body></html>")
