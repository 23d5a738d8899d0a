"""News text in styles not probed before (session 9): monitoring copy, press releases, South
Asian and African press, war correspondents' copy. A leader's side told as "forces loyal to
<leader>", a state's "federal forces", "miscreants", "an Israeli drone"; a party "backed by"
another; "eliminated", burned huts, bomb loads, gunships firing missiles, a battle with
artillery; threats with words between the cue and "to", "no indications of casualties"; "a
woman and her two children", a constable killed, a boy shot dead. News items written for
these tests, run through the whole extractor."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import extract_items

DAY = "2021-10-18"  # a Monday
ITEMS = {
    "loyal_assad": "Forces loyal to President Bashar al-Assad shelled Douma on Saturday.",
    "loyal_haftar": "TRIPOLI (AFP) - Forces loyal to strongman Khalifa Haftar carried out a "
                    "drone strike on Mitiga airport in the Libyan capital on Saturday.",
    "loyal_not_leader": "Fighters loyal to Hadi al-Amiri attacked Tikrit on Saturday.",
    "federal": "Ethiopian federal forces summarily executed at least 12 civilians in the town "
               "of Debre Markos on Saturday, Human Rights Watch said.",
    "miscreants": "Unidentified miscreants gunned down a police constable on duty at a "
                  "checkpost in Dera Ismail Khan on Saturday evening, police said.",
    "eliminated": "In a joint operation, troops and J&K Police eliminated two terrorists in an "
                  "encounter at Kulgam on Saturday, a Defence spokesperson said.",
    "huts": "Armed bandits yesterday burned 40 huts and a health post in the village of Mugeba, "
            "Zambezia Province, Mozambique, the provincial military command reported.",
    "mob_burned": "Residents stoned and burned five suspected gang members to death in a "
                  "street in Petion-Ville, Haiti, on Saturday, witnesses said.",
    "bomb_load": "TOKYO (AP) -- American B-29 Superfortresses dropped 500 tons of bombs on the "
                 "railway yards at Wonsan, North Korea, yesterday.",
    "gunships": "MOGADISHU, Somalia (AP) -- U.S. helicopter gunships fired missiles at a "
                "compound of a warlord in south Mogadishu today.",
    "threat": "Al-Shabaab threatened in an audio message on Friday to attack Kenyan towns "
              "unless Kenyan troops leave Somalia.",
    "no_casualties": "TAMPA, Fla. - U.S. Central Command forces conducted a precision "
                     "airstrike in northwest Syria on Saturday that killed a senior Hurras "
                     "al-Din leader. There are no indications of civilian casualties.",
    "battled": "BEIRUT, Lebanon (AP) _ Christian militiamen and Druse gunmen battled with "
               "artillery and rockets in the Chouf mountains today, killing at least 14 people.",
    "backed": "Haitian police backed by Kenyan officers clashed with members of the Viv Ansanm "
              "gang coalition in Carrefour, Haiti, on Thursday, killing four gang members.",
    "drone": "An Israeli drone struck a car near Tyre, Lebanon, on Sunday.",
    "relatives": "A roadside bomb killed a woman and her two children in Kandahar city on "
                 "Saturday, police said.",
    "boy": "A Houthi sniper shot dead a 10-year-old boy in the Sala district of Taiz city on "
           "Sunday, local officials said.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    return extract_items(tmp_path_factory.mktemp("styles"), ITEMS, DAY)


def _parties(rec: dict[str, Any]) -> set[str | None]:
    return {rec["actor1"], rec["actor2"], rec["assoc_actor_1"], rec["assoc_actor_2"]}


def test_forces_loyal_to_a_leader_are_his_side(records) -> None:
    assert records["loyal_assad"][0]["actor1"] == "Military Forces of Syria"
    (rec,) = records["loyal_haftar"]
    assert (rec["sub_event_type"], rec["actor1"]) == ("Air/drone strike", "Libyan National Army")
    # a given name that is a leader's surname elsewhere does not name him
    assert all(r["actor1"] != "Military Forces of Yemen" for r in records["loyal_not_leader"])


def test_federal_forces_and_miscreants(records) -> None:
    (rec,) = records["federal"]
    assert rec["actor1"] == "Military Forces of Ethiopia"
    assert "Human Rights Watch" not in _parties(rec)
    (rec,) = records["miscreants"]
    assert rec["actor1"] == "Unidentified Armed Group (Pakistan)"
    assert rec["actor2"] == "Police Forces of Pakistan"
    assert rec["fatalities"] == 1  # "gunned down a police constable"


def test_verbs_of_press_releases_and_old_copy(records) -> None:
    (rec,) = records["eliminated"]
    assert (rec["sub_event_type"], rec["fatalities"]) == ("Armed clash", 2)
    rec = records["huts"][0]  # (a second record at "Zambezia Province": a place matter)
    assert rec["sub_event_type"] == "Looting/property destruction"
    assert rec["event_date"] == "2021-10-17"
    assert [r["sub_event_type"] for r in records["mob_burned"]] == ["Mob violence"]
    assert records["bomb_load"][0]["sub_event_type"] == "Air/drone strike"
    assert records["gunships"][0]["sub_event_type"] == "Air/drone strike"


def test_a_battle_with_heavy_weapons_is_a_clash(records) -> None:
    (rec,) = records["battled"]
    assert (rec["sub_event_type"], rec["fatalities"]) == ("Armed clash", 14)


def test_the_supported_party_acted_and_one_weapon_names_its_state(records) -> None:
    (rec,) = records["backed"]
    assert (rec["actor1"], rec["assoc_actor_1"]) == ("Police Forces of Haiti",
                                                     "Military Forces of Kenya")
    assert rec["actor2"] != "Military Forces of Kenya"
    assert records["drone"][0]["actor1"] == "Military Forces of Israel"


def test_threats_and_no_casualties_are_no_events(records) -> None:
    assert records["threat"] == []
    (rec,) = records["no_casualties"]
    assert (rec["sub_event_type"], rec["fatalities"]) == ("Air/drone strike", 1)


def test_victims_counted_and_typed(records) -> None:
    (rec,) = records["relatives"]
    assert (rec["fatalities"], rec["actor2"]) == (3, "Civilians")
    (rec,) = records["boy"]
    assert (rec["sub_event_type"], rec["actor2"], rec["fatalities"]) == ("Attack", "Civilians", 1)
