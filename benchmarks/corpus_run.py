"""Run ``warlog extract`` over the whole corpus and print time, peak memory and problems.

    python benchmarks/corpus_run.py --shared ../shared [--workers 2]

Runs the real CLI in a child process on a fresh database, so the numbers include start-up,
reading, extraction, storage and the JSON Lines export.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--workers", type=int, default=0, help="0: one per core")
    ap.add_argument("--out", type=Path, default=Path("out/corpus_events.jsonl"))
    a = ap.parse_args()
    corpus = a.shared / "corpus"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "warlog.cli", "extract", str(corpus), "--db",
               str(Path(tmp) / "corpus.db"), "--out", str(a.out), "--quiet",
               "--workers", str(a.workers)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = proc.stderr.strip().splitlines()
    errors = [ln for ln in lines if ln.startswith("error")]
    skipped = [ln for ln in lines if ln.startswith("skipped")]
    events = [json.loads(x) for x in a.out.read_text().splitlines()] if a.out.exists() else []
    size_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, "
          f"python {platform.python_version()}")
    print(f"command: {' '.join(cmd[1:])}")
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| corpus size | {size_mb:.1f} MB |")
    print(f"| wall time | {wall:.1f} s |")
    print(f"| peak memory (largest process) | {peak_mb:.0f} MB |")
    print(f"| events written | {len(events)} |")
    print(f"| files failed | {len(errors)} |")
    print(f"| files skipped | {len(skipped)} |")
    print(f"| exit status | {proc.returncode} |")
    print()
    print(lines[-1] if lines else "(no summary)")
    for ln in errors + skipped:
        print(ln)
    return 0 if proc.returncode in (0, 1) else proc.returncode


if __name__ == "__main__":
    sys.exit(main())
