"""speed27: ``casualties.tokens.match_at`` compares a multi-word phrase's second word before
building the generator over all its words: the same longest phrase must be found at every
token of made-up texts (an exact reworking: this guards it, it passes before too)."""

from __future__ import annotations

from warlog.casualties.tokens import match_at, phrase_table, tokenize


def test_match_at_multi_word_phrases() -> None:
    table = phrase_table([("at least", "min"), ("at", "x"), ("as many as", "max"),
                          ("as many", "y"), ("no fewer than", "min2")])
    text = "at least 5, as many as 9, as many people, at 3, no fewer than 7 and no fewer"
    toks = tokenize(text)
    got = [match_at(toks, i, table) for i in range(len(toks) + 1)]

    def full(i: int):
        if i >= len(toks):
            return None
        for words, value in table.get(toks[i].low, ()):
            n = len(words)
            if i + n <= len(toks) and all(toks[i + k].low == words[k] for k in range(n)):
                return n, value
        return None

    assert got == [full(i) for i in range(len(toks) + 1)]
    assert (2, "min") in got and (3, "max") in got and (2, "y") in got and (3, "min2") in got
