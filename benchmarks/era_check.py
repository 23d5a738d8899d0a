"""An unsupervised date check over the whole corpus: the share of events dated inside their
document's own era (the document's year from its metadata/title/text, -1 .. +3 years).

    python benchmarks/era_check.py out/corpus_events.jsonl --shared ../shared

Background sections legitimately date some events outside the era, so this is no accuracy;
but a change that lowers it has usually broken year inference somewhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from warlog.errors import WarlogError
from warlog.ingest.reader import iter_files, read_path
from warlog.timeline.docdates import document_dates


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", type=Path)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    a = ap.parse_args()
    years: dict[str, int | None] = {}
    for p in iter_files([a.shared / "corpus"]):
        try:
            for d in read_path(p):
                years[d.name] = document_dates(d).year
        except WarlogError:
            continue
    inside = total = 0
    for line in a.events.read_text().splitlines():
        e = json.loads(line)
        y = years.get(e["doc"])
        if not y or not e.get("event_date"):
            continue
        total += 1
        inside += (y - 1) <= int(e["event_date"][:4]) <= (y + 3)
    print(f"{inside}/{total} = {inside / max(total, 1):.3f} of events inside their document's era")
    return 0


if __name__ == "__main__":
    sys.exit(main())
