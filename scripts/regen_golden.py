"""Regenerate the golden records of the assembled extractor: ``make golden``.

For every document in ``tests/fixtures/golden/`` (Markdown with front matter, a plain-text
scrape, HTML, wikitext, JSON Lines) this reads it with the real reader, extracts its events
with the real extractor and writes ``<name>.expected.jsonl``: one record per line, keys
sorted, lines sorted, without database ids. ``tests/test_golden.py`` compares the same
records with those files, so a behaviour change shows as a diff to review and commit.

Usage: ``python scripts/regen_golden.py [--check]`` (``--check``: only report differences).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "golden"
SUFFIX = ".expected.jsonl"
DOCUMENT_SUFFIXES = (".md", ".txt", ".html", ".wiki", ".jsonl")


def documents(folder: Path = GOLDEN) -> list[Path]:
    """The golden documents (not their expected files, not the README)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix in DOCUMENT_SUFFIXES and not p.name.endswith(SUFFIX)
                  and p.name != "README.md")


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.name + SUFFIX)


def records(doc: Path) -> list[str]:
    """The extractor's records for ``doc``, one JSON line each, sorted (no ids)."""
    from warlog.events.extract import extract_events
    from warlog.ingest.reader import read_path

    lines = []
    for d in read_path(doc):
        for ev in extract_events(d):
            rec = ev.as_record()
            rec.pop("id", None)
            lines.append(json.dumps(rec, sort_keys=True, ensure_ascii=False))
    return sorted(lines)


def expected(doc: Path) -> list[str]:
    path = expected_path(doc)
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def diff(doc: Path, got: list[str]) -> str:
    """A unified diff from the checked-in records to ``got`` (empty when equal)."""
    return "\n".join(difflib.unified_diff(expected(doc), got, f"{doc.name}{SUFFIX}",
                                          f"{doc.name} (extracted now)", lineterm=""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report differences, write nothing")
    opts = ap.parse_args(argv)
    changed = 0
    for doc in documents():
        got = records(doc)
        d = diff(doc, got)
        if not d:
            print(f"{doc.name}: {len(got)} records, unchanged")
            continue
        changed += 1
        if opts.check:
            print(d)
        else:
            expected_path(doc).write_text("".join(f"{line}\n" for line in got), encoding="utf-8")
            print(f"{doc.name}: {len(got)} records, rewritten (review with git diff)")
    return 1 if opts.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
