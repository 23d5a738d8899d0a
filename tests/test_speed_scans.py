"""Session 13's cheaper passes give the answers of the scans they replace, on real documents
(tests/fixtures) and on generated texts (Hypothesis):

- the word before a country name (``actors.dictionary._word_before``): the search tried only
  at word starts equals the search tried at every character of the window;
- the relative-date stems found by one automaton pass equal their pattern on real sentences
  (generated texts: ``test_speed_heads``);
- whether a sentence has an upper-case letter after its first (``geo.unlisted._has_upper``)
  equals the per-character test;
- the facility words of a location looked up by their first word
  (``store.group_rule.place_site``) equal the comparison of every facility phrase at every
  word;
- the shared head pass (``nlp.alternation._Heads.present``) answers a text and its
  lower-cased form alike, whichever is asked first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import fixture_texts
from warlog.actors import dictionary
from warlog.actors.normalize import fold
from warlog.geo import unlisted
from warlog.nlp import alternation
from warlog.nlp.sentences import sentences
from warlog.store import group_rule
from warlog.timeline import relatives
from warlog.timeline.patterns import patterns as time_patterns

FIXTURES = Path(__file__).parent / "fixtures"
_SETTINGS = settings(max_examples=300, deadline=None)


def _fixture_sentences() -> list[str]:
    return [s.text for t in fixture_texts() for s in sentences(t, fold(t))]


def _word_before_by_scan(folded: str, lo: int, end: int) -> tuple[int, str] | None:
    m = dictionary._WORD_BEFORE.search(folded, lo, end)
    return None if m is None else (m.start(), m.group(1))


def _word_before(folded: str, lo: int, end: int) -> tuple[int, str] | None:
    m = dictionary._word_before(folded, lo, end)
    return None if m is None else (m.start(), m.group(1))


def test_the_word_before_a_name_on_real_documents() -> None:
    checked = 0
    for text in fixture_texts():
        folded = fold(text)
        for start in range(len(folded) + 1):
            lo = max(0, start - 40)
            assert _word_before(folded, lo, start) == _word_before_by_scan(folded, lo, start)
            checked += 1
    assert checked > 10_000


_before_text = st.text(alphabet=st.sampled_from(list("abe-th 1,.'\u00e9T")), max_size=50)


@_SETTINGS
@given(_before_text, st.integers(min_value=0, max_value=50), st.integers(min_value=0,
                                                                          max_value=50))
def test_the_word_before_a_name_on_generated_texts(text: str, lo: int, end: int) -> None:
    lo, end = min(lo, len(text)), min(end, len(text))
    assert _word_before(text, lo, end) == _word_before_by_scan(text, lo, end)


def test_the_word_before_a_name_reads_past_the_article() -> None:
    folded = fold("Fighting broke out in the north of the Syria")
    start = folded.index("syria")
    assert _word_before(folded, max(0, start - 40), start) == (folded.index("of the"), "of")


def _stems_by_automaton(low: str) -> bool:
    return relatives._stem_filter().may_match(low)  # the shared head automaton (1f5972e)


def test_relative_stems_on_real_sentences() -> None:
    pattern = time_patterns().relative_stems
    found = 0
    for s in _fixture_sentences():
        low = s.lower()
        has = _stems_by_automaton(low)
        assert has == (pattern.search(low) is not None)
        found += has
    assert found > 10  # "the next day", "two weeks later" …


@_SETTINGS
@given(st.text(max_size=60))
def test_an_upper_case_letter_after_the_first(text: str) -> None:
    assert unlisted._has_upper(text) == any(ch.isupper() for ch in text[1:])


def test_an_upper_case_letter_on_real_sentences() -> None:
    for s in [*_fixture_sentences(), "the \u0130dlib road", "a\u00c9", "A", "", "Ab"]:
        assert unlisted._has_upper(s) == any(ch.isupper() for ch in s[1:])


def _place_site_by_scan(location: str | None, r: group_rule.GroupingRules) -> str | None:
    """``place_site`` as it was written: every facility phrase compared at every word."""
    if not location:
        return None
    words = group_rule.NON_WORD.sub(" ", location.lower()).split()
    parts: set[str] = set()
    side = ""
    i = 0
    while i < len(words):
        w = words[i]
        if w in r.sides:
            side += w[:-3] if w.endswith("ern") else w
            i += 1
            continue
        if side:
            parts.add(side)
            side = ""
        found = next(((n, kind) for n, kind in ((len(f), k) for f, k in r.facilities
                                                if tuple(words[i:i + len(f)]) == f)), None)
        if found:
            parts.add(found[1])
            i += found[0]
        else:
            i += 1
    if side:
        parts.add(side)
    return " ".join(sorted(parts)) or None


def _golden_locations() -> list[str]:
    out = []
    for p in sorted((FIXTURES / "golden").glob("*.expected.jsonl")):
        for line in p.read_text(encoding="utf-8").splitlines():
            loc = json.loads(line).get("location")
            if loc:
                out.append(loc)
    return out


def test_place_site_on_real_locations() -> None:
    r = group_rule.rules()
    locs = _golden_locations()
    assert any(group_rule.place_site(x, r) for x in locs)  # "Kwayres air base": airbase
    for loc in locs:
        assert group_rule.place_site(loc, r) == _place_site_by_scan(loc, r), loc


def _location_words() -> list[str]:
    r = group_rule.rules()
    words = {w for f, _ in r.facilities for w in f} | set(r.sides)
    return sorted(words | {"Aleppo", "of", "near", "the", "Power", "air-base", "Mount"})


@_SETTINGS
@given(st.lists(st.sampled_from(_location_words()), max_size=8),
       st.sampled_from([" ", ", ", "-", " of "]))
def test_place_site_on_generated_locations(words: list[str], gap: str) -> None:
    r = group_rule.rules()
    loc = gap.join(words)
    assert group_rule.place_site(loc, r) == _place_site_by_scan(loc, r)


def test_place_site_with_phrases_of_one_first_word() -> None:
    # "air base" and "air field" share "air": the longer phrases first, as listed
    r = group_rule.rules()
    assert group_rule.place_site("the Kwayres air base", r) == "airbase"
    assert group_rule.place_site("north-west of the Tishrin Dam", r) == "dam northwest"
    assert group_rule.place_site("Aleppo", r) is None


def test_head_pass_answers_a_text_and_its_lower_case_alike() -> None:
    heads = alternation._HEADS
    f = alternation.HeadFilter(["air base", "checkpoint"])
    for text in _fixture_sentences()[:200]:
        expected = frozenset(h for _, h in heads.automaton.iter(text.lower())) if (
            heads.automaton is not None) else None
        first, second = heads.present(text.lower()), heads.present(text)
        assert first == second
        if expected is not None and heads.built == len(heads.heads):
            assert first == expected
        if re.search(r"air base|checkpoint", text, re.I):
            assert f.may_match(text)


def test_a_name_after_a_particle_on_real_documents() -> None:
    from warlog.geo import context

    pattern = context._inner_particle()
    found = 0
    for text in fixture_texts():
        words = list(context.NAME_WORD.finditer(text))
        for i, w in enumerate(words):
            start = w.start()
            plain = text[start - 1:start] == " " and bool(
                pattern.search(text, max(0, start - 40), start))
            assert context._inside_name(text, words, i) == plain
            found += plain
    text = "Fighting in Norte de Santander and Ras al Ayn."
    words = list(context.NAME_WORD.finditer(text))
    assert [context._inside_name(text, words, i) for i in range(len(words))] == [
        False, False, True, False, True]


def test_a_demonym_is_looked_up_once_and_the_capital_still_read() -> None:
    from warlog.geo.context import GeoContext
    from warlog.geo.places import _PHRASES, find_places

    ctx = GeoContext(country_codes=("SY",))
    sentence = "Syrian forces shelled Aleppo on Monday."
    first = find_places(sentence, 0, context=ctx)
    # the demonym: no place, remembered (speed22: once per process, test_speed_places22)
    key = ("Syrian", 1, ("SY",))
    assert key in _PHRASES and _PHRASES[key] is None
    assert find_places(sentence, 0, context=ctx) == first
    assert [m.text for m in first] == ["Aleppo"]
    # the capital phrase is read before the memo: "the Syrian capital" is still Damascus
    capital = find_places("Protesters marched in the Syrian capital on Friday.", 0, context=ctx)
    assert [m.place.name for m in capital] == ["Damascus"]
