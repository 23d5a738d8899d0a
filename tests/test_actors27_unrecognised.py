"""An unrecognised state's forces named by its region (actors27).

Wire copy of the 1990s named Nagorno-Karabakh's forces by the region ("Karabakh's
self-defence forces", "Karabakh Armenian fighters", "the enclave's self-defence forces"),
not by a state: they are the de facto state's forces (the dictionary's Artsakh Defence Army,
a separatist group), not Armenia's army. Made-up sentences.
"""

from __future__ import annotations

import pytest

from warlog.actors.resolve import ActorContext


def _names(text: str) -> list[tuple[str, str]]:
    ctx = ActorContext.from_text(text)
    return [(m.text, m.name) for m in ctx.find(text)]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Karabakh's self-defence forces shelled the Azerbaijani town of Terter on Monday.",
         "Karabakh's self-defence forces"),
        ("Karabakh Armenian fighters attacked Azerbaijani positions near Agdere.",
         "Karabakh Armenian fighters"),
        ("Azerbaijani troops attacked near Martuni in Nagorno-Karabakh; the enclave's "
         "self-defence forces held the line.", "enclave's self-defence forces"),
        ("The region's self-defence forces repulsed an attack on Martuni in Nagorno-Karabakh.",
         "region's self-defence forces"),
    ],
)
def test_the_enclaves_forces_are_the_de_facto_states(text: str, phrase: str) -> None:
    assert (phrase, "Artsakh Defence Army") in _names(text)
