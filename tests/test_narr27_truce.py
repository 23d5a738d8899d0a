"""A truce or a peace that names no place is the war's act, not the last town's (narr27).

GUIDELINES: location is the most specific place the text supports, else the area or country
the narrative is about. A sentence such as "the government and the rebels agreed to a
ceasefire" does not say the truce was agreed at the town the sentence before named: it is
coded at the area the narrative is about (its section's or the document's place), else at the
country. A truce that refers back to the town ("a local truce in the town") stays there, and
the narrative's place is left where it was for the sentences after it. Made-up wars in Chad.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import extract_titled, records_on

ABECHE = (13.83, 20.83)
MONGO = (12.18, 18.69)

WAR = (
    "The conflict began in 2029. On 3 May 2029, rebels captured the town of Abéché after "
    "heavy fighting. On 5 May, the army shelled rebel positions in the town.\n\n"
    "On 9 June 2029, the government and the rebels agreed to a ceasefire.\n\n"
    "On 11 June, the rebels violated the ceasefire and attacked an army post.\n\n"
    "On 12 June, the army and the rebels agreed to a local truce in the town to collect "
    "the dead.\n\n"
    "On 22 June, the government and the rebels signed a peace agreement.\n"
)


@pytest.fixture(scope="module")
def war(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    return extract_titled(Path(tmp_path_factory.mktemp("war")), WAR,
                          "Eastern Chad conflict (2029)")


def _at(rec: dict, point: tuple[float, float]) -> bool:
    return (rec["latitude"] is not None and abs(rec["latitude"] - point[0]) < 0.2
            and abs(rec["longitude"] - point[1]) < 0.2)


def test_a_truce_with_no_place_is_the_country(war: list[dict]) -> None:
    (rec,) = records_on(war, "2029-06-09")
    assert rec["sub_event_type"] == "Agreement"
    assert rec["location"] is None and rec["latitude"] is None
    assert rec["country"] == "Chad"


def test_a_signed_peace_with_no_place_is_the_country(war: list[dict]) -> None:
    (rec,) = records_on(war, "2029-06-22")
    assert rec["sub_event_type"] == "Agreement"
    assert rec["location"] is None and rec["country"] == "Chad"


def test_fighting_after_the_truce_is_still_at_the_town(war: list[dict]) -> None:
    # the truce did not move the narrative: the breach is where the fighting was
    (rec,) = records_on(war, "2029-06-11")
    assert rec["sub_event_type"] == "Armed clash"
    assert _at(rec, ABECHE)


def test_a_truce_that_refers_back_to_the_town_stays_there(war: list[dict]) -> None:
    (rec,) = records_on(war, "2029-06-12")
    assert rec["sub_event_type"] == "Agreement"
    assert _at(rec, ABECHE)


def test_a_battle_articles_truce_is_at_its_town(tmp_path: Path) -> None:
    text = ("The Battle of Mongo was fought between the Chadian army and rebels in 2029. "
            "On 3 May 2029, rebels attacked Mongo. On 5 May, the army shelled rebel "
            "positions in the village of Bitkine.\n\n"
            "On 9 June 2029, the government and the rebels agreed to a ceasefire.\n")
    recs = extract_titled(tmp_path, text, "Battle of Mongo (2029)")
    (rec,) = records_on(recs, "2029-06-09")
    assert rec["sub_event_type"] == "Agreement"
    assert _at(rec, MONGO)  # the place the article is about, not the village named last


def _front_matter_doc(folder: Path, place: str) -> list[dict]:
    from warlog.api import extract

    path = folder / "offensive.md"
    path.write_text(
        f"---\ntitle: Eastern Chad offensive (2029)\nplace: {place}\n---\n"
        "# Eastern Chad offensive (2029)\n\n"
        "The offensive began in 2029. On 3 May 2029, rebels captured the town of Oum Hadjer "
        "after heavy fighting.\n\n"
        "On 9 June 2029, the government and the rebels agreed to a ceasefire.\n",
        encoding="utf-8")
    return list(extract(str(path)))


def test_a_document_about_one_area_places_its_truce_there(tmp_path: Path) -> None:
    recs = _front_matter_doc(tmp_path, "Ouaddaï Region, Chad")
    (rec,) = records_on(recs, "2029-06-09")
    assert rec["location"] == "Ouaddaï Region" and rec["geo_precision"] == 3
    assert _at(rec, ABECHE)  # the region's capital, not the town the fighting was at


def test_a_document_about_several_areas_places_its_truce_in_the_country(
        tmp_path: Path) -> None:
    recs = _front_matter_doc(tmp_path, "Ouaddaï Region, Batha Region, Chad")
    (rec,) = records_on(recs, "2029-06-09")
    assert rec["location"] is None and rec["country"] == "Chad"


def test_the_truce_told_before_is_at_its_own_place(tmp_path: Path) -> None:
    # "the ceasefire" refers back to the truce told before, not to the town fought over since
    text = ("The conflict began in 2029. On 3 May 2029, rebels captured the town of Abéché "
            "after heavy fighting.\n\n"
            "On 9 June 2029, the army and the rebels agreed to a ceasefire in Mongo to "
            "evacuate the wounded. On 10 June, rebels attacked an army post in Abéché. On 11 "
            "June, the ceasefire was extended by a week.\n")
    recs = extract_titled(tmp_path, text, "Eastern Chad conflict (2029)")
    (rec,) = records_on(recs, "2029-06-11")
    assert rec["sub_event_type"] == "Agreement"
    assert _at(rec, MONGO)
