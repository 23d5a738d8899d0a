"""Session 15's shortcuts in the absolute date finder give the answers of the full path:

- ``timeline.absolute._int`` reads an all-digit token with ``int`` directly; the result is
  the one of joining the token's digits (ASCII and other decimal digits, suffixes as in
  "23rd", separators as in "1,200");
- ``absolute_candidates`` returns at once for a sentence with no digit, no month name and no
  "day": no pattern could match it, and on real sentences the answer is the one of every
  pattern run.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.actors.normalize import fold
from warlog.nlp.sentences import sentences
from warlog.timeline import absolute
from warlog.timeline.patterns import patterns

FIXTURES = Path(__file__).parent / "fixtures"


def _int_by_join(token: str | None) -> int | None:
    if token is None:
        return None
    digits = "".join(ch for ch in token if ch.isdigit())
    return int(digits) if digits else None


def test_int_fast_path_equals_joining_the_digits() -> None:
    for token in (None, "", "23", "2014", "23rd", "1st", "1,200", "٢٠١٤", "07", "th"):
        assert absolute._int(token) == _int_by_join(token)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩,.stndrh ", max_size=8))
def test_int_fast_path_on_generated_tokens(token: str) -> None:
    assert absolute._int(token) == _int_by_join(token)


def _fixture_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "corpus").iterdir())
             if p.suffix in (".md", ".txt")]
    for line in (FIXTURES / "golden" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return [s.text for t in texts for s in sentences(t, fold(t))]


def _every_pattern(sentence: str, bare_years: bool) -> list[tuple[int, int, str]]:
    """The candidates with every pattern run on ``sentence`` (no pre-check)."""
    pats = patterns()
    out = []
    for name, handler, _ in absolute._ABSOLUTE:
        for m in getattr(pats, name).finditer(sentence):
            c = handler(m, sentence)
            if c is not None:
                out.append((c.start, c.end, c.kind))
    for m in pats.year.finditer(sentence):
        c = absolute._year_mention(m, sentence, bare_years)
        if c is not None:
            out.append((c.start, c.end, c.kind))
    return sorted(out)


def test_absolute_candidates_equal_every_pattern_on_real_sentences() -> None:
    skipped = 0
    sents = _fixture_sentences()
    assert len(sents) > 300
    for s in sents:
        for bare in (False, True):
            got = sorted((c.start, c.end, c.kind) for c in absolute.absolute_candidates(s, bare))
            assert got == _every_pattern(s, bare), s
        pats = patterns()
        if not (pats.digit.search(s) or pats.month_name.search(s) or "day" in s):
            skipped += 1
    assert skipped > 100  # the early return is exercised
