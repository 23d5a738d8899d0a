"""Property tests (Hypothesis): the cheap tests that skip a costly pass give the answer of
the pass they skip.

- a :class:`~warlog.nlp.alternation.HeadFilter` never says "cannot match" of a text one of
  the patterns it guards matches (the capital after a name, source cues, site words before
  and after a name, the place cues of unnamed places, road words, facility words), on texts
  made of those words in any case, the characters that case-insensitive matching folds
  oddly ("İ", "ı", "ſ", the Kelvin sign), names and punctuation;
- the relative-date stems found by one automaton pass are what their pattern finds;
- the casualty tokens built as tuples equal the NamedTuple's own constructor's;
- the place spotter's per-document split of countries (secondary, neighbours) equals the
  one computed afresh.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.data import load_yaml
from warlog.geo import places, roads, sites, sources, unlisted
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.phrases import patterns
from warlog.nlp.alternation import HeadFilter

_NAMES = ["Zalbuna", "Al-Merisha", "al-Tabqa", "Division", "17", "ISIL", "Russian", "the",
          "The", "of", "and", "in", "near", "Mount", "Lake", "Abu", "Ma'bar", "Kabul's",
          "İdlib", "ıt", "ſaid", "\u212aabul", "Syria"]
_GAPS = [" ", "  ", "-", "\n", ", ", ". ", "(", ")", "'", "’", ""]
_SETTINGS = settings(max_examples=300, deadline=None)


def _words() -> list[str]:
    y = load_yaml("geo.yaml")
    words = {w for g in sites._groups() for w in (*g.before, *g.after)}
    words |= set(geo_lexicon().facility_words) | set(geo_lexicon().road_words)
    words |= {str(w) for w in y["capital_words"]} | {str(w) for w in y["unlisted_place_cues"]}
    words |= {str(w) for w in y.get("source_place_cues") or []}
    return sorted(words)


def _cased(word: str) -> st.SearchStrategy[str]:
    odd = word.replace("i", "ı").replace("s", "ſ").replace("k", "\u212a")
    return st.sampled_from([word, word.title(), word.upper(), odd, word.replace("I", "İ")])


_word = st.one_of(st.sampled_from(_words()).flatmap(_cased), st.sampled_from(_NAMES))
texts = st.lists(st.tuples(_word, st.sampled_from(_GAPS)).map("".join),
                 max_size=16).map("".join)


def _guarded() -> list[tuple[str, re.Pattern[str], HeadFilter]]:
    pre, post, post_needs = sites._patterns()
    before, after = sites._heads()
    pat = patterns()
    return [
        ("capital", places._capital_after(), places._capital_heads()),
        ("any source cue", sources._any_cue(), sources._cue_heads()),
        ("source cue", sources._source_cue(), sources._cue_heads()),
        ("site before", pre, before),
        ("site after", post, after),
        ("site word after", post_needs, after),
        ("unlisted cue", unlisted._patterns()[0], unlisted._cue_heads()),
        ("road", roads._road_re(), roads._road_heads()),
        ("facility", pat.facility_needs, pat.facility_heads),
    ]


@_SETTINGS
@given(texts)
def test_a_head_filter_never_skips_a_text_its_pattern_matches(text: str) -> None:
    for name, pattern, heads in _guarded():
        if not heads.may_match(text):
            assert pattern.search(text) is None, name


@_SETTINGS
@given(texts, st.integers(min_value=0, max_value=200))
def test_a_source_place_is_found_with_and_without_the_filter(text: str, start: int) -> None:
    start = min(start, len(text))
    plain = start > 0 and sources._source_cue().search(text, max(0, start - 80),
                                                        start) is not None
    assert sources.is_source_place(text, start) == plain
    assert sources.has_source_cue(text) == (sources._any_cue().search(text) is not None)


def test_head_filter_edges() -> None:
    assert not HeadFilter([]).may_match("anything")  # no phrase: nothing matches
    assert HeadFilter(["-x"]).may_match("")  # a phrase with no head: always asked
    f = HeadFilter(["air base", "check-point"])
    assert f.may_match("the AIR force") and f.may_match("Checkpoints")
    assert not f.may_match("the army")
    assert f.may_match("ſ")  # folds to "s" under IGNORECASE: always handed on


_stem_text = st.text(alphabet=st.sampled_from(list("adeghiklmnorstuwyADK ,.-\u212aİı")),
                     max_size=60)


@_SETTINGS
@given(_stem_text)
def test_relative_stems_by_automaton_equal_their_pattern(text: str) -> None:
    from warlog.timeline.patterns import patterns as time_patterns
    from warlog.timeline.relatives import _stem_filter

    pats = time_patterns()
    low = text.lower()
    found = pats.relative_stems.search(low) is not None
    # the shared head automaton (1f5972e): never false where the pattern matches, and the
    # same answer on an ASCII text (a case-odd letter is always handed on)
    may = _stem_filter().may_match(low)
    assert may >= found
    if low.isascii():
        assert may == found


@_SETTINGS
@given(st.text(max_size=80))
def test_casualty_tokens_as_tuples_equal_the_named_tuples(text: str) -> None:
    from warlog.casualties.tokens import _TOKEN, Token, tokenize

    toks = tokenize(text)
    slow = [Token(*m.span(), m.group(), m.group().lower()) for m in _TOKEN.finditer(text)]
    if "\u2019" in text:
        slow = [t._replace(low=t.low.replace("\u2019", "'")) for t in slow]
    assert toks == slow
    assert all(type(t) is Token for t in toks)


@_SETTINGS
@given(st.lists(st.sampled_from(["SY", "IQ", "TR", "LB", "ML", "NE", "UA"]), max_size=4,
                unique=True), st.integers(min_value=0, max_value=3))
def test_the_split_of_countries_equals_a_fresh_one(codes: list[str], n_primary: int) -> None:
    codes_t = tuple(codes)
    primary = codes_t[:n_primary]
    f = places._Finder("Fighting near Aleppo.", 0, codes_t, primary, None)
    gaz = f.gaz
    assert f.secondary == tuple(c for c in codes_t if c not in primary)
    assert f.neighbours == gaz.neighbours_of(primary) - set(codes_t)
