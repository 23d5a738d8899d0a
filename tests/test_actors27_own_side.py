"""State media's first-person forces (actors27).

A monitoring service's report credited to a state's outlet ("Text of report by Syrian
radio") tells of the state's forces as "our valiant forces": those are that state's forces.
Anywhere else "our forces" is some speaker's, and names no side. Made-up reports.
"""

from __future__ import annotations

import pytest

from warlog.actors.resolve import ActorContext


def _names(text: str) -> list[tuple[str, str]]:
    ctx = ActorContext.from_text(text)
    return [(m.text, m.name) for m in ctx.find(text)]


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        ("Text of report by Syrian radio on 3 May. Damascus: Our valiant forces destroyed a "
         "terrorist gang near Homs today.", "Our valiant forces", "Military Forces of Syria"),
        ("Excerpts from report by Ethiopian News Agency, Addis Ababa, 9 June. Our heroic units "
         "repulsed an Eritrean attack near Zalambessa.", "Our heroic units",
         "Military Forces of Ethiopia"),
        ("Text of broadcast by Angolan radio on 12 April. Our troops recaptured the town of "
         "Cuito Cuanavale yesterday.", "Our troops", "Military Forces of Angola"),
    ],
)
def test_the_outlets_own_forces(text: str, phrase: str, name: str) -> None:
    assert (phrase, name) in _names(text)


def test_the_enemy_named_by_its_state_stays_the_other_side() -> None:
    text = ("Excerpts from report by Ethiopian News Agency, Addis Ababa, 9 June. Our heroic "
            "units repulsed an Eritrean attack near Zalambessa.")
    names = dict(_names(text))
    assert names.get("Eritrean") == "Military Forces of Eritrea"


def test_a_speakers_our_forces_are_no_states() -> None:
    text = ('"Our forces took the hill," a spokesman of the rebels said after the fighting '
            "with Sudanese troops near Kadugli.")
    assert all(not t.lower().startswith("our") for t, _ in _names(text))


def test_an_outlet_no_state_names_gives_no_side() -> None:
    text = ("Text of report by the Voice of the Mujahideen radio on 2 May. Our forces "
            "attacked a post near Herat.")
    assert all(not t.lower().startswith("our") for t, _ in _names(text))


def test_a_credit_line_deep_in_the_text_is_not_the_outlet() -> None:
    text = ("Fighting went on near the border for a third day. " * 4
            + "A report by Syrian radio was read out. Our forces advanced, he said.")
    assert all(not t.lower().startswith("our") for t, _ in _names(text))
