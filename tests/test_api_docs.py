"""docs/api.md runs as written: its python blocks, in order, in one namespace, in a temporary
folder holding ``articles/`` (two corpus articles from tests/fixtures/corpus)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from warlog.settings import Settings, activate

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "api.md"
ARTICLES = ("Battle_of_Kunduz_(2016).md", "battle_of_boulikessi.md")
FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def code_blocks(text: str) -> list[str]:
    return FENCE.findall(text)


def test_the_page_has_examples_for_every_function():
    code = "\n".join(code_blocks(DOC.read_text(encoding="utf-8")))
    for name in ("warlog.extract(", "warlog.export(", "warlog.open_store(", "warlog.Settings(",
                 "data_dir=", "store.review(", "plugins.exporters"):
        assert name in code, name


def test_every_python_block_of_docs_api_md_runs(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ARTICLES:
        shutil.copy(ROOT / "tests" / "fixtures" / "corpus" / name, articles / name)
    monkeypatch.chdir(tmp_path)
    blocks = code_blocks(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "docs_api"}
    activate(Settings())
    try:
        for i, block in enumerate(blocks, start=1):
            try:
                exec(compile(block, f"docs/api.md block {i}", "exec"), namespace)  # noqa: S102
            except Exception as e:  # name the block that broke
                pytest.fail(f"docs/api.md block {i} failed: {type(e).__name__}: {e}\n{block}")
    finally:
        activate(Settings())
    assert (tmp_path / "events.csv").is_file() and (tmp_path / "kunduz.geojson").is_file()
