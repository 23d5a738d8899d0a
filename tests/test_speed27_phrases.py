"""speed27: exact reworkings in the place-phrase scanner (``geo.phrases``).

``word_back`` reads the last word of a left text backwards instead of searching
``_WORD_BACK`` from every position of an 80-character window: it must give what the search
gave, on made-up texts cut at every position.
"""

from __future__ import annotations

from warlog.geo import phrases
from warlog.geo.phrases import _WORD_BACK, phrase_start, word_back

TEXTS = [
    "Troops moved up to the Qarnak fuel depot (called the Blue Tanks by locals) on Monday",
    "shelling hit the 44th Brigade's (Zorvan) positions near Tell Miran",
    "They reached al-Hadar ’s old mill, then the Duskwood-Ember airfield",
    "a convoy near Véllora Station (east) stopped; the (Norr) bridge_2 held",
    "Fighters of the XYZ held the Ostrel water plant\tand the Nine Wells camp ((x)",
    "(Kestrel) (",
    "",
    "   ",
    "Ünterfeld İlka Çamlı’s road — the Brno-Pol junction)",
]


def _old(text: str, lo: int) -> int | None:
    m = _WORD_BACK.search(text, lo)
    return None if m is None or m.end() != len(text) else m.start(1)


def test_word_back_is_the_regex_search_at_every_cut() -> None:
    n = 0
    for base in TEXTS:
        for text in (base, base.lower(), base.upper(), base.replace(" ", "  ")):
            for cut in range(len(text) + 1):
                t = text[:cut].rstrip()
                for lo in {max(0, len(t) - 80), max(0, len(t) - 4), 0}:
                    assert word_back(t, lo) == _old(t, lo), (t, lo)
                    n += 1
    assert n > 3000


def test_word_back_does_not_search_an_ascii_window(monkeypatch) -> None:
    class Spy:
        calls = 0

        def search(self, *a):
            Spy.calls += 1
            return _WORD_BACK.search(*a)

    monkeypatch.setattr(phrases, "_WORD_BACK", Spy())
    assert word_back("near the Harlan pumping station", 0) == len("near the Harlan pumping ")
    assert word_back("held (Harlan", 0) == len("held ")
    assert word_back("held Harlan)", 0) == len("held ")
    assert word_back("held Harlan))", 0) is None
    assert Spy.calls == 0
    assert word_back("near Véllora", 0) == len("near ")  # not ASCII: the regex
    assert Spy.calls == 1


def test_phrase_start_on_made_up_facilities() -> None:
    left = "Rebels shelled the Qarnak fuel depot"
    assert phrase_start(left, len(left)) == left.index("Qarnak")
    left = "a strike on the Ostrel Regiment 12 base (known as the Red Barracks)"
    assert phrase_start(left, len(left)) == left.index("Ostrel")
    left = "they walked to the"
    assert phrase_start(left, len(left)) is None


def test_facility_phrase_demonyms_as_a_trie_match_as_the_flat_list() -> None:
    import re

    from warlog.data import load_yaml
    from warlog.geo.phrases import _words_alt, patterns
    from warlog.nlp.alternation import spaced_char, trie_alternation

    demonyms = [str(d) for v in load_yaml("geo.yaml")["demonyms"].values() for d in v]
    new = patterns().facility_phrase
    trie = trie_alternation(demonyms, spaced_char)
    assert trie in new.pattern  # the party's demonyms are a trie, not a flat list
    old = re.compile(new.pattern.replace(trie, _words_alt(demonyms)))
    texts = [
        "A South  Korean Harlow checkpoint and the North Korean 12 Ostrel air base were hit",
        "the Syrian Qarnak airport, the Syrians' Qarnak airport and a Syrian-led Tamsin base",
        "Sri\nLankan Velu camp; New Zealanders Ridge camp; the Ubari South Sudanese barracks",
        "The SDF Harlan checkpoint, ISIL Kessra headquarters and the 3 Russian Derna base",
        "Central African Bria camp near the Congolese Ndolo airport and Dutch Ostrel base",
    ]
    n = 0
    for text in texts:
        for cut in range(0, len(text) + 1, 2):
            t = text[cut:]
            got = [(m.span(), m.span("name")) for m in new.finditer(t)]
            assert got == [(m.span(), m.span("name")) for m in old.finditer(t)], t
            n += len(got)
    assert n > 20
