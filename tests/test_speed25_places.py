"""speed25: the water word right before a name ("the river X") is read backwards from the
name instead of by a pattern searched at each of the 30 positions before it: the same answer
as that pattern at every position of made-up texts (spaces of every kind, commas, letters cut
by the window, non-ASCII letters), and a river's name is still no place.
"""

from __future__ import annotations

import random
import re

from warlog.geo import places
from warlog.geo.context import GeoContext
from warlog.geo.lexicon import geo_lexicon

_PATTERN = re.compile(r"([A-Za-z]+)\s+$")  # what _water_before read before speed25


def _by_pattern(text: str, s: int) -> bool:
    m = _PATTERN.search(text, max(0, s - 30), s)
    return m is not None and m.group(1).lower() in geo_lexicon().water_words


def _finder(text: str) -> places._Finder:
    return places._Finder(text, 0, ("SY",), ("SY",), GeoContext(("SY",)))


def test_water_before_reads_the_word_backwards() -> None:
    water = sorted(geo_lexicon().water_words)
    assert "river" in water
    texts = [
        "Boats crossed the river Ostra near Balen.",
        "the River\u00a0Ostra",  # a no-break space
        "up the  river\t\nOstra",  # a run of spaces, a tab and a new line
        "the river, Ostra",  # a comma between: no water word right before
        "riverOstra",  # no space: none
        "  Ostra",  # only spaces before
        "a" * 40 + " river Ostra",  # the word starts inside the 30-character window
        "the longriverwordthatrunspastthewindow Ostra",  # letters cut at the window
        "\u00e9river Ostra",  # a non-ASCII letter before the word
    ]
    rng = random.Random(25)
    alphabet = ["a", "Z", " ", "\n", "\t", "\u00a0", "\u2003", ",", ".", "-", "\u00e9",
                "\x1c", *water[:3]]
    for _ in range(400):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))))
    hits = 0
    for text in texts:
        finder = _finder(text)
        for s in range(len(text) + 1):
            got = finder._water_before(s)
            assert got == _by_pattern(text, s), (text, s)
            hits += got
    assert hits > 50


def test_a_river_name_is_no_place() -> None:
    ctx = GeoContext(("SY",))
    found = places.find_places("Troops crossed the river Euphrates near Raqqa.", 0, context=ctx)
    assert [m.text for m in found] == ["Raqqa"]
