"""The group check on compatible types (issue #9, rule 16): a join through two compatible
sub-event types may bring one document's reports of both types together where that document
told one event in two words (the same day, place and parties: one exchange of fire told by
its weapons, one change of hands told as a capture and a retaking), not where it told two
happenings (other parties), nor, for strikes, where a second document also tells the two
strikes apart. The news items are written for the tests; the linker runs on a real store
(SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import groups_by_key, write_tuples
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_terms

pytest_plugins = ["pgserver"]

ARMY, REBELS = "Military Forces of Syria", "Free Syrian Army"
COALITION, ISIL = "US-led Coalition", "Islamic State"
AIR, SHELLING = "Air/drone strike", "Shelling/artillery/missile attack"
REGAINED, TAKEN = "Government regains territory", "Non-state actor overtakes territory"
REMOTE, BATTLES = "Explosions/Remote violence", "Battles"
IED, CLASH = "Remote explosive/landmine/IED", "Armed clash"

TOWN = {"location": "Kafr Tala", "latitude": 35.71, "longitude": 36.52, "geo_precision": 1,
        "admin1": "Idlib", "country": "Syria"}
DAY = "2016-03-14"


def _report(doc: str, text: str, sub: str, actor1: str, actor2: str) -> tuple[Any, ...]:
    return (doc, text, sub, actor1, actor2)


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    _, _, sub, actor1, actor2, *place = report  # the town, unless a place is given
    etype = BATTLES if sub in (REGAINED, TAKEN, CLASH) else REMOTE
    return {**(place[0] if place else TOWN), "event_date": DAY, "date_end": DAY,
            "time_precision": 1, "event_type": etype, "sub_event_type": sub, "actor1": actor1,
            "actor2": actor2}


def _note(report: tuple[Any, ...]) -> str:
    return f"{report[0]}:{report[2]}:{report[3]}"


def _write(store: Store, folder: Path, reports: list[tuple[Any, ...]]) -> None:
    """One document of the reports' sentences (all of one document name)."""
    write_tuples(store, folder, reports, _fields, _note)


def _groups(store: Store, tmp_path: Path, docs: list[list[tuple[Any, ...]]]) -> list[list[str]]:
    for reports in docs:
        _write(store, tmp_path, reports)
    store.link_groups()
    return sorted(sorted(g) for g in groups_by_key(store))


# one exchange of fire: the first item names its weapons in two sentences (an air strike and a
# shelling, the army against the rebels); each other item names one weapon
EXCHANGE_AIR = _report("wire_a.txt", "Government jets and helicopters bombed rebel trenches on "
                       "the edge of Kafr Tala on Monday, the army said.", AIR, ARMY, REBELS)
EXCHANGE_SHELLS = _report("wire_a.txt", "Army howitzers also pounded the same rebel lines "
                          "around the town throughout the afternoon.", SHELLING, ARMY, REBELS)
SHELLS_ONLY = _report("daily_b.txt", "Rebels in Kafr Tala said they came under heavy "
                      "artillery fire from government positions to the south on Monday.",
                      SHELLING, REBELS, ARMY)
RAIDS_ONLY = _report("monitor_c.txt", "A monitoring group reported at least a dozen air raids "
                     "on rebel-held Kafr Tala on Monday, with no word of casualties.",
                     AIR, ARMY, REBELS)


def test_one_exchange_told_by_its_weapons_is_one_event(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[EXCHANGE_AIR, EXCHANGE_SHELLS], [SHELLS_ONLY],
                                       [RAIDS_ONLY]])
    # the first item's air strike and shelling are one day's exchange between the same two
    # sides at the town; the shelling of the second and the raids of the third are it too
    assert groups == [sorted(_note(r) for r in (EXCHANGE_AIR, EXCHANGE_SHELLS, SHELLS_ONLY,
                                                RAIDS_ONLY))], groups


# two strikes at one town on one day, each told apart by two items: a fuel depot bombed from
# the air, a barracks shelled
DEPOT_A = _report("wire_a.txt", "Warplanes bombed a fuel depot in Kafr Tala on Monday, setting "
                  "it ablaze, residents said.", AIR, ARMY, REBELS)
BARRACKS_A = _report("wire_a.txt", "Separately, rockets fired from army lines struck a rebel "
                     "barracks on the northern edge of the town, killing four fighters.",
                     SHELLING, ARMY, REBELS)
DEPOT_B = _report("daily_b.txt", "The fuel depot of Kafr Tala burned through Monday night "
                  "after an air raid, a rebel commander told reporters.", AIR, REBELS, ARMY)
BARRACKS_B = _report("daily_b.txt", "Four fighters died when a barracks there was hit by "
                     "government rocket fire earlier that day.", SHELLING, REBELS, ARMY)


def test_two_strikes_told_apart_by_two_items_stay_two(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[DEPOT_A, BARRACKS_A], [DEPOT_B, BARRACKS_B]])
    assert groups == sorted([sorted([_note(BARRACKS_A), _note(BARRACKS_B)]),
                             sorted([_note(DEPOT_A), _note(DEPOT_B)])]), groups


# one item's air strike and shelling have other parties: the coalition's jets against the
# jihadists, the army's guns against the rebels; another item's shelling is the army's
JETS = _report("wire_a.txt", "Coalition jets struck jihadist positions near Kafr Tala on "
               "Monday, the coalition said in a statement.", AIR, COALITION, ISIL)
GUNS = _report("wire_a.txt", "Army artillery meanwhile shelled rebel districts of the town.",
               SHELLING, ARMY, REBELS)
