"""Exact speed-ups of the named-site phrases (speed26): a generic written before a name
("Lake X", "Jabal X") is tried only where such a generic starts (``geo.unlisted.head_matches``),
and whether a generic written after a name follows a space is asked only a character before
each place one starts. Both must give what the full scans gave, on made-up sentences."""

from __future__ import annotations

import pytest

from warlog.geo import sites
from warlog.geo.sites import _heads, _patterns, feature_phrases
from warlog.geo.unlisted import head_matches, spaced_head_search

SENTENCES = [
    "Shelling hit the slopes of Jabal Qarqur and the shore of Lake Varnel at dawn.",
    "Troops crossed the Wadi Sarim, then Mount Orlen fell; jebel Turran held.",
    "The LAKE TOLMAR road and the Tolmar Dam were closed.",  # the generic in capitals
    "An airstrike hit the Qarwan air base and the Sadd Miran dam overnight.",
    "Fighters entered Jabal al-Maqdis\u2019 foothills near Lake Örsund.",  # not ASCII
    # heads inside words
    "No site here: the blake family had a damp mountaineering lakeside cabin.",
    "Lakes, mounts and dams (lake-front) -- Mount",  # a generic at the end, no name
    "the Tarvin Air-Base, the Tarvin airbase and Tarvin Mountains",
    "",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_pre_matches_are_the_full_scan(sentence: str) -> None:
    pre, _post, _needs = _patterns()
    before, _after = _heads()
    before.may_match(sentence)  # as feature_phrases asks first
    got = [(m.span(), m.groupdict()) for m in head_matches(pre, before, sentence)]
    assert got == [(m.span(), m.groupdict()) for m in pre.finditer(sentence)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_post_needed_is_the_full_search(sentence: str) -> None:
    _pre, _post, needs = _patterns()
    _before, after = _heads()
    after.may_match(sentence)
    assert spaced_head_search(needs, after, sentence) is (needs.search(sentence) is not None)


def test_feature_phrases_on_both_sides_of_a_name() -> None:
    sentence = "Shelling hit Jabal Qarqur, the Qarwan air base and the Miran Dam near Tolmar."
    names = [name for _s, _e, name, _by in feature_phrases(sentence)]
    assert names == ["Qarqur", "Qarwan", "Miran"]
    spans = [sentence[s:e] for s, e, _n, _by in feature_phrases(sentence)]
    assert spans == ["Jabal Qarqur", "Qarwan air base", "Miran Dam"]


def test_feature_phrases_scan_only_where_a_generic_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ASCII sentence's "pre" pattern is matched at the generics' starts, not searched."""
    pre, post, needs = _patterns()
    tried: list[int] = []

    class Spy:
        def match(self, text: str, pos: int = 0):  # noqa: ANN201
            tried.append(pos)
            return pre.match(text, pos)

        def finditer(self, text: str):  # noqa: ANN201
            raise AssertionError("full scan")

    monkeypatch.setattr(sites, "_patterns", lambda: (Spy(), post, needs))
    sentence = "Rebels hold Jabal Qarqur; the army shells the lakeside town and Lake Varnel."
    assert [n for _s, _e, n, _b in feature_phrases(sentence)] == ["Qarqur", "Varnel"]
    assert {sentence.index("Jabal"), sentence.index("Lake Varnel")} <= set(tried)
    assert len(tried) < 10  # the generics' heads, not every position
