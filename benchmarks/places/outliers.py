"""Records placed far from the rest of their document: the homonym check (issue #12).

    .venv/bin/python benchmarks/places/outliers.py RECORDS.jsonl [--km 300] [--list] [--docs]

``RECORDS.jsonl`` is what ``warlog extract PATH... --out RECORDS.jsonl`` writes (for the whole
corpus: ``warlog extract ../shared/corpus --db /tmp/c.db --out /tmp/c.jsonl``). For each
document, the records with coordinates are compared with the document's median place (the
coordinate-wise median of its records' points) and with the countries of its other records
and of its title (the ``source`` field, read through warlog's own country votes):

- **far**: more than ``--km`` (300) km from the median place;
- **foreign**: in a country that no other record of the document and not its title is in;
- an **outlier** is either; ``both`` counts records that are both.

An article about one front names places within tens of km of each other: an outlier is a
record worth reading (a namesake chosen in the wrong country or 800 km away, or a real event
the article tells far from its front). The script only counts; which of them are wrong is a
reading job (``--list`` prints them: document, location, country, distance, evidence).
Documents with fewer than ``--min-records`` (3) placed records have no meaningful median and
count only for "foreign" (against their title). Output: a table by corpus folder and the
totals; ``--docs`` adds one row per document with any outlier; ``--json`` the totals only.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path


def km(a: float, b: float, c: float, d: float) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    x = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(x)))


def title_countries(title: str) -> frozenset[str]:
    """Country names the title names (by name, alias, demonym or a town of 15,000+),
    through warlog's own reading of metadata (``geo.context.country_votes``)."""
    if not title:
        return frozenset()
    from warlog.geo.context import country_votes
    from warlog.plugins import geocoder

    gaz = geocoder()
    names = set()
    for code in country_votes(title, gaz):
        info = gaz.country(code)
        if info:
            names.add(info["name"])
    return frozenset(names)


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def folder_of(doc: str, folders: dict[str, str]) -> str:
    return folders.get(doc, "?")


def corpus_folders(corpus: Path | None) -> dict[str, str]:
    """Document name -> its corpus folder ("front-lines/syria"), when the corpus is at hand."""
    if corpus is None or not corpus.is_dir():
        return {}
    out = {}
    for p in corpus.rglob("*"):
        if p.is_file() and p.suffix in (".md", ".txt", ".html", ".jsonl", ".json"):
            rel = p.parent.relative_to(corpus)
            out[p.name] = str(rel) if str(rel) != "." else "(top)"
    return out


def outliers(rows: list[dict], far_km: float, min_records: int) -> list[dict]:
    """The outlier records of ``rows`` (one document), each with ``_km`` and ``_why``."""
    placed = [r for r in rows if r.get("latitude") is not None and r.get("longitude") is not None]
    if not placed:
        return []
    title = next((r.get("source") or "" for r in rows if r.get("source")), "")
    in_title = title_countries(title)
    countries = Counter(r.get("country") for r in placed)
    mid = median_point([(r["latitude"], r["longitude"]) for r in placed])
    found = []
    for r in placed:
        d = km(r["latitude"], r["longitude"], mid[0], mid[1])
        far = len(placed) >= min_records and d > far_km
        c = r.get("country")
        foreign = (
            bool(c)
            and countries[c] == 1
            and c not in in_title
            and (len(placed) > 1 or bool(in_title))
        )
        if far or foreign:
            found.append(
                {
                    **r,
                    "_km": round(d),
                    "_why": "both" if far and foreign else ("far" if far else "foreign"),
                }
            )
    return found


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("records", type=Path)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--km", type=float, default=300.0)
    ap.add_argument("--min-records", type=int, default=3)
    ap.add_argument("--list", action="store_true", help="print every outlier record")
    ap.add_argument("--docs", action="store_true", help="one row per document with outliers")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with a.records.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                by_doc[r["doc"]].append(r)
    folders = corpus_folders(a.corpus)
    table: dict[str, Counter] = defaultdict(Counter)
    listed: list[dict] = []
    per_doc: list[tuple[str, int, int, int]] = []
    for doc in sorted(by_doc):
        rows = by_doc[doc]
        placed = sum(r.get("latitude") is not None for r in rows)
        out = outliers(rows, a.km, a.min_records)
        why = Counter(o["_why"] for o in out)
        for key in (folder_of(doc, folders), "all"):
            t = table[key]
            t["docs"] += 1
            t["records"] += len(rows)
            t["placed"] += placed
            t["outliers"] += len(out)
            t["far"] += why["far"] + why["both"]
            t["foreign"] += why["foreign"] + why["both"]
            t["both"] += why["both"]
            t["docs_with"] += bool(out)
        if out:
            per_doc.append((doc, placed, len(out), why["both"]))
        listed.extend(out)
    if a.json:
        print(json.dumps(dict(table["all"]), sort_keys=True))
        return 0
    cols = ("docs", "docs_with", "records", "placed", "outliers", "far", "foreign", "both")
    print(f"{'folder':26} " + " ".join(f"{c:>9}" for c in cols) + f" {'share':>6}")
    for key in sorted(table, key=lambda k: (k == "all", k)):
        t = table[key]
        share = t["outliers"] / t["placed"] if t["placed"] else 0.0
        print(f"{key[:26]:26} " + " ".join(f"{t[c]:9}" for c in cols) + f" {share:6.3f}")
    if a.docs:
        print()
        for doc, placed, n, both in sorted(per_doc, key=lambda x: -x[2]):
            print(f"{n:4} of {placed:4} ({both} both)  {doc}")
    if a.list:
        print()
        for r in listed:
            ev = (r.get("evidence") or "").replace("\n", " ")[:160]
            print(
                f"{r['_why']:7} {r['_km']:6} km  {r['doc'][:38]:38} | {r['location']!r} "
                f"({r['latitude']}, {r['longitude']}) {r.get('country')} | {ev}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
