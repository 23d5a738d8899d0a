"""A state's aircraft, vessel or tank named by its demonym (actors28).

A demonym before a military aircraft's make and model ("a Moroccan Mirage F1"), a model
designation and the thing it is ("an Egyptian RF-4E reconnaissance jet", "a Ukrainian T-72
tank") or a warship names that state's forces: the thing shot down or hit is that party's
(GUIDELINES: the state's forces are named by the state, "Military Forces of X"). After a
shooting down's agent word, "Algerian fighters" / "Greek interceptors" are the state's
aircraft, while elsewhere "fighters" after a demonym stay a people's or a militia's.
Made-up sentences, each run through the actors' finder and the whole extractor.
"""

from __future__ import annotations

import pytest

from warlog.actors.resolve import ActorContext
from warlog.api import extract


def _names(text: str) -> list[str]:
    ctx = ActorContext.from_text(text)
    return [m.name for m in ctx.find(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A Moroccan Mirage F1 crashed after it was hit over the desert.",
         "Military Forces of Morocco"),
        ("An Ecuadorian Mirage 2000 was hit by ground fire near the river.",
         "Military Forces of Ecuador"),
        ("Gunners hit an Egyptian RF-4E reconnaissance jet over the canal.",
         "Military Forces of Egypt"),
        ("Rebels destroyed a Ukrainian T-72 tank outside the village.",
         "Military Forces of Ukraine"),
        ("A mine damaged a Greek frigate off the island.", "Military Forces of Greece"),
        ("The helicopter was shot down by Algerian fighters over the desert.",
         "Military Forces of Algeria"),
    ],
)
def test_demonym_before_equipment_names_the_states_forces(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        # "fighters" after a demonym elsewhere are no state's aircraft
        "Chadian fighters crossed the river at dawn.",
        # a designation with no aircraft or equipment noun after it names nothing
        "Crews tested a Peruvian XR-12 engine part at the plant.",
        # a missile's make is the target's weapon, not an aircraft
        "Jets struck Syrian S-200 missile sites near the coast.",
    ],
)
def test_no_state_without_its_equipment(text: str) -> None:
    assert not any(n.startswith("Military Forces of") for n in _names(text)), _names(text)


LIST = """# List of helicopter and jet losses

- 4 February 2011 – A Moroccan Mirage F1 was shot down by an Algerian MiG-29 near the border.
- 7 March 2011 – A Chadian Mi-24 helicopter was shot down by Sudanese fighters near the border.
- 9 April 2011 – Egypt shot down a Libyan RF-4E reconnaissance jet that had entered its airspace.
"""


def test_each_list_entry_names_its_own_parties(tmp_path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(LIST, encoding="utf-8")
    got = {r["event_date"]: (r["actor1"], r["actor2"]) for r in extract(str(path))}
    assert got == {
        "2011-02-04": ("Military Forces of Algeria", "Military Forces of Morocco"),
        "2011-03-07": ("Military Forces of Sudan", "Military Forces of Chad"),
        "2011-04-09": ("Military Forces of Egypt", "Military Forces of Libya"),
    }, got
