"""The one-event rule inside a document (warlog.events.merge) is the rule that links reports
across documents (warlog.store.group_rule.same_event): its Python and SQL forms agree, and a
document's own reports need the same values where two documents' reports may differ.

Fixture: tests/fixtures/groups/docs/battle_of_okhtyrka.md (a corpus article), its sentences
placed at their offsets as the extractor would.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from conftest import evidence_in
from test_groups import FIXTURES, A
from warlog.events.merge import merge_events
from warlog.ingest.reader import read_path
from warlog.model import Event
from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.store.group_rule import PY, SQL, LinkKey, link_key, same_event

DOC = read_path(FIXTURES / "docs" / A)[0]
OKHTYRKA = {"location": "Okhtyrka", "latitude": 50.3116, "longitude": 34.8988,
            "geo_precision": 1, "country": "Ukraine", "admin1": "Sumy"}


def report(quote: str, day: str, sub: str, actors: tuple[str | None, str | None],
           fatalities: int | None = None, **place: Any) -> Event:
    etype = {"Attack": "Violence against civilians", "Armed clash": "Battles",
             "Government regains territory": "Battles",
             "Air/drone strike": "Explosions/Remote violence",
             "Shelling/artillery/missile attack": "Explosions/Remote violence"}[sub]
    d = date.fromisoformat(day)
    return Event(doc=DOC.name, event_type=etype, sub_event_type=sub, event_date=d, date_end=d,
                 time_precision=1, actor1=actors[0], actor2=actors[1], fatalities=fatalities,
                 evidence=[evidence_in(DOC, quote)], **(place or OKHTYRKA))


RUSSIA, CIVILIANS = "Military Forces of Russia", "Civilians"


def test_a_narratives_reports_of_one_day_and_place_are_one_event() -> None:
    school = report("BM-27 Uragan missiles hit a pre-school in Okhtyrka", "2022-02-25",
                    "Attack", (RUSSIA, CIVILIANS), 3)
    bus = report("Russian forces shot at a civilian bus near Okhtyrka", "2022-02-25",
                 "Attack", (CIVILIANS, RUSSIA), location="near Okhtyrka",
                 **{k: v for k, v in OKHTYRKA.items() if k != "location"})
    others = report("three other civilians had been killed in the city", "2022-02-25",
                    "Attack", (RUSSIA, CIVILIANS), 3, location="the city",
                    **{k: v for k, v in OKHTYRKA.items() if k != "location"})
    merged = merge_events([school, bus, others])
    assert len(merged) == 1  # "near X" is X; "the city" refers back to the place named
    one = merged[0]
    assert [e.text[:20] for e in one.evidence] == ["BM-27 Uragan missile", "Russian forces shot ",
                                                   "three other civilian"]
    assert one.fatalities == 6  # "three other civilians": other dead, added to the toll


def test_what_a_document_tells_apart_stays_apart() -> None:
    depot = report("Russian forces bombed and destroyed an oil depot in Okhtyrka", "2022-02-28",
                   "Air/drone strike", (RUSSIA, None))
    base = report("a military base in Okhtyrka was hit by a Russian thermobaric bomb",
                  "2022-02-28", "Shelling/artillery/missile attack", (RUSSIA, None), 70)
    fighting = report("Fighting began in the outskirts of the city", "2022-02-24",
                      "Armed clash", (RUSSIA, "Military Forces of Ukraine"))
    next_day = report("Fighting began in the outskirts of the city", "2022-02-25",
                      "Armed clash", (RUSSIA, "Military Forces of Ukraine"))
    one_side = report("The initial advance was repelled", "2022-02-24", "Armed clash",
                      (RUSSIA, None))
    assert len(merge_events([depot, base, fighting, next_day, one_side])) == 5


def _key(i: int, doc: int, **changes: Any) -> LinkKey:
    rec = {"id": i, "document_id": doc, "event_date": "2022-03-26", "date_end": "2022-03-26",
           "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
           "actor1": "Military Forces of Ukraine", "actor2": RUSSIA, "location": "Trostianets",
           "latitude": 50.4807, "longitude": 34.9614, "geo_precision": 1,
           "country": "Ukraine", "admin1": "Sumy"}
    rec.update(changes)
    return link_key(rec)


VARIANTS: list[dict[str, Any]] = [
    {},
    {"event_date": "2022-03-27", "date_end": "2022-03-27"},  # a day later
    {"event_date": "2022-03-20", "date_end": "2022-03-30", "time_precision": 2},  # vaguer span
    {"sub_event_type": "Government regains territory"},  # the generic type's specific one
    {"location": "Trostianets railway station", "latitude": 50.4850},  # ~0.5 km, other name
    {"location": "the base", "latitude": 50.4850},  # a back-reference at that point
    {"location": "Sumy Oblast", "latitude": 50.91, "longitude": 34.80, "geo_precision": 3},
    {"actor2": None},  # one side unnamed
    {"actor1": "Wagner Group", "actor2": "Civilians"},  # other parties
    {"location": None, "latitude": None, "longitude": None, "admin1": None},
    {"event_date": None, "date_end": None},
    {"location": "south of Trostianets", "geo_precision": 2},  # a side of the town
    {"location": "the Trostianets dam", "geo_precision": 2},  # a facility at the town's point
]


def test_one_document_needs_the_same_values_two_documents_allow_for_coding() -> None:
    base = _key(1, 1)
    same_doc = [same_event(base, _key(2, 1, **v), PY) for v in VARIANTS]
    other_doc = [same_event(base, _key(2, 2, **v), PY) for v in VARIANTS]
    assert same_doc == [True, False, False, False, False, True, False, False, False, False,
                        False, True, False]
    # a vaguer span is no day's event by its place alone, across documents either (only as a
    # copy of the day's words); a side or a facility of the town is the town, vaguer
    assert other_doc == [True, True, False, True, True, True, True, True, False, False, False,
                         True, True]
    # two parts of one town are two places across documents
    assert not same_event(_key(1, 1, **VARIANTS[-2]), _key(2, 2, **VARIANTS[-1]), PY)
    # the narrative's unknowns are one unknown inside a document, never across documents
    nowhere = {"location": None, "latitude": None, "longitude": None, "admin1": None}
    assert same_event(_key(1, 1, **nowhere), _key(2, 1, **nowhere), PY)
    assert not same_event(_key(1, 1, **nowhere), _key(2, 2, **nowhere), PY)
    undated = {"event_date": None, "date_end": None}
    assert same_event(_key(1, 1, **undated), _key(2, 1, **undated), PY)
    assert not same_event(_key(1, 1, **undated), _key(2, 2, **undated), PY)


def test_python_and_sql_forms_of_the_rule_agree(tmp_path: Path) -> None:
    """Every ordered pair of reports (in one document and in two), through the Python rule and
    through the SQL condition on a real SQLite store: the same answers."""
    keys = [_key(i + 1, 1 + i % 2, **v) for i, v in enumerate(VARIANTS + VARIANTS)]
    rows = [{f: getattr(k, f) for f in LinkKey.__dataclass_fields__} for k in keys]
    for r in rows:
        r.update(group_id=r["event_id"], version=1, rep=1, pending=0, alone=0)
    with open_store(tmp_path / "rule.db") as st, st.engine.begin() as conn:
        conn.execute(insert(s.group_members), rows)
        a, b = s.group_members.alias("a"), s.group_members.alias("b")
        found = set(conn.execute(select(a.c.event_id, b.c.event_id).select_from(
            a.join(b, same_event(a.c, b.c, SQL)))).all())
    expected = {(x.event_id, y.event_id) for x, y in itertools.product(keys, keys)
                if same_event(x, y, PY)}
    assert found == expected
    assert len(expected) > len(keys)  # pairs beyond each report with itself
