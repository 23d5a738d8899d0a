"""The one-event rule's dates across documents (issue #9, precision of the links): two
day-precise reports have their starts and their ends each within a day (a day and the span of
it and the next; a day and the next only coded alike otherwise or copied; not a stated span
and a day inside it); a vague date ("in March") joins a day only where its words copy the
day's report; a group's day-precise reports keep to that all together, not only pair by pair
(no walk through a daily narrative). On the rule in Python and on a real SQLite file.
Sentences are invented for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import event_of
from warlog.ingest.reader import read_path
from warlog.store import schema as s
from warlog.store.database import Store, open_store
from warlog.store.group_evidence import evidence_bands, evidence_terms
from warlog.store.group_rule import PY, GroupState, link_key, same_event

# name: (latitude, longitude, admin1, geo_precision)
PLACES = {
    "Trostianets": (50.48, 34.96, "Sumy", 1),
    "Okhtyrka": (50.31, 34.90, "Sumy", 1),
    "Sumy Oblast": (50.9, 34.8, "Sumy", 3),
}


def _key(doc: int, start: str, end: str | None = None, precision: int = 1,
         place: str = "Trostianets", text: str = "", **changes: Any) -> Any:
    lat, lon, admin1, geo = PLACES[place]
    rec = {
        "id": doc, "document_id": doc, "event_date": start, "date_end": end or start,
        "time_precision": precision, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Russia", "actor2": "Military Forces of Ukraine",
        "location": place, "latitude": lat, "longitude": lon, "geo_precision": geo,
        "country": "Ukraine", "admin1": admin1,
    }
    rec.update(changes)
    text = text or f"Fighting was reported in {place}."
    return link_key(rec, terms=evidence_terms(text, evidence_bands([text])[0]))


def test_two_day_precise_reports_are_within_a_day_at_each_end() -> None:
    day = _key(1, "2022-03-12")
    assert same_event(day, _key(2, "2022-03-12"), PY)
    assert same_event(day, _key(2, "2022-03-13"), PY)
    # the day and the span of it and the next ("on 12-13 March")
    assert same_event(day, _key(2, "2022-03-12", "2022-03-13"), PY)
    assert not same_event(day, _key(2, "2022-03-14"), PY)
    assert not same_event(day, _key(2, "2022-03-11", "2022-03-14"), PY)


def test_a_day_and_the_next_only_coded_alike_or_copied() -> None:
    # the day is the one coding difference two sources of one event have; the next day of a
    # daily narrative at that place by another type, at a part of the town or with another
    # party is another happening there
    day = _key(1, "2022-03-12", text="Russian troops entered the town after heavy fighting.")
    assert same_event(day, _key(2, "2022-03-13"), PY)
    assert not same_event(day, _key(2, "2022-03-13", sub_event_type="Non-state actor "
                                     "overtakes territory"), PY)
    assert not same_event(day, _key(2, "2022-03-13", location="south of Trostianets"), PY)
    assert not same_event(day, _key(2, "2022-03-13", actor2="Civilians"), PY)
    # overlapping dates keep the day of tolerance at either end ("on 12-13 March")
    assert same_event(day, _key(2, "2022-03-12", "2022-03-13", sub_event_type="Non-state "
                                "actor overtakes territory"), PY)
    # the same sentence in two documents dated a day apart by their narratives' clocks
    said = ("Russian forces shelled the market, the hospital and the railway station of "
            "Trostianets for several hours, and the town's mayor said the water supply had "
            "been cut off.")
    assert same_event(_key(1, "2022-03-12", text=said),
                      _key(2, "2022-03-13", text=said, location="south of Trostianets"), PY)


def test_a_stated_span_is_not_a_day_inside_it() -> None:
    span = _key(1, "2022-03-05", "2022-03-14")  # "between 5 and 14 March"
    assert not same_event(span, _key(2, "2022-03-09"), PY)
    assert same_event(span, _key(2, "2022-03-05", "2022-03-14"), PY)


def test_a_vague_date_joins_a_day_only_as_a_copy_of_its_words() -> None:
    month = _key(1, "2022-03-01", "2022-03-31", precision=3)  # "in March"
    # a month's report of a town names the town every day of the month's fighting shares
    day = _key(2, "2022-03-12", text="On Saturday Ukrainian troops repelled an assault.")
    assert not same_event(month, day, PY)
    said = ("Russian forces shelled the market, the hospital and the railway station of "
            "Trostianets for several hours, and the town's mayor said the water supply had "
            "been cut off.")
    copy = _key(1, "2022-03-01", "2022-03-31", precision=3, text=f"In March, {said[0].lower()}"
                f"{said[1:]}")
    assert same_event(copy, _key(2, "2022-03-12", text=f"On 12 March, {said}"), PY)
    # a month's report of a region is no one day's event inside it
    region = _key(1, "2022-03-01", "2022-03-31", precision=3, place="Sumy Oblast")
    assert not same_event(region, _key(2, "2022-03-12"), PY)
    # two vague dates overlap exactly: "early April" is not "in March" (no day of tolerance)
    early_april = _key(2, "2022-04-01", "2022-04-10", precision=3)
    assert not same_event(month, early_april, PY)
    # two vague reports: the same span, or the same words; not a summary of the month and
    # something else in its last days
    late = _key(2, "2022-03-21", "2022-03-31", precision=2,
                text="Late in the month the last defenders left the town.")
    assert not same_event(month, late, PY)
    assert same_event(month, _key(2, "2022-03-21", "2022-03-31", precision=2), PY)  # a copy
    assert same_event(month, _key(2, "2022-03-01", "2022-03-31", precision=3,
                                  text="In March the town was fought over street by street."),
                      PY)


def test_a_group_is_not_a_chain_of_days() -> None:
    twelfth, thirteenth, fourteenth = (GroupState.of(_key(i, f"2022-03-{d}"))
                                       for i, d in ((1, 12), (2, 13), (3, 14)))
    assert twelfth.joins(thirteenth)
    twelfth.absorb(thirteenth)
    # the 14th is within a day of the 13th, but not of the 12th already in the group
    assert not twelfth.joins(fourteenth)


def _write(store: Store, tmp_path: Path, name: str,
           reports: list[tuple[str, str, dict[str, Any]]]) -> None:
    path = tmp_path / name
    path.write_text("\n\n".join(text for _, text, _ in reports) + "\n", encoding="utf-8")
    doc = read_path(path)[0]
    events = []
    for tag, text, dates in reports:
        k = _key(0, **dates)
        fields = {
            "event_date": date.fromordinal(k.day_start).isoformat(),
            "date_end": date.fromordinal(k.day_end).isoformat(),
            "time_precision": dates.get("precision", 1), "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "Military Forces of Russia",
            "actor2": "Military Forces of Ukraine", "location": "Trostianets",
            "latitude": 50.48, "longitude": 34.96, "geo_precision": 1, "country": "Ukraine",
            "admin1": "Sumy",
        }
        events.append(event_of(doc, fields, [text], notes=f"{name}:{tag}"))
    store.write_document(doc, events)


def test_the_linker_keeps_days_apart_and_a_span_from_its_days_in_sqlite(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as store:
        _write(store, tmp_path, "wire.md", [
            ("12", "Russian forces attacked the town in heavy fighting on Saturday.",
             {"start": "2022-03-12"}),
            ("span", "Between 5 and 14 March the town changed hands twice.",
             {"start": "2022-03-05", "end": "2022-03-14"})])
        _write(store, tmp_path, "daily.md", [
            ("12-13", "Russian troops fought Ukrainian soldiers in the town over the weekend.",
             {"start": "2022-03-12", "end": "2022-03-13"}),
            ("9", "Shelling hit the town's railway station on Wednesday.",
             {"start": "2022-03-09"})])
        _write(store, tmp_path, "later.md", [
            ("14", "Fighting resumed in the town on Monday.", {"start": "2022-03-14"})])
        store.link_groups()
        ev, gm = s.events, s.group_members
        with store.read.connect() as conn:
            rows = conn.execute(select(ev.c.notes, gm.c.group_id)
                                .select_from(ev.join(gm, gm.c.event_id == ev.c.id))).all()
        assert store.link_groups()["pairs"] == 0  # idempotent
    groups: dict[int, set[str]] = {}
    for key, gid in rows:
        groups.setdefault(gid, set()).add(key)
    found = {frozenset(v) for v in groups.values()}
    # the 12th and "12-13 March" are one event; the 14th is within a day of the span's end,
    # but its start is two days from the 12th's (one group would hold both only as a chain);
    # the stated span is not the 9th inside it
    assert frozenset({"wire.md:12", "daily.md:12-13"}) in found
    assert frozenset({"later.md:14"}) in found
    assert frozenset({"wire.md:span"}) in found and frozenset({"daily.md:9"}) in found
