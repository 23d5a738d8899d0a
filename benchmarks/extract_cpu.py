"""CPU seconds of ``extract_events`` over the whole corpus in one process.

    .venv/bin/python benchmarks/extract_cpu.py --shared ../shared
    PYTHONPATH=OTHER_CHECKOUT/src .venv/bin/python benchmarks/extract_cpu.py   # another version

CPU time (``time.process_time``), not wall time, so two checkouts can be compared on a machine
that is busy with other work. Reading the files is not counted; the caches are warmed on the
first document before the clock starts.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from pathlib import Path

import warlog
from warlog.errors import WarlogError
from warlog.events.extract import extract_events
from warlog.ingest.reader import iter_files, read_path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    a = ap.parse_args()
    docs = []
    for p in iter_files([a.shared / "corpus"]):
        with contextlib.suppress(WarlogError):
            docs.extend(read_path(p))
    extract_events(docs[0])  # warm the caches
    t0 = time.process_time()
    n = sum(len(extract_events(d)) for d in docs)
    print(f"| code | documents | events | CPU s |\n|---|---:|---:|---:|\n"
          f"| {Path(warlog.__file__).parent.parent} | {len(docs)} | {n} | "
          f"{time.process_time() - t0:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
