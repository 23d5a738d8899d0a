"""Property tests (Hypothesis): a cheap test that decides whether a costly pattern is run never
skips a text the pattern would match, and a trie-built alternation matches what the flat
alternation it replaced matched.

Texts are drawn from the words the patterns look for (site and terrain generics, in any
case), capitalised names, articles, acronyms, numbers and the spaces, hyphens and
punctuation around them, so the patterns match often.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.geo import sites
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.phrases import patterns

_NAMES = ["Zalbuna", "Al-Merisha", "al-Tabqa", "Division", "17", "ISIL", "Russian", "the",
          "The", "of", "and", "near", "Mount", "Lake", "Jabal", "Tal", "Abu", "Ma'bar"]
_GAPS = [" ", "  ", "-", "\n", ", ", ". ", "(", ")", "'", ""]


def _generics() -> list[str]:
    words = {w for g in sites._groups() for w in (*g.before, *g.after)}
    words |= set(geo_lexicon().facility_words)
    return sorted(words)


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.title(), word.upper()])


_words = st.one_of(st.sampled_from(_generics()).flatmap(_cased), st.sampled_from(_NAMES))
_gaps = st.one_of(st.just(" "), st.sampled_from(_GAPS))
texts = st.lists(st.tuples(_words, _gaps).map("".join), max_size=20).map("".join)
_SETTINGS = settings(max_examples=400, deadline=None)


@_SETTINGS
@given(texts)
def test_feature_name_after_its_generic_needs_a_generic_word(text: str) -> None:
    _pre, post, post_needs = sites._patterns()
    if post.search(text):
        assert post_needs.search(text)


@_SETTINGS
@given(texts)
def test_facility_phrase_needs_a_site_word(text: str) -> None:
    pat = patterns()
    if pat.facility_phrase.search(text):
        assert pat.facility_needs.search(text)


def _flat(words: set[str]) -> str:
    """The longest-first alternation the generics were written as before the trie."""
    ws = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for w in ws)


@_SETTINGS
@given(texts)
def test_trie_generics_match_as_the_flat_alternation(text: str) -> None:
    pre, post, _ = sites._patterns()
    before = {w for g in sites._groups() for w in g.before}
    after = {w for g in sites._groups() for w in g.after}
    flat_pre = re.compile(pre.pattern.replace(sites._alt(before), _flat(before)))
    flat_post = re.compile(post.pattern.replace(sites._alt(after), _flat(after)))
    for trie, flat in ((pre, flat_pre), (post, flat_post)):
        assert [m.groupdict() | {"span": m.span()} for m in trie.finditer(text)] == [
            m.groupdict() | {"span": m.span()} for m in flat.finditer(text)
        ]


def _relative_words() -> list[str]:
    from warlog.timeline.lexicon import lexicon as time_lexicon
    from warlog.timeline.patterns import patterns as time_patterns

    lx = time_lexicon()
    phrases = ["the next day", "two days later", "that night", "later that week", "3 days ago",
               "earlier in November", "the following morning", "over night", "days later"]
    return sorted({*time_patterns().relative_starters, *lx.relative_keywords, *phrases, "12",
                   "days", "weeks", "\u212aater", "ſame", "İn"})


_relative_texts = st.lists(
    st.tuples(st.sampled_from(_relative_words()).flatmap(_cased),
              st.sampled_from([" ", " ", " ", ", ", ". ", "-", "\n"])).map("".join),
    max_size=14,
).map("".join)


@_SETTINGS
@given(_relative_texts)
def test_relative_rules_by_first_character_find_what_all_rules_find(text: str) -> None:
    import dataclasses

    from warlog.timeline import relatives
    from warlog.timeline.patterns import patterns as time_patterns

    def found() -> list[tuple[int, int, str, object]]:
        return [(m.start, m.end, m.text, m.rule) for m in relatives.relative_candidates(text)]

    indexed = found()
    pats = time_patterns()
    every = dataclasses.replace(pats, relative_by_char={}, relative_unindexed=pats.relative)
    saved = relatives.patterns
    relatives.patterns = lambda: every  # type: ignore[assignment]
    try:
        assert found() == indexed
    finally:
        relatives.patterns = saved


def test_first_chars_bounds_a_pattern_and_gives_up_where_it_cannot() -> None:
    from warlog.timeline.patterns import first_chars

    assert first_chars(re.compile(r"(?i:(?:the\s+)?day)\b")) == frozenset("td")
    assert first_chars(re.compile(r"(?:\d{1,3}|two)\s+days")) == frozenset("0123456789t")
    assert first_chars(re.compile(r"\w+ later")) is None  # any word character
    assert first_chars(re.compile(r"(?:later)?")) is None  # matches the empty string
