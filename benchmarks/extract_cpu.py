"""CPU seconds of ``extract_events`` over the whole corpus in one process.

    .venv/bin/python benchmarks/extract_cpu.py --shared ../shared
    PYTHONPATH=OTHER_CHECKOUT/src .venv/bin/python benchmarks/extract_cpu.py   # another version

CPU time (``time.process_time``), not wall time, so two checkouts can be compared on a machine
that is busy with other work. Reading the files is not counted; the gazetteer and the NER
model are loaded as ``warlog extract`` loads them (``pipeline.warm_up``) and the caches are
warmed on the first document before the clock starts.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import time
from pathlib import Path

import warlog
from warlog.errors import WarlogError
from warlog.events.extract import extract_events
from warlog.ingest.reader import iter_files, read_path
from warlog.pipeline import warm_up


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    a = ap.parse_args()
    docs = []
    for p in iter_files([a.shared / "corpus"]):
        with contextlib.suppress(WarlogError):
            docs.extend(read_path(p))
    # as `warlog extract` (and benchmarks/speed.py) start: the gazetteer and the NER model
    # loaded and frozen out of the collector's reach (pipeline.warm_up), then the caches
    # warmed on the first document
    warm_up()
    extract_events(docs[0])
    gc0 = [s["collections"] for s in gc.get_stats()]
    t0 = time.process_time()
    n = sum(len(extract_events(d)) for d in docs)
    cpu = time.process_time() - t0
    # collections per generation in the timed loop: one gen-2 collection more or less moves
    # the total by ~1 %, so compare these before believing a 1 % difference
    gcs = "/".join(str(s["collections"] - c) for s, c in zip(gc.get_stats(), gc0, strict=True))
    print(f"| code | documents | events | CPU s | GC collections (gen 0/1/2) |\n"
          f"|---|---:|---:|---:|---|\n"
          f"| {Path(warlog.__file__).parent.parent} | {len(docs)} | {n} | {cpu:.2f} | {gcs} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
