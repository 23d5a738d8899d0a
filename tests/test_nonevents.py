"""What is not an ACLED event (GUIDELINES.md, "Not events" and "Not ACLED events"): disasters,
accidents, ordinary crime, reactions, sport and figures of speech, negated, threatened or
planned acts and period tallies; in news items and in the aftermath of a Wikipedia article.
Sentences written for these tests, run through the whole extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.api import extract
from warlog.events.classify import reports_no_event

NOT_EVENTS: dict[str, str] = {
    "earthquake": "A 5.9-magnitude earthquake struck near Van on 9 November 2022, killing 12 "
                  "people.",
    "flood": "Floods swept through villages near Maiduguri on 10 September 2024, killing 37 "
             "people and displacing thousands.",
    "gas-cylinder": "A gas cylinder exploded in a bakery in Lahore on 3 March 2023, killing two "
                    "workers.",
    "road-crash": "A bus overturned on the highway near Mombasa on 2 June 2022 after the driver "
                  "lost control of the vehicle, killing nine passengers.",
    "drug-seizure": "Customs officers seized 400 kilograms of heroin at the port of Durban on 1 "
                    "April 2022.",
    "robbery": "Armed robbers held up a bank in Nairobi on 4 April 2022 and escaped with cash.",
    "negated": "No clashes were reported in Goma on 3 March 2023, residents said.",
    "threat": "The rebels threatened to attack the capital on 5 June 2022.",
    "future": "The militants said they would launch a new offensive against the army next week.",
    "period-tally": "More than 300 people were killed in the region this year, according to a "
                    "report published on 2 May 2023.",
    "sport": "The striker scored twice as the home side stormed to victory in Accra on 3 June "
             "2022.",
    "figure": "The minister launched an attack on press freedom in Harare on 4 June 2022.",
    "memorial": "Officials laid wreaths in Kabul on 5 June 2022 to remember the victims of the "
                "bombing.",
    "court": "A court in Paris sentenced two men on 6 June 2022 for the bombing of a cafe.",
    "bus-gorge": "Fourteen pilgrims died on 7 July 2022 when their minibus plunged into a gorge "
                 "near Rudraprayag.",
    "fireworks": "An explosion tore through a fireworks factory near Tultepec on 8 July 2022, "
                 "killing five workers.",
    "embezzling": "Police in Lusaka arrested a mayor on 9 July 2022 on charges of embezzling "
                  "relief funds.",
    "mine-pit": "Eleven diggers were buried on 10 July 2022 when an illegal mining pit collapsed "
                "near Kambove.",
    "planned-offensive": "Commanders said the army was preparing to launch an offensive to "
                         "retake Ras Kamboni before the rains.",
    "football": "Forwards led a fierce attack as the visitors' midfield crushed Ghana 2-0 in "
                "Kumasi on 11 July 2022.",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    path = Path(tmp_path_factory.mktemp("nonevents")) / "items.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n"
                            for k, t in NOT_EVENTS.items()), encoding="utf-8")
    return {str(r["doc"]).rsplit("#", 1)[1] for r in extract(path)}


@pytest.mark.parametrize("key", list(NOT_EVENTS))
def test_reports_no_event(found: set[str], key: str) -> None:
    assert key not in found, NOT_EVENTS[key]


def test_the_same_war_words_still_report_events() -> None:
    # the cues are whole words of another domain, not the war words around them
    assert not reports_no_event("a roadside bomb exploded near the market, killing four "
                                "soldiers.")
    assert not reports_no_event("rebels stormed the gas plant and seized its workers.")
    assert reports_no_event("a gas leak caused the blast at the market.")


def test_aftermath_of_a_wikipedia_article(tmp_path: Path) -> None:
    article = tmp_path / "battle_of_x.md"
    article.write_text(
        "# Battle of Dabiq\n\nOn 4 October 2016, rebels captured Dabiq after heavy fighting "
        "with Islamic State fighters.\n\n## Aftermath\n\nOn 5 October 2016, officials laid "
        "wreaths in Dabiq to commemorate the fighters killed in the battle. On 6 October 2016, "
        "a court sentenced two commanders for the massacre of prisoners.\n",
        encoding="utf-8")
    dates = sorted(str(r["event_date"]) for r in extract(article))
    assert dates == ["2016-10-04"]
