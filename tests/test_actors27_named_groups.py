"""Groups named by the text with the noun that says what they are, but not listed (actors27).

Made-up items (invented gangs, places real); none is a probe, eval or pair sentence.
"""

from __future__ import annotations

import json

import pytest

from warlog.actors.resolve import ActorContext
from warlog.api import extract


def _names(text: str) -> list[tuple[str, str]]:
    ctx = ActorContext.from_text(text)
    return [(m.text, m.name) for m in ctx.find(text)]


def _records(tmp_path, date: str, text: str) -> list[dict]:
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"id": "t1", "date": date, "text": text}) + "\n")
    return extract(p, db=tmp_path / "d.db")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Members of the Ti Machete gang burned houses in Cabaret on Friday.", "Ti Machete gang"),
        ("Soldiers clashed with the Los Tucanes drug cartel near Culiacan.", "Los Tucanes cartel"),
        ("Fighters of the Nasiri faction shelled the airport road.", "Nasiri faction"),
    ],
)
def test_a_group_named_with_its_noun(text: str, name: str) -> None:
    assert name in [n for _t, n in _names(text)]


def test_the_gang_noun_gives_the_inter_of_a_militia() -> None:
    from warlog.actors.unknown import named_by_noun

    found = named_by_noun("the Ti Machete gang struck")
    assert [(m.name, m.inter) for m in found] == [("Ti Machete gang", 3)]


@pytest.mark.parametrize(
    "text",
    ["A Haitian gang attacked a police post.", "The gang fled north.",
     "The Sinaloa cartel ambushed soldiers.", "On Monday a gang attacked the market.",
     "With the help of a defecting Islamist faction, the rebels retook the town."],
)
def test_no_new_group_from_a_nationality_a_listed_name_or_an_opening_word(text: str) -> None:
    from warlog.actors.unknown import named_by_noun

    assert named_by_noun(text) == []


def test_gunmen_of_the_gang_are_the_gang(tmp_path) -> None:
    text = ("PORT-AU-PRINCE, Haiti (AP) -- Gunmen of the Ti Machete gang opened fire on "
            "residents of Cabaret on Friday, killing at least 12 people, police said.")
    names = _names(text)
    assert ("Gunmen of the Ti Machete gang", "Ti Machete gang") in names
    recs = _records(tmp_path, "2023-05-06", text)
    assert recs and recs[0]["actor1"] == "Ti Machete gang"
