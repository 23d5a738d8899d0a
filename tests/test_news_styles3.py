"""News text in styles probed in session 10: protests named by their form ("marched
peacefully", "a human chain", a hartal), Basque and Latin American armed groups (ETA, rival
gangs that are separate actors), a withdrawal told with the accord it follows, a battle for
control fought with heavy weapons, a bomb found and made safe, a threat to "carry out" attacks,
killings of police on duty, "federal forces", named rocket systems. News items written for
these tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "2021-10-18"  # a Monday
ITEMS = {
    "marched": "Thousands of nurses marched peacefully through central Accra on Saturday to "
               "demand better pay, witnesses said.",
    "human_chain": "Lawyers formed a human chain outside the district court in Peshawar on "
                   "Saturday to demand the release of a colleague.",
    "hartal": "Shops and businesses remained shut in Anantnag town on Saturday as traders "
              "observed a hartal against the arrest of a local trader.",
    "eta": "BILBAO, Spain (Reuter) - A car bomb planted by the Basque separatist group ETA "
           "killed two Civil Guards in the town of Vitoria on Saturday, police said.",
    "eta_gunmen": "ETA gunmen shot and killed a town councillor in a cafe in Hernani on "
                  "Saturday, police said.",
    "gangs": "Inmates of the Los Choneros and Los Lobos gangs fought with knives and guns in "
             "the prison of Latacunga on Saturday, killing six prisoners, officials said.",
    "accord": "Rebel fighters withdrew from the town of Kidal on Saturday and handed it over "
              "to the army under the peace accord, a UN spokesman said.",
    "fought_for_control": "Rival militias fought for control of the port of Zawiya on "
                          "Saturday, both sides using mortars and anti-aircraft guns, "
                          "residents said.",
    "found_made_safe": "A pipe bomb was found under a car in Lurgan on Saturday evening and "
                       "was later made safe by army technical officers, police said.",
    "threat_carry_out": "Boko Haram threatened in a video on Saturday to carry out more "
                        "suicide bombings in Maiduguri.",
    "police_on_duty": "Gunmen shot dead three police officers at a checkpoint outside Zinder "
                      "on Saturday night, the interior ministry said.",
    "off_duty": "Gunmen shot dead an off-duty soldier outside his home in Kaduna on Saturday, "
                "police said.",
    "federal": "Federal forces shelled rebel positions in the south of Grozny on Saturday, "
               "residents said.",
    "orkan": "Rebel Serbs fired Orkan rockets into the centre of Karlovac on Saturday, killing "
             "two people, hospital officials said.",
    "after_march": "Hooded youths set fire to two buses and a bank in Bilbao on Saturday night "
                   "after a banned march, police said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles3"), ITEMS, DAY)


def _parties(rec: dict[str, Any]) -> set[str | None]:
    return {rec["actor1"], rec["actor2"], rec["assoc_actor_1"], rec["assoc_actor_2"]}


@pytest.mark.parametrize("key", ["marched", "human_chain", "hartal"])
def test_protest_forms(records: dict[str, list[dict[str, Any]]], key: str) -> None:
    recs = records[key]
    assert recs, key
    assert recs[0]["sub_event_type"] == "Peaceful protest"
    assert recs[0]["event_date"] == "2021-10-16"
    assert recs[0]["actor1"] == "Protesters"


def test_eta_named(records: dict[str, list[dict[str, Any]]]) -> None:
    bomb = records["eta"][0]
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    assert "Euskadi Ta Askatasuna (ETA)" in _parties(bomb)
    assert bomb["country"] == "Spain"
    assert bomb["fatalities"] == 2
    shot = records["eta_gunmen"][0]
    assert shot["sub_event_type"] == "Attack"
    assert shot["actor1"] == "Euskadi Ta Askatasuna (ETA)"
    assert shot["actor2"] == "Civilians"


def test_rival_gangs_two_parties(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["gangs"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert {rec["actor1"], rec["actor2"]} == {"Los Choneros", "Los Lobos"}
    assert rec["fatalities"] == 6


def test_fought_for_control_with_mortars(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["fought_for_control"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert rec["event_date"] == "2021-10-16"


def test_withdrawal_under_accord(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["accord"][0]
    assert rec["sub_event_type"] == "Non-violent transfer of territory"
    assert rec["event_date"] == "2021-10-16"


def test_bomb_found_and_made_safe(records: dict[str, list[dict[str, Any]]]) -> None:
    recs = records["found_made_safe"]
    assert [r["sub_event_type"] for r in recs] == ["Disrupted weapons use"]
    assert recs[0]["event_date"] == "2021-10-16"


def test_threat_to_carry_out(records: dict[str, list[dict[str, Any]]]) -> None:
    assert records["threat_carry_out"] == []


def test_police_on_duty_killed(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["police_on_duty"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert rec["fatalities"] == 3
    assert "Police Forces of Niger" in _parties(rec)
    off = records["off_duty"][0]
    assert off["sub_event_type"] == "Attack"


def test_federal_forces(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["federal"][0]
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert "Military Forces of Russia" in _parties(rec)


def test_named_rocket_system(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["orkan"][0]
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rec["fatalities"] == 2


def test_fire_after_a_march_is_a_riot(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["after_march"][0]
    assert rec["sub_event_type"] == "Violent demonstration"
    assert rec["event_date"] == "2021-10-16"
