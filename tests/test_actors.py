"""Actor dictionary and actor resolution, on real corpus sentences.

Snippets come from the corpus (Wikipedia text, CC BY-SA); the two documents are in
``tests/fixtures/actors/``. The dictionary is not tested against the evaluation kit's alias
table: it holds public names of the actors, the kit's scorer maps names on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.actors.dictionary import ActorIndex, is_generic
from warlog.actors.normalize import fold
from warlog.actors.resolve import ActorContext
from warlog.actors.unknown import unknown_candidates
from warlog.ingest.reader import read_path
from warlog.model import ActorMention

FIXTURES = Path(__file__).parent / "fixtures" / "actors"

# seeds/003 (Deir ez-Zor offensive 2024)
S003_AMBUSH = (
    "On 23 November, ISIS cells ambushed a Syrian Arab Army (SAA) position in Al-Bushri "
    "desert, killing a lieutenant and soldier."
)
S003_STRIKE = (
    "Two days later, a United States Air Force strike on Iranian-aligned militia compounds in "
    "Al-Qoriya Desert, Deir ez-Zor Governorate, killed five militia troops."
)
S003_RUSSIA = (
    "In response, Russian air forces executed multiple precision strikes against ISIS desert "
    "positions on 27 November 2024."
)
S003_SDF = (
    "The Syrian Democratic Forces (SDF), supported by the US-led CJTF–OIR coalition, launched "
    "an offensive on pro-government forces in the eastern Deir ez-Zor region."
)
# 2014 Idlib offensive
IDLIB_NUSRA = (
    "On 27 October, Al-Nusra stormed government positions around Idlib in an attempt to cut "
    "the supply lines to the city."
)
IDLIB_REBELS = "On 24 May, according to the SOHR, rebels launched an offensive towards Hish."
# Battle of Soledar
SOLEDAR = (
    "During the eastern Ukraine campaign in the 2022 Russian invasion of Ukraine, Russian and "
    "separatist forces set their sights on seizing the Donbas region."
)
SOLEDAR_SHELLING = "On 1 June, Russian shelling killed one person and wounded two others."
# Battle of Tabqa
TABQA = (
    "Five hundred SDF fighters and additional US soldiers of the CJTF–OIR were airlifted by US "
    "V-22 Osprey helicopters across the Euphrates river."
)
# Operation Olive Branch
OLIVE = "Turkish-backed rebels captured the village after clashes with the YPG."


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def names(mentions: list[ActorMention]) -> list[str]:
    return [m.name for m in mentions]


def syrian_context(index: ActorIndex) -> ActorContext:
    text = " ".join([S003_AMBUSH, S003_RUSSIA, IDLIB_REBELS, "ISIL fighters attacked the base."])
    return ActorContext.from_text(text, {"place": "Deir ez-Zor Governorate, Syria"}, index)


# ---------------------------------------------------------------- dictionary
def test_finds_groups_and_state_forces_with_offsets(index: ActorIndex) -> None:
    ms = index.find(S003_AMBUSH, offset=1000)
    assert names(ms) == [
        "Islamic State",
        "Military Forces of Syria",
        "Military Forces of Syria",
        "?state",
    ]
    assert [m.text for m in ms] == ["ISIS cells", "Syrian Arab Army", "SAA", "soldier"]
    for m in ms:
        assert S003_AMBUSH[m.start - 1000 : m.end - 1000] == m.text
    assert ms[0].inter == 2 and ms[1].inter == 1 and ms[1].country == "Syria"


def test_actors_json_aliases_as_the_scorer_maps_them(index: ActorIndex) -> None:
    ms = index.find(S003_STRIKE)
    assert names(ms) == ["US-led Coalition", "Iranian-backed militias", "?militia"]
    assert [m.text for m in ms][:2] == ["United States Air Force", "Iranian-aligned militia"]
    assert names(index.find(S003_RUSSIA)) == ["Military Forces of Russia", "Islamic State"]
    assert index.find(S003_RUSSIA)[0].text == "Russian air forces"


def test_short_acronyms_only_match_in_capitals(index: ActorIndex) -> None:
    text = "The IS militants said the town is lost, and it is us who hold it, said US officials."
    ms = index.find(text)
    assert [(m.text, m.name) for m in ms] == [
        ("IS militants", "Islamic State"),
        ("US", "US-led Coalition"),
    ]


def test_longest_match_and_curly_marks(index: ActorIndex) -> None:
    text = (
        "The Free Syrian Army fought the Islamic State of Iraq and the Levant and "
        "Hay’at Tahrir al‑Sham."
    )
    ms = index.find(text)
    assert names(ms) == ["Free Syrian Army", "Islamic State", "Hay'at Tahrir al-Sham"]
    assert ms[2].text == "Hay’at Tahrir al‑Sham"


def test_proper_names_need_their_capitals(index: ActorIndex) -> None:
    assert index.find("the southern front of the city held") == []
    assert names(index.find("The Southern Front attacked Daraa.")) == ["Free Syrian Army"]


def test_country_names_are_actors_only_when_not_places(index: ActorIndex) -> None:
    assert names(index.find("Russia launched missile strikes.")) == ["Military Forces of Russia"]
    assert index.find("Fighting continued in northern Syria and across Iraq.") == []
    assert index.find("The Iraq War began in 2003.") == []
    assert names(index.find("Recaptured by 🇺🇦 19 June 2014.")) == ["Military Forces of Ukraine"]


def test_nationality_adjectives(index: ActorIndex) -> None:
    ms = index.find(SOLEDAR_SHELLING)
    assert [(m.text, m.name) for m in ms] == [("Russian", "Military Forces of Russia")]
    ms = index.find(SOLEDAR)  # "2022 Russian invasion", then the coordination
    assert [(m.text, m.name) for m in ms][1:] == [
        ("Russian", "Military Forces of Russia"),
        ("separatist forces", "?separatist"),
    ]


def test_backers_are_not_participants(index: ActorIndex) -> None:
    assert [(m.text, m.name) for m in index.find(OLIVE)] == [
        ("Turkish-backed rebels", "Free Syrian Army"),
        ("YPG", "People's Protection Units"),
    ]
    assert names(index.find("US-backed SDF fighters entered Manbij.")) == [
        "Syrian Democratic Forces"
    ]


def test_member_nouns_join_the_group(index: ActorIndex) -> None:
    ms = index.find(TABQA)
    assert [m.text for m in ms][:2] == ["SDF fighters", "US soldiers"]
    assert names(ms)[:3] == ["Syrian Democratic Forces", "US-led Coalition", "US-led Coalition"]


def test_generic_mentions_are_marked(index: ActorIndex) -> None:
    ms = index.find(S003_SDF)
    assert names(ms) == [
        "Syrian Democratic Forces",
        "Syrian Democratic Forces",
        "US-led Coalition",
        "?state",
    ]
    assert is_generic(ms[-1]) and ms[-1].text == "pro-government forces"
    assert index.find(S003_SDF, generic=False)[-1].name == "US-led Coalition"


def test_by_name_and_canonical(index: ActorIndex) -> None:
    info = index.by_name("Islamic State")
    assert info is not None and info.inter == 2 and "ISIL" in info.aliases
    assert index.by_name("Military Forces of the United States").name == "US-led Coalition"
    assert index.canonical("Daesh") == "Islamic State"
    assert index.canonical("no such group") is None


def test_fold_keeps_length() -> None:
    for text in ["İstanbul’s YBŞ – Ahrar al‑Sham\n", "ﬁne", "Côte d'Ivoire"]:
        assert len(fold(text)) == len(text)
    assert fold("Hay’at Tahrir al‑Sham") == "hay'at tahrir al-sham"


# ---------------------------------------------------------------- resolution
def test_generic_state_and_rebels_in_a_syrian_document(index: ActorIndex) -> None:
    ctx = syrian_context(index)
    assert ctx.country == "Syria"
    got = [(m.text, m.name) for m in ctx.find(S003_SDF)]
    assert got[-1] == ("pro-government forces", "Military Forces of Syria")
    assert names(ctx.find(IDLIB_REBELS)) == ["Free Syrian Army"]
    assert names(ctx.find(IDLIB_NUSRA)) == ["Al-Nusra Front", "Military Forces of Syria"]


def test_militants_resolve_to_the_dominant_jihadist_group(index: ActorIndex) -> None:
    ctx = syrian_context(index)
    got = ctx.find("The militants blew up the bridge, while gunmen fired on the checkpoint.")
    assert names(got) == ["Islamic State", "Islamic State"]
    plain = ActorContext.from_text("Soldiers of the Nigerian army patrolled the market.", {}, index)
    assert plain.country == "Nigeria"
    got = plain.find("Gunmen attacked the village and the soldiers withdrew.")
    assert names(got) == ["Unidentified armed group", "Military Forces of Nigeria"]


def test_nationality_beats_document_country(index: ActorIndex) -> None:
    ctx = syrian_context(index)
    got = ctx.find("Turkish soldiers and Syrian police and Iraqi police were deployed.")
    assert names(got) == [
        "Military Forces of Turkey",
        "Police Forces of Syria",
        "Police Forces of Iraq",
    ]


def test_boulikessi_document(index: ActorIndex) -> None:
    doc = read_path(FIXTURES / "battle_of_boulikessi.md")[0]
    ctx = ActorContext.from_document(doc, index)
    assert ctx.country == "Mali"
    first = ctx.find(
        "On the evening of October 30, 2020, a French army operation was launched against a "
        "group of jihadists of JNIM while the latter were preparing an attack."
    )
    assert names(first) == ["Military Forces of France", "JNIM"]
    assert names(ctx.find("The jihadist column on motorcycles was first spotted.")) == ["JNIM"]
    got = ctx.find(
        "Several dozen Special Forces soldiers from Operation Sabre then intervened on the ground."
    )
    assert names(got) == ["Military Forces of France"]


def test_kunduz_document_police_fold_into_the_army(index: ActorIndex) -> None:
    doc = read_path(FIXTURES / "battle_of_kunduz_2016.md")[0]
    ctx = ActorContext.from_document(doc, index)
    assert ctx.country == "Afghanistan"
    assert {"Taliban", "Military Forces of Afghanistan"} <= {n for n, _ in ctx.belligerents(3)}
    got = ctx.find("On 12 October, Afghan security forces cleared Kunduz of Taliban fighters.")
    assert names(got) == ["Military Forces of Afghanistan", "Taliban"]
    # gold: "ANSF, including police, is coded as Military Forces of Afghanistan"
    got = ctx.find(
        "The Ministry of the Interior stated that at least one police officer was killed."
    )
    assert names(got) == ["Military Forces of Afghanistan"]
    assert names(ctx.find("The insurgents retreated.")) == ["Taliban"]


# ---------------------------------------------------------------- unknown organisations
def test_unknown_candidates(index: ActorIndex) -> None:
    text = (
        "On 25 July, ISIL attacked the 93rd Brigade near Ain Issa, while the Liwa Suqour "
        "al-Jabal Brigade and the Free Syrian Army retreated; the UN Security Council met."
    )
    got = unknown_candidates(text, offset=10, index=index)
    assert [m.name for m in got] == ["93rd Brigade", "Liwa Suqour al-Jabal Brigade"]
    assert all(text[m.start - 10 : m.end - 10] == m.text and m.inter is None for m in got)


def test_unknown_unit_of_a_known_army(index: ActorIndex) -> None:
    text = "Soldiers of Brigade 93 fled after the Syrian Army 17th Division base fell."
    assert [m.name for m in unknown_candidates(text, index=index)] == [
        "Brigade 93",
        "17th Division",
    ]


def test_named_and_main_opponent_for_the_event_stage(index: ActorIndex) -> None:
    from warlog.actors.context import ActorContext as Imported

    assert Imported is ActorContext
    doc = read_path(FIXTURES / "battle_of_kunduz_2016.md")[0]
    ctx = ActorContext.from_document(doc, index)
    civ = ctx.named("Civilians")
    assert (civ.name, civ.inter, civ.country, civ.start) == ("Civilians", 7, "Afghanistan", -1)
    army = ctx.mentions("Afghan forces regained the city.")[0]
    foe = ctx.main_opponent(army)
    assert foe is not None and foe.name == "Taliban" and foe.inter == 2
    taliban = ctx.named("Taliban")
    assert ctx.main_opponent(taliban).name == "Military Forces of Afghanistan"


def test_later_items_of_a_list_of_places_are_places_not_actors():
    from warlog.actors.dictionary import ActorIndex

    s = "a senior figure who had helped plan bombs across Syria, Lebanon, and Iraq was killed."
    assert ActorIndex.load().find(s) == []
