"""Score warlog on our own held-out news set (benchmarks/news_heldout/).

Extracts ``docs.jsonl`` into a fresh database and scores the records with the challenge
suite's scorer (``<shared>/eval/challenge/score.py``, actor aliases from
``<shared>/eval/actors.json``). Extra arguments go to the scorer. Usage:

    python benchmarks/news_heldout/score.py --shared ../shared [--json] [--show-fails]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("out/news_heldout.jsonl"))
    ap.add_argument(
        "--set", default="", choices=["", "2"], help="2: the second batch (docs2/expected2)"
    )
    a, rest = ap.parse_known_args()
    scorer = a.shared / "eval" / "challenge" / "score.py"
    if not scorer.exists():
        sys.exit(f"{scorer}: not found (pass --shared)")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "heldout.db"
        docs = HERE / f"docs{a.set}.jsonl"
        cmd = [sys.executable, "-m", "warlog.cli", "extract", str(docs)]
        cmd += ["--db", str(db), "--out", str(a.out), "--quiet"]
        subprocess.run(cmd, check=True)
    score = [sys.executable, str(scorer), "--expected", str(HERE / f"expected{a.set}.jsonl")]
    score += ["--pred", str(a.out), "--actors", str(a.shared / "eval" / "actors.json")]
    return subprocess.run(score + rest).returncode


if __name__ == "__main__":
    raise SystemExit(main())
