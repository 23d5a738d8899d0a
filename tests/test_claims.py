"""Claims of responsibility (events.claims): a claim sentence after an attack names who did
it and is no new event; a negated claim names nobody; a claim that tells its own event is
read as any other sentence. News items written for these tests, run through the whole
extractor from a JSON Lines file."""

from __future__ import annotations

import pytest

from conftest import extract_items
from warlog.events.claims import find_claim

ITEMS = {
    "said-it": ("A car bomb exploded outside a police station in Gao on 4 March 2021, killing "
                "three officers. The Islamic State in the Greater Sahara said it carried out "
                "the attack."),
    "claimed": ("Gunmen stormed a hotel in Garowe on 9 June 2020, killing four guests. "
                "Al-Shabaab claimed responsibility for the attack."),
    "claimed-bare": ("A roadside bomb struck an army truck near Quetta on 2 May 2019, killing "
                     "two soldiers. The Balochistan Liberation Army claimed responsibility."),
    "nobody": ("A bomb exploded at a bus station in Maiduguri on 7 July 2018, killing five "
               "people. No group has claimed responsibility for the attack."),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    return extract_items(tmp_path_factory.mktemp("claims"), ITEMS)


@pytest.mark.parametrize("key, claimant", [
    ("said-it", "Islamic State"), ("claimed", "Al-Shabaab"), ("claimed-bare", "Balochistan")])
def test_the_claimant_is_the_perpetrator_and_the_claim_no_new_event(
        records: dict[str, list[dict]], key: str, claimant: str) -> None:
    recs = records[key]
    assert len(recs) == 1, recs  # the claim sentence adds no event of its own
    assert claimant in (recs[0]["actor1"] or "")
    assert claimant not in (recs[0]["actor2"] or "")
    assert "responsib" in recs[0]["evidence"] or "carried out" in recs[0]["evidence"]


def test_a_negated_claim_names_nobody_and_adds_no_event(records: dict[str, list[dict]]) -> None:
    recs = records["nobody"]
    assert len(recs) == 1, recs
    assert recs[0]["sub_event_type"] != "Armed clash"
    assert "claimed" not in recs[0]["evidence"]


def test_a_claim_that_tells_its_own_event_is_not_a_back_reference() -> None:
    own = "the group claimed responsibility for the 3 april 2015 bombings in the capital"
    back = "the group claimed responsibility for the attack"
    claim_own, claim_back = find_claim(own), find_claim(back)
    assert claim_own is not None and claim_back is not None
    assert claim_own.end < len(own)  # the dated bombings are not part of the claim
    assert claim_back.end == len(back)
    assert find_claim("none of the armed groups has claimed the bombing").negated
    assert find_claim("police said it was a suicide attack") is None
    # a reported assertion about an attack is no claim of it
    assert find_claim("the ministry claimed the strikes were aimed at depots") is None
    assert find_claim("the group claimed the attack in a statement") is not None
