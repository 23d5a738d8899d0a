"""A report another document of the group copies is with that document's copy only (issue #9,
rule 14). The corpus holds some articles twice (battle_of_al-bab.md and Battle_of_al-Bab.md);
each codes a day's two sentences at one town as two reports of one occasion, and every
sentence of one copy used to be linked to every sentence of the other. The sentences are the
corpus's own (English Wikipedia, CC BY-SA 4.0), coded as the extraction codes them, on a real
store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import event_of, groups_by_key
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_bands, evidence_terms
from warlog.store.group_rule import PY, GroupState, link_key, same_event

pytest_plugins = ["pgserver"]

AL_BAB = {"location": "near al-Bab", "latitude": 36.37051, "longitude": 37.5157,
          "geo_precision": 2, "admin1": "Aleppo", "country": "Syria",
          "event_date": "2017-02-09", "date_end": "2017-02-09"}
KHERSON = {"location": "Kherson", "latitude": 46.63695, "longitude": 32.61458,
           "geo_precision": 1, "admin1": "Kherson", "country": "Ukraine",
           "event_date": "2022-03-02", "date_end": "2022-03-02"}
FSA, ISIL, SAA = "Free Syrian Army", "Islamic State", "Military Forces of Syria"
RUSSIA, UKRAINE = "Military Forces of Russia", "Military Forces of Ukraine"
CLASH, TAKEN = "Armed clash", "Non-state actor overtakes territory"

# battle_of_al-bab.md, and its copy Battle_of_al-Bab.md: two events of 9 February near al-Bab
ASSAULT = ("assault", "During the same day, Turkish-backed rebels assaulted ISIL positions "
           "inside the city after breaking through their defences.", AL_BAB, CLASH, FSA, ISIL)
ARMY = ("army", "The rebels also stated that they had clashed with the Syrian Army for the "
        "first time in the battle, in a village to the southwest of the city.", AL_BAB, CLASH,
        FSA, SAA)
# east_aleppo_offensive_(2017).md tells the second in its own words
EAST = ("east", "On the same day, the rebels clashed with the Syrian Army for the first time "
        "near al-Bab, in a village to the southwest of the city.", AL_BAB, CLASH, FSA, SAA)
# russian_invasion_of_ukraine.md tells Kherson's fall twice (a battle won, the city captured);
# southern_ukraine_campaign.md copies the first sentence, adding the capture
WON = ("won", "On 2 March, Russian troops won a battle at Kherson; this was the first major "
       "city to fall to Russian forces in the invasion.", KHERSON, CLASH, RUSSIA, UKRAINE)
CAPTURED = ("captured", "On the southern front, Russian forces captured the major city of "
            "Kherson on 2 March.", KHERSON, TAKEN, RUSSIA, UKRAINE)
SOUTH = ("south", "On 2 March, Russian troops won a battle at Kherson and captured Kherson, the "
         "first major Ukrainian city to fall to Russian forces in the invasion.", KHERSON, TAKEN,
         RUSSIA, UKRAINE)


def _fields(report: tuple[Any, ...]) -> dict[str, Any]:
    _, _, place, sub, actor1, actor2 = report
    return {**place, "time_precision": 1, "event_type": "Battles", "sub_event_type": sub,
            "actor1": actor1, "actor2": actor2}


def _key(report: tuple[Any, ...], doc: int, event: int) -> Any:
    text = report[1]
    return link_key({**_fields(report), "id": event, "document_id": doc},
                    terms=evidence_terms(text, evidence_bands([text])[0]))


def _state(*keys: Any) -> GroupState:
    state = GroupState.of(keys[0])
    for k in keys[1:]:
        state.absorb(GroupState.of(k))
    return state


def test_each_sentence_of_a_copied_article_joins_its_own_copy_only() -> None:
    a1, a2 = _key(ASSAULT, 1, 1), _key(ARMY, 1, 2)
    b1, b2 = _key(ASSAULT, 2, 3), _key(ARMY, 2, 4)
    # pair by pair the rule allows the crossed links (one day, one town, a common party) ...
    assert same_event(a1, b2, PY) and same_event(a2, b1, PY)
    assert GroupState.occasion(a1) == GroupState.occasion(a2)
    # ... and each sentence's copy is found
    assert PY.copied(a1, b1, 2) and PY.copied(a2, b2, 2) and not PY.copied(a1, b2, 2)
    assault, army = _state(a1, b1), _state(a2, b2)
    assert army.copies == {2: {4}, 4: {2}}
    assert assault.refusal(army) == "copies"
    # a third document's own words for one of them still join it
    assert army.joins(_state(_key(EAST, 3, 5)))


def test_a_copy_does_not_keep_a_documents_second_telling_out() -> None:
    """Only a report whose own copy is in the group is held to it: the article that tells
    Kherson's fall twice has no copy of its second sentence in the other document, so that
    sentence joins the other document's report too."""
    won, captured, south = _key(WON, 1, 1), _key(CAPTURED, 1, 2), _key(SOUTH, 2, 3)
    assert PY.copied(won, south, 2) and not PY.copied(captured, south, 2)
    group = _state(won, south)
    assert group.joins(_state(captured))


def _write(store: Store, folder: Path, name: str, reports: list[tuple[Any, ...]]) -> None:
    from warlog.ingest.reader import read_path

    path = folder / name
    path.write_text("\n\n".join(r[1] for r in reports) + "\n", encoding="utf-8")
    doc = read_path(path)[0]
    store.write_document(doc, [event_of(doc, _fields(r), [r[1]], notes=f"{name}:{r[0]}")
                               for r in reports])


def test_linker_pairs_two_copies_of_an_article_sentence_by_sentence(
        store: Store, tmp_path: Path) -> None:
    _write(store, tmp_path, "battle_of_al-bab.md", [ASSAULT, ARMY])
    _write(store, tmp_path, "Battle_of_al-Bab.md", [ASSAULT, ARMY])
    _write(store, tmp_path, "east_aleppo_offensive_(2017).md", [EAST])
    _write(store, tmp_path, "russian_invasion_of_ukraine.md", [WON, CAPTURED])
    _write(store, tmp_path, "southern_ukraine_campaign.md", [SOUTH])
    store.link_groups()
    groups = groups_by_key(store)
    assert frozenset({"battle_of_al-bab.md:assault", "Battle_of_al-Bab.md:assault"}) in groups
    assert frozenset({"battle_of_al-bab.md:army", "Battle_of_al-Bab.md:army",
                      "east_aleppo_offensive_(2017).md:east"}) in groups
    assert frozenset({"russian_invasion_of_ukraine.md:won",
                      "russian_invasion_of_ukraine.md:captured",
                      "southern_ukraine_campaign.md:south"}) in groups
    assert store.link_groups()["pairs"] == 0  # idempotent
