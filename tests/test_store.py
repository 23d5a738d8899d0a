"""The store on a real SQLite file and on a real PostgreSQL server: idempotent writes, reviewed
events kept, atomic documents. Every test runs on both backends (the ``store`` fixture); the
PostgreSQL server is started by ``tests/pgserver.py`` and those runs are skipped without it."""

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from warlog.model import Document, Event, Evidence, OffsetMap
from warlog.store import schema as s

pytest_plugins = ["pgserver"]

TEXT = (Path(__file__).parent / "fixtures" / "corpus" / "Battle_of_Kunduz_(2016).md").read_text()


def make_doc(text: str = TEXT) -> Document:
    return Document(
        name="Battle_of_Kunduz_(2016).md",
        path="x/Battle_of_Kunduz_(2016).md",
        raw=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        format="plaintext",
        meta={"title": "Battle of Kunduz"},
    )


def make_event(sentence: str, day: int, sub: str = "Armed clash") -> Event:
    i = TEXT.index(sentence)
    ev = Evidence(sentence, i, i + len(sentence), i, i + len(sentence))
    return Event(
        doc="Battle_of_Kunduz_(2016).md",
        event_type="Battles",
        sub_event_type=sub,
        event_date=date(2016, 10, day),
        date_end=date(2016, 10, day),
        time_precision=1,
        actor1="Taliban",
        actor2="Military Forces of Afghanistan",
        location="Kunduz",
        latitude=36.7289,
        longitude=68.857,
        geo_precision=1,
        country="Afghanistan",
        fatalities=1,
        evidence=[ev],
    )


EVENTS = [
    make_event("a four pronged attack was launched on Kunduz on the morning of 3 October 2016", 3),
    make_event(
        "On 4 October, Afghan forces managed to regain control of the city center",
        4,
        "Government regains territory",
    ),
]


def test_write_and_read_back_with_evidence_offsets(store):
    res = store.write_document(make_doc(), EVENTS)
    assert (res.status, res.n_events) == ("stored", 2)
    recs = store.iter_event_records()
    assert [r["event_date"] for r in recs] == ["2016-10-03", "2016-10-04"]
    span = recs[0]["evidence_spans"][0]
    assert TEXT[span["start"] : span["end"]] == span["text"]
    assert recs[0]["review_state"] == "unreviewed"


def test_same_content_twice_changes_nothing(store):
    store.write_document(make_doc(), EVENTS)
    again = store.write_document(make_doc(), EVENTS)
    assert again.status == "unchanged"
    assert store.count("documents") == 1 and store.count("events") == 2
    assert store.known_documents() == {("Battle_of_Kunduz_(2016).md", make_doc().content_hash)}


def test_new_content_replaces_unreviewed_events_but_keeps_reviewed_ones(store):
    store.write_document(make_doc(), EVENTS)
    with store.engine.begin() as conn:
        conn.execute(
            update(s.events)
            .where(s.events.c.event_date == date(2016, 10, 4))
            .values(review_state="verified", fatalities=7)
        )
    res = store.write_document(make_doc(TEXT + "\nUpdated."), EVENTS[:1])
    assert res.status == "replaced"
    recs = store.iter_event_records()
    assert store.count("documents") == 1
    assert sorted((r["event_date"], r["review_state"], r["fatalities"]) for r in recs) == [
        ("2016-10-03", "unreviewed", 1),
        ("2016-10-04", "verified", 7),
    ]


def test_forced_re_extraction_never_overwrites_a_reviewed_event(store):
    store.write_document(make_doc(), EVENTS)
    with store.engine.begin() as conn:
        conn.execute(update(s.events).values(review_state="edited", actor1="Taliban (edited)"))
    store.write_document(make_doc(), EVENTS, replace_same=True)
    with store.engine.connect() as conn:
        rows = conn.execute(select(s.events.c.actor1, s.events.c.review_state)).all()
    assert sorted(rows) == [("Taliban (edited)", "edited"), ("Taliban (edited)", "edited")]


def test_a_failing_write_leaves_nothing_behind(store):
    bad = make_event("On 4 October, Afghan forces managed to regain control of the city center", 4)
    bad.event_type = None  # violates NOT NULL inside the transaction
    with pytest.raises(IntegrityError):
        store.write_document(make_doc(), [EVENTS[0], bad])
    assert store.count("documents") == 0 and store.count("events") == 0


def test_problems_are_recorded(store):
    store.record_problem("broken.md", "not valid UTF-8 at byte 12")
    assert store.count("problems") == 1


def test_undated_events_come_first_within_a_document(store):
    undated = make_event(
        "On 4 October, Afghan forces managed to regain control of the city center",
        4,
        "Government regains territory",
    )
    undated.event_date = undated.date_end = None
    store.write_document(make_doc(), [EVENTS[0], undated])
    assert [r["event_date"] for r in store.iter_event_records()] == [None, "2016-10-03"]


def test_documents_are_listed_in_byte_order_whatever_the_server_locale(store):
    names = ["battle.md", "Battle.md", "Échauffourée.md", "attack.md", "Zhari.md"]
    for i, name in enumerate(names):
        doc = make_doc(f"{TEXT}\n{i}")
        doc.name = name
        store.write_document(doc, EVENTS[:1])
    assert [r["doc"] for r in store.iter_event_records()] == sorted(names)
    assert [r["doc"] for r in store.iter_event_records(documents=["Zhari.md", "attack.md"])] == [
        "Zhari.md",
        "attack.md",
    ]


def test_values_longer_than_the_declared_lengths_are_kept_whole(store):
    long_actor = "Unidentified armed group " * 20  # 500 characters; actor1 says VARCHAR(256)
    ev = make_event(
        "a four pronged attack was launched on Kunduz on the morning of 3 October 2016", 3
    )
    ev.actor1 = long_actor
    store.write_document(make_doc(), [ev])
    assert store.iter_event_records()[0]["actor1"] == long_actor


def test_audit_rows_keep_the_user_and_read_back_naive_utc_times(store):
    store.write_document(make_doc(), EVENTS)
    berlin = timezone(timedelta(hours=2))
    with store.engine.begin() as conn:
        event_id = conn.execute(select(s.events.c.id).order_by(s.events.c.id)).scalars().first()
        for row in (
            {"user": "ana", "action": "verify", "at": datetime(2024, 5, 1, 12, 30, tzinfo=UTC)},
            {
                "user": "ben",
                "action": "edit",
                "field": "fatalities",
                "before": "1",
                "after": "7",
                "at": datetime(2024, 5, 1, 14, 45, tzinfo=berlin),
            },
            {"user": "cem", "action": "reject"},
        ):  # no time: the server's clock
            conn.execute(insert(s.audit_log).values(event_id=event_id, **row))
        rows = conn.execute(select(s.audit_log).order_by(s.audit_log.c.id)).mappings().all()
    assert [(r["user"], r["at"]) for r in rows[:2]] == [
        ("ana", datetime(2024, 5, 1, 12, 30)),
        ("ben", datetime(2024, 5, 1, 12, 45)),
    ]
    now = rows[2]["at"]
    assert now.tzinfo is None
    assert abs(now - datetime.now(UTC).replace(tzinfo=None)) < timedelta(hours=1)
