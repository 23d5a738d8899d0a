"""Which place an event takes (issue #12): a site named again by its kind, the place a side
left, a list cut by a clause break, a listed place the gazetteer lacks. Invented sentences."""

from __future__ import annotations

from warlog.events.arguments import ArgumentContext, pick_locations
from warlog.events.backref import site_kinds
from warlog.events.clauses import Clause, split_clauses
from warlog.events.triggers import find_triggers
from warlog.ingest.reader import read_text
from warlog.model import Location
from warlog.nlp.sentences import Sentence, sentences


def loc(text: str, name: str, lat: float | None = 1.0, precision: int = 1) -> Location:
    i = text.index(name)
    return Location(name, lat, None if lat is None else 1.0, precision, "Ukraine", None, i,
                    i + len(name))


def trigger(s: str, word: str):
    return next(t for t in find_triggers(s) if t.text.lower() == word)


def context(text: str) -> tuple[ArgumentContext, list[Sentence]]:
    doc = read_text(f"# Fighting in Afghanistan\n\n{text}\n", "invented.md")[0]
    return ArgumentContext(doc), list(sentences(doc.text))


def test_a_site_named_again_by_its_kind_is_that_site():
    ctx, sents = context(
        "On 3 May 2011, Taliban fighters attacked the Kandahar air base with rockets. "
        "On 5 May 2011, they shot down a helicopter outside the base.")
    first = ctx.places(sents[1])
    named = [p for p in first if "Kandahar" in p.name]
    assert named and named[0].latitude is not None
    again = ctx.places(sents[2])
    assert [(p.name, p.latitude, p.longitude, p.geo_precision) for p in again] == [
        ("base", named[0].latitude, named[0].longitude, 2)]
    assert sents[2].text[again[0].start - sents[2].start:again[0].end - sents[2].start] == (
        "base")


def test_another_site_of_that_kind_is_not_the_one_named():
    ctx, sents = context(
        "On 3 May 2011, Taliban fighters attacked the Kandahar air base with rockets. "
        "On 5 May 2011, they shot down a helicopter outside the other base.")
    ctx.places(sents[1])
    assert ctx.places(sents[2]) == []


def test_a_site_the_sentence_defines_or_places_is_no_back_reference():
    ctx, sents = context(
        "On 3 May 2011, Taliban fighters attacked the Kandahar air base with rockets. "
        "On 5 May 2011, they blew up the bridge that linked the two districts. "
        "On 6 May 2011, they attacked the base near Lashkar Gah. "
        "On 7 May 2011, they attacked the base on the edge of the city.")
    ctx.places(sents[1])
    assert ctx.places(sents[2]) == []
    assert "base" not in [p.name for p in ctx.places(sents[3])]
    assert [p.name for p in ctx.places(sents[4])] == ["base"]  # "on" a date or an edge


def test_a_site_noun_needs_a_name_to_be_remembered():
    assert site_kinds("Kandahar air base, south of the city") == ["base"]
    assert site_kinds("Shindand Airbase") == ["base"]  # "the base" refers back to it too
    assert site_kinds("Regiment 7 base in Herat") == ["base"]
    assert site_kinds("Checkpoint 12") == []  # the noun does not end it
    assert site_kinds("The besieged base") == []
    assert site_kinds("Regiment 7 checkpoint") == ["checkpoint"]


def test_the_place_a_side_left_is_where_the_shelling_was():
    s = "On 2 March, the separatists withdrew from the Vuhlehirsk power plant after heavy shelling."
    t = trigger(s, "shelling")
    plant = loc(s, "Vuhlehirsk power plant", 48.3, 2)
    got = pick_locations(s, Clause(0, len(s), find_triggers(s)), t, [plant], 0)
    assert [p.name for p in got] == ["Vuhlehirsk power plant"]
    # a place an action only comes from is still not its place
    s = "Paratroopers were flown in from Lviv to attack the separatists."
    t = trigger(s, "attack")
    assert pick_locations(s, Clause(0, len(s), find_triggers(s)), t, [loc(s, "Lviv")], 0) == []


def test_the_last_item_of_a_list_cut_by_a_clause_break_is_in_the_event():
    s = ("Drones struck positions in Kherson, Mykolaiv, and Ochakiv, "
         "following a missile attack on the port of Odesa.")
    triggers = find_triggers(s)
    clauses = split_clauses(s, triggers)
    places = [loc(s, n, 46.0 + k) for k, n in enumerate(("Kherson", "Mykolaiv", "Ochakiv",
                                                          "Odesa"))]
    first = clauses[0]
    assert first.end <= s.index("Ochakiv")  # the break before ", and" cuts the list
    second = clauses[1]
    t = min(first.triggers, key=lambda t: t.start)
    got = pick_locations(s, first, t, places, 0)
    assert [p.name for p in got] == ["Kherson", "Mykolaiv", "Ochakiv"]
    t = min(second.triggers, key=lambda t: t.start)
    assert [p.name for p in pick_locations(s, second, t, places, 0)] == ["Odesa"]
    # two places joined by "and" alone are no list to continue across a break
    s = "Drones struck Kherson, and Mykolaiv was shelled by artillery the same night."
    triggers = find_triggers(s)
    first = split_clauses(s, triggers)[0]
    t = min(first.triggers, key=lambda t: t.start)
    got = pick_locations(s, first, t, [loc(s, "Kherson"), loc(s, "Mykolaiv", 2.0)], 0)
    assert [p.name for p in got] == ["Kherson"]


def test_a_listed_place_the_gazetteer_lacks_is_coded_at_its_listed_neighbour():
    s = "The army captured Izium and the village of Kamianka on 10 September."
    t = trigger(s, "captured")
    places = [loc(s, "Izium", 49.2), loc(s, "Kamianka", None)]
    got = pick_locations(s, Clause(0, len(s), [t]), t, places, 0)
    assert [(p.name, p.latitude, p.geo_precision) for p in got] == [
        ("Izium", 49.2, 1), ("Kamianka", 49.2, 2)]


def test_a_site_named_earlier_in_the_same_sentence_is_the_one_referred_to():
    ctx, sents = context(
        "On 3 May 2011, rockets hit the Kandahar air base. "
        "On 4 May 2011, fighters reached the Shindand Airbase and stormed the base at night.")
    ctx.places(sents[1])
    found = ctx.places(sents[2])
    shindand = next(p for p in found if "Shindand" in p.name)
    ref = next(p for p in found if p.name == "base")
    assert (ref.latitude, ref.longitude) == (shindand.latitude, shindand.longitude)
