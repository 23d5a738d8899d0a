"""Actors as news and wire copy name them (session 17, actors25). Items written for these
tests (real places and groups, invented incidents), run through the whole extractor or read
by the actor context:

- a group named as the text names it: a cover name (the UFF), an era's name (the Janjaweed,
  before the RSF), an armed wing (the TPNPB), a member noun after it ("Viet Cong commandos"),
  an English name of a Spanish-named group ("Gulf Clan");
- a state's forces named as wire copy of the time named them ("Chinese Communist troops",
  "the armed forces of the Democratic Republic of Afghanistan"), by a border guard, or as the
  target through its base ("a Syrian air base");
- a news item's dateline country is the document's country;
- bare "police" take the event's country when the text names none (not the home country of
  the group it names): a state's police work at home;
- a party told only as the source (", the U.S. military said") is no party of the event.
"""

from __future__ import annotations

import pytest

from conftest import extract_items
from warlog.actors.resolve import ActorContext


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    items = {
        "viet_cong": "Viet Cong commandos blew up a fuel depot outside Da Nang on 12 May 1967, "
                     "killing four American guards.",
        "tupac": "Tupac Amaru guerrillas bombed a bank branch in Huancayo on 3 June 1990, "
                 "wounding two guards.",
        "uff": "Gunmen of the Ulster Freedom Fighters shot dead a taxi driver in north Belfast "
               "on 4 March 1992.",
        "janjaweed": "Janjaweed militiamen on camels burned a village near Geneina on 10 February "
                     "2004, killing 12 villagers.",
        "police_home": "Police in Wajir arrested two suspected al-Shabaab couriers on 4 May 2023.",
        "source": "A Houthi drone struck a Liberian-flagged tanker in the Red Sea on 2 March 2024, "
                  "wounding two sailors, the U.S. military said.",
        "air_base": "Israeli jets fired missiles at a Syrian air base near Palmyra on 7 April "
                    "2017.",
    }
    return {k: v[0] for k, v in extract_items(tmp_path_factory.mktemp("a25"), items).items()}