GUNS_B = _report("daily_b.txt", "Government guns shelled rebel-held parts of Kafr Tala on "
                 "Monday, a rebel spokesman said.", SHELLING, REBELS, ARMY)


def test_a_documents_two_strikes_by_other_parties_stay_two(store: Store, tmp_path: Path
                                                           ) -> None:
    groups = _groups(store, tmp_path, [[JETS, GUNS], [GUNS_B]])
    assert groups == sorted([[_note(JETS)], sorted([_note(GUNS), _note(GUNS_B)])]), groups


# one change of hands told by two items, each as a retaking and as a capture (a place changes
# hands once on a day, whatever each sentence calls it)
RETAKEN_A = _report("wire_a.txt", "Government troops retook Kafr Tala on Monday after the "
                    "rebels pulled out overnight.", REGAINED, ARMY, REBELS)
CAPTURED_A = _report("wire_a.txt", "State television showed soldiers raising the flag over "
                     "the captured town hall.", TAKEN, ARMY, REBELS)
RETAKEN_B = _report("daily_b.txt", "Rebel commanders conceded on Monday that the army had "
                    "regained Kafr Tala.", REGAINED, REBELS, ARMY)
CAPTURED_B = _report("daily_b.txt", "Loyalist militiamen were seen in the captured town's "
                     "market by evening.", TAKEN, REBELS, ARMY)


def test_a_change_of_hands_told_in_two_types_by_two_items_is_one(store: Store, tmp_path: Path
                                                                 ) -> None:
    groups = _groups(store, tmp_path, [[RETAKEN_A, CAPTURED_A], [RETAKEN_B, CAPTURED_B]])
    assert groups == [sorted(_note(r) for r in (RETAKEN_A, CAPTURED_A, RETAKEN_B,
                                                CAPTURED_B))], groups


# a name after a word of direction is where a movement went (rule 17): a bridge blown up at
# one village "stopping the advance ... towards the city of X" is not at X
BRIDGE = {"location": "Marivka", "latitude": 35.90, "longitude": 36.70, "geo_precision": 1,
          "admin1": "Idlib", "country": "Syria"}
HIT = _report("wire_a.txt", "Rebel engineers blew up a culvert under the main road at Kafr "
              "Tala on Monday, the army said.", IED, ARMY, REBELS)
BLOWN = _report("daily_b.txt", "On Monday rebels blew up a bridge south of the village, "
                "stopping the advance of army columns towards the town of Kafr Tala.", IED,
                REBELS, ARMY)


def test_a_name_after_a_word_of_direction_tells_no_place(store: Store, tmp_path: Path) -> None:
    terms = evidence_terms(BLOWN[1], set())
    assert ("d", "kafr tala") in terms and ("n", "kafr tala") not in terms
    groups = _groups(store, tmp_path, [[HIT], [(*BLOWN, BRIDGE)]])
    assert groups == sorted([[_note(HIT)], [_note(BLOWN)]]), groups


# both items name the town only as where the army went, and one is coded there: the two
# read one sentence alike, so the direction still tells the other item's place
PUSH_A = _report("wire_a.txt", "Government troops pushed towards Kafr Tala on Monday and met "
                 "stiff resistance, the army said.", CLASH, ARMY, REBELS)
PUSH_B = _report("daily_b.txt", "The army's drive towards Kafr Tala stalled on Monday under "
                 "heavy rebel fire, a rebel spokesman said.", CLASH, REBELS, ARMY)


def test_two_items_naming_one_direction_are_told_there(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[PUSH_A], [(*PUSH_B, BRIDGE)]])
    assert groups == [sorted([_note(PUSH_A), _note(PUSH_B)])], groups


# a location measured from a town is not at the town (rule 18): "hills 20 km north of X"
HILLS = {"location": "hills 20 km north of Kafr Tala", "latitude": 35.89, "longitude": 36.52,
         "geo_precision": 2, "admin1": "Idlib", "country": "Syria"}
MARIVKA_OFF = {"location": "Marivka, 20 km north of Kafr Tala", "latitude": 35.89,
               "longitude": 36.52, "geo_precision": 1, "admin1": "Idlib", "country": "Syria"}
MARIVKA = {**MARIVKA_OFF, "location": "Marivka"}
IN_TOWN = _report("wire_a.txt", "Rebels and soldiers fought street by street in Kafr Tala on "
                  "Monday, residents said.", CLASH, ARMY, REBELS)
IN_HILLS = _report("daily_b.txt", "The army said it repelled rebel attacks on Monday in the hills "
                   "20 km north of Kafr Tala.", CLASH, REBELS, ARMY)
AT_VILLAGE = _report("wire_a.txt", "Rebels attacked an army post at Marivka on Monday, the army "
                     "said.", CLASH, ARMY, REBELS)
NEAR_TOWN = _report("daily_b.txt", "Rebels stormed an army post on Monday at Marivka, 20 km "
                    "north of Kafr Tala.", CLASH, REBELS, ARMY)


def test_a_place_measured_from_a_town_is_not_the_town(store: Store, tmp_path: Path) -> None:
    groups = _groups(store, tmp_path, [[IN_TOWN], [(*IN_HILLS, HILLS)]])
    assert groups == sorted([[_note(IN_TOWN)], [_note(IN_HILLS)]]), groups


def test_a_village_measured_from_a_town_is_the_village(store: Store, tmp_path: Path) -> None:
    # the village's name comes first, the town it is measured from last
    groups = _groups(store, tmp_path, [[(*AT_VILLAGE, MARIVKA)], [(*NEAR_TOWN, MARIVKA_OFF)]])
    assert groups == [sorted([_note(AT_VILLAGE), _note(NEAR_TOWN)])], groups
