"""News from other regions (news19): drug-trade words beside a killing, a shooting of a person,
crowds that suffer an act or are armed, another source's toll in the next sentence, market
reports, politics and accidents with war words, stones thrown at the police, banners, the side
of forces loyal to a leader, mutineers. News items written for the tests, each run through the
whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_one


def _records(tmp_path, text: str, date: str) -> list[dict]:
    return extract_one(tmp_path, text, date)


@pytest.mark.parametrize(
    "text",
    [
        "TIJUANA, Mexico (AP) -- Gunmen thought to be drug traffickers shot dead four municipal "
        "policemen at a checkpoint in Tijuana on Thursday, state officials said.",
        "HERMOSILLO, Mexico (Reuters) - A radio host who had reported on drug smuggling was "
        "gunned down outside his home in Hermosillo on Thursday, his station said.",
    ],
)
def test_drug_trade_words_beside_a_killing(tmp_path, text):
    # who the gunmen are or what the victim covered: the killing is still an event
    recs = _records(tmp_path, text, "2016-03-11")
    assert recs and recs[0]["sub_event_type"] in ("Attack", "Armed clash"), recs


def test_drug_trade_words_with_a_seizure_stay_crime(tmp_path):
    text = ("VERACRUZ, Mexico (AP) -- Marines seized two tonnes of marijuana from drug "
            "traffickers at a ranch outside Veracruz on Thursday, the navy said.")
    assert _records(tmp_path, text, "2016-03-11") == []


def test_shot_a_person_is_an_attack(tmp_path):
    text = ("QUETTA, Pakistan (AP) -- Two men on a motorcycle stopped a rickshaw in Quetta on "
            "Tuesday and shot a 12-year-old boy riding in it, police said.")
    recs = _records(tmp_path, text, "2013-05-08")
    assert [r["sub_event_type"] for r in recs] == ["Attack"], recs
    assert recs[0]["event_date"] == "2013-05-07", recs


def test_shot_without_a_person_is_nothing(tmp_path):
    text = ("KARACHI (Reuters) - The film was shot in the old quarter of Karachi on Tuesday, "
            "its producer said.")
    assert _records(tmp_path, text, "2013-05-08") == []


@pytest.mark.parametrize(
    "text",
    [
        # the crowd suffered the act: passive
        "ALGIERS (Reuters) - At least 41 villagers were slaughtered with knives in Sidi Moussa "
        "on Tuesday night, security sources said.",
        # an armed crowd is an armed group
        "JUBA (AFP) - Hundreds of armed cattle-camp youths attacked the village of Makuach on "
        "Sunday, killing 19 people, officials said.",
        # ... also with "armed" the sentence's first word, two words before the crowd's
        "Armed tribal youths attacked the village of Gumuruk on Sunday, killing 14 people, "
        "officials in Juba said.",
        # a party's youth is a political militia
        "HARARE (Reuters) - Youths of the ruling party beat three opposition polling agents to "
        "death near Murehwa on Sunday, the opposition said.",
    ],
)
def test_crowds_that_are_no_mob(tmp_path, text):
    recs = _records(tmp_path, text, "2008-06-17")
    assert recs and recs[0]["sub_event_type"] == "Attack", recs


def test_mob_of_residents_still_a_mob(tmp_path):
    text = ("KAMPALA (AP) -- Angry residents beat to death a suspected thief in a Kampala "
            "market on Sunday, police said.")
    recs = _records(tmp_path, text, "2008-06-17")
    assert recs and recs[0]["sub_event_type"] == "Mob violence", recs


def test_other_source_lower_toll_next_sentence(tmp_path):
    text = ("NAIROBI, May 3 (Reuter) - Soldiers opened fire on displaced people at a camp "
            "outside Kisangani on Tuesday and aid workers counted at least 500 bodies. The "
            "government put the toll at 80.")
    recs = _records(tmp_path, text, "1997-05-03")
    assert recs and recs[0]["fatalities"] == 80, recs
    assert (recs[0]["fatalities_low"], recs[0]["fatalities_high"]) == (80, 500), recs


def test_higher_estimate_next_sentence_keeps_lowest(tmp_path):
    text = ("ALGIERS (Reuters) - Armed men killed 31 villagers in a hamlet near Medea on "
            "Friday night, security sources said. Hospital sources said the toll could exceed "
            "60.")
    recs = _records(tmp_path, text, "1997-09-20")
    assert recs and recs[0]["fatalities"] == 31, recs


def test_partial_toll_next_sentence_is_no_revision(tmp_path):
    text = ("NAIROBI (Reuter) - Rebels attacked an army post near Gulu on Tuesday, killing 12 "
            "people. The toll among soldiers was 4.")
    recs = _records(tmp_path, text, "1997-05-08")
    assert recs and recs[0]["fatalities"] == 12, recs


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL (Reuters) - Seoul stocks fell 2 percent on Monday as investors fled a fresh "
        "attack on chip makers by foreign funds.",
        "BAGHDAD (AP) -- Lawmakers failed on Monday to agree on the formation of a new "
        "government, officials said.",
        "LAGOS (Reuters) - The governor said on Monday that years of insurgency had cost the "
        "economy of the north dearly and that attacks had scared off investors.",
        "CARACAS (AP) -- A gas pipeline ruptured and exploded near Maturin on Monday, killing "
        "six workers, the oil ministry said.",
    ],
)
def test_news_with_war_words_and_no_event(tmp_path, text):
    assert _records(tmp_path, text, "2011-05-10") == []


def test_stoned_police_is_a_riot(tmp_path):
    text = ("LA PAZ (AP) -- Hundreds of miners stoned police in central La Paz on Monday to "
            "protest a new mining law, and police arrested 40 people.")
    recs = _records(tmp_path, text, "2011-05-10")
    assert recs and recs[0]["sub_event_type"] == "Violent demonstration", recs


def test_banners_are_a_protest(tmp_path):
    text = ("KATHMANDU (AP) -- Hundreds of teachers walked through central Kathmandu on Monday "
            "carrying banners that demanded higher pay.")
    recs = _records(tmp_path, text, "2011-05-10")
    assert recs and recs[0]["sub_event_type"] == "Peaceful protest", recs


def test_forces_loyal_to_a_president_retake(tmp_path):
    text = ("ADEN (Reuters) - Forces loyal to President Abd-Rabbu Mansour Hadi retook the port "
            "of Mukalla from militants on Monday, a military official said.")
    recs = _records(tmp_path, text, "2016-04-26")
    assert recs and recs[0]["sub_event_type"] == "Government regains territory", recs
    assert recs[0]["actor1"] == "Military Forces of Yemen", recs


def test_mutineers_capture_is_non_state(tmp_path):
    text = ("ABIDJAN (AFP) - Mutinous soldiers seized control of the western town of Man on "
            "Saturday after a gunbattle with loyal troops, residents said.")
    recs = _records(tmp_path, text, "2002-11-30")
    assert recs and recs[0]["sub_event_type"] == "Non-state actor overtakes territory", recs
