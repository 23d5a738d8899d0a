"""Who bombed decides how (ACLED: a state's or an international force bombs from the air,
anyone else with explosives): "NATO bombed Belgrade" is an air strike, "guerrillas bombed a
bridge" an explosive. And a missing opponent is the party the actor was named fighting in the
document, not the document's most frequent party: a force named once beside the SDF does not
become the SDF's opponent in every later sentence. Texts written for these tests, run through
the whole extractor from a JSON Lines file."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items, only_record

ITEMS: dict[str, tuple[str, str]] = {
    "nato-bombed": ("NATO bombed Belgrade on Monday night, killing 12 civilians.", "1999-04-06"),
    "army-bombed": ("The Syrian army bombed rebel positions near Idlib on Monday.", "2016-02-09"),
    "guerrillas-bombed": ("Leftist guerrillas bombed a bridge near Usulutan on Monday.",
                          "1984-03-06"),
    "the-bombing": ("A bombing at a market in Baghdad killed 30 people on Monday.",
                    "2007-02-06"),
    "foes": (
        "On 1 June, the SDF clashed with ISIL fighters in the Mashlab district of Raqqa. "
        "On 2 June, the SDF fought ISIL in the al-Sinaa district. "
        "On 3 June, Syrian government troops and the SDF exchanged fire near Tabqa. "
        "Syrian government troops shelled Kasrat on 4 June. "
        "Syrian government troops clashed with Free Syrian Army rebels in Hama on 4 June. "
        "Syrian government troops captured the village of Khanasir on 4 June. "
        "On 5 June, the SDF attacked the al-Romaniya district.", "2017-06-06"),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("bombing"), ITEMS)


@pytest.mark.parametrize("key, sub", [
    ("nato-bombed", "Air/drone strike"),
    ("army-bombed", "Air/drone strike"),
    ("guerrillas-bombed", "Remote explosive/landmine/IED"),
    ("the-bombing", "Remote explosive/landmine/IED"),
])
def test_who_bombed_decides_how(records: dict[str, list[dict[str, Any]]], key: str,
                                sub: str) -> None:
    assert only_record(records, key)["sub_event_type"] == sub


def test_a_missing_opponent_is_the_one_fought(records: dict[str, list[dict[str, Any]]]) -> None:
    last = [r for r in records["foes"] if r["event_date"] == "2017-06-05"]
    assert len(last) == 1, records["foes"]
    assert last[0]["actor1"] == "Syrian Democratic Forces"
    assert last[0]["actor2"] == "Islamic State"
