"""Shoot-downs (news22): a MANNED aircraft shot down is an Armed clash between the shooter and
the aircraft's side (GUIDELINES: "they had shot down a helicopter" is a fight), a missile,
rocket or drone shot down is Disrupted weapons use ("a missile or drone intercepted or shot
down"), whatever other trigger the clause holds. News items written for the tests, each run
through the whole extractor."""

from __future__ import annotations

import pytest

from conftest import extract_one


def _types(tmp_path, text: str, day: str = "2019-03-14") -> list[str]:
    return [r["sub_event_type"] for r in extract_one(tmp_path, text, day)]


@pytest.mark.parametrize(
    "text",
    [
        # the aircraft named by a weapon trigger ("warplane", "fighter jet") is no air strike
        "ASMARA (Reuters) - Eritrean jets shot down an Ethiopian warplane near Zalambessa on "
        "Tuesday, the information ministry said.",
        "KIDAL (AFP) - Tuareg rebels shot down a Malian army fighter jet near Anefis on "
        "Tuesday, a rebel spokesman said.",
        # the passive: the subject is what fell
        "KHARTOUM (Reuters) - A Sudanese army Antonov was shot down by rebels near Kadugli on "
        "Tuesday, the rebels said.",
        # a type designation read by its prefix
        "DONETSK (AP) -- Separatists brought down a Ukrainian Su-25 attack jet near Horlivka "
        "on Tuesday.",
        "BAMAKO (AFP) - Rebels shot down a Mi-24 helicopter gunship near Tessalit on Tuesday.",
    ],
)
def test_manned_aircraft_shot_down_is_a_clash(tmp_path, text):
    assert _types(tmp_path, text)[:1] == ["Armed clash"], text


@pytest.mark.parametrize(
    "text",
    [
        "BELGOROD (Reuters) - Russian air defences shot down two Ukrainian drones over the city "
        "on Tuesday, the governor said.",
        "ADEN (AFP) - Coalition warships shot down two Houthi cruise missiles off Mokha on "
        "Tuesday, the coalition said.",
        # the passive's agent ("by a U.S. F-15E") is the shooter, not what fell
        "ERBIL (Reuters) - A drone was reported shot down by a U.S. F-15E near Makhmour on "
        "Tuesday, officials said.",
        "SANAA (Reuters) - The Houthis said on Tuesday they had shot down an MQ-9 Reaper over "
        "Marib province.",
        # the pronoun goes back to the rocket told before in the sentence
        "NAHARIYA (AP) -- A rocket was fired at the town on Tuesday, but it was shot down.",
    ],
)
def test_missile_or_drone_shot_down_is_disrupted(tmp_path, text):
    assert _types(tmp_path, text)[:1] == ["Disrupted weapons use"], text


def test_bombing_clause_stays_a_strike_beside_a_shoot_down(tmp_path):
    text = ("KABUL (Reuters) - Government warplanes bombed Taliban positions in Musa Qala on "
            "Tuesday, and the Taliban said they shot down one of the jets.")
    assert _types(tmp_path, text)[:1] == ["Air/drone strike"]


def test_the_aircraft_side_is_named_through_its_type(tmp_path):
    text = ("YEREVAN (Reuter) - Armenian gunners shot down an Azerbaijani MiG-25 warplane "
            "near Agdam on Tuesday, the enclave's defence committee said.")
    recs = extract_one(tmp_path, text, "1992-04-15")
    assert recs and recs[0]["sub_event_type"] == "Armed clash", recs
    assert "Military Forces of Azerbaijan" in (recs[0]["actor1"], recs[0]["actor2"]), recs


def test_kinds_of_aircraft():
    from warlog.events.classify import typing_rules

    shoot = typing_rules().shoot_down
    assert [shoot.kind(w) for w in ("su-24m", "mig-21", "f-16", "mi-8", "warplane")] == [
        "manned"] * 5
    assert [shoot.kind(w) for w in ("mq-9", "drone", "missiles", "uav")] == ["unmanned"] * 4
    assert [shoot.kind(w) for w in ("aircraft", "fighters", "village", "m-16")] == [None] * 4
    assert shoot.told("rebels said they shot down a warplane") == "manned"
    assert shoot.told("a drone was reportedly shot down by a jet") == "unmanned"
    assert shoot.told("troops shot two civilians") is None


# news23: harm done by what was shot down, "downed" with an aircraft, the aircraft's side
@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # GUIDELINES: Disrupted weapons use is an attack PREVENTED; debris that kills did harm
        ("ODESA (Reuters) - A Russian missile was shot down over Odesa on Tuesday, its debris "
         "hitting a house and killing one person, the governor said.",
         "Shelling/artillery/missile attack"),
        ("ODESA (Reuters) - A Russian drone was shot down over Odesa on Tuesday, with its "
         "fragments damaging a school and wounding two people.", "Air/drone strike"),
    ],
)
def test_what_was_shot_down_still_did_harm(tmp_path, text, sub):
    recs = extract_one(tmp_path, text, "2023-05-10")
    assert [r["sub_event_type"] for r in recs][:1] == [sub], recs
    assert recs[0]["actor1"] == "Military Forces of Russia", recs


def test_shot_down_with_no_harm_stays_disrupted(tmp_path):
    text = ("ODESA (Reuters) - Ukrainian air defences shot down a Russian Kh-101 cruise missile "
            "over Odesa on Tuesday, the air force said.")
    assert _types(tmp_path, text) == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("SANAA (Reuters) - The Houthis said on Tuesday they had downed an MQ-9 Reaper over "
         "Marib.", ["Disrupted weapons use"]),
        ("IDLIB (Reuters) - Rebels downed a government helicopter near Saraqeb on Tuesday.",
         ["Armed clash"]),
        # no aircraft fell
        ("MOMBASA (Reuters) - Dock workers downed tools in Mombasa on Tuesday over unpaid "
         "wages.", []),
        ("MARIB (Reuters) - Heavy winds downed power lines in Marib on Tuesday.", []),
    ],
)
def test_downed_needs_an_aircraft(tmp_path, text, types):
    assert _types(tmp_path, text) == types


def test_a_type_designation_names_the_state(tmp_path):
    text = ("ANKARA (Reuters) - Turkish F-16s shot down a Russian Su-24 near the Syrian border "
            "on Tuesday, the army said.")
    recs = extract_one(tmp_path, text, "2015-11-25")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in recs] == [
        ("Armed clash", "Military Forces of Turkey", "Military Forces of Russia")], recs


def test_the_shooter_named_by_its_air_defence(tmp_path):
    # the passive's agent is the side's air defence, written with a hyphen
    text = ("KHARKIV (AP) - Two Russian helicopters were shot down over Chuhuiv on Tuesday by "
            "a Ukrainian air-defense unit.")
    recs = extract_one(tmp_path, text, "2022-05-10")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"]) for r in recs] == [
        ("Armed clash", "Military Forces of Ukraine", "Military Forces of Russia")], recs
