"""Narrative records checked against GUIDELINES.md on short passages written as Wikipedia prose
(session 13). The dead counted up to a month, a season or a year are a tally, not one event
("By the end of August, 108 rebels were killed"); the dead of one day are that day's event.
The subject of a passive arrest with no agent is the one taken ("ISIL emir Abu Hamza was
arrested"): the party it was named fighting took it; an active arrest ("Turkish police also
arrested") and a relative clause ("John Smith, who was kidnapped") keep their actor. A "since"
after a comparison compares one occurrence with the past ("for the first time since the
beginning of the offensive", "the largest loss of life since August"): an event, no tally.
Property taken or destroyed in a fight is part of the fight ("stormed the checkpoint and seized
two tanks" is an Armed clash); looting with no fight stays looting. Two parties named in full as
the clause's only subjects act together ("Syrian government forces and Hezbollah took control":
the first acts, the other is associated), not a party of an act told before them. Each passage
runs through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_articles, with_evidence

DOCS = {
    # tally_by_period (corpus passages of operation_olive_branch.md, war_on_terror.md and
    # russian_military_intervention_in_the_syrian_civil_war.md, shortened)
    "period_tally": (
        "On 20 January 2018, Turkey launched Operation Olive Branch against the YPG in Afrin. "
        "By the end of August, 108 rebels and Turkish soldiers were reportedly killed in "
        "Kurdish guerrilla attacks."
    ),
    "period_tally_after": (
        "The Iraqi insurgency grew in 2005. At least 4,000 foreign fighters had been killed "
        "by September 2006, according to an official statement from al-Qaeda in Iraq."
    ),
    "period_tally_mid": (
        "Russia began air strikes in Syria on 30 September 2015. The Syrian Observatory for "
        "Human Rights reported that by mid-February 2016, Russian air strikes had killed 1,000"
        " civilians."
    ),
    # a day's outcome is that day's event
    "day_outcome": (
        "Fighting for Kafr Nabudah began on 21 May 2019. By the end of the day, clashes in "
        "Kafr Nabudah killed 17 combatants."
    ),
    "month_capture": (
        "The siege of Homs went on in 2012. By the end of March, the Syrian army retook "
        "control of the Baba Amr district of Homs."
    ),
    # passive_patient (written for the test)
    "passive_emir": (
        "The battle of Mosul went on in 2016. On 20 September 2016, the Iraqi Army clashed "
        "with ISIL near Mosul. On 22 September 2016, ISIL emir Abu Hamza was arrested in Mosul."
    ),
    "passive_aside": (
        "The offensive against ISIL near Sirte went on. On 4 December 2016, GNA forces "
        "attacked ISIL in Sirte. On 5 December 2016, six ISIL militants, who tried to escape, "
        "were arrested in Sirte."
    ),
    "active_also": "On 3 March 2017, Turkish police also arrested 20 ISIL members in Istanbul.",
    "relative": (
        "On 2 September 2014, ISIL threatened to execute John Smith, who was kidnapped near "
        "Aleppo in August 2013."
    ),
    # tally_comparisons (written for the test)
    "first_since": (
        "The battle of Ramadi began in November 2015. On 8 December 2015, Iraqi forces pushed "
        "into Ramadi for the first time since the beginning of the offensive, capturing the "
        "Tamim district."
    ),
    "largest_since": (
        "Fighting in Idlib went on in 2019. On 26 October 2019, government shelling killed "
        "seven civilians in Maarat al-Numan, the largest loss of life since August 2018."
    ),
    "since_tally": (
        "The battle of Ramadi began in November 2015. On 8 December 2015, officials said 300 "
        "soldiers had been killed in Ramadi since the beginning of the offensive."
    ),
    # looting in a fight (written for the test)
    "stormed_seized": (
        "Fighting in the Hama countryside went on in 2016. On 9 February 2016, rebels stormed "
        "an army checkpoint near Kafr Zita and seized two tanks."
    ),
    "attacked_burned": (
        "On 13 October 2016, jihadists attacked and burned down a military base near Douentza."
    ),
    "looted_alone": (
        "Fighting in the Hama countryside went on in 2016. On 10 February 2016, militiamen "
        "looted shops in Kafr Zita."
    ),
    # joint actors named in full (written for the test)
    "joint_full": (
        "The Qalamoun offensive went on in Syria in 2014. On 11 March 2014, Syrian government "
        "forces and Hezbollah took control of Rima Farms near Yabrud."
    ),
    "joint_army_pmf": (
        "The battle of Mosul began on 17 October 2016. On 29 October 2016, the Iraqi Army and "
        "the PMF captured 15 villages from ISIL near Mosul."
    ),
    "joint_not_sequence": (
        "On 5 May 2016, ISIL attacked the army near Deir ez-Zor and the YPG took the town of "
        "Tal Hamis."
    ),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_articles(tmp_path_factory, DOCS)


@pytest.mark.parametrize(("key", "words"), [("period_tally", "By the end of August"),
                                            ("period_tally_after", "by September 2006"),
                                            ("period_tally_mid", "by mid-February")])
def test_the_dead_counted_up_to_a_month_or_year_are_no_event(records, key, words) -> None:
    assert not with_evidence(records[key], words)


def test_the_dead_of_one_day_are_that_days_event(records) -> None:
    (rec,) = with_evidence(records["day_outcome"], "By the end of the day")
    assert rec["fatalities"] == 17


def test_a_capture_by_the_end_of_a_month_is_still_an_event(records) -> None:
    assert with_evidence(records["month_capture"], "retook")


def test_the_subject_of_a_passive_arrest_is_the_one_taken(records) -> None:
    (rec,) = with_evidence(records["passive_emir"], "was arrested")
    assert (rec["sub_event_type"], rec["actor1"], rec["actor2"]) == (
        "Arrests", "Military Forces of Iraq", "Islamic State")
    (rec,) = with_evidence(records["passive_aside"], "were arrested")
    assert (rec["actor1"], rec["actor2"]) == ("Government of National Accord", "Islamic State")


def test_an_active_arrest_and_a_relative_clause_keep_their_actor(records) -> None:
    (rec,) = with_evidence(records["active_also"], "also arrested")
    assert (rec["actor1"], rec["actor2"]) == ("Police Forces of Turkey", "Islamic State")
    (rec,) = with_evidence(records["relative"], "was kidnapped")
    assert rec["actor1"] == "Islamic State"


def test_a_since_after_a_comparison_is_no_tally(records) -> None:
    recs = with_evidence(records["first_since"], "for the first time since")
    assert {r["sub_event_type"] for r in recs} >= {"Government regains territory"}
    (rec,) = with_evidence(records["largest_since"], "largest loss of life since")
    assert (rec["sub_event_type"], rec["fatalities"]) == (
        "Shelling/artillery/missile attack", 7)


def test_a_since_with_no_comparison_is_still_a_tally(records) -> None:
    assert not with_evidence(records["since_tally"], "since the beginning")


def test_property_taken_or_destroyed_in_a_fight_is_the_fight(records) -> None:
    for key, words in (("stormed_seized", "seized two tanks"), ("attacked_burned", "burned down")):
        recs = with_evidence(records[key], words)
        assert recs
        assert {r["sub_event_type"] for r in recs} == {"Armed clash"}


def test_looting_with_no_fight_stays_looting(records) -> None:
    (rec,) = with_evidence(records["looted_alone"], "looted shops")
    assert rec["sub_event_type"] == "Looting/property destruction"


def test_two_parties_named_in_full_as_the_subject_act_together(records) -> None:
    (rec,) = with_evidence(records["joint_full"], "took control")
    assert (rec["actor1"], rec["assoc_actor_1"]) == ("Military Forces of Syria",
                                                     "Iranian-backed militias")
    assert rec["actor2"] != "Iranian-backed militias"
    (rec,) = with_evidence(records["joint_army_pmf"], "captured 15 villages")
    assert (rec["sub_event_type"], rec["actor1"], rec["actor2"], rec["assoc_actor_1"]) == (
        "Government regains territory", "Military Forces of Iraq", "Islamic State",
        "Iranian-backed militias")


def test_a_party_of_an_act_told_before_is_not_joined(records) -> None:
    for rec in records["joint_not_sequence"]:
        assert rec["assoc_actor_1"] is None
