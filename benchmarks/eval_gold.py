"""Score extraction on the documents that have gold annotations.

Finds each gold file's document in the shared corpus by file name, runs ``warlog extract`` on
them into a fresh database, and prints ``shared/eval/score.py``'s report. Usage:

    python benchmarks/eval_gold.py --shared ../shared [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def gold_documents(shared: Path) -> list[Path]:
    corpus = shared / "corpus"
    by_name = {p.name: p for p in corpus.rglob("*") if p.is_file()}
    docs = []
    for g in sorted((shared / "eval" / "gold").glob("*.json")):
        name = json.loads(g.read_text())["doc"]
        if name not in by_name:
            sys.exit(f"{g}: its document {name} is not in {corpus}")
        docs.append(by_name[name])
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("out/eval_events.jsonl"))
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    docs = gold_documents(a.shared)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "warlog.cli", "extract", *map(str, docs),
               "--db", str(Path(tmp) / "eval.db"), "--out", str(a.out), "--quiet"]
        subprocess.run(cmd, check=True)
    score = [sys.executable, str(a.shared / "eval" / "score.py"),
             "--gold", str(a.shared / "eval" / "gold"), "--pred", str(a.out)]
    if a.show_misses:
        score.append("--show-misses")
    if a.json:
        score.append("--json")
    return subprocess.run(score).returncode


if __name__ == "__main__":
    sys.exit(main())
