"""Wire copy of past decades and short modern news items typed by the codebook
(GUIDELINES.md): sources who are residents, a suicide driver, artillery duels, captured
fighters, command posts, graves, hostages killed, things left abandoned, and sentences that
report no event (a stop demanded, a meeting's topic, a road accident, athletics). Sentences
written for these tests (none from an evaluation set), run through the whole extractor from a
JSON Lines file; each fixed case is paired with one the rule must leave as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import first_types

NONE = "NONE"

CASES: dict[str, tuple[str, str, str]] = {
    # a civilian noun that is the source is no victim ("..., villagers said")
    "source-villagers-said": (
        "1996-03-12", "Rebels ambushed government troops near Gulu on Monday, killing eight "
        "soldiers, villagers said.", "Armed clash"),
    "source-according-to-residents": (
        "2019-05-08", "Militants attacked a police post in Kidal on Tuesday, killing three "
        "policemen, according to residents.", "Armed clash"),
    "victims-civilians-reported-killed": (
        "2019-05-08", "Gunmen opened fire on a minibus near Kidal on Tuesday and four "
        "civilians reported killed.", "Attack"),
    "victims-villagers-still-victims": (
        "1996-03-12", "Rebels killed eight villagers near Gulu on Monday, an army spokesman "
        "said.", "Attack"),
    # a suicide driver
    "suicide-driver": (
        "1984-09-20", "BEIRUT (UPI) -- A suicide driver crashed a van loaded with explosives "
        "into the gates of an embassy annex in east Beirut today, killing himself and nine "
        "guards.", "Suicide bomb"),
    # artillery duels: both sides fired
    "artillery-duel": (
        "1976-01-17", "BEIRUT (Reuter) - Rightist militiamen and leftist gunmen fought "
        "artillery duels across the port district of Beirut on Friday, police said.",
        "Armed clash"),
    "artillery-one-side": (
        "1976-01-17", "BEIRUT (Reuter) - Rightist militiamen shelled the port district of "
        "Beirut with artillery on Friday, police said.", "Shelling/artillery/missile attack"),
    # fighters captured: an arrest, not a place taken
    "captured-guerrillas": (
        "1984-06-08", "SAN SALVADOR (AP) -- Army troops captured nine guerrillas in a raid on "
        "a farmhouse near Chalatenango today, military officials said.", "Arrests"),
    "captured-a-place": (
        "1984-06-08", "SAN SALVADOR (AP) -- Army troops captured the guerrilla stronghold of "
        "Cinquera today after a week-long sweep, military officials said.",
        "Government regains territory"),
    "captured-by-guerrillas": (
        "1984-06-08", "SAN SALVADOR (AP) -- The town of Cinquera was captured by guerrillas "
        "today after a two-day battle, military officials said.",
        "Non-state actor overtakes territory"),
    "seized-by-militants": (
        "2016-10-21", "The town of Kobane was seized by militants after three days of "
        "fighting.", "Non-state actor overtakes territory"),
    "withdrew-after-fighting": (
        "2016-10-21", "Later that evening, the rebels withdrew from the village of Tal Rifaat "
        "after ten hours of fighting with government troops.", "Armed clash"),
    "territory-recaptured-by-army": (
        "2016-06-23", "By Wednesday, the hills once held by militants near Arsal had been "
        "recaptured by the Lebanese army, officials said.", "Government regains territory"),
    # a post set up
    "command-post": (
        "1982-06-15", "TEL AVIV (AP) -- Israeli troops established a command post in the "
        "hills above Aley today, the army said.", "Headquarters or base established"),
    "fortified-position-attacked": (
        "1982-06-15", "Guerrillas shelled a fortified position of the army above Aley today, "
        "the army said.", "Shelling/artillery/missile attack"),
    # the air force's act
    "air-force-destroyed": (
        "2021-11-10", "Niger's army said its air force had destroyed a column of jihadists "
        "near Tillaberi on Monday, killing dozens of them.", "Air/drone strike"),
    # a grave found
    "clandestine-grave": (
        "2022-03-03", "Searchers found a clandestine grave with 11 bodies near Irapuato in "
        "Guanajuato on Wednesday, prosecutors said.", "Other"),
    # hostages killed: the killing
    "hostages-executed": (
        "2015-02-04", "Militants executed four hostages in the desert near Sirte on Tuesday, a "
        "monitoring group said.", "Attack"),
    "hostages-taken-and-killed": (
        "2015-02-04", "Gunmen kidnapped six engineers near Sirte on Tuesday and killed two of "
        "the hostages.", "Abduction/forced disappearance"),
    # a thing left behind is no place given up
    "van-abandoned": (
        "1991-11-11", "BELFAST (Reuter) - Soldiers found 300 pounds of explosives in a car "
        "abandoned near Newtownhamilton on Sunday, the army said.", "Disrupted weapons use"),
    "town-abandoned": (
        "1991-11-11", "Rebels abandoned the town of Kailahun on Sunday as government troops "
        "approached, residents said.", "Non-violent transfer of territory"),
    # a span of fighting named after the act told: its background
    "truce-after-fighting": (
        "1984-02-25", "BEIRUT (AP) -- Druze and Shiite militiamen agreed today to a truce in "
        "the mountain town of Souk el-Gharb after five days of fighting, police said.",
        "Agreement"),
    "reinforcements-after-raids": (
        "2021-06-10", "Hundreds of Malian soldiers were sent as reinforcements to Menaka on "
        "Wednesday after a spate of jihadist raids, the army said.",
        "Change to group/activity"),
    "span-told-alone": (
        "2021-06-10", "Three days of fighting between soldiers and jihadists near Menaka left "
        "20 dead, the army said on Wednesday.", "Armed clash"),
    "ambush-after-clashes": (
        "2021-06-10", "Jihadists ambushed an army convoy near Menaka on Wednesday after weeks "
        "of clashes, the army said.", "Armed clash"),
    # arms seized: by security forces an attack prevented, by rebels looted
    "soldiers-seize-arms": (
        "2022-02-10", "Mexican soldiers seized 40 assault rifles, grenades and two armoured "
        "pickups at a ranch outside Zamora on Wednesday, the army said.",
        "Disrupted weapons use"),
    "police-seize-rifles": (
        "2022-02-10", "Police seized 30 rifles and 2,000 rounds of ammunition in a raid on a "
        "house in Cucuta on Wednesday.", "Disrupted weapons use"),
    "arrest-with-arms": (
        "2022-02-10", "Police arrested a suspected bomb maker in Cotabato City on Wednesday, "
        "seizing detonators and a pistol, officials said.", "Arrests"),
    "rebels-seize-rifles": (
        "2022-02-10", "Rebels seized 40 rifles and ammunition from an army depot near Goma on "
        "Wednesday.", "Looting/property destruction"),
    "spoils-of-a-fight": (
        "2022-02-10", "Government troops defeated a rebel unit near Goma on Wednesday, seizing "
        "their rifles and ammunition, the army said.", "Looting/property destruction"),
    "used-captured-mortars": (
        "2022-02-10", "Rebels shelled the barracks in Goma on Wednesday with a captured tank "
        "and mortar bombs.", "Shelling/artillery/missile attack"),
    "policemen-shot-by-gunmen": (
        "2016-03-21", "Three policemen were shot dead by gunmen at a checkpoint near Tillaberi "
        "on Saturday.", "Armed clash"),
    "militants-captured-by-troops": (
        "2016-03-21", "Five militants who were captured by troops near Tillaberi on Saturday "
        "were shown on state television.", "Arrests"),
    "grenade-thrown": (
        "2022-02-10", "A man threw a grenade into a bar in Cucuta on Wednesday, wounding six "
        "people.", "Grenade"),
    # a protest on an anniversary
    "stayaway-anniversary": (
        "1985-03-21", "JOHANNESBURG (Reuter) - Thousands of black workers joined a stayaway in "
        "Port Elizabeth on Thursday to mark the 25th anniversary of the Langa shootings, union "
        "officials said.", "Peaceful protest"),
    "anniversary-wreaths": (
        "1985-03-21", "Officials laid wreaths in Port Elizabeth on Thursday to mark the "
        "anniversary of a bomb attack that killed 12 people.", NONE),
    # no event
    "stop-demanded": (
        "1985-01-22", "MANAGUA (UPI) -- Rebel leaders threatened today to blow up more power "
        "lines unless the army halts its shelling of villages in the north.", NONE),
    "meeting-topic": (
        "1987-08-15", "HARARE, Zimbabwe (Reuter) - Leaders of six southern African states met "
        "in Harare on Saturday to discuss rebel attacks on the Beira corridor.", NONE),
    "accusation": (
        "1983-08-04", "TEGUCIGALPA (AP) -- Honduras today accused Nicaragua of allowing "
        "Salvadoran guerrillas to stage raids across the border from its territory.", NONE),
    "road-accident": (
        "2022-12-01", "A petrol tanker exploded on the Lagos-Ibadan expressway on Wednesday "
        "after colliding with a truck, killing nine people, officials said.", NONE),
    "athletics": (
        "2023-03-19", "Kenyan runners launched a late attack on the last lap to take all three "
        "medals at the championships in Bathurst on Saturday.", NONE),
}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return first_types(Path(tmp_path_factory.mktemp("news24")), CASES)


@pytest.mark.parametrize("key", list(CASES))
def test_item_typed_by_the_codebook(typed: dict[str, str], key: str) -> None:
    assert typed[key] == CASES[key][2], CASES[key][1]
