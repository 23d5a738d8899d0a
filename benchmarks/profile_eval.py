"""Score conflict profiles against the hand-checked values of benchmarks/profiles/expected.jsonl,
and count the profiles of the whole corpus.

Each expected line holds the values read by hand from one document's source (a corpus file, or
a fixture made in the repo): dates, result outcome, and per side the belligerents, commanders,
strength numbers and losses per kind (``other``: the column beyond the sides). A group the line
leaves empty is one the source does not give, so anything predicted there is a false positive.
Field-level precision and recall per group; a document expected without profile that gets one
counts against the ``documents`` line. Usage:

    python benchmarks/profile_eval.py --shared ../shared [--show-misses] [--corpus]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from warlog.ingest.reader import iter_files, read_path
from warlog.profile import profile_dict

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("belligerents", "commanders", "strength", "casualties", "result", "dates")
KINDS = ("killed", "wounded", "captured", "missing", "equipment")


def norm(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", unicodedata.normalize("NFC", text))
    return " ".join(text.replace("\u2013", "-").split()).lower()


def predicted_items(p: dict | None) -> dict[str, Counter]:
    out = {g: Counter() for g in GROUPS}
    if not p:
        return out
    for s in p.get("sides", []):
        side = str(s["side"])
        out["belligerents"].update((side, norm(b["name"])) for b in s.get("belligerents", []))
        out["commanders"].update((side, norm(c["text"])) for c in s.get("commanders", []))
        out["strength"].update((side, c["value"]) for c in s.get("strength_counts", []))
        for kind, t in s.get("loss_totals", {}).items():
            if kind in KINDS:
                out["casualties"][(side, kind, t["value"])] += 1
    other: Counter = Counter()
    for c in p.get("other_losses", []):
        if c["kind"] in KINDS and c.get("value") is not None:
            other[c["kind"]] += c["value"]
    out["casualties"].update(("other", k, v) for k, v in other.items())
    if p.get("result", {}).get("outcome"):
        out["result"][norm(p["result"]["outcome"]["text"])] += 1
    if p.get("date_start"):
        out["dates"][("start", p["date_start"])] += 1
    if p.get("date_end"):
        out["dates"][("end", p["date_end"])] += 1
    return out


def expected_items(e: dict) -> dict[str, Counter]:
    out = {g: Counter() for g in GROUPS}
    for side, names in e.get("belligerents", {}).items():
        out["belligerents"].update((side, norm(n)) for n in names)
    for side, names in e.get("commanders", {}).items():
        out["commanders"].update((side, norm(n)) for n in names)
    for side, values in e.get("strength", {}).items():
        out["strength"].update((side, v) for v in values)
    for side, kinds in e.get("casualties", {}).items():
        out["casualties"].update((side, k, v) for k, v in kinds.items())
    if e.get("result"):
        out["result"][norm(e["result"])] += 1
    if e.get("dates"):
        out["dates"].update([("start", e["dates"][0]), ("end", e["dates"][1])])
    return out


def load(path: Path) -> dict | None:
    doc = read_path(path)[0]
    return profile_dict(doc.raw, doc.format, doc.meta)


def score(expected: Path, shared: Path, show: bool) -> dict:
    tally = {g: Counter() for g in (*GROUPS, "documents")}
    skipped = 0
    for line in expected.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        path = (shared / "corpus" if e["where"] == "corpus" else ROOT) / e["doc"]
        if not path.exists():
            skipped += 1
            continue
        p = load(path)
        got = p is not None
        tally["documents"]["tp" if got and e["profile"] else "fp" if got else
                           "fn" if e["profile"] else "tn"] += 1
        if e["profile"] and got and p["form"] != e["form"]:
            print(f"{e['doc']}: form {p['form']}, expected {e['form']}")
        if not e["profile"]:
            continue
        want, have = expected_items(e), predicted_items(p)
        for g in GROUPS:
            tp = sum((want[g] & have[g]).values())
            tally[g]["tp"] += tp
            tally[g]["fp"] += sum(have[g].values()) - tp
            tally[g]["fn"] += sum(want[g].values()) - tp
            if show and want[g] != have[g]:
                print(f"  {e['doc']} {g}: missed {sorted(map(str, (want[g] - have[g])))} "
                      f"extra {sorted(map(str, (have[g] - want[g])))}")
    return {"tally": tally, "skipped": skipped}


def corpus_counts(shared: Path) -> None:
    rows: Counter = Counter()
    have: Counter = Counter()
    crashes = 0
    t0 = time.perf_counter()
    corpus = shared / "corpus"
    for f in iter_files([corpus]):
        rel = f.relative_to(corpus)
        if f.suffix == ".csv" or len(rel.parts) == 1 or f.name == "SOURCE.md":
            continue
        try:
            doc = read_path(f)[0]
            p = profile_dict(doc.raw, doc.format, doc.meta)
        except Exception as err:  # noqa: BLE001 - counted and shown: a crash is the finding
            crashes += 1
            print(f"CRASH {rel}: {err!r}")
            continue
        key = (rel.parts[0], doc.format)
        rows[key] += 1
        if p is not None:
            have[(key, p["form"])] += 1
    print(f"\nwhole corpus ({time.perf_counter() - t0:.1f} s, {crashes} crashes):")
    print(f"{'folder':20} {'format':10} {'docs':>5} {'profiles':>8}  forms")
    for key in sorted(rows):
        forms = {f: n for (k, f), n in have.items() if k == key}
        print(f"{key[0]:20} {key[1]:10} {rows[key]:5} {sum(forms.values()):8}  {forms}")
    total = sum(rows.values())
    print(f"{'all':31} {total:5} {sum(have.values()):8}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--expected", type=Path, default=ROOT / "benchmarks/profiles/expected.jsonl")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--corpus", action="store_true", help="also count the whole corpus' profiles")
    a = ap.parse_args()
    res = score(a.expected, a.shared, a.show_misses)
    print(f"{'group':14} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    worst = 1.0
    for g, t in res["tally"].items():
        p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        worst = min(worst, p, r)
        print(f"{g:14} {t['tp']:4} {t['fp']:4} {t['fn']:4} {p:9.3f} {r:7.3f}")
    if res["skipped"]:
        print(f"({res['skipped']} corpus documents skipped: no {a.shared / 'corpus'})")
    if a.corpus and (a.shared / "corpus").is_dir():
        corpus_counts(a.shared)
    return 0 if worst >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main())
