"""Event groups across documents where two codings of one event differ (issue #9): the place
told by the reports' own words (a name the other's evidence names, near-identical evidence)
and compatible sub-event types, on the rule in Python and on a real SQLite file and a real
PostgreSQL server (tests/pgserver.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import groups_by_key, write_reports
from warlog.store import schema as s
from warlog.store.database import Store
from warlog.store.group_evidence import evidence_bands, evidence_names, evidence_terms
from warlog.store.group_rule import (
    PY,
    link_key,
    rules,
    same_event,
)

pytest_plugins = ["pgserver"]

LYSYCHANSK = (
    "Four days later, the governor stated that fighting was taking place on the "
    "outskirts of Lysychansk, Sievierodonetsk and Rubizhne."
)
# the same report placed from the narrative (its words name only the village)
NARRATIVE = "Four days later, the governor stated that fighting was taking place in Rubizhne."
COPY = (
    "The 18-year-old was apprehended by the Swedish government at the airport while "
    "attempting to travel to Syria to join the group, the police said on Monday."
)
TEMPLATE = (
    "On 27 October, the ministry stated that the Azerbaijani forces were shelling "
    "{}; Azerbaijan issued a denial."
)

PLACES = {  # name: (latitude, longitude, admin1)
    "Rubizhne": (49.01, 38.38, "Luhansk"),
    "Lysychansk": (48.90, 38.43, "Luhansk"),
    "Kremenna": (49.05, 38.22, "Luhansk"),
    "Khojavend": (39.79, 47.11, "Khojavend"),
    "Lachin": (39.64, 46.55, "Lachin"),
    "Idlib": (35.93, 36.63, "Idlib"),
    "Saraqib": (35.86, 36.80, "Idlib"),
    "Deir ez-Zor": (35.34, 40.14, "Deir ez-Zor"),
}


def _rec(place: str, text: str, doc: int, **changes: Any) -> dict[str, Any]:
    lat, lon, admin1 = PLACES[place]
    bands = evidence_bands([text])[0]
    rec = {
        "id": doc,
        "document_id": doc,
        "event_date": "2022-03-06",
        "date_end": "2022-03-06",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Russia",
        "actor2": "Military Forces of Ukraine",
        "location": place,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "country": "Ukraine",
        "admin1": admin1,
    }
    rec.update(changes)
    return {"rec": rec, "terms": evidence_terms(text, bands)}


def _key(place: str, text: str, doc: int, **changes: Any) -> Any:
    r = _rec(place, text, doc, **changes)
    return link_key(r["rec"], terms=r["terms"])


def test_names_are_runs_of_capitalised_words_and_their_parts() -> None:
    assert {"lysychansk", "sievierodonetsk", "rubizhne"} <= evidence_names(LYSYCHANSK)
    names = evidence_names("In December, the Islamic Front seized the Bab al-Hawa crossing.")
    assert {"bab al hawa", "bab", "al hawa", "islamic front"} <= names
    assert "al" not in names  # a particle is never a name alone
    # punctuation ends a run: "Khojavend; Azerbaijan" is two names
    names = evidence_names(TEMPLATE.format("Khojavend"))
    assert "khojavend" in names and "khojavend azerbaijan" not in names


def test_near_identical_texts_share_bands_and_others_do_not() -> None:
    same, edited, other = evidence_bands([COPY, COPY.replace("Monday", "Tuesday"), LYSYCHANSK])
    assert len(same & evidence_bands([COPY])[0]) == len(same)  # the bands are stable
    assert len(same & edited) >= rules().min_bands  # one word changed: still a copy
    assert len(same & other) == 0


def test_the_place_told_by_the_other_reports_words() -> None:
    # one article codes the village its sentence names, the other placed the same news at the
    # town of its narrative, whose sentence names only the village
    a = _key("Rubizhne", "Russian forces stormed Rubizhne.", 1)
    b = _key("Lysychansk", NARRATIVE, 2)
    assert same_event(a, b, PY) and same_event(b, a, PY)
    # not when the other report's words do not name it, nor on another day, nor inside one
    # document (its own reading told the two apart)
    c = _key("Kremenna", "Russian forces stormed Kremenna.", 1)
    assert not same_event(c, b, PY)
    assert not same_event(
        a, _key("Lysychansk", NARRATIVE, 2, event_date="2022-03-09", date_end="2022-03-09"), PY
    )
    assert not same_event(a, _key("Lysychansk", NARRATIVE, 1), PY)
    # a sentence of several towns coded to one of them is that town's report (ACLED's rule: a
    # report at Lysychansk and one at Rubizhne are two events), not the village's
    assert not same_event(a, _key("Lysychansk", LYSYCHANSK, 2), PY)


def test_copied_evidence_is_one_event_a_template_naming_another_town_is_not() -> None:
    # wire copy: the same sentence, the arrest geocoded to two places of one region from each
    # article's context; two regions disagree on where it happened: not one event
    arrest = {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    a = _key("Idlib", COPY, 1, **arrest)
    assert same_event(a, _key("Saraqib", COPY, 2, **arrest), PY)
    assert not same_event(a, _key("Deir ez-Zor", COPY, 2, **arrest), PY)
    shelled = [
        _key(
            p,
            TEMPLATE.format(p),
            d,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
        )
        for d, p in ((1, "Khojavend"), (2, "Lachin"))
    ]
    assert not same_event(*shelled, PY)


def test_compatible_types_across_documents_only() -> None:
    text = "Russian forces struck Rubizhne."
    strike = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    shell = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
    }
    assert same_event(_key("Rubizhne", text, 1, **strike), _key("Rubizhne", text, 2, **shell), PY)
    assert not same_event(
        _key("Rubizhne", text, 1, **strike), _key("Rubizhne", text, 1, **shell), PY
    )
    # a place changes hands once a day: a withdrawal and a capture are one
    gone = {
        "event_type": "Strategic developments",
        "sub_event_type": "Non-violent transfer of territory",
    }
    taken = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
    assert same_event(_key("Rubizhne", text, 1, **gone), _key("Rubizhne", text, 2, **taken), PY)
    # an air strike and a ground clash stay two events
    assert not same_event(_key("Rubizhne", text, 1, **strike), _key("Rubizhne", text, 2), PY)


# -- in the store -------------------------------------------------------------------------------
def _write(store: Store, tmp_path: Path, name: str, reports: list[tuple[str, str, dict]]) -> None:
    """A document of the reports' sentences, each report on its sentence."""
    write_reports(store, tmp_path, name, reports, _rec)


