"""A clause that only tells the toll of the event just told in the same sentence ("Rebels
attacked an army post; four soldiers were killed") is that event's fatalities, not a second
event; a clause that kills actively or names its own place is an event of its own. News
items written for these tests, run through the whole extractor from a JSON Lines file."""

from __future__ import annotations

import pytest

from conftest import extract_items

ITEMS = {
    "passive": ("Rebels attacked an army post near Menaka on 3 May 2019; four soldiers were "
                "killed and six wounded."),
    "died": ("Fighting broke out between the army and militants in Kidal on 4 May 2019; at "
             "least 20 people died."),
    "shelling": "Troops shelled rebel positions near Ansongo on 5 May 2019; 12 rebels were killed.",
    "active": ("Troops shelled rebel positions near Ansongo on 6 May 2019, while gunmen killed "
               "three villagers in Bourem."),
    "own-site": ("Clashes near Tessalit killed three soldiers on 7 May 2019, while 11 militants "
                 "died attacking the airport."),
    "own-day": ("A soldier was killed in a skirmish near Aguelhok on 8 May 2019; three days "
                "later, two more soldiers were killed."),
    "both-sides": ("Militants ambushed a patrol near Ber on 9 May 2019; three soldiers were "
                   "killed while two militants were killed."),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return extract_items(tmp_path_factory.mktemp("tolls"), ITEMS)


@pytest.mark.parametrize("key, killed", [("passive", 4), ("died", 20), ("shelling", 12),
                                         ("both-sides", 5)])
def test_a_toll_clause_is_the_fatalities_of_the_event_before(
        records: dict[str, list[dict]], key: str, killed: int) -> None:
    recs = records[key]
    assert len(recs) == 1, recs
    assert recs[0]["fatalities"] == killed


@pytest.mark.parametrize("key", ["active", "own-site", "own-day"])
def test_a_clause_that_kills_or_names_its_own_place_is_its_own_event(
        records: dict[str, list[dict]], key: str) -> None:
    assert len(records[key]) == 2, records[key]
