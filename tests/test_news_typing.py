"""Typing news items by the codebook (GUIDELINES.md, event types): who used force on whom,
what the weapon did, what changed hands. Sentences written for these tests, run through the
whole extractor (readers, clock, gazetteer, actors) from a JSON Lines file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.api import extract

CASES: dict[str, tuple[str, str]] = {
    "attack-bus": ("Gunmen opened fire on a minibus carrying traders near Tillaberi on 3 May "
                   "2021, killing six passengers.", "Attack"),
    "attack-stormed-village": ("Armed men stormed a village near Kaduna on 4 May 2021 and shot "
                               "villagers in their homes.", "Attack"),
    "clash-two-sided": ("Soldiers and militants fought a gun battle near Kaduna on 5 May 2021.",
                        "Armed clash"),
    "mob-lynching": ("A crowd of residents lynched a suspected thief in Kisumu on 2 June 2022.",
                     "Mob violence"),
    "mob-residents": ("Residents beat to death two men accused of theft in Kampala on 3 June "
                      "2022.", "Mob violence"),
    "protest-peaceful": ("Several hundred traders staged a peaceful protest in Abuja on 4 July "
                         "2022 to demand lower taxes.", "Peaceful protest"),
    "protest-intervention": ("Police fired tear gas and water cannon at students protesting "
                             "against fee increases in Lusaka on 5 April 2022.",
                             "Protest with intervention"),
    "protest-arrests": ("Police broke up a sit-in by nurses in Harare on 6 April 2022 and "
                        "arrested twelve of them.", "Protest with intervention"),
    "protest-excessive": ("Soldiers opened fire on unarmed protesters in Mandalay on 3 March "
                          "2021, killing five of them.", "Excessive force against protesters"),
    "riot-own-violence": ("Protesters set fire to a police post and threw stones at officers in "
                          "Bukavu on 9 August 2022.", "Violent demonstration"),
    "disrupted-defused": ("Army sappers found and defused a roadside bomb on the road into "
                          "Kismayo on 8 May 2022.", "Disrupted weapons use"),
    "disrupted-intercepted": ("Air defences shot down nine drones over Odesa on 9 May 2023. "
                              "No damage was reported.", "Disrupted weapons use"),
    "base-established": ("The army set up a new forward operating base in Djibo on 1 March "
                         "2022.", "Headquarters or base established"),
    "agreement-ceasefire": ("The government and the rebels signed a ceasefire agreement in "
                            "Juba on 10 October 2022.", "Agreement"),
    "other-release": ("Kidnappers freed twelve farmers they had held for two weeks near Kaduna "
                      "on 2 February 2023.", "Other"),
    "change-merger": ("Two armed movements announced on 2 May 2022 that they had merged into "
                      "a single organisation.", "Change to group/activity"),
    "chemical-beats-drone": ("Troops dropped chlorine canisters from a drone onto trenches "
                             "near Kherson on 4 May 2023.", "Chemical weapon"),
    "transfer-no-fight": ("Government troops entered the town of Bunia without a fight on 7 "
                          "June 2022 after the rebels withdrew.",
                          "Non-violent transfer of territory"),
    "arrest-capture-of-a-commander": ("Police captured a senior rebel commander in Goma on 8 "
                                      "June 2022.", "Arrests"),
    "riot-youths-petrol-bombs": ("Youths threw petrol bombs at soldiers and burned tyres in "
                                 "Hebron on 9 June 2022.", "Violent demonstration"),
    "ied-truck-laden": ("A truck packed with explosives blew apart outside a barracks in "
                        "Beledweyne on 10 June 2022.", "Remote explosive/landmine/IED"),
    "protest-rallied-peacefully": ("Teachers rallied peacefully outside parliament in Nairobi "
                                   "on 11 June 2022.", "Peaceful protest"),
    "base-operating": ("Ugandan troops set up a new operating base in Beni on 12 June 2022.",
                       "Headquarters or base established"),
    "change-more-troops": ("The government moved additional troops into Tillaberi on 13 June "
                           "2022.", "Change to group/activity"),
    "riot-burned-property": ("Demonstrators angry at the election result burned a ruling-party "
                             "office in Mombasa on 14 June 2022.", "Violent demonstration"),
    "riot-bricks": ("Traders hurled bricks at municipal police in Kano on 15 June 2022 during a "
                    "protest over market fees.", "Violent demonstration"),
}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    path = Path(tmp_path_factory.mktemp("news")) / "items.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n"
                            for k, (t, _) in CASES.items()), encoding="utf-8")
    first: dict[str, str | None] = {k: None for k in CASES}
    for r in extract(path):
        key = str(r["doc"]).rsplit("#", 1)[1]  # the item's id
        if first[key] is None:
            first[key] = r["sub_event_type"]
    return first


@pytest.mark.parametrize("key", list(CASES))
def test_news_item_is_typed_by_the_codebook(typed: dict[str, str | None], key: str) -> None:
    assert typed[key] == CASES[key][1], CASES[key][0]
