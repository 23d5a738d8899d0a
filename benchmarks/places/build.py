"""Build ``places.jsonl`` from the hand-checked list ``items.txt`` (see README.md).

    .venv/bin/python benchmarks/places/build.py --shared ../shared

Each line of ``items.txt`` names a document, a place mention as written, its kind, the true
coordinates with a confidence radius and the evidence. This script only locates the mention
in the document's text (the first occurrence, or the first after the optional hint) and writes
the sentence and offsets, so the scorer can find the resolver's answer for exactly that span.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _docs(corpus: Path) -> dict[str, Path]:
    return {p.name: p for p in corpus.rglob("*") if p.suffix in (".md", ".txt")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    a = ap.parse_args()
    from warlog.ingest.reader import read_path
    from warlog.nlp.sentences import sentences

    paths = _docs(a.shared / "corpus")
    texts: dict[str, str] = {}
    out, missing = [], 0
    for n, line in enumerate((HERE / "items.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        doc, mention, kind, lat, lon, cc, conf, note, hint = (line.split("|") + [""])[:9]
        if doc not in paths:
            print(f"line {n}: no document {doc}", file=sys.stderr)
            missing += 1
            continue
        if doc not in texts:
            texts[doc] = read_path(paths[doc])[0].text
        text = texts[doc]
        at = text.find(hint) + len(hint) if hint and hint in text else 0
        m = re.compile(rf"(?<![\w'-]){re.escape(mention)}(?![\w])").search(text, at)
        if not m:
            print(f"line {n}: '{mention}' not in {doc}", file=sys.stderr)
            missing += 1
            continue
        sent = next(s for s in sentences(text) if s.start <= m.start() < s.end)
        out.append({
            "doc": doc, "sentence": sent.text, "start": m.start(), "end": m.end(),
            "mention": mention, "kind": kind, "lat": float(lat), "lon": float(lon),
            "country": cc, "confidence_km": float(conf), "note": note,
        })
    with (HERE / "places.jsonl").open("w", encoding="utf-8") as fh:
        for item in out:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} items ({missing} not found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
