"""The cross-document linked pairs two stores (one corpus, linked by two rules) differ by,
with both sentences, to be read by hand.

    .venv/bin/python benchmarks/group_diff.py before.db after.db [--n 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from collections import defaultdict


def linked(db: str) -> set[tuple[int, int]]:
    con = sqlite3.connect(db)
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for gid, eid, did in con.execute("SELECT group_id, event_id, document_id FROM group_members"):
        groups[gid].append((eid, did))
    out = set()
    for members in groups.values():
        for i, (x, dx) in enumerate(members):
            for y, dy in members[i + 1:]:
                if dx != dy:
                    out.add((min(x, y), max(x, y)))
    return out


def describe(con: sqlite3.Connection, eid: int) -> str:
    row = con.execute(
        "SELECT d.name, e.event_date, e.date_end, e.time_precision, e.sub_event_type, e.location,"
        " e.admin1, e.actor1, e.actor2, v.text FROM events e JOIN documents d ON d.id ="
        " e.document_id JOIN evidence v ON v.event_id = e.id AND v.position = 0 WHERE e.id = ?",
        (eid,)).fetchone()
    name, day, end, prec, sub, loc, adm, a1, a2, text = row
    return (f"[{eid}] {name} {day}{'..' + str(end) if end and end != day else ''} p{prec} "
            f"{sub} @{loc} ({adm}) {a1} | {a2}\n      {' '.join(text.split())[:300]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    a, b = linked(args.before), linked(args.after)
    added, removed = sorted(b - a), sorted(a - b)
    print(f"linked pairs {len(a)} -> {len(b)}: {len(added)} added, {len(removed)} removed")
    con = sqlite3.connect(args.after)
    rnd = random.Random(args.seed)
    for title, pairs in (("added", added), ("removed", removed)):
        for x, y in rnd.sample(pairs, min(args.n, len(pairs))):
            print(f"\n{title}:\n  {describe(con, x)}\n  {describe(con, y)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