def _parties(rec: dict) -> set[str]:
    return {rec[k] for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2") if rec.get(k)}


@pytest.mark.parametrize(("key", "actor1"), [
    ("viet_cong", "Viet Cong"),  # "commandos" joins the group, no state's commandos
    ("tupac", "Tupac Amaru Revolutionary Movement (MRTA)"),
    ("uff", "Ulster Freedom Fighters (UFF)"),
    ("janjaweed", "Janjaweed"),
])
def test_a_group_is_named_as_the_text_names_it(records, key: str, actor1: str):
    assert records[key]["actor1"] == actor1


def test_bare_police_are_the_events_countrys_not_the_groups_home(records):
    rec = records["police_home"]
    assert rec["country"] == "Kenya"
    assert rec["actor1"] == "Police Forces of Kenya"


def test_a_source_is_no_party(records):
    rec = records["source"]
    assert rec["actor1"] == "Houthis"
    assert not {"US-led Coalition", "Military Forces of the United States"} & _parties(rec)


def test_a_states_base_names_the_state_as_target(records):
    rec = records["air_base"]
    assert rec["actor1"] == "Military Forces of Israel"
    assert rec["actor2"] == "Military Forces of Syria"


@pytest.mark.parametrize(("text", "name"), [
    # (with another state named: "troops" alone would be the most-named state's)
    ("Chinese Communist troops attacked American positions at dawn.", "Military Forces of China"),
    ("Gulf Clan gunmen killed a soldier near Turbo.", "Clan del Golfo (Gulf Clan)"),
    ("ISWAP fighters overran a base near Monguno.", "Islamic State West Africa Province (ISWAP)"),
    ("TPNPB fighters shot a construction worker in Nduga.",
     "West Papua National Liberation Army (TPNPB)"),
    ("Tajik gunmen ambushed a Russian border guard convoy.", "Military Forces of Russia"),
])
def test_names_of_wire_copy(text: str, name: str):
    ctx = ActorContext.from_text(text)
    assert name in {m.name for m in ctx.find(text)}


def test_a_datelines_country_is_the_documents():
    text = "Gunmen ambushed an army patrol on Monday, killing three soldiers."
    assert ActorContext.from_text(text).country is None
    ctx = ActorContext.from_text(text, {"dateline": {"city": "Ziguinchor", "region": "Senegal"}})
    assert ctx.country == "Senegal"
    assert "Military Forces of Senegal" in {m.name for m in ctx.find(text)}


def test_a_party_told_as_the_source_is_no_belligerent():
    text = "Rebels shelled the port, the U.S. military said."
    assert "US-led Coalition" not in ActorContext.from_text(text).counts


def test_a_speaker_whose_words_go_back_to_it_is_also_the_doer():
    text = "On 3 March, the Turkish military stated that it destroyed a PKK depot near Metina."
    ctx = ActorContext.from_text(text)
    kept = {m.name for m in ctx.drop_sources(ctx.find(text), text)}
    assert "Military Forces of Turkey" in kept
    assert ctx.counts["Military Forces of Turkey"] > 0


@pytest.fixture(scope="module")
def wire_records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    items = {
        "backed": "Somali government forces backed by local clan militias recaptured the town of "
                  "Qoryoley from al-Shabaab on 9 March 2022.",
        "death_squads": "Rightist death squads killed four union leaders in Santa Ana on "
                        "12 May 1981.",
        "tamil": "Tamil separatists attacked a police station near Vavuniya on 9 June 1990, "
                 "killing six policemen.",
    }
    return {k: v[0] for k, v in extract_items(tmp_path_factory.mktemp("a25w"), items).items()}


def test_state_forces_backed_by_local_militias_act_with_the_militias_associated(wire_records):
    rec = wire_records["backed"]
    assert (rec["actor1"], rec["actor2"]) == ("Military Forces of Somalia", "Al-Shabaab")
    assert rec["assoc_actor_1"] == "Tribal militias"


def test_death_squads_are_an_armed_party(wire_records):
    # (named by the country the event is placed in)
    assert wire_records["death_squads"]["actor1"].startswith("Unidentified Armed Group (")


def test_tamil_separatists_are_the_tigers(wire_records):
    rec = wire_records["tamil"]
    assert rec["actor1"] == "Liberation Tigers of Tamil Eelam (LTTE)"


def test_islamic_fundamentalists_are_a_party():
    text = "Islamic fundamentalists attacked a police post near Medea."
    names = [m.name for m in ActorContext.from_text(text).find(text)]
    assert names[0] == "Unidentified armed group"


@pytest.mark.parametrize(("text", "name"), [
    ("Rhodesian troops killed nine guerrillas near Mutare.", "Military Forces of Zimbabwe"),
    ("Yugoslav army jets bombed the old town of Dubrovnik.", "Military Forces of Yugoslavia"),
    ("Zairean soldiers looted shops in Bukavu.",
     "Military Forces of the Democratic Republic of Congo"),
    ("Kampuchean troops shelled a Thai border village.", "Military Forces of Cambodia"),
])
def test_a_state_named_as_it_was_then(text: str, name: str):
    assert [m.name for m in ActorContext.from_text(text).find(text)][0] == name


@pytest.mark.parametrize(("region", "country"), [
    ("Ceylon", "Sri Lanka"), ("Dahomey", "Benin"), ("Upper Volta", "Burkina Faso"),
    ("Rhodesia", "Zimbabwe"),
])
def test_a_dateline_of_a_former_name_gives_the_country(region: str, country: str):
    text = "Rebels ambushed an army convoy on Monday, killing six soldiers."
    assert ActorContext.from_text(text, {"dateline": {"region": region}}).country == country

