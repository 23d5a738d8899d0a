"""Score warlog on the news probes engineers wrote while working on news and wire text.

    .venv/bin/python benchmarks/news_probes/score.py --shared ../shared [--set session9-styles]
        [--show-fails]

Each ``*.jsonl`` here holds original news items (invented incidents with real places and
groups, none taken from the evaluation suites) with the record GUIDELINES.md calls right, in
the challenge suite's format (id, date, text, phenomenon, expect). The rules of the session
that wrote a set were partly written from its failures (docs/quality.md says which), so these
are regression checks, not held-out scores. The items are extracted by ``warlog.api.extract``
and scored by the challenge suite's own scorer (``../shared/eval/challenge/score.py``).

``heldout/`` holds waves written after a session's rules were chosen and never used to write
one (``--set heldout/session10-wave2``): read their scores, never their failures, when writing
rules, so they stay a measure of how the rules carry to text no one tuned on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(HERE.parents[2] / "shared"))
    ap.add_argument("--set", default=None, help="one probe set (file name without .jsonl)")
    ap.add_argument("--show-fails", action="store_true")
    a = ap.parse_args()
    scorer = Path(a.shared) / "eval" / "challenge" / "score.py"
    if not scorer.exists():
        print(f"no challenge scorer at {scorer}", file=sys.stderr)
        return 2
    from warlog.api import extract

    sets = [HERE / f"{a.set}.jsonl"] if a.set else sorted(HERE.glob("*.jsonl"))
    for path in sets:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        with tempfile.TemporaryDirectory() as tmp:
            docs, expected, pred = (Path(tmp) / n for n in ("docs.jsonl", "expected.jsonl",
                                                             "pred.jsonl"))
            docs.write_text("".join(json.dumps({k: it[k] for k in ("id", "date", "text")
                                                if k in it}) + "\n" for it in items))
            expected.write_text("".join(json.dumps({k: it[k] for k in ("id", "phenomenon",
                                                                      "expect") if k in it})
                                        + "\n" for it in items))
            pred.write_text("".join(json.dumps(r) + "\n" for r in extract(docs)))
            print(f"== {path.stem} ({len(items)} items)", flush=True)
            cmd = [sys.executable, str(scorer), "--expected", str(expected), "--pred", str(pred)]
            subprocess.run(cmd + (["--show-fails"] if a.show_fails else []), check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
