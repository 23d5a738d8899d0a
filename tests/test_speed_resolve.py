"""Exact speed-ups in the place resolver and the trigger finder (speed17): the place cues of
``geo.unlisted`` are tried only where a cue's first word starts, and ``events.triggers.is_modal``
tests its word windows as sets first. Both must give what the full scans gave."""

from __future__ import annotations

import pytest

from warlog.events.lexicon import lexicon
from warlog.events.triggers import find_triggers, is_modal
from warlog.geo import unlisted
from warlog.geo.unlisted import _cue_matches, _patterns, unlisted_places

SENTENCES = [
    "Rebels captured Kafr Nabudah and stormed the village of Tal Malah near Mhardeh.",
    "The army retook Abu Dali, then overtook a convoy on the road to Kafr Zita.",
    "Fighting went on outside Adan Yabaal; insurgents seized Ceel Buur.",
    "NEAR GAO, the TOWN OF Ansongo was shelled.",  # the cue in capitals
    "Militants overran Jaba, besieged Ba'aja and took over positions near Qubtan al-Jabal.",
    "Troops entered Kafrbatna\u2019s outskirts near Saqba.",  # not ASCII: the full scan
    "Clashes near Zürich-Ost and in the village of Östra Hed.",
    "No place cue in this sentence at all, only Damascus.",
    "townsfolk nearby saw nothing; a retaken hill",  # heads inside words and lower case
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_cue_matches_are_the_full_scans(sentence: str) -> None:
    cue, _inside = _patterns()
    unlisted._cue_heads().may_match(sentence)  # as unlisted_places asks first
    got = [(m.span(), m.group("name")) for m in _cue_matches(cue, sentence)]
    assert got == [(m.span(), m.group("name")) for m in cue.finditer(sentence)]


def test_cue_match_needs_a_word_boundary() -> None:
    cue, _inside = _patterns()
    sentence = "The column overtook Abu Dali and took Tal Hamra."
    got = [m.group("name") for m in _cue_matches(cue, sentence)]
    assert got == ["Tal Hamra"]


def test_unlisted_places_after_a_cue() -> None:
    sentence = "Rebels stormed the village of Tal Malah and fought near Kafr Zita."
    names = [loc.name for loc in unlisted_places(sentence, 100, [], None)]
    assert "Tal Malah" in names and "Kafr Zita" in names
    assert all(loc.start >= 100 for loc in unlisted_places(sentence, 100, [], None))


MODAL = [
    ("the army was preparing to attack the town", "attack", True),
    ("rebels would soon launch an offensive", "offensive", True),
    ("the ministry denied reports that troops had fired on protesters", "fired on", True),
    ("the capture of the town would make the road safe", "capture", True),
    ("soldiers attacked the town on monday", "attacked", False),
    ("the town was captured on monday and would be held", "captured", False),
    ("troops fired warning shots and then attacked the crowd", "attacked", False),
]


@pytest.mark.parametrize(("text", "word", "modal"), MODAL)
def test_is_modal(text: str, word: str, modal: bool) -> None:
    assert is_modal(text, text.index(word), lexicon()) is modal


def test_modal_trigger_left_out() -> None:
    lex = lexicon()
    assert not any(t.text == "attack" for t in find_triggers(
        "The rebels were preparing to attack the town.", lex))
    assert any(t.text == "attacked" for t in find_triggers(
        "The rebels attacked the town.", lex))
