"""Gazetteer index: build time and peak memory with and without a GeoNames country file, warm
load, and lookup speed.

    .venv/bin/python benchmarks/gazetteer_build.py [--rows 100000] [--work DIR]

A country file of ``--rows`` records is generated in GeoNames' 19-column format (a real
country's mix of feature classes: about half populated places, then spots, terrain, water,
areas, roads and admin areas; two to five Latin alternate names each and an Arabic one), added
with ``warlog gazetteer add --file`` into a fresh cache folder, and each step runs in its own
process so its peak memory (ru_maxrss) is its own. Times are CPU seconds of that process.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLASSES = [("P", "PPL", 0.48), ("S", "FRM", 0.06), ("S", "SCH", 0.03), ("S", "MSQE", 0.03),
           ("S", "AIRF", 0.002), ("S", "INSM", 0.005), ("S", "DAM", 0.003), ("T", "HLL", 0.1),
           ("T", "MT", 0.04), ("H", "WLL", 0.06), ("H", "STMI", 0.06), ("H", "SPNG", 0.03),
           ("L", "LCTY", 0.03), ("R", "RD", 0.01), ("A", "ADM3", 0.01), ("V", "GRVO", 0.02),
           ("P", "PPLQ", 0.04)]
SYLLABLES = ["al", "ab", "bu", "da", "dar", "hal", "ham", "kha", "jab", "mar", "nah", "qa",
             "ras", "sha", "tal", "um", "wad", "zar", "kar", "sul", "mus", "ain", "bir", "deir"]
VOWELS = {"a": ["a", "e"], "u": ["u", "ou", "o"], "i": ["i", "ee", "e"]}


def _name(rng: random.Random) -> str:
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
             for _ in range(rng.randint(1, 3))]
    return " ".join(words)


def _variant(rng: random.Random, name: str) -> str:
    out = []
    for ch in name:
        out.append(rng.choice(VOWELS[ch]) if ch in VOWELS and rng.random() < 0.4 else ch)
    return "".join(out)


def make_country_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    codes = [(c, f) for c, f, _ in CLASSES]
    weights = [w for _, _, w in CLASSES]
    with path.open("w", encoding="utf-8") as fh:
        for n in range(rows):
            fcl, fcode = rng.choices(codes, weights)[0]
            name = _name(rng)
            alts = {_variant(rng, name) for _ in range(rng.randint(2, 5))} - {name}
            alts.add("قرية")
            lat, lon = rng.uniform(32.3, 37.3), rng.uniform(35.7, 42.3)
            a1 = f"{rng.randint(1, 14):02d}"
            a2 = f"SY{int(a1):02d}{rng.randint(0, 9):02d}"
            a3 = f"{a2}{rng.randint(0, 5):02d}"
            pop = rng.choice([0, 0, 0, rng.randint(50, 5000)]) if fcl == "P" else 0
            cols = [str(90_000_000 + n), name, name, ",".join(sorted(alts)), f"{lat:.5f}",
                    f"{lon:.5f}", fcl, fcode, "SY", "", a1, a2, a3, "", str(pop), "", "300",
                    "Asia/Damascus", "2024-01-15"]
            fh.write("\t".join(cols) + "\n")


STEP = r"""
import json, resource, sys, time
from warlog.settings import Settings, using
from warlog.geo.gazetteer import Gazetteer
with using(Settings(cache_dir=sys.argv[1])):
    t = time.process_time()
    g = Gazetteer.load()
    load = time.process_time() - t
    names = [g._names[i] for i in range(0, len(g), max(1, len(g) // 20000))]
    from warlog.geo.gazetteer import TIER_EXACT
    from warlog.geo.normalize import normalize
    keys = [normalize(n) for n in names]
    t = time.process_time()
    for key in keys:
        g._indices(TIER_EXACT, key)
    raw = (time.process_time() - t) / len(keys) * 1e6
    t = time.process_time()
    for name in names:
        g.matches(name, "SY")
    per = (time.process_time() - t) / len(names) * 1e6
    t = time.process_time()
    for name in names:
        g.matches(name, "SY")
    memo = (time.process_time() - t) / len(names) * 1e6
print(json.dumps({"records": len(g), "cpu_s": round(load, 1), "lookup_us": round(per, 1),
                  "hash_get_us": round(raw, 2),
                  "memoised_lookup_us": round(memo, 2),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def _step(cache: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", STEP, str(cache)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _add(cache: Path, file: Path) -> float:
    t = time.perf_counter()
    code = ("import sys, resource, time\nfrom warlog.settings import Settings, using\n"
            "from warlog.geo import country_files\n"
            "with using(Settings(cache_dir=sys.argv[1])):\n"
            "    t = time.process_time(); country_files.add_file(sys.argv[2])\n"
            "print(time.process_time() - t, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(cache), str(file)], check=True,
                         capture_output=True, text=True).stdout.split()
    print(f"add --file (parse, check, store): {float(out[0]):.1f} CPU s, peak {out[1]} MB "
          f"({time.perf_counter() - t:.1f} s wall)")
    return float(out[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="warlog-gaz-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    country = work / "SY_synthetic.txt"
    make_country_file(country, args.rows)
    print(f"country file: {country} ({args.rows:,} rows, {country.stat().st_size / 1e6:.0f} MB)")
    for label, cache in (("cities500 only", work / "bare"), ("+ country file", work / "added")):
        if label.startswith("+") and not list(cache.glob("gazetteer-*.marshal")):
            _add(cache, country)
        cold = _step(cache)  # a build only when the cache folder has no index yet
        warm = _step(cache)
        size = sum(p.stat().st_size for p in cache.glob("gazetteer-*.marshal")) / 1e6
        print(f"{label}: {cold['records']:,} records, index {size:.0f} MB")
        print(f"  cold build: {cold['cpu_s']} CPU s, peak {cold['peak_mb']} MB")
        print(f"  warm load:  {warm['cpu_s']} CPU s, peak {warm['peak_mb']} MB")
        print(f"  lookup CPU per name: hash table get {warm['hash_get_us']} µs; matches() "
              f"first time {warm['lookup_us']} µs (all candidates built and scored), "
              f"memoised {warm['memoised_lookup_us']} µs")


if __name__ == "__main__":
    main()
