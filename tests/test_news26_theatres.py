"""Wire copy and short news items typed by the codebook (GUIDELINES.md), session 19: fighters
a side drove out of a town (the town's capture, no people taken), a comparison before "so far"
or "to date" (no running total), "since the fall of" (a time, no capture), an arrest named as
the background of a fight, a truce in force named by its state ("the fragile ceasefire":
background, no agreement), homes burned by men who kill the people in them (an attack on
civilians), people freed who had been captured (the release) but not a recording released of
a capture, a follow-up's toll of one act, a beating told as "thrashed", an aircraft crash
with no hit told (an accident), and "marched" (a protest only when a crowd marched).
Sentences written for these tests (none from an evaluation set or a probe item), run through
the whole extractor from a JSON Lines file; each fixed case is paired with one the rule must
leave as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import first_types

NONE = "NONE"

CASES: dict[str, tuple[str, str, str]] = {
    # fighters driven out of a town: the town changed hands, nobody was taken
    "drove-fighters-out": (
        "1991-07-10", "TUNIS (Reuter) - Kurdish guerrillas drove government fighters out of the "
        "town of Ranya on Tuesday after a night of fighting, a spokesman said.",
        "Non-state actor overtakes territory"),
    "pushed-militants-out": (
        "2016-06-15", "Army units pushed the militants out of the village of Karma on Tuesday, "
        "the ministry said.", "Government regains territory"),
    "captured-commander-stays": (
        "1991-07-10", "Kurdish guerrillas captured a government commander near Ranya on "
        "Tuesday, a spokesman said.", "Abduction/forced disappearance"),
    "police-seized-suspects-stays": (
        "2016-06-15", "Police seized three suspects in Karma on Tuesday.", "Arrests"),
    # a comparison before "so far" / "to date" compares one occurrence, it counts nothing
    "biggest-gain-so-far": (
        "1995-08-08", "Croatian troops retook the town of Knin from Serb rebels on Saturday, "
        "the army said, the biggest gain of the war so far.", "Government regains territory"),
    "deadliest-to-date": (
        "2007-03-14", "A car bomb killed 20 people at a market in Hilla on Tuesday, police said, "
        "the deadliest attack in the province to date.", "Remote explosive/landmine/IED"),
    "day-of-strikes-so-far-stays": (
        "2015-10-10", "The ministry said 40 targets were hit in the past day, killing 200 "
        "militants in the most intense strikes so far.", NONE),
    "so-far-tally-stays": (
        "2007-03-14", "Some 300 people have been killed in the province so far, police said.",
        NONE),
    # a truce in force named by its state is background, no agreement made
    "talks-on-fragile-ceasefire-none": (
        "2014-02-12", "Mediators met rebel leaders in Juba on Tuesday to discuss ways of "
        "reviving talks on the fragile ceasefire.", NONE),
    "fighting-despite-shaky-truce": (
        "2014-02-12", "Fighting broke out in Malakal on Tuesday despite the shaky truce, "
        "residents said.", "Armed clash"),
    "signed-ceasefire-stays": (
        "2014-02-12", "The two sides signed a ceasefire in Addis Ababa on Tuesday, mediators "
        "said.", "Agreement"),
    # a follow-up's toll of one act named by its day
    "toll-from-sundays-car-bomb": (
        "2008-06-17", "The death toll from Sunday's car bomb outside a mosque in Kirkuk rose to "
        "31 on Tuesday, police said.", "Remote explosive/landmine/IED"),
    "toll-from-attacks-of-month-stays": (
        "2008-06-17", "The death toll from the attacks of the past month in Kirkuk rose to 300, "
        "police said.", NONE),
    # "since the fall of" is a time
    "since-the-fall-of": (
        "2003-12-20", "Voters went to the polls in Basra on Friday for the first time since the "
        "fall of the old regime.", NONE),
    "fell-to-stays": (
        "2014-06-12", "Tikrit fell to Islamic State on Wednesday after government troops fled, "
        "officials said.", "Non-state actor overtakes territory"),
    # an arrest named as background of the fight the clause tells
    "battled-after-the-arrest": (
        "2011-05-20", "Gunmen battled marines in the streets of Reynosa on Thursday after the "
        "arrest of a local gang boss, officials said.", "Armed clash"),
    "arrested-stays": (
        "2011-05-20", "Marines arrested a local gang boss in Reynosa on Thursday, officials "
        "said.", "Arrests"),
    # homes burned by men who kill the people in them: an attack on civilians
    "burned-homes-killed-people": (
        "2018-06-25", "Armed herders burned 40 homes in the village of Nghar on Sunday and "
        "killed 15 people, police said.", "Attack"),
    "set-fire-killing-villagers": (
        "2005-04-12", "Rebels set fire to a camp for displaced people near Kitgum on Monday, "
        "killing 12 villagers, officials said.", "Attack"),
    "burned-homes-only-stays": (
        "2018-06-25", "Armed herders burned 40 homes in the village of Nghar on Sunday, police "
        "said.", "Looting/property destruction"),
    "burned-post-killed-soldiers-stays": (
        "2005-04-12", "Rebels burned an army post near Kitgum on Monday and killed two "
        "soldiers, officials said.", "Armed clash"),
    # a beating told in South Asian and translated local press
    "cadres-thrashed": (
        "2013-11-12", "Activists of the ruling party thrashed two journalists in Sylhet on "
        "Sunday, police said.", "Attack"),
    "cricket-thrashed-none": (
        "2013-11-12", "Bangladesh thrashed Zimbabwe by nine wickets in a cricket match in Sylhet "
        "on Sunday.", NONE),
    # an aircraft crash told with its dead and no hit is an accident
    "jet-crashed-killing-pilot-none": (
        "2016-07-15", "A Sukhoi jet crashed near Hama air base on Thursday, killing its pilot, "
        "the army said.", NONE),
    "killed-in-the-crash-none": (
        "2016-07-15", "Both pilots were killed in the crash near Hama on Thursday.", NONE),
    "crashed-after-hit-stays": (
        "2016-07-15", "A Sukhoi jet crashed near Hama air base on Thursday after being hit by "
        "rebel fire, killing its pilot.", "Armed clash"),
    "shot-down-crashed-stays": (
        "2016-07-15", "Rebels shot down a helicopter that crashed near Hama on Thursday, "
        "killing its crew.", "Armed clash"),
    # "marched" is a protest when a crowd marched, not troops nor captives
    "thousands-marched": (
        "2019-04-09", "Thousands of women marched through Khartoum on Monday, witnesses "
        "said.", "Peaceful protest"),
    "troops-marched-none": (
        "2019-04-09", "Government troops marched into the town of Kosti on Monday.", NONE),
    "prisoners-marched-none": (
        "2019-04-09", "The prisoners were marched to a camp near Kosti on Monday.", NONE),
    # people freed who had been captured: the release, not a capture
    "freed-captured-soldiers": (
        "1999-03-18", "Rebels freed 14 soldiers captured near Makeni on Tuesday, handing them to "
        "the ICRC, a spokesman said.", "Other"),
    "footage-of-captured-villages": (
        "2017-08-29", "The Iraqi army released footage from newly captured villages near Tal "
        "Afar on Monday.", "Government regains territory"),
    "captured-soldiers-stays": (
        "1999-03-18", "Rebels captured 14 soldiers near Makeni on Tuesday, a spokesman said.",
        "Abduction/forced disappearance"),
}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return first_types(Path(tmp_path_factory.mktemp("news26")), CASES)


@pytest.mark.parametrize("key", list(CASES))
def test_item_typed_by_the_codebook(typed: dict[str, str], key: str) -> None:
    assert typed[key] == CASES[key][2], CASES[key][1]
