"""A group holds at most one occasion of each document (issue #9): one place that a document
spells two ways is one occasion of it. The sentences are the corpus's own (siege_of_kobanî.md
and timeline_of_the_syrian_civil_war.md, English Wikipedia, CC BY-SA 4.0), coded as the
extraction codes them, on a real SQLite store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import groups_by_key, write_reports
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_bands, evidence_terms
from warlog.store.group_rule import PY, GroupState, link_key, same_event, spelling

pytest_plugins = ["pgserver"]

# name: (latitude, longitude, admin1); the gazetteer puts every spelling at one point
PLACES = {
    "Kobane": (36.89095, 38.35347, "Aleppo"),
    "Kobanî": (36.89095, 38.35347, "Aleppo"),
    "Kobanê": (36.89095, 38.35347, "Aleppo"),
    "Tall Abyad": (36.6975, 38.9567, "Ar Raqqah"),
}
SIEGE = [  # siege_of_kobanî.md: one recapture, told twice, the town spelled two ways
    ("Kobane", "On 26 January 2015, the YPG and its allies, backed by the continued US-led "
     "airstrikes, began to retake the city, driving ISIL into a steady retreat.", {}),
    ("Kobanî", "On 26 January, the YPG forced remaining ISIL forces in Kobanî to retreat and "
     "managed to enter the eastern outlying areas, thus fully recapturing the city.", {}),
]
TIMELINE = ("Kobanî", "By 26 January, the Kurdish YPG forced ISIL forces in Kobanî to retreat, "
            "thus fully recapturing the city.", {})


def _rec(place: str, text: str, doc: int, **changes: Any) -> dict[str, Any]:
    lat, lon, admin1 = PLACES[place]
    rec = {
        "id": doc, "document_id": doc, "event_date": "2015-01-26", "date_end": "2015-01-26",
        "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Non-state actor overtakes territory",
        "actor1": "People's Protection Units", "actor2": "Islamic State",
        "location": place, "latitude": lat, "longitude": lon, "geo_precision": 1,
        "country": "Syria", "admin1": admin1,
    }
    rec.update(changes)
    return {"rec": rec, "terms": evidence_terms(text, evidence_bands([text])[0])}


def _key(place: str, text: str, doc: int, event: int, **changes: Any) -> Any:
    r = _rec(place, text, doc, **changes)
    return link_key({**r["rec"], "id": event}, terms=r["terms"])


def test_a_name_and_its_transliterations_share_a_spelling() -> None:
    assert spelling("kobane") == spelling("kobanî") == spelling("kobanê") == "kbn"
    assert spelling("tirsaf") == spelling("tarsaf")  # made-up names, two vowel spellings
    assert spelling("kafr taloudeh") == spelling("kafr taludah")
    assert spelling("tall abyad") != spelling("kobanî")
    assert spelling("bucha") != spelling("irpin") and spelling(None) is None


def test_one_place_spelled_two_ways_is_one_occasion_of_the_document() -> None:
    """The siege article's two reports of 26 January name the town two ways: one occasion, so
    the timeline's report of that recapture may join the group that holds both."""
    (pa, ta, ca), (pb, tb, cb) = SIEGE
    a, b = _key(pa, ta, 1, 1, **ca), _key(pb, tb, 1, 2, **cb)
    t = _key(TIMELINE[0], TIMELINE[1], 2, 3)
    assert GroupState.occasion(a) == GroupState.occasion(b)
    assert same_event(a, t, PY) and same_event(b, t, PY)
    siege = GroupState.of(a)
    siege.absorb(GroupState.of(b))
    assert siege.joins(GroupState.of(t))
    # another place of that day stays another occasion: the document told two events apart
    other = _key("Tall Abyad", "On 26 January, rebels entered Tall Abyad.", 1, 4)
    assert GroupState.occasion(other) != GroupState.occasion(a)


def test_linker_joins_a_documents_two_spellings_with_another_documents_report(
        store: Store, tmp_path: Path) -> None:
    write_reports(store, tmp_path, "siege_of_kobani.md", SIEGE, _rec)
    write_reports(store, tmp_path, "timeline_of_the_syrian_civil_war.md", [TIMELINE], _rec)
    store.link_groups()
    groups = groups_by_key(store)
    assert any({"timeline_of_the_syrian_civil_war.md:Kobanî", "siege_of_kobani.md:Kobane",
                "siege_of_kobani.md:Kobanî"} <= g for g in groups), groups
    assert store.link_groups()["pairs"] == 0  # idempotent
