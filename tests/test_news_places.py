"""Places in news items: person names are not places, the dateline city is the fallback
place, a source's or an embassy's place is not the event's, a town the gazetteer lacks is
still named. Sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from warlog.events.extract import extract_events
from warlog.geo.context import GeoContext, country_votes
from warlog.geo.persons import is_person_name
from warlog.geo.places import find_places
from warlog.geo.resolve import resolve_locations
from warlog.geo.sources import is_source_place
from warlog.ingest.reader import read_text
from warlog.plugins import geocoder


def _events(text: str, **fields):
    doc = read_text(json.dumps({"id": "x", "text": text, **fields}), "items.jsonl")[0]
    return extract_events(doc)


def _names(text: str, codes: tuple[str, ...] = ()) -> list[str]:
    ctx = GeoContext(country_codes=codes)
    return [loc.name for loc in resolve_locations(text, find_places(text, 0, context=ctx), ctx)]


@pytest.mark.parametrize(("text", "name"), [
    ("Gunmen shot Colonel Andrei Kano outside his home.", "Kano"),
    ("Police questioned Mr Zaria about the raid.", "Zaria"),
    ("Unknown men abducted Jalal Herat, a retired teacher, from the market.", "Herat"),
    ("Gunmen shot Musa Kano, the district commissioner, at a mosque.", "Kano"),
])
def test_a_persons_name_is_no_place(text, name):
    start = text.index(name)
    assert is_person_name(text, start, start + len(name))
    assert name not in " ".join(_names(text, ("NG", "AF")))


def test_a_town_with_an_apposition_describing_a_place_stays_a_place():
    text = "Rebels shelled Kano, a city of four million, on Friday."
    start = text.index("Kano")
    assert not is_person_name(text, start, start + 4)
    assert "Kano" in _names(text, ("NG",))


def test_a_source_or_embassy_place_is_not_the_event_place():
    text = "Gunmen killed four traders near Gao, the ambassador to Senegal told reporters in Dakar."
    assert _names(text, ("ML",)) == ["near Gao"]
    assert is_source_place(text, text.index("Dakar"))
    votes = country_votes("the ambassador to Senegal said on Monday", geocoder())
    assert "SN" not in votes


def test_a_town_the_gazetteer_lacks_is_still_named_after_a_cue():
    names = _names("Militants burned the village of Xobrakuma on Sunday.", ("NE",))
    assert names == ["Xobrakuma"]
    assert _names("Fighters from Xobrakuma Brigade were seen.", ("NE",)) == []


def test_the_dateline_city_is_the_fallback_place():
    events = _events("BENI, March 9 (AFP) - Rebels attacked an army post overnight, killing "
                     "three soldiers, an officer said.", date="2021-03-09")
    assert events
    assert events[0].location == "Beni" and events[0].latitude is not None
    assert events[0].event_date.isoformat() == "2021-03-09"


def test_a_place_named_in_the_text_beats_the_dateline_city():
    events = _events("KABUL, May 4 (Reuters) - Taliban fighters attacked a police post in "
                     "Ghazni on Tuesday, killing four policemen.", date="2021-05-04")
    assert events and events[0].location == "Ghazni"
    assert events[0].event_date.isoformat() == "2021-05-04"