def test_linker_finds_told_places_and_copies_in_sql(store: Store, tmp_path: Path) -> None:
    arrest = {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
    shell = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
    }
    _write(
        store,
        tmp_path,
        "one.md",
        [
            ("Rubizhne", "Russian forces stormed Rubizhne.", {}),
            ("Kremenna", "Russian forces stormed Kremenna.", {}),
            ("Idlib", COPY, arrest),
            ("Khojavend", TEMPLATE.format("Khojavend"), shell),
        ],
    )
    _write(
        store,
        tmp_path,
        "two.md",
        [
            ("Lysychansk", NARRATIVE, {}),
            ("Saraqib", COPY, arrest),
            ("Lachin", TEMPLATE.format("Lachin"), shell),
        ],
    )
    store.link_groups()
    groups = groups_by_key(store)
    assert frozenset({"one.md:Rubizhne", "two.md:Lysychansk"}) in groups
    assert frozenset({"one.md:Idlib", "two.md:Saraqib"}) in groups
    assert frozenset({"one.md:Kremenna"}) in groups
    assert frozenset({"one.md:Khojavend"}) in groups and frozenset({"two.md:Lachin"}) in groups
    with store.read.connect() as conn:  # every report's names and bands are stored
        kinds = set(conn.execute(select(s.group_terms.c.kind).distinct()).scalars())
    # and each report's own place as its spellings share it (rule 19: "p"; none of these
    # reports is coded to a region or to no place, so no "s" of their names)
    assert kinds == {"n", "b", "p"}
    assert store.link_groups()["pairs"] == 0  # idempotent
