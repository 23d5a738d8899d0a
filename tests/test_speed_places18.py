"""Exact speed-ups in the actor scan and the place finder's country votes (speed18). Each is
checked against the full work it replaces, on the fixture documents and on texts written to
reach its edges: the actor automaton matching word shapes between spaces, the memoised
``country_name_code``, the country votes asking ``_inside_name`` lazily, the capitalised-word
pattern opening with a capital, ``has_source_cue`` tried at its cues' first words, the
actor-name test of ``_ends_group`` behind the last word, and ``fold_key`` over the whole name."""

from __future__ import annotations

import importlib
import re
from collections import Counter

import ahocorasick
import pytest

from conftest import fixture_texts
from warlog.actors.dictionary import ActorIndex, Hit
from warlog.actors.normalize import fold, translate_marks
from warlog.geo import context, places, sources
from warlog.geo.canonical import normalize
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.spans import tokens
from warlog.plugins import geocoder

geo_normalize = importlib.import_module("warlog.geo.normalize")


EDGES = [
    "Syrian troops in Syriaщ and щSyria, ISIL-backed IS fighters; the U.S. army this is it",
    "\U0001F1FA\U0001F1E6 Ukraine \U0001F1F7\U0001F1FA Russia: flags beside the names",
    "Al Qaeda, al-Qaeda, al.qaeda and al–Qaeda in Yemen",
    "Ñsyria syriaß ⓐsyria syria² Syria\u00a0Iraq «Iraq» “Turkey”",
    "is IS Is iS, the Islamic State (IS) and the US and us",
    "",
    "Россия и Украина: Russian forces shelled Ukrainian positions",
]


def _plain_scan(index: ActorIndex, text: str) -> list[tuple[int, int, object]]:
    """The scan as it was: every key in one automaton over the folded text, a match kept
    when no letter or digit touches it, then the case checks."""
    auto = ahocorasick.Automaton()
    for key, ids in index._keys.items():
        auto.add_word(key, (len(key), ids))
    auto.make_automaton()
    folded = fold(text)
    n = len(text)
    out = []
    for end, (length, ids) in auto.iter(folded):
        start = end - length + 1
        if start > 0 and folded[start - 1].isalnum():
            continue
        if end + 1 < n and folded[end + 1].isalnum():
            continue
        for i in ids:
            alias = index._patterns[i].alias
            if any(translate_marks(text[start + a:start + b]) != alias[a:b]
                   for a, b in index._case[i]):
                continue
            if any(not text[start + c].isupper() for c in index._caps[i]):
                continue
            out.append((start, end + 1, index._patterns[i]))
    return out


def _hits(hits: list[Hit]) -> list[tuple[int, int, object]]:
    return [(h.start, h.end, h.pattern) for h in hits]


@pytest.mark.parametrize("text", EDGES)
def test_actor_scan_by_word_shapes_is_the_plain_scan(text: str) -> None:
    index = ActorIndex.load()
    assert _hits(index.scan(text)) == _plain_scan(index, text)


def test_actor_scan_on_real_documents() -> None:
    index = ActorIndex.load()
    found = 0
    for text in fixture_texts():
        got = _hits(index.scan(text))
        assert got == _plain_scan(index, text)
        found += len(got)
    assert found > 100


def test_actor_scan_finds_whole_words_only() -> None:
    index = ActorIndex.load()
    keys = {h.pattern.key for h in index.scan("This Syrianist is no Syrian; ISIS-K is.")}
    assert "syrian" in keys and "is" not in keys  # not inside "this", "syrianist", "isis"
    flags = [h.pattern.key for h in index.scan("\U0001F1FA\U0001F1E6 forces")]
    assert flags and flags[0] == "\U0001F1FA\U0001F1E6"  # a key that is not ASCII


def test_country_name_code_memo_answers_as_the_lookup() -> None:
    gaz = geocoder()
    names = ["Syria", "South Viet Nam", "Viet Nam", "Trinidad Tobago", "Ma Li", "Bosnia",
             "Bosnia-Herzegovina", "Bosnia and Herzegovina", "Syrian", "Free Syrian Army",
             "SYRIA", "Côte d'Ivoire", "Ivory Coast", ""]
    for name in names * 2:  # the second time from the memo
        norm = normalize(name)
        want = gaz._country_names.get(norm)
        if want is None and " " in norm:
            from warlog.geo.gazetteer import _loose_country_key

            want = gaz._country_loose.get(_loose_country_key(norm))
        assert gaz.country_name_code(name) == want
    assert gaz.country_name_code("South Viet Nam") == "VN"
    assert gaz.country_name_code("Syrian") is None  # a demonym is no name


_OLD_NAME_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w'’\-]*")


