"""A trigger that is its own actor's name ("a suicide bomber killed 12 people") makes that
actor the one who acted (actor1), not the target; a victim or crowd named by the trigger
("hostages") does not act. News items written for these tests, run through the extractor."""

from __future__ import annotations

import pytest

from conftest import extract_items


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    items = {
        "bomber": "A suicide bomber killed 12 people at a market in Herat on 3 March 2019.",
    }
    return {k: v[0] for k, v in extract_items(tmp_path_factory.mktemp("agents"), items).items()}


def test_the_bomber_is_actor1_and_the_people_the_victims(records: dict[str, dict]) -> None:
    rec = records["bomber"]
    assert rec["sub_event_type"] == "Suicide bomb"
    assert rec["actor1"] and rec["actor1"].startswith("Unidentified Armed Group")
    assert rec["actor2"] == "Civilians"
