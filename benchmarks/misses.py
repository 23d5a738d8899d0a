"""Compact view of what extraction got wrong on the gold documents (after ``make eval``).

    python benchmarks/misses.py --shared ../shared [--kind wrong|missed|spurious] [--doc NAME]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--pred", type=Path, default=Path("out/eval_events.jsonl"))
    ap.add_argument("--kind", default="wrong")
    ap.add_argument("--doc", default="")
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", a.shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    aliases = score.load_aliases(a.shared / "eval" / "actors.json")
    _, _, misses = score.score(a.shared / "eval" / "gold", a.pred, aliases)

    def brief(e: dict) -> str:
        ev = e.get("evidence")
        ev = ev[0] if isinstance(ev, list) and ev else ev
        date = e.get("date_start") or e.get("event_date")
        return (f"{date}..{e.get('date_end')} p{e.get('time_precision')} {e.get('sub_event_type')}"
                f" | {e.get('actor1')} / {e.get('actor2')} | {e.get('location')} "
                f"({e.get('latitude')}, {e.get('longitude')}) g{e.get('geo_precision')} "
                f"| f={e.get('fatalities')} | {str(ev)[:150]}")

    for doc, m in misses.items():
        if a.doc not in doc:
            continue
        for item in m[a.kind]:
            if a.kind == "wrong":
                print(f"{doc[:12]} G: {brief(item['gold'])}\n{' ' * 12} P: {brief(item['pred'])}")
            else:
                print(f"{doc[:12]} {brief(item)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
