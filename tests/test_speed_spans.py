"""Session 15: the place spotter's token pattern (``geo.spans.token_re``) tests the
look-behind shared by a capitalised name and a particle once per position. Its matches equal
those of the pattern with one look-behind per alternative, on real documents (tests/fixtures)
and on generated texts."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.data import load_yaml
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.spans import token_re

FIXTURES = Path(__file__).parent / "fixtures"
_NOT_AFTER = r"(?<![\w'’‘`ʿʾ\-‐‑])"


def _per_alternative() -> re.Pattern[str]:
    """The pattern before session 15: each alternative with its own look-behind."""
    particles = "|".join(sorted((re.escape(p) for p in geo_lexicon().particles), key=len)[::-1])
    body = r"[\w'’ʿʾ‘`]*(?:[-‐‑][\w'’ʿʾ‘`]+)*"
    prefixes = "|".join(map(re.escape, load_yaml("geo.yaml")["name_parts"]["span_prefixes"]))
    article = rf"(?:{prefixes})[-‐‑'’](?=[A-Z])"
    return re.compile(
        r"(?P<acr>(?:[A-Z]\.){2,})"
        rf"|{_NOT_AFTER}(?P<cap>(?:{article}|[^\W\d_a-z]){body})"
        rf"|{_NOT_AFTER}(?P<part>{particles})(?![\w'’‘`ʿʾ\-‐‑])"
    )


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(text)]


def test_token_pattern_on_real_documents() -> None:
    old = _per_alternative()
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "corpus").iterdir())
             if p.suffix in (".md", ".txt")]
    texts.append((FIXTURES / "golden" / "articles.jsonl").read_text(encoding="utf-8"))
    found = 0
    for text in texts:
        got = _matches(token_re(), text)
        assert got == _matches(old, text)
        found += len(got)
    assert found > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaBdEeIlLnoUSsTuyz -’'.ʿé1", max_size=40))
def test_token_pattern_on_generated_texts(text: str) -> None:
    assert _matches(token_re(), text) == _matches(_per_alternative(), text)