def _votes_as_before(text: str, gaz, weight: float = 1.0, cities: bool = True,
                     other_names: bool = False) -> Counter:
    """country_votes with every first word's _inside_name asked up front."""
    votes: Counter = Counter()
    lex = geo_lexicon()
    words = list(_OLD_NAME_WORD.finditer(text))
    inner = [context._inside_name(text, words, i) for i in range(len(words))]
    for gram, i in context.name_ngrams(text, words):
        code = gaz.country_name_code(gram)
        if code:
            votes[code] += weight
            continue
        code = gaz.country_of_name(gram)
        if code:
            votes[code] += weight / 2
            continue
        if not cities or inner[i]:
            continue
        norm = normalize(gram)
        if norm in lex.stop_names or norm in lex.common_words:
            continue
        found = gaz.matches(gram, skeleton=False)
        if not found:
            continue
        pop = found[0].place.population
        if (found[0].main_name and pop >= 15000) or (
                other_names and pop >= lex.thresholds["unknown_country_exonym_min_population"]):
            votes[found[0].place.country_code] += weight * 0.75
    return votes


def test_country_votes_as_before_on_real_documents() -> None:
    gaz = geocoder()
    texts = [t[:4000] for t in fixture_texts()]
    texts.append("Fighting in Norte de Santander and Ras al Ayn, near Aleppo and Homs, Syria.")
    for text in texts:
        for cities, other in ((True, False), (False, False), (True, True)):
            assert context.country_votes(text, gaz, 1.0, cities, other) == _votes_as_before(
                text, gaz, 1.0, cities, other)


def test_capitalised_words_as_the_plain_pattern() -> None:
    texts = [*fixture_texts(), "U.S. and U.N. troops, A.b U.S X.Y.Z. AB.C. the U.S.-led É.U. ÀB"]
    for text in texts:
        assert ([m.span() for m in context.NAME_WORD.finditer(text)]
                == [m.span() for m in _OLD_NAME_WORD.finditer(text)])


def test_source_cue_at_first_words_as_the_full_search() -> None:
    texts = [*fixture_texts(), "He told REPORTERS in Kabul.", "xbased in Goma", "based inside",
             "the Ambassador  to\nSpain", "Ambassador tour", "speaking from Kyiv",
             "Zürich: talks in Geneva"]
    texts += [s for t in fixture_texts()[:5] for s in t.split(". ")]
    cued = 0
    for text in texts:
        sources._may_cite.cache_clear()
        want = sources._may_cite(text) and sources._any_cue().search(text) is not None
        assert sources.has_source_cue(text) == want
        cued += want
    assert cued > 3
    assert sources.has_source_cue("He told REPORTERS in Kabul.")
    assert not sources.has_source_cue("xbased in Goma, unbased inside")


def test_ends_group_as_the_full_walk() -> None:
    finder = places._Finder.__new__(places._Finder)
    keys = places._actor_names()
    texts = ["Fighters of the Revolutionary Armed Forces of Colombia attacked Cali.",
             "The National Liberation Army of Colombia and the Kosovo Liberation Army.",
             *(t[:3000] for t in fixture_texts())]
    seen = 0
    for text in texts:
        finder.text = text
        toks = tokens(text, geo_lexicon().particles)
        for i in range(1, len(toks)):
            for j in range(i + 1, min(len(toks), i + 5) + 1):
                if not toks[j - 1][3]:
                    continue
                e = toks[j - 1][1]
                want = False
                for k in range(i - 1, max(-1, i - places._GROUP_NAME_WORDS - 3), -1):
                    if text[toks[k][1]:toks[k + 1][0]] not in places._NAME_GAPS:
                        break
                    if toks[k][3] and fold(text[toks[k][0]:e]) in keys:
                        want = True
                        break
                assert finder._ends_group(toks, i, j) == want
                seen += want
    assert seen >= 2


def _fold_key_by_word(norm: str) -> str:
    return " ".join(geo_normalize._fold_word(w)
                    for w in geo_normalize._strip_articles(norm.split()))


def test_fold_key_over_the_name_as_word_by_word() -> None:
    gaz = geocoder()
    names = ["Deir ez-Zor", "Dayr az Zawr", "Al-Hasakah", "Hassakeh", "Ras al Ayn", "Cold Ash",
             "Aboubakar Oumarou", "Mosul", "Ouagadougou", "Saaqqez", "Teeleh", "Kafr Nabudah",
             "Al Qaim", "Aaaah", "", "a", "al"]
    names += [gaz._names[i] for i in range(0, len(gaz), max(1, len(gaz) // 5000))]
    for name in names:
        norm = normalize(name)
        assert geo_normalize.fold_key(norm) == _fold_key_by_word(norm)
        assert geo_normalize._undouble(norm) == geo_normalize._DOUBLES.sub(r"\1", norm)
