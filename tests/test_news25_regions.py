"""Wire copy and short news items from thinly covered regions typed by the codebook
(GUIDELINES.md): aircraft a news agency says "targeted" a site, an offensive told with its
success, grenade launchers, an exchange of prisoners agreed, a truce signed with the acts its
terms limit, a handover of control, positions abandoned, a checkpoint set up, youths stoning
police, a release through the Red Cross, and sentences that report no event (a football match
won on penalties, food airlifted). Sentences written for these tests (none from an evaluation
set or a probe item), run through the whole extractor from a JSON Lines file; each fixed case
is paired with one the rule must leave as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import first_types

NONE = "NONE"

CASES: dict[str, tuple[str, str, str]] = {
    # aircraft named with the news agency's verb: a strike from the air
    "aircraft-targeted": (
        "1994-06-07", "KIGALI (Reuter) - Ugandan aircraft targeted a fuel depot near Kibungo on "
        "Monday, the state news agency said.", "Air/drone strike"),
    "jets-targeted-killing": (
        "2014-07-22", "Enemy jets targeted a market in Khan Younis on Monday, killing six "
        "people, the health ministry said.", "Air/drone strike"),
    "troops-targeted-stays": (
        "2014-07-22", "Soldiers targeted a rebel position near Khan Younis on Monday, killing "
        "three fighters, the army said.", "Armed clash"),
    # an offensive told with its success is the capture
    "successful-offensive-capture": (
        "1994-06-10", "On 3 June 1994, the rebel forces launched a successful offensive to "
        "capture Kibungo.", "Non-state actor overtakes territory"),
    "successful-offensive-recapture": (
        "1994-06-10", "On 3 June 1994, the Rwandan army launched a successful offensive to "
        "recapture Kibungo.", "Government regains territory"),
    "offensive-only-stays": (
        "1994-06-10", "On 3 June 1994, government forces launched an offensive to capture the "
        "town of Kibungo from the rebels.", "Armed clash"),
    # a grenade launcher is no hand grenade
    "grenade-launchers": (
        "1995-02-14", "Rebels fired grenade launchers at an army post in Gudermes on Monday, "
        "killing two soldiers.", "Armed clash"),
    "grenade-thrown-stays": (
        "1995-02-14", "A rebel threw a grenade at an army post in Gudermes on Monday, killing "
        "two soldiers.", "Grenade"),
    # an exchange of prisoners agreed
    "agreed-to-exchange": (
        "1997-05-20", "DUSHANBE (Reuter) - The two sides agreed to exchange 40 prisoners each "
        "on Monday, mediators said.", "Agreement"),
    "agreed-on-a-day-to-exchange": (
        "1997-05-20", "DUSHANBE (Reuter) - The two sides agreed on Monday to exchange 40 "
        "prisoners each, mediators said.", "Agreement"),
    "agreed-to-exchange-accusations-none": (
        "1997-05-20", "DUSHANBE (Reuter) - The two leaders agreed to exchange letters on "
        "Monday, mediators said.", NONE),
    "exchange-rate-none": (
        "1997-05-20", "The exchange rate of the rouble fell in Dushanbe on Monday.", NONE),
    # a truce signed with the acts its terms limit
    "signed-ceasefire-limiting-attacks": (
        "1990-12-03", "ROME (Reuter) - The government and the rebels signed a partial "
        "ceasefire in Rome on Saturday, limiting the rebels' attacks on the railway.",
        "Agreement"),
    # a handover of control under an accord is the transfer
    "handed-over-control-accord": (
        "1992-01-14", "LUANDA (AFP) - The rebels handed over control of the town of Cacolo to "
        "the army on Monday under the terms of the peace accord.",
        "Non-violent transfer of territory"),
    "accord-signed-stays": (
        "1992-01-14", "LUANDA (AFP) - The rebels and the government signed a peace accord in "
        "Luanda on Monday.", "Agreement"),
    # positions abandoned told as a participle
    "abandoning-positions": (
        "1993-05-24", "About 300 rebel fighters crossed into Zambia on Sunday, abandoning their "
        "positions around Cacolo.", "Non-violent transfer of territory"),
    # a checkpoint set up by an armed group
    "set-up-a-checkpoint": (
        "2024-08-26", "Rebel fighters set up a checkpoint on the road north of Cacolo on "
        "Sunday and searched vehicles.", "Headquarters or base established"),
    # youths stoning police demonstrate
    "youths-stoned-police": (
        "1988-10-06", "Youths stoned police and burned cars in Oran on Wednesday, witnesses "
        "said.", "Violent demonstration"),
    "youths-lynched-stays": (
        "1988-10-06", "Youths beat two men to death in Oran on Wednesday, accusing them of "
        "theft, witnesses said.", "Mob violence"),
    # a release through the Red Cross is of people held
    "freed-red-cross": (
        "1986-06-02", "The rebels freed 12 soldiers in Cacolo on Monday, handing them to the "
        "International Committee of the Red Cross.", "Other"),
    "freed-a-town-none": (
        "1986-06-02", "Rebels freed the town of Cacolo from hunger on Monday, officials said.",
        NONE),
    # not events
    "football-penalties": (
        "2022-02-07", "The national team stormed back to beat Ghana on penalties in Luanda on "
        "Saturday.", NONE),
    "food-airlifted": (
        "2024-09-23", "Aid agencies airlifted 40 tonnes of food to Cacolo on Monday.", NONE),
    "troops-airlifted-stays": (
        "2024-09-23", "The army airlifted 300 troops to Cacolo on Monday.",
        "Change to group/activity"),
}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return first_types(Path(tmp_path_factory.mktemp("news25")), CASES)


@pytest.mark.parametrize("key", list(CASES))
def test_item_typed_by_the_codebook(typed: dict[str, str], key: str) -> None:
    assert typed[key] == CASES[key][2], CASES[key][1]
