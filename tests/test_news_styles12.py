"""News styles 12 (news22): a bombing by aircraft that flew there is from the air, and a
capture told in a trailing "after <party> captured ..." clause is an event of its own that
does not take over the main clause's act. News items written for the tests, each run through
the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_one


def _records(tmp_path, text: str, day: str = "2016-05-11") -> list[dict]:
    return extract_one(tmp_path, text, day)


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW (Reuters) - Two Tu-22 bombers flew from Mozdok and bombed rebel positions "
        "near Vedeno on Tuesday, Interfax said.",
        "KHARTOUM (AFP) - Government aircraft took off from El Obeid and bombed villages near "
        "Kauda on Tuesday, rebels said.",
        "N'DJAMENA (AFP) - Libyan Tupolev bombers bombed the oasis of Faya-Largeau on Tuesday, "
        "Chadian sources said.",
    ],
)
def test_aircraft_that_flew_and_bombed(tmp_path, text):
    recs = _records(tmp_path, text)
    assert [r["sub_event_type"] for r in recs][:1] == ["Air/drone strike"], recs


def test_bombers_alone_may_carry_the_bomb(tmp_path):
    text = ("BELFAST (Reuters) - IRA bombers bombed a pub in Newry on Tuesday night, police "
            "said.")
    recs = _records(tmp_path, text)
    assert [r["sub_event_type"] for r in recs] == ["Remote explosive/landmine/IED"], recs


def test_shelling_after_a_capture_stays_the_shelling(tmp_path):
    text = ("ALEPPO (Reuters) - Government troops shelled the village of Tal Rifaat on Tuesday "
            "after rebels captured it, residents said.")
    recs = _records(tmp_path, text)
    assert [r["sub_event_type"] for r in recs] == [
        "Shelling/artillery/missile attack", "Non-state actor overtakes territory"], recs
    assert recs[1]["actor1"] != recs[0]["actor1"], recs  # the rebels took it, not the troops


def test_clash_after_a_capture_elsewhere(tmp_path):
    text = ("BAMAKO (Reuters) - Islamist fighters clashed with Tuareg rebels in Gao on Tuesday "
            "after the rebels took control of Menaka.")
    recs = _records(tmp_path, text, "2012-06-27")
    assert [r["sub_event_type"] for r in recs] == [
        "Armed clash", "Non-state actor overtakes territory"], recs
    assert [r["location"] for r in recs] == ["Gao", "Menaka"], recs


def test_act_after_a_capture_takes_its_day(tmp_path):
    text = ("About a dozen soldiers were executed after the rebels recaptured the oilfield at "
            "Zueitina on 12 October.")
    recs = _records(tmp_path, text, "2016-10-20")
    assert recs and recs[0]["sub_event_type"] == "Attack", recs
    assert recs[0]["event_date"] == "2016-10-12", recs


@pytest.mark.parametrize(
    "text",
    [
        # "after" + an event noun: no clause of its own
        "KHARTOUM (AFP) - Rebels overran the town of Abu Karshola on Tuesday after two days of "
        "fighting with the army.",
        "KHARTOUM (AFP) - The brigade moved in and after heavy fighting with militiamen seized "
        "the bridge at Abu Karshola on Tuesday.",
    ],
)
def test_after_an_event_noun_is_no_clause(tmp_path, text):
    recs = _records(tmp_path, text)
    assert [r["sub_event_type"] for r in recs] == ["Non-state actor overtakes territory"], recs


# news23: the capture clause cut off keeps its subject as the actor of a main clause that
# names no perpetrator (the text blames the party it names)
def test_harm_after_a_capture_is_the_takers(tmp_path):
    text = ("MOSUL (Reuters) - Dozens of civilians were killed and 300 abducted in Tal Afar on "
            "Tuesday after Islamic State fighters took control of its western districts, "
            "residents said.")
    recs = _records(tmp_path, text, "2014-06-18")
    assert [r["sub_event_type"] for r in recs] == [
        "Abduction/forced disappearance", "Non-state actor overtakes territory"], recs
    assert recs[0]["actor1"] == recs[1]["actor1"] == "Islamic State", recs


def test_a_main_clause_that_names_its_actor_keeps_it(tmp_path):
    text = ("MOSUL (Reuters) - Soldiers shot dead 12 civilians in Tal Afar on Tuesday after "
            "Islamic State fighters took control of its western districts, residents said.")
    recs = _records(tmp_path, text, "2014-06-18")
    assert recs and recs[0]["sub_event_type"] == "Attack", recs
    assert recs[0]["actor1"] != "Islamic State", recs


def test_a_shelling_after_a_capture_is_not_the_takers(tmp_path):
    text = ("MOSUL (Reuters) - Tal Afar was shelled on Tuesday after Islamic State fighters "
            "took control of its western districts, residents said.")
    recs = _records(tmp_path, text, "2014-06-18")
    assert recs and recs[0]["sub_event_type"] == "Shelling/artillery/missile attack", recs
    assert recs[0]["actor1"] != "Islamic State", recs


def test_the_taken_are_no_taker(tmp_path):
    # "after X were driven out": X is no subject that took anything
    text = ("KHARKIV (AP) - Bodies of 50 civilians were found in Chuhuiv on Tuesday after "
            "Russian forces were driven out of the town.")
    recs = _records(tmp_path, text, "2022-09-14")
    assert all(r["actor1"] != "Military Forces of Russia" or r["sub_event_type"] not in (
        "Attack", "Other") for r in recs), recs
