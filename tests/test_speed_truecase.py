"""Session 16: the caseless test counts a paragraph's capitals and small letters by byte
deletions for its ASCII characters and asks ``str.isupper`` / ``str.islower`` only of the
others. The counts equal those of the per-character test, on real documents (tests/fixtures,
with their curly quotes, dashes and accents) and on generated texts (non-Latin letters,
title-case and uncased letters, lone surrogates)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.nlp.truecase import _PARAGRAPH, _case_counts, caseless_spans

FIXTURES = Path(__file__).parent / "fixtures"


def _per_character(chunk: str) -> tuple[int, int]:
    """The test before session 16 for a paragraph that is not all ASCII."""
    return sum(map(str.isupper, chunk)), sum(map(str.islower, chunk))


def test_counts_on_real_documents() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "corpus").iterdir())
             if p.suffix in (".md", ".txt")]
    texts.append((FIXTURES / "golden" / "articles.jsonl").read_text(encoding="utf-8"))
    non_ascii = 0
    for text in texts:
        for para in _PARAGRAPH.finditer(text):
            chunk = para.group()
            non_ascii += not chunk.isascii()
            assert _case_counts(chunk) == _per_character(chunk)
    assert non_ascii > 5


def test_a_wire_paragraph_with_curly_quotes_is_still_caseless() -> None:
    text = ("KABUL, Afghanistan (AP) — TALIBAN FIGHTERS ATTACKED A POLICE POST IN “HELMAND” "
            "PROVINCE ON MONDAY, KILLING FOUR OFFICERS.\n\nOrdinary text follows here, "
            "with “quotes” and accents: Hérat.")
    spans = caseless_spans(text)
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].startswith("KABUL")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AaZz 1.“”—éÉßǅﬁΣσДдاİı\ud800ⓐ", max_size=60))
def test_counts_on_generated_texts(text: str) -> None:
    assert _case_counts(text) == _per_character(text)
