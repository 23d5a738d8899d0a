"""Choosing a clause's place among the sentence's location phrases."""

from warlog.events.arguments import facility_key, pick_locations
from warlog.events.clauses import Clause
from warlog.events.triggers import find_triggers
from warlog.model import Location


def loc(text: str, name: str, lat: float = 1.0) -> Location:
    i = text.index(name)
    return Location(name, lat, 1.0, 1, "Syria", None, i, i + len(name))


def test_origin_is_not_the_place_of_the_event():
    s = "Afghanistan special forces were flown in from Kabul to assist in securing the city."
    t = find_triggers(s)[0]
    assert pick_locations(s, Clause(0, len(s), [t]), t, [loc(s, "Kabul")], 0) == []


def test_a_withdrawal_happens_where_it_starts_not_where_it_goes():
    s = "ISIL fighters retreated from the Al Mashtal area towards Mafraq Sediq."
    t = find_triggers(s)[0]
    places = [loc(s, "Al Mashtal area", 2.0), loc(s, "Mafraq Sediq", 3.0)]
    got = pick_locations(s, Clause(0, len(s), [t]), t, places, 0)
    assert [p.name for p in got] == ["Al Mashtal area"]


def test_coordinated_places_are_one_event_each_but_between_is_one():
    s = "It was also reported that Baboulin town and al-Salhiya village were captured."
    t = find_triggers(s)[0]
    got = pick_locations(s, Clause(0, len(s), [t]), t,
                         [loc(s, "Baboulin", 2.0), loc(s, "al-Salhiya", 3.0)], 0)
    assert [p.name for p in got] == ["Baboulin", "al-Salhiya"]
    s = "a commander was assassinated by gunmen between the villages of Kafar-Sejna and Al-Rekaya"
    t = find_triggers(s)[0]
    got = pick_locations(s, Clause(0, len(s), [t]), t,
                         [loc(s, "Kafar-Sejna", 2.0), loc(s, "Al-Rekaya", 3.0)], 0)
    assert [p.name for p in got] == ["Kafar-Sejna"]


def test_site_keys_ignore_generic_words():
    assert facility_key("the Artillery Regiment 121 base") == "regiment 121"
    assert facility_key("Regiment 121 base (known as the Melbiya Regiment), south of X") == (
        "regiment 121")
    assert facility_key("Division 17 base, north of Raqqa") == "division 17"


def test_a_country_used_as_an_adjective_is_not_the_place():
    s = "The GNA captured nine buildings while U.S. airstrikes continued."
    t = find_triggers(s)[0]
    us = Location("U.S.", None, None, 3, "United States", None, s.index("U.S."),
                  s.index("U.S.") + 4)
    assert pick_locations(s, Clause(0, len(s), [t]), t, [us], 0) == []


def test_a_site_named_after_a_party_is_not_remembered_as_a_place():
    from pathlib import Path

    from warlog.events.arguments import ArgumentContext
    from warlog.ingest.reader import read_path
    from warlog.nlp.sentences import Sentence

    doc = read_path(Path(__file__).parent / "fixtures" / "corpus" / "000_ab17bddbe8309b0d.txt")[0]
    ctx = ArgumentContext(doc)
    ctx.remember_facility(Location("ISIL camp", 35.2, 40.3, 2, "Syria", None))
    ctx.remember_facility(Location("Division 17 base, north of Raqqa", 35.95, 39.0, 2, "Syria",
                                   None))
    assert ctx.places(Sentence("ISIL executed 160 Syrian soldiers.")) == []
    found = ctx.places(Sentence("ISIL took control of Division 17."))
    assert [p.name for p in found] == ["Division 17"]
