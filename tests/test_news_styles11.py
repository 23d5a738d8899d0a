"""News styles 11 (news20): a side driven out of a place is a change of territory, an act
meant by a helper ("to help the army retake") is a purpose, an armed group destroying shrines
is property destruction, an aircraft taking off is no capture. News items written for the
tests, each run through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_one


def _records(tmp_path, text: str, date: str) -> list[dict]:
    return extract_one(tmp_path, text, date)


def test_state_forces_drove_rebels_out_regain(tmp_path):
    text = ("KINSHASA (Reuters) - Government troops drove rebels out of the eastern town of "
            "Walikale on Sunday after two days of fighting, the army said.")
    recs = _records(tmp_path, text, "2009-03-02")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"], recs
    assert recs[0]["event_date"] == "2009-03-01", recs


@pytest.mark.parametrize(
    "text",
    [
        "MOGADISHU (AFP) - Al Shabaab fighters pushed government forces out of the town of "
        "Bulo Burde on Tuesday, residents said.",
        "BAMAKO (AP) -- Islamist fighters expelled Tuareg rebels from the northern town of "
        "Ansongo on Thursday, witnesses said.",
    ],
)
def test_non_state_side_drove_another_out(tmp_path, text):
    recs = _records(tmp_path, text, "2012-06-29")
    assert [r["sub_event_type"] for r in recs] == ["Non-state actor overtakes territory"], recs


def test_driven_out_passive_names_the_taker(tmp_path):
    text = ("KAMPALA (Reuter) - Rebels were driven out of Kitgum on Friday by army units, a "
            "military spokesman said.")
    recs = _records(tmp_path, text, "1996-05-11")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"], recs


@pytest.mark.parametrize(
    "text",
    [
        # the subject moved: no one was driven out
        "GOMA (Reuters) - A UN convoy drove out of the base at Rutshuru on Monday and reached "
        "Goma in the evening, a spokesman said.",
        # diplomacy, not territory
        "MOSCOW (Reuters) - Russia expelled two British diplomats from the country on Monday, "
        "the foreign ministry said.",
        "HARARE (AP) -- The ruling party expelled the vice president from its ranks on Monday.",
    ],
)
def test_driving_and_expelling_with_no_territory(tmp_path, text):
    assert _records(tmp_path, text, "2018-03-19") == []


def test_pushed_back_an_assault_is_no_capture(tmp_path):
    text = ("ALEPPO (AFP) - Rebels pushed back an army assault on the district of Salaheddine "
            "on Tuesday, activists said.")
    recs = _records(tmp_path, text, "2012-08-08")
    assert recs and all(r["sub_event_type"] == "Armed clash" for r in recs), recs


def test_capture_a_force_is_sent_to_help_with_is_a_purpose(tmp_path):
    text = ("NAIROBI (AFP) - Kenya deployed troops on Monday to help Somali forces capture the "
            "port of Kismayo, officials said.")
    recs = _records(tmp_path, text, "2011-10-17")
    assert not any(r["event_type"] == "Battles" for r in recs), recs


def test_help_told_in_the_past_is_an_event(tmp_path):
    text = ("BAGHDAD (AP) -- US aircraft helped Iraqi troops retake the town of Hit on "
            "Tuesday, officials said.")
    recs = _records(tmp_path, text, "2016-04-13")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"], recs


@pytest.mark.parametrize(
    "text",
    [
        "TIMBUKTU (AFP) - Islamist fighters destroyed three ancient mausoleums in Timbuktu on "
        "Saturday, witnesses said.",
        "MOSUL (Reuters) - Militants destroyed two churches in the city of Mosul on Tuesday, "
        "residents said.",
        "TRIPOLI (AP) -- Armed Islamists bulldozed a Sufi shrine in central Tripoli on "
        "Saturday, witnesses said.",
    ],
)
def test_armed_group_destroying_sites_is_property_destruction(tmp_path, text):
    recs = _records(tmp_path, text, "2012-07-01")
    assert [r["sub_event_type"] for r in recs] == ["Looting/property destruction"], recs


def test_shelling_that_destroyed_a_church_stays_shelling(tmp_path):
    text = ("DONETSK (Reuters) - Shelling destroyed a church in Donetsk on Monday, officials "
            "said.")
    recs = _records(tmp_path, text, "2015-01-20")
    assert [r["sub_event_type"] for r in recs] == ["Shelling/artillery/missile attack"], recs


def test_destroyed_without_a_site_is_no_property_destruction(tmp_path):
    text = ("ALEPPO (AFP) - Rebels destroyed three army tanks near Aleppo on Monday, activists "
            "said.")
    recs = _records(tmp_path, text, "2013-01-15")
    assert not any(r["sub_event_type"] == "Looting/property destruction" for r in recs), recs


def test_aircraft_taking_off_is_no_capture(tmp_path):
    text = ("TRIPOLI (Reuters) - The warplanes had taken off from the Wutiya airbase before "
            "striking the town of Gharyan on Sunday, a spokesman said.")
    recs = _records(tmp_path, text, "2019-07-01")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"], recs


# news21: people named by nationality, ethnicity or sect, driven out, are an expulsion of
# people, not a side taking a place from another (GUIDELINES: a change of territory is an
# armed side taking a place from another)
@pytest.mark.parametrize(
    "text",
    [
        "BAGHDAD (Reuters) - Militiamen pushed Sunnis out of two districts of the capital "
        "last month, residents said on Monday.",
        "SARAJEVO (AP) -- About 40,000 Croats were expelled from the valley during the war, "
        "a report said on Tuesday.",
        "BELGRADE (AFP) - Police drove hundreds of Albanians out of the village on Friday, "
        "witnesses said.",
    ],
)
def test_a_people_driven_out_is_no_capture(tmp_path, text):
    recs = _records(tmp_path, text, "2007-05-14")
    assert not [r for r in recs if "territory" in r["sub_event_type"]], recs


def test_the_army_named_by_its_people_driven_out_is_a_capture(tmp_path):
    text = ("KYIV (Reuters) - Ukrainian troops pushed the Russians out of the village of "
            "Dovhenke on Sunday, the general staff said.")
    recs = _records(tmp_path, text, "2022-09-26")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"], recs
