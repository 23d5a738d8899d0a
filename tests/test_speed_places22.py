"""The place finder reads what a capitalised n-gram is by its own words once per process
(speed22): ``places._PHRASES`` keeps, per (phrase, words, countries), a stop phrase, a
non-place, a country, a first-level area or the gazetteer's readings with the phrase's
common-word flags; the words around it are read at each sentence. Checked: a repeated name
is not looked up again in another document, and the memo carries nothing of one document
or sentence into another (the fixture documents give the same places with a cold memo for
each document as with one memo warmed by every other document first, in reverse order)."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import fixture_texts
from warlog.geo import places
from warlog.geo.context import GeoContext
from warlog.nlp.sentences import sentences
from warlog.plugins import geocoder

# made-up: stop words, a demonym, a person's title and name, towns and a capital city
SENTENCE = ("The Syrian army said on Monday that rebels shelled Saraqib and Jisr al-Shughur, "
            "General Ali Hassan told Reuters in Damascus.")


def _mentions(found: list[places.PlaceMention]) -> list[tuple]:
    return [(m.start, m.end, m.text, m.place.geonameid, m.place.kind, m.kind, m.precision,
             m.tier, tuple(p.geonameid for p in m.candidates), m.called) for m in found]


def test_a_name_is_looked_up_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    gaz = geocoder()
    places._PHRASES.reset(None, None)
    first = places.find_places(SENTENCE, 0, context=GeoContext(("SY",)))
    assert [m.text for m in first] == ["Saraqib", "Jisr al-Shughur", "Damascus"]
    calls: Counter = Counter()
    for name in ("matches", "is_demonym"):
        real = getattr(gaz, name)

        def spy(*a, _real=real, _name=name, **k):
            calls[_name, a[0]] += 1
            return _real(*a, **k)

        monkeypatch.setattr(gaz, name, spy)
    again = places.find_places(SENTENCE, 7, context=GeoContext(("SY",)))  # another document
    assert not calls  # before: each name's readings and demonym test asked again
    assert _mentions(again) == [(m[0] + 7, m[1] + 7, *m[2:]) for m in _mentions(first)]


def _document_places(text: str) -> list[tuple]:
    ctx = GeoContext.from_meta({}, text[:2000])
    out = []
    for s in sentences(text):
        found = places.find_places(s.text, s.start, context=ctx)
        out.append(_mentions(found))
        for m in found:  # as the extractor does: the document's front moves on
            ctx.record(m.place)
    return out


def test_the_memo_carries_nothing_between_documents() -> None:
    texts = fixture_texts()
    cold = []
    for text in texts:
        places._PHRASES.reset(None, None)
        cold.append(_document_places(text))
    places._PHRASES.reset(None, None)
    warm = [_document_places(text) for text in reversed(texts)][::-1]
    assert sum(len(s) for doc in cold for s in doc) > 100
    assert warm == cold


def test_common_word_names_are_not_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """An n-gram of common words that are no toponym's ("Defence Ministry") is no place
    whatever the gazetteer holds: it is not looked up at all. One with a word that is no
    common word ("Border Guard Service") still is."""
    gaz = geocoder()
    places._PHRASES.reset(None, None)
    asked: Counter = Counter()
    real = gaz.matches

    def spy(*a, **k):
        asked[a[0]] += 1
        return real(*a, **k)

    monkeypatch.setattr(gaz, "matches", spy)
    text = "The Defence Ministry and the Central Command said the Border Guard Service moved."
    assert places.find_places(text, 0, context=GeoContext(("UA",))) == []
    assert not {"The Defence Ministry", "Defence Ministry", "Central Command"} & set(asked)
    assert "Border Guard Service" in asked  # before: all of them asked
