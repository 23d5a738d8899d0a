"""A random sample of the links event grouping makes on a whole store, to be read by hand.

    .venv/bin/python benchmarks/group_sample.py corpus.db [--n 60] [--seed 9] [--out FILE]

The hand-picked pair set (``benchmarks/pairs/corpus_pairs.jsonl``) measures the rule on pairs
chosen for being hard; it says little about the links the rule makes everywhere else. This
draws ``n`` cross-document linked pairs (two reports of two documents in one event group) at
random with a fixed seed, from every such pair of the store in a fixed order, and writes them
in the pair set's format (``same`` left ``null``, ``kind`` "random-link") with both reports'
full evidence and coding, for a person to read and label ``same`` true or false. Labelled
lines go into the pair set as ordinary pairs; ``benchmarks/group_eval.py --kind random-link``
then gives the precision of the store's links.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from sqlalchemy import select

from warlog.store import schema as s
from warlog.store.database import open_store

SIDE_CHARS = 80  # the pair set names a report by the start of its first evidence sentence


def linked_pairs(store: Any) -> list[tuple[int, int]]:
    """Every (report, report) of two documents in one group, smaller id first, sorted."""
    gm = s.group_members
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    with store.read.connect() as conn:
        for gid, eid, did in conn.execute(select(gm.c.group_id, gm.c.event_id, gm.c.document_id)):
            members[gid].append((eid, did))
    out = []
    for ms in members.values():
        for (ea, da), (eb, db) in combinations(sorted(ms), 2):
            if da != db:
                out.append((ea, eb))
    return sorted(out)


def side(conn: Any, event_id: int) -> dict[str, Any]:
    ev, doc, evid = s.events, s.documents, s.evidence
    row = conn.execute(select(ev, doc.c.name.label("doc")).join(doc, doc.c.id == ev.c.document_id)
                       .where(ev.c.id == event_id)).mappings().one()
    texts = list(conn.execute(select(evid.c.text).where(evid.c.event_id == event_id)
                              .order_by(evid.c.position)).scalars())
    first = " ".join(texts[0].split()) if texts else ""
    return {
        "doc": row["doc"],
        "date": row["event_date"].isoformat() if row["event_date"] else "",
        "evidence": first[:SIDE_CHARS],
        "sub_event_type": row["sub_event_type"],
        "location": row["location"],
        # for the reader, not for matching
        "full_evidence": " | ".join(" ".join(t.split()) for t in texts),
        "coding": {"date_end": str(row["date_end"]), "time_precision": row["time_precision"],
                   "admin1": row["admin1"], "geo_precision": row["geo_precision"],
                   "actors": [row["actor1"], row["actor2"]], "fatalities": row["fatalities"]},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", help="a store with the corpus extracted and linked")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--kind", default="random-link")
    ap.add_argument("--out", help="write the sample here (JSON lines), else stdout")
    args = ap.parse_args(argv)
    with open_store(args.db) as store:
        pairs = linked_pairs(store)
        chosen = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))
        with store.read.connect() as conn:
            lines = [json.dumps({"same": None, "why": "", "kind": args.kind, "seed": args.seed,
                                 "a": side(conn, a), "b": side(conn, b)}, ensure_ascii=False)
                     for a, b in chosen]
    print(f"cross-document linked pairs: {len(pairs)}; drawn {len(lines)} (seed {args.seed})",
          file=sys.stderr)
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
