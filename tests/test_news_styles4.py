"""News text in styles probed in session 11: a release of people abducted earlier (the
participle tells the earlier abduction), foreign and national troops retaking a town (the
country's own forces, whichever way its name is spelt), a trend told in the present perfect
before the event ("has stepped up its offensive. On Saturday its jets ..."),
rocket-propelled grenades that are no hand grenades, aircraft that strafed, a line blown up,
weapon systems that are no parties, the junta's and the Sandinista army's forces, gunboats,
killings "shot to death <count>", a market called a bazaar. News items written for these
tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "2021-10-18"  # a Monday
ITEMS = {
    "released": "Gunmen on Saturday released 14 farmers abducted two weeks ago from a village "
                "in Katsina State, police said.",
    "rescued": "Soldiers rescued nine travellers kidnapped on a highway near Kaduna on "
               "Saturday, an army spokesman said.",
    "rescue_fight": "Soldiers freed 20 traders kidnapped on Tuesday after a firefight with "
                    "bandits near Birnin Gwari on Saturday, the army said.",
    "freed_and_abducted": "Bandits freed six hostages and abducted eleven more villagers near "
                          "Gusau on Saturday, residents said.",
    "joint_retook": "Chadian and Nigerian troops retook the town of Damasak from Boko Haram "
                    "fighters on Saturday, a military spokesman said.",
    "national_retook": "Congolese troops recaptured the town of Rutshuru from the rebels on "
                       "Saturday, the army said.",
    "trend_then_act": "The Sudanese army has intensified its offensive in Darfur. On Saturday "
                      "its jets bombed RSF positions near Nyala, killing 20 fighters, "
                      "residents said.",
    "rpg": "Gunmen fired rocket-propelled grenades at an army convoy near Baidoa on Saturday, "
           "killing three soldiers, officials said.",
    "strafed": "Government helicopters strafed rebel positions near Ayacucho on Saturday, "
               "residents said.",
    "blowing_up": "Guerrillas sabotaged the oil pipeline near Arauca on Saturday, blowing up "
                  "a section of it, the company said.",
    "weapon_name": "Separatist forces fired Uragan rocket launchers at Kramatorsk on "
                   "Saturday, killing four people, officials said.",
    "junta": "Junta troops torched 200 houses in a village near Monywa on Saturday, residents "
             "said.",
    "sandinista": "MANAGUA, Nicaragua (AP) - Sandinista troops clashed with Contra rebels "
                  "near Esteli on Saturday, the Defense Ministry said.",
    "gunboats": "Israeli gunboats shelled the coast road near Tyre on Saturday, killing two "
                "people, police said.",
    "shot_to_death": "Militants shot to death 12 bus passengers near Ludhiana on Saturday, "
                     "police said.",
    "cylinder_bomb": "Police defused a bomb hidden in a gas cylinder outside a school in Yala "
                     "on Saturday, a bomb squad officer said.",
    "cylinder_accident": "A gas cylinder exploded in a tea shop in Yala on Saturday, injuring "
                         "four customers, police said.",
    "bazaar": "Gunmen opened fire in a crowded bazaar in Peshawar on Saturday, killing five "
              "people, police said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles4"), ITEMS, DAY)


def _parties(rec: dict[str, Any]) -> set[str | None]:
    return {rec["actor1"], rec["actor2"], rec["assoc_actor_1"], rec["assoc_actor_2"]}


@pytest.mark.parametrize("key", ["released", "rescued"])
def test_release_of_people_abducted_earlier(records: dict[str, list[dict[str, Any]]],
                                            key: str) -> None:
    recs = records[key]
    assert recs, key
    assert [r["sub_event_type"] for r in recs] == ["Other"]
    assert recs[0]["event_date"] == "2021-10-16"


def test_rescue_in_a_fight_dated_by_the_fight(records: dict[str, list[dict[str, Any]]]) -> None:
    # "kidnapped on Tuesday" dates the earlier abduction, not the firefight
    rec = records["rescue_fight"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert rec["event_date"] == "2021-10-16"


def test_freed_and_abducted_is_a_new_abduction(records: dict[str, list[dict[str, Any]]]) -> None:
    subs = {r["sub_event_type"] for r in records["freed_and_abducted"]}
    assert "Abduction/forced disappearance" in subs


def test_foreign_and_national_troops_retake(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["joint_retook"][0]
    assert rec["sub_event_type"] == "Government regains territory"
    assert rec["country"] == "Nigeria"


def test_national_troops_retake_any_spelling(records: dict[str, list[dict[str, Any]]]) -> None:
    # actors.yaml's "Democratic Republic of Congo" and the gazetteer's "... of the Congo"
    rec = records["national_retook"][0]
    assert rec["sub_event_type"] == "Government regains territory"
    assert rec["actor1"] == "Military Forces of the Democratic Republic of Congo"


def test_trend_then_act(records: dict[str, list[dict[str, Any]]]) -> None:
    recs = records["trend_then_act"]
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]
    assert recs[0]["actor1"] == "Military Forces of Sudan"
    assert recs[0]["event_date"] == "2021-10-16"
    assert recs[0]["fatalities"] == 20


def test_rocket_propelled_grenades_are_no_grenade(
        records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["rpg"][0]
    assert rec["sub_event_type"] == "Armed clash"
    assert rec["fatalities"] == 3


def test_strafed_is_an_air_strike(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["strafed"][0]
    assert rec["sub_event_type"] == "Air/drone strike"
    assert rec["actor1"] == "Military Forces of Peru"


def test_blowing_up_a_line(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["blowing_up"][0]
    assert rec["sub_event_type"] == "Remote explosive/landmine/IED"


def test_weapon_system_is_no_party(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["weapon_name"][0]
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert not any(p and "Uragan" in p for p in _parties(rec))


def test_state_forces_named_by_regime(records: dict[str, list[dict[str, Any]]]) -> None:
    junta = records["junta"][0]
    assert junta["sub_event_type"] == "Looting/property destruction"
    assert junta["actor1"] == "Military Forces of Myanmar"
    sandinista = records["sandinista"][0]
    assert sandinista["sub_event_type"] == "Armed clash"
    assert "Military Forces of Nicaragua" in _parties(sandinista)
    assert "Contras" in _parties(sandinista)
    boats = records["gunboats"][0]
    assert boats["sub_event_type"] == "Shelling/artillery/missile attack"
    assert boats["actor1"] == "Military Forces of Israel"


def test_shot_to_death_count(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["shot_to_death"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["fatalities"] == 12


def test_firing_into_a_bazaar_is_an_attack(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["bazaar"][0]
    assert rec["sub_event_type"] == "Attack"
    assert rec["fatalities"] == 5


def test_bomb_in_a_gas_cylinder(records: dict[str, list[dict[str, Any]]]) -> None:
    rec = records["cylinder_bomb"][0]
    assert rec["sub_event_type"] == "Disrupted weapons use"
    assert rec["event_date"] == "2021-10-16"
    assert records["cylinder_accident"] == []
