"""From the fields a source form read to a :class:`~warlog.profile.model.Profile`.

Belligerents are resolved to warlog's canonical actors (with their inter codes) by the actor
dictionary; a name it does not know is kept as written. Strength and losses lines are read
with the casualty number reader (:func:`warlog.casualties.quantities.find_quantities`): each
count takes the kind of the first loss word after it (``data/profile.yaml``), a range keeps
its low and high. The date span is read with the timeline's date finder.
"""

from __future__ import annotations

import re
from datetime import date

from warlog.actors import ActorIndex
from warlog.casualties.quantities import find_quantities
from warlog.profile.fields import Extract
from warlog.profile.model import Actor, Count, Profile, Side, Span
from warlog.profile.vocab import is_unknown, vocab
from warlog.timeline.absolute import absolute_candidates
from warlog.timeline.days import month_end

_PAREN = re.compile(r"\s*\([^)]*\)")
_HEADER = re.compile(r".{0,60}:$")
# "T-72", "MQ-9", "ZSU-23-4", "TB2": a model, not a count
_MODEL = re.compile(r"[A-Za-z0-9]-$|[A-Za-z]$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def joined(items: list[Span]) -> Span:
    """Items as one span (their texts joined, from the first start to the last end)."""
    text = "; ".join(i.text for i in items)
    starts = [i.start for i in items if i.start >= 0]
    ends = [i.end for i in items if i.end >= 0]
    if len(starts) == len(items):
        return Span(text, min(starts), max(ends))
    return Span(text)


def actor(item: Span, supporter: bool) -> Actor | None:
    name = _PAREN.sub("", item.text).strip(" :;,")
    if not name or not any(ch.isalpha() for ch in name):
        return None
    ix = ActorIndex.load()
    canon = ix.canonical(name)
    info = ix.by_name(canon) if canon else None
    return Actor(name=name, source=item, canonical=canon,
                 inter=info.inter if info else None, supporter=supporter)


def belligerents(items: list[Span]) -> list[Actor]:
    out: list[Actor] = []
    supporter = False
    sup = vocab().supporter
    for item in items:
        m = sup.search(item.text)
        if m:
            before = item.text[: m.start()].strip(" :;,")
            if before:  # "France Supported by: United States"
                a = actor(_part(item, before, 0), supporter)
                if a is not None:
                    out.append(a)
            supporter = True
            rest = item.text[m.end():].strip()
            if not rest:
                continue
            item = _part(item, rest, m.end())
        elif _HEADER.fullmatch(item.text) or is_unknown(item.text):
            continue
        a = actor(item, supporter)
        if a is not None:
            out.append(a)
    return out


def _part(item: Span, text: str, after: int) -> Span:
    """The span of ``text``, a part of ``item.text`` found from ``after`` on: exact when the
    item's text is its file text verbatim, else the item's whole span."""
    shift = item.text.find(text, after)
    if item.start < 0 or shift < 0:
        return Span(text)
    if item.end - item.start == len(item.text):
        return Span(text, item.start + shift, item.start + shift + len(text))
    return Span(text, item.start, item.end)


def _kind(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind, pat in vocab().loss_kinds:
        m = pat.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else None


def _source(raw: str, item: Span, text: str, start: int, end: int, after: int) -> Span:
    """Where a number read from ``item.text[start:end]`` is in the file: the same text
    inside the item's span, else the item's place as a whole."""
    if item.start < 0:
        return Span(text)
    if raw[item.start + start : item.start + end] == text:
        return Span(text, item.start + start, item.start + end)
    i = raw.find(text, max(item.start, after), item.end)
    return Span(text, i, i + len(text)) if i >= 0 else Span(text, item.start, item.end)


def counts(raw: str, items: list[Span], strength: bool = False) -> list[Count]:
    out: list[Count] = []
    for item in items:
        found = [q for q in find_quantities(item.text)
                 if q.value is not None and not q.year_like and not q.vague
                 and not _MODEL.search(item.text, 0, q.start)]
        after = item.start
        for k, q in enumerate(found):
            tail = item.text[q.end : found[k + 1].start if k + 1 < len(found) else None]
            kind = "strength" if strength else _kind(tail)
            if kind is None and not strength:
                kind = _kind(item.text[q.end:]) or _kind(item.text[: q.start]) or "other"
            src = _source(raw, item, item.text[q.start:q.end], q.start, q.end, after)
            after = max(after, src.end)
            if q.low is not None and q.high is not None:
                out.append(Count(kind, q.value, src, q.low, q.high, q.qualifier))
            else:
                out.append(Count(kind, q.value, src, qualifier=q.qualifier))
    return out


def _totals_first(raw: str, items: list[Span]) -> list[Span]:
    """A losses line with counts that ends in ":" ("9 killed, 10 wounded:") is the side's
    total; the breakdown after it is not counted again."""
    for k, item in enumerate(items):
        if item.text.endswith(":") and counts(raw, [item]):
            return items[: k + 1]
    return items


def _ymd(y: int | None, m: int | None, d: int | None) -> tuple[int | None, int | None, int | None]:
    return (y, m, d)


def date_span(text: str) -> tuple[str | None, str | None, bool]:
    """ISO start and end of a date field, and whether it is ongoing ("– present")."""
    points: list[tuple[int | None, int | None, int | None]] = []
    outer = [m for m in absolute_candidates(text) if m.kind in ("date", "month", "year")]
    covered: list[tuple[int, int]] = []
    for m in sorted(outer, key=lambda m: (m.start, -(m.end - m.start))):
        if any(a <= m.start and m.end <= b for a, b in covered):
            continue
        covered.append((m.start, m.end))
        points.append(_ymd(m.y1, m.m1, m.d1))
        if m.m2 or m.y2 or m.d2:
            points.append(_ymd(m.y2 or m.y1, m.m2 or m.m1, m.d2))
    for k in range(len(points) - 2, -1, -1):  # "23 July – 28 August 2014": year from the end
        y, mo, d = points[k]
        ny, nm, _nd = points[k + 1]
        points[k] = (y if y is not None else ny, mo if mo is not None else (nm if d else None), d)
    good = [p for p in points if p[0] is not None]
    if not good:  # "2012–2013": years only
        good = [(int(y), None, None) for y in _YEAR.findall(text)]
    ongoing = vocab().ongoing.search(text) is not None
    if not good:
        return None, None, ongoing
    y, mo, d = good[0]
    start = date(y, mo or 1, d or 1).isoformat()  # type: ignore[arg-type]
    end = None
    if not ongoing:
        y, mo, d = good[-1]
        mo = mo or 12
        end = date(y, mo, d or month_end(y, mo)).isoformat()  # type: ignore[arg-type]
    return start, end, ongoing


def _country(place: str) -> str | None:
    """The country a place field names: its last part that is a country ("Kunduz,
    Afghanistan"), else the one country its words name ("Eastern Syria", "Idlib Governorate
    Syria"); none when they name two ("Syria and Turkey")."""
    ix = ActorIndex.load()
    for part in reversed([p.strip() for p in re.split(r"[,;\n]", place) if p.strip()]):
        canon = ix.canonical(part)
        info = ix.by_name(canon) if canon else None
        if info is not None and info.kind == "state" and info.country:
            return info.country
    named = {h.pattern.country for h in ix.choose(ix.scan(place))
             if h.pattern.role in ("country", "place") and h.pattern.country}
    return named.pop() if len(named) == 1 else None


def build(ex: Extract, raw: str) -> Profile:
    p = Profile(form=ex.form)
    for name in ("name", "part_of", "date", "place"):
        items = [i for f in ex.get(name) for i in f.items]
        if items:
            setattr(p, name, joined(items))
    if p.date is not None:
        p.date_start, p.date_end, p.ongoing = date_span(p.date.text)
    if p.place is not None:
        p.country = _country(p.place.text)
    result = [i for f in ex.get("result") for i in f.items]
    if result:
        p.outcome = result[0]
        p.result_points = [i for i in result[1:] if not _HEADER.fullmatch(i.text)]
    p.territorial_changes = [i for f in ex.get("territorial_changes") for i in f.items
                             if not _HEADER.fullmatch(i.text)]
    sides: dict[int, Side] = {}
    n_bell = max((f.side or 0 for f in ex.get("belligerents")), default=0)
    for f in ex.fields:
        if f.side is None:
            if f.name == "other_casualties":
                p.civilian_casualties += f.items
                p.civilian_losses += counts(raw, f.items)
            continue
        if f.name == "casualties" and n_bell and f.side > max(n_bell, 2):
            p.civilian_casualties += f.items
            p.civilian_losses += counts(raw, f.items)
            continue
        side = sides.setdefault(f.side, Side(f.side))
        if f.name == "belligerents":
            side.belligerents += belligerents(f.items)
        elif f.name == "strength":
            side.strength += f.items
            side.strength_counts += counts(raw, f.items, strength=True)
        elif f.name == "casualties":
            side.casualties += f.items
            side.losses += counts(raw, _totals_first(raw, f.items))
        elif f.name in ("commanders", "units"):
            kept = [i for i in f.items if not _HEADER.fullmatch(i.text) and not is_unknown(i.text)]
            getattr(side, f.name).extend(kept)
    p.sides = [sides[k] for k in sorted(sides)]
    return p
