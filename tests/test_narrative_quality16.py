"""Narrative records checked against GUIDELINES.md on short passages written for the tests
(session 16). A truce or a peace between two states told with no place is the two states'
act, not an occurrence at the town the narrative was last at (no town; the country); a local
truce between armed groups, or one placed by "the area" or "the town", keeps the narrative's
town. A place named in an apposition ("struck Nova Kakhovka, a Russian command post east of
Kherson") only locates the place before it, where the event is; a list ("X, the town of Y and
Z") is no apposition. A purpose ("in order to deter attacks", "to dissuade an attack") tells
no attack. Each passage runs through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_articles, with_evidence

DOCS = {
    # state_truce
    "states_truce": (
        "Heavy fighting took place in Fuzuli on 8 October 2020 between Azerbaijani and "
        "Armenian forces. On 9 October 2020, Armenia and Azerbaijan agreed to a humanitarian "
        "ceasefire."
    ),
    "armistice": (
        "German forces entered Paris on 14 June 1940. On 22 June 1940, France signed an "
        "armistice with Germany."
    ),
    "local_truce": (
        "Ahrar al-Sham fought the Rahman Legion in Douma on 2 August 2017. A ceasefire "
        "agreement between the Rahman Legion and Ahrar al-Sham was implemented on 9 August "
        "2017."
    ),
    "truce_in_the_area": (
        "The Syrian Army fought Turkish troops in Saraqib on 25 February 2020. On 5 March "
        "2020, Russia and Turkey agreed to a ceasefire in the area."
    ),
    # appositive_place_words: "X, a <noun> in Y" only locates X
    "apposition": (
        "Russian forces shelled Kherson on 10 August 2022. On 12 August 2022, Ukrainian "
        "troops struck Nova Kakhovka, a Russian command post east of Kherson, with HIMARS "
        "missiles."
    ),
    "place_list": (
        "Russian forces shelled Kherson on 10 August 2022. On 12 August 2022, Ukrainian "
        "troops recaptured Vysokopillia, the town of Arkhanhelske and Kyselivka."
    ),
    # modality: a purpose
    "deter": (
        "Clashes broke out in Idlib on 20 January 2017. On 24 January 2017, Ahrar al-Sham "
        "deployed several military convoys to the countryside of Idlib in order to deter "
        "attacks by Jabhat Fatah al-Sham."
    ),
    "dissuade": (
        "Turkish forces captured Ras al-Ayn on 12 October 2019. On 13 October 2019, the SDF "
        "reached an agreement with the Syrian Army which allowed it to enter Manbij in order "
        "to dissuade a Turkish attack on the city."
    ),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_articles(tmp_path_factory, DOCS)


def _of(recs: list[dict[str, Any]], sub: str) -> list[dict[str, Any]]:
    return [r for r in recs if r["sub_event_type"] == sub]


def test_truce_of_two_states_takes_no_town(records) -> None:
    for key in ("states_truce", "armistice"):
        deals = _of(records[key], "Agreement")
        assert deals, records[key]
        assert all(r["location"] is None and r["latitude"] is None for r in deals), deals
        assert all(r["country"] for r in deals), deals


def test_local_truce_keeps_the_town(records) -> None:
    deals = _of(records["local_truce"], "Agreement")
    assert deals and all(r["location"] == "Douma" for r in deals), deals
    deals = _of(records["truce_in_the_area"], "Agreement")
    assert deals and all(r["location"] == "Saraqib" for r in deals), deals


def test_a_purpose_tells_no_attack(records) -> None:
    recs = with_evidence(records["deter"], "deter")
    assert not _of(recs, "Armed clash"), recs
    recs = with_evidence(records["dissuade"], "dissuade")
    assert not _of(recs, "Armed clash"), recs
    assert _of(recs, "Agreement"), recs


def test_apposition_locates_the_place_before_it(records) -> None:
    recs = with_evidence(records["apposition"], "Nova Kakhovka")
    assert recs and all(r["location"] == "Nova Kakhovka" for r in recs), recs


def test_a_list_of_places_is_no_apposition(records) -> None:
    places = {r["location"] for r in records["place_list"]
              if r["sub_event_type"] == "Government regains territory"}
    assert "Arkhanhelske" in places, records["place_list"]
