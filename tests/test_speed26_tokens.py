"""An exact speed-up of the place spotter's tokens (speed26): for an ASCII text one regex run
steps over the words and marks at which no token can start, instead of starting the engine at
every character. The tokens must be those of the full scan of ``token_re``, on made-up
texts (and on every tail of them, which moves what the look-behind sees)."""

from __future__ import annotations

import pytest

from warlog.geo import spans
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.spans import token_re, tokens

TEXTS = [
    "Fighters of the Tarvin Brigade took al-Qarwa and Ras al Ayn near Deir ez-Zor on Monday.",
    "U.S. and A.B.C. troops, McDonald's men and ISIL's fighters crossed the Velmar's river.",
    "the bani Harb, van der Berg, d'Ivoire, l'Orme and bin Laden's aBC.D. stayed at 9Ab_x.",
    "killed 12 people in upon-Tyne; ez-zor (lower case) and al- Bab, el-9 and d-Orsk",
    "ALL CAPS TEXT OF THE REPORT: IN THE TOWN",
    "Troops entered Örsund and Zürich-Ost near Kafr\u2019s outskirts.",  # not ASCII: full scan
    "y e i the of",
    "",
]


def _full_scan(text: str) -> list[spans.Tok]:
    out: list[spans.Tok] = []
    for m in token_re().finditer(text):
        word, (start, end) = m.group(), m.span()
        if m.lastgroup == "part":
            out.append((start, end, word, False, True))
            continue
        if word[0].islower() and not ("a" <= word[0] <= "z"):
            continue
        if len(word) > 3 and word[-2] in "'’" and word[-1] == "s":
            word, end = word[:-2], end - 2
        out.append((start, end, word, True, False))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_the_full_scan(text: str) -> None:
    particles = geo_lexicon().particles
    for k in range(len(text) + 1):
        assert tokens(text[k:], particles) == _full_scan(text[k:]), text[k:]


def test_ascii_text_is_read_in_one_run() -> None:
    """An ASCII text's tokens come from the stepping pattern, not from ``token_re``."""
    text = "Rebels of the Tarvin Brigade took al-Qarwa near Ras al Ayn."
    found = [(m.span("tok"), m.group("tok")) for m in spans._ascii_token_re().finditer(text)
             if m.start("tok") >= 0]
    assert [w for _span, w in found] == ["Rebels", "of", "the", "Tarvin", "Brigade",
                                         "al-Qarwa", "Ras", "al", "Ayn"]
    assert [t[2] for t in tokens(text, geo_lexicon().particles)] == [w for _s, w in found]
