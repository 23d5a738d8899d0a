"""Golden records: the assembled extractor (real readers, real extractor) on six small
documents of every format, compared with the records checked in next to them.

A difference fails with the diff; if the change is intended, run ``make golden`` (or
``python scripts/regen_golden.py``) and commit the rewritten ``*.expected.jsonl`` with it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "regen_golden.py"
_spec = importlib.util.spec_from_file_location("regen_golden", _SCRIPT)
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

DOCS = golden.documents()


def test_every_format_has_a_golden_document() -> None:
    assert {p.suffix for p in DOCS} == {".md", ".txt", ".html", ".wiki", ".jsonl"}
    for doc in DOCS:
        assert golden.expected_path(doc).exists(), f"run make golden for {doc.name}"


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_extractor_matches_golden_records(doc: Path) -> None:
    got = golden.records(doc)
    assert got, f"{doc.name}: the extractor found no event"
    diff = golden.diff(doc, got)
    assert not diff, f"records changed (make golden to accept):\n{diff}"


def test_golden_records_are_sorted_and_without_ids() -> None:
    for doc in DOCS:
        lines = golden.expected(doc)
        assert lines == sorted(lines)
        for line in lines:
            rec = json.loads(line)
            assert "id" not in rec and rec["doc"] and rec["sub_event_type"]
