"""Where a narrative sentence is coded (narr22). Passages written for the tests, each run
through the whole extractor.

"to" before a verb ("sent his battalions to storm X") opens the verb, whose object X is: it is
no move's goal, which would make another place of the clause the event's place. A span that
opens with its own goal preposition ("tried to advance towards the town of X") stays a goal.
An act told as a purpose and then as done ("sent to attack X, attacked positions near Y") is
where it was done: X was only aimed at.

A pronoun right after the trigger ("and attacked it from the south") is the act's object: the
place it stands for is told before the verb, so a town named after it is not where the act
went.

A place the gazetteer lacks, told with where the move into it came from ("after it crossed
into the X area from Y"), is coded at Y, precision 2, not at the narrative's last place; so
is one its apposition locates ("took X, a village located 12 km north of Y").

A power station of a regional kind named like its province ("the X Nuclear Power Plant") is
coded where the narrative is inside that province (the latest town of the province its
paragraph names, else the document's last place), not at the province's capital of the same
name; outside the province the capital stands.
"""

from __future__ import annotations

import pytest

from conftest import extract_titled as _extract
from conftest import near as _near
from conftest import records_on as _on

ZVORNIK = (44.386, 19.102)
BIJELJINA = (44.759, 19.214)
DJENNE = (13.906, -4.555)
GAO = (16.272, -0.045)
VARASH = (51.340, 25.855)
RIVNE = (50.620, 26.237)
HAWIJA = (35.326, 43.773)
KALESIJA = (44.438, 18.907)



# (passage, article title, day, where every record of that day is, its precision or None)
DAY_PLACES = {
    # "began an assault to recapture X": X is the verb's object, where the assault went; the
    # town the forces massed near is where they were before it
    "to-before-a-verb-is-no-goal": (
        "On 18 September 2017, ISIL fighters shelled Tikrit. On 20 September 2017, Iraqi "
        "forces massed near Kirkuk began an assault to recapture Hawija.", "Iraqi Civil War",
        "2017-09-20", HAWIJA, None),
    # "units sent to attack X, attacked positions near Y": X was aimed at, Y is where
    "purpose-then-done-is-where-done": (
        "On 2 May 1992, militiamen shelled Bijeljina. On 12 May 1992, Serb units sent to "
        "attack Tuzla, attacked army positions near Kalesija before dawn.", "Bosnian War",
        "1992-05-12", KALESIJA, None),
    "pronoun-object-keeps-the-place-before-the-verb": (
        "On 2 May 1992, militiamen shelled Bijeljina. On 8 May 1992, the brigade commander "
        "sent his battalions to surround Zvornik at dawn and attacked it from the hills, "
        "leaving only a small guard on the road to Bijeljina.", "Bosnian War",
        "1992-05-08", ZVORNIK, None),
    # guard: with no place before the verb, the town after the pronoun is all the clause has
    "town-after-the-pronoun-when-none-before": (
        "On 2 May 1992, militiamen shelled Bijeljina. On 8 May 1992, the brigade shelled them "
        "again in Zvornik.", "Bosnian War", "1992-05-08", ZVORNIK, None),
    # guard: "tried to advance towards the town of X": the move only goes there
    "goal-span-of-its-own-after-an-infinitive": (
        "On 8 May 1992, militiamen who captured the police station in Zvornik tried to "
        "advance towards the town of Bijeljina.", "Bosnian War", "1992-05-08", ZVORNIK, None),
    "unlisted-area-entered-from-a-town-is-at-that-town": (
        "On 4 May 2019, jihadist fighters shelled Gao, killing two soldiers. On 6 May 2019, "
        "an army patrol clashed with jihadist fighters after it entered the Tessamra area "
        "from Djenné.", "Mali War", "2019-05-06", DJENNE, 2),
}


@pytest.mark.parametrize("key", list(DAY_PLACES))
def test_the_days_records_are_where_the_clause_puts_them(tmp_path, key: str) -> None:
    text, title, day, where, precision = DAY_PLACES[key]
    on_day = _on(_extract(tmp_path, text, title), day)
    assert all(_near(r, where) and (precision is None or r["geo_precision"] == precision)
               for r in on_day), on_day


def test_a_party_from_a_town_does_not_locate_an_unlisted_place(tmp_path):
    # guard: "fighters from X" says where a party comes from, not where the place is
    recs = _extract(tmp_path, (
        "On 4 May 2019, jihadist fighters shelled Gao, killing two soldiers. On 6 May 2019, "
        "soldiers clashed with jihadist fighters in Tessamra, by fighters originally from "
        "Djenné."), "Mali War")
    may6 = _on(recs, "2019-05-06")
    assert not any(_near(r, DJENNE) for r in may6), may6


def test_an_unlisted_village_is_coded_at_the_point_its_apposition_gives(tmp_path):
    recs = _extract(tmp_path, (
        "On 4 May 2019, jihadist fighters shelled Gao, killing two soldiers. On 6 May 2019, "
        "jihadist fighters claimed to have captured Tessamra, a village located 12 km north "
        "of Djenné."), "Mali War")
    may6 = _on(recs, "2019-05-06")
    assert all(r["location"] == "Tessamra" and _near(r, (DJENNE[0] + 0.108, DJENNE[1]), 0.03)
               for r in may6), may6


def test_a_power_station_named_like_its_province_is_where_the_narrative_is(tmp_path):
    recs = _extract(tmp_path, (
        "On 3 March 2022, Russian forces shelled Varash. Later that day, Russian forces took "
        "control of the Rivne Nuclear Power Plant."), "Russian invasion of Ukraine")
    plant = [r for r in _on(recs, "2022-03-03") if "Nuclear" in (r["location"] or "")]
    assert plant and all(_near(r, VARASH) and r["geo_precision"] == 2 for r in plant), recs


def test_a_power_station_is_at_the_town_its_paragraph_names_in_its_province(tmp_path):
    # the town is told in a sentence that codes no event: the paragraph still names it
    recs = _extract(tmp_path, (
        "On 3 March 2022, Russian forces shelled Lutsk. Meanwhile, a local official stated "
        "that a Russian column had entered Varash. Later, Russian forces took control of the "
        "Rivne Nuclear Power Plant."), "Russian invasion of Ukraine")
    plant = [r for r in _on(recs, "2022-03-03") if "Nuclear" in (r["location"] or "")]
    assert plant and all(_near(r, VARASH) and r["geo_precision"] == 2 for r in plant), recs


def test_a_power_station_named_like_another_province_stays_at_its_capital(tmp_path):
    # guard: the narrative in another province says nothing of where the plant is
    recs = _extract(tmp_path, (
        "On 3 March 2022, Russian forces shelled Lutsk. Later that day, Russian forces took "
        "control of the Rivne Nuclear Power Plant."), "Russian invasion of Ukraine")
    plant = [r for r in _on(recs, "2022-03-03") if "Nuclear" in (r["location"] or "")]
    assert plant and all(_near(r, RIVNE) for r in plant), recs
