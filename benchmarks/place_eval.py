"""Score place resolution on the hand-checked place set (``benchmarks/places/places.jsonl``).

    .venv/bin/python benchmarks/place_eval.py --shared ../shared [--misses] [--json]

Every document of the set is read as the extractor reads it, and the location phrases of
each of its sentences are resolved in reading order through the extractor's own
``ArgumentContext.places`` (so the document's geography builds up as in a real run). For each
item the location whose span overlaps the mention is the resolver's answer; the scorer prints
the share within 25 km and within 5 km of the true point, overall and per kind. The 5 km
share counts only items whose true point is known to 5 km or better (``confidence_km``).
``--misses`` lists every item off by more than 25 km with the resolver's output.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

SET = Path(__file__).resolve().parent / "places" / "places.jsonl"


def km(a: float, b: float, c: float, d: float) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(d - b) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(x)))


def resolve_items(shared: Path, items: list[dict]) -> list[dict | None]:
    """The resolver's location (as a dict) for each item, ``None`` when it found none."""
    from warlog.events.arguments import ArgumentContext
    from warlog.ingest.news import news_view
    from warlog.ingest.reader import read_path
    from warlog.nlp.sentences import sentences

    paths = {p.name: p for p in (shared / "corpus").rglob("*") if p.suffix in (".md", ".txt")}
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_doc[it["doc"]].append(i)
    out: list[dict | None] = [None] * len(items)
    for doc_name, idx in by_doc.items():
        doc = news_view(read_path(paths[doc_name])[0])
        ctx = ArgumentContext.for_document(doc)
        here = ctx.default_location()
        todo = sorted(idx, key=lambda i: items[i]["start"])
        for sent in sentences(doc.text):
            if not todo:
                break
            locs = ctx.places(sent, here)
            located = [loc for loc in locs if loc.latitude is not None]
            if located:
                here = located[-1]
            while todo and items[todo[0]]["start"] < sent.end:
                i = todo.pop(0)
                s, e = items[i]["start"], items[i]["end"]
                hits = [loc for loc in locs if loc.start < e and s < loc.end]
                if hits:
                    best = min(hits, key=lambda loc: loc.end - loc.start)
                    out[i] = {"name": best.name, "lat": best.latitude, "lon": best.longitude,
                              "geo_precision": best.geo_precision, "country": best.country}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--set", type=Path, default=SET)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    items = [json.loads(line) for line in a.set.open(encoding="utf-8") if line.strip()]
    preds = resolve_items(a.shared, items)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, ≤25, n5, ≤5
    misses = []
    for it, p in zip(items, preds, strict=True):
        d = None
        if p is not None and p["lat"] is not None:
            d = km(it["lat"], it["lon"], p["lat"], p["lon"])
        for key in (it["kind"], "all"):
            t = tally[key]
            t[0] += 1
            t[1] += d is not None and d <= 25.0
            if it["confidence_km"] <= 5.0:
                t[2] += 1
                t[3] += d is not None and d <= 5.0
        if d is None or d > 25.0:
            misses.append((it, p, d))
    rows = {k: {"n": t[0], "within_25km": round(t[1] / t[0], 3),
                "n_5km": t[2], "within_5km": round(t[3] / t[2], 3) if t[2] else None}
            for k, t in sorted(tally.items(), key=lambda kv: (kv[0] == "all", kv[0]))}
    if a.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"{'kind':10} {'n':>4} {'<=25km':>7} {'n(5km)':>7} {'<=5km':>6}")
        for k, r in rows.items():
            five = "" if r["within_5km"] is None else f"{r['within_5km']:.3f}"
            print(f"{k:10} {r['n']:4} {r['within_25km']:7.3f} {r['n_5km']:7} {five:>6}")
    if a.misses:
        for it, p, d in misses:
            got = "nothing" if p is None else (
                f"{p['name']!r} ({p['lat']}, {p['lon']}) g{p['geo_precision']} {p['country']}")
            dist = "" if d is None else f" {d:.0f} km"
            print(f"MISS {it['kind']:8} {it['mention']!r} in {it['doc'][:40]}: {got}{dist}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
