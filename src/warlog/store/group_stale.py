"""Groups that no longer hold: a report gone, rejected or edited since it was linked, or
marked by a reviewer's split. Their rows are removed, so the link takes their reports as new
(:mod:`warlog.store.groups`).

What changed is told by the store itself: triggers on ``events`` add the id of every report
inserted, deleted or updated to ``group_changes`` (an extraction, a re-extraction, ``--force``,
a new version of a document and the kept reports moved to it, a review edit or rejection, a
merge, a re-anchoring, the cluster's bulk writes: every writer, through SQL, whatever the code
path). A link takes those ids (:func:`drop_stale`), drops the groups of the ones that were
linked, and looks only at them and at the other reports of those groups for reports to link
(:func:`new_reports`): an incremental link costs in proportion to what changed, never a read
of every member row or every report. A store whose changes were not recorded (linked before the
triggers existed, or with them dropped) is checked whole once, when they are installed.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    and_,
    delete,
    exists,
    false,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection

from warlog.store import schema as s
from warlog.store.batches import chunks
from warlog.store.group_rule import SQL, change_slot, country_slot, place_name, rules

gm, groups_t, ev, terms_t = s.group_members, s.event_groups, s.events, s.group_terms
changes_t = s.group_changes

TRIGGER = "warlog_group_changes"  # name prefix of the triggers (and PostgreSQL's functions)
_OPS = {"INSERT": "NEW", "DELETE": "OLD", "UPDATE": "OLD"}  # operation: the rows' ids recorded
NEW_REPORTS = "group_new"  # a link's temporary table: the reports it must look at
EVERY = 0  # the row of NEW_REPORTS that stands for "every report" (ids start at 1)


def drop_stale(conn: Connection) -> set[int]:
    """Remove the groups of every grouped report deleted or changed since the last link
    (rejected, edited, moved to a new version of its document, split by a reviewer): their
    reports are linked again as new, with the reports stored since, by :func:`new_reports`;
    the groups' ids."""
    staged = _staging(conn)
    conn.execute(staged.delete())  # SQLite keeps a temporary table's rows past the commit
    full = not tracking(conn)
    if full:
        track(conn)
        dirty = scan_all(conn)
    else:
        _take_changes(conn, staged)
        _with_document_slots(conn, staged)
        # a look-up per staged id (a join lets SQLite scan every member row for the DISTINCT)
        group = (select(gm.c.group_id).where(gm.c.event_id == staged.c.event_id)
                 .scalar_subquery())
        dirty = {g for g in conn.execute(select(group).select_from(staged)).scalars()
                 if g is not None}
        for batch in chunks(sorted(dirty)):  # their other reports are linked again too
            conn.execute(_insert(conn, staged).from_select(
                ["event_id"], select(gm.c.event_id).where(gm.c.group_id.in_(batch))))
        # a store whose member rows were all removed (another rule: linked from scratch)
        full = conn.execute(select(gm.c.event_id).limit(1)).first() is None
    if full:
        conn.execute(staged.insert().values(event_id=EVERY))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"ANALYZE {NEW_REPORTS}"))  # a temporary table has no statistics
    _remove(conn, dirty)
    return dirty


def _with_document_slots(conn: Connection, staged: Table) -> None:
    """Add to ``staged`` the linked reports coded to their country only of the documents of
    the staged reports (as linked, and as stored now): whether such a report is its
    document's only one of its country, day, type and parties (its "u" term,
    ``group_rule._one_country_event``) is read from the document's other reports, so a report
    of the document changed, added or removed may make it so or not. Likewise a change of
    hands' "c" term (its document's only change of its place within ``max_span_days``,
    ``group_rule._one_change``), at the places a staged change of hands had (its member row)
    or has now (its stored location): one added there may take it from the document's other
    changes of that place, one changed or removed may give it to them. A document's reports
    found by the events' (document, key) index."""
    m, e, x = gm.alias("m"), ev.alias("e"), ev.alias("x")
    # a look-up per staged id (a join lets SQLite scan every member and event row)
    linked = select(gm.c.document_id).where(gm.c.event_id == staged.c.event_id)
    stored = select(x.c.document_id).where(x.c.id == staged.c.event_id)
    docs = {d for q in (linked, stored)
            for d in conn.execute(select(q.scalar_subquery()).select_from(staged)).scalars()
            if d is not None}
    # the places of the staged reports' changes of hands, as linked and as stored now (a
    # look-up per id): a document's other changes there may gain or lose their "c" terms
    r = rules()
    once = sorted(r.once_a_day)
    left = (select(gm.c.place).where(gm.c.event_id == staged.c.event_id,
                                     gm.c.sub_event_type.in_(once)).scalar_subquery())
    now = (select(x.c.location).where(x.c.id == staged.c.event_id,
                                      x.c.sub_event_type.in_(once)).scalar_subquery())
    places = {p for p in conn.execute(select(left).select_from(staged)).scalars()}
    places |= {place_name(loc, r)
               for loc in conn.execute(select(now).select_from(staged)).scalars()}
    changes = or_(false(), *(and_(change_slot(m.c, SQL), m.c.place.in_(batch))
                             for batch in chunks(sorted(p for p in places if p))))
    for batch in chunks(sorted(docs)):  # an index range per document, on either database
        conn.execute(_insert(conn, staged).from_select(
            ["event_id"],
            select(m.c.event_id).select_from(e.join(m, m.c.event_id == e.c.id))
            .where(e.c.document_id.in_(batch), or_(country_slot(m.c, SQL), changes))))


def _take_changes(conn: Connection, staged: Table) -> None:
    """Move the recorded ids into ``staged`` (what a writer records meanwhile stays for the
    next link: the rows are taken by one ``DELETE … RETURNING``)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"WITH taken AS (DELETE FROM {changes_t.name} RETURNING event_id) "
                          f"INSERT INTO {NEW_REPORTS} (event_id) SELECT event_id FROM taken"))
        return
    ids = conn.execute(delete(changes_t).returning(changes_t.c.event_id)).scalars().all()
    raw = conn.connection.dbapi_connection
    if raw is None:
        raise RuntimeError("no database connection")
    cur = raw.cursor()
    cur.executemany(f"INSERT INTO {NEW_REPORTS} (event_id) VALUES (?)", [(i,) for i in ids])
    cur.close()


def _insert(conn: Connection, table: Table) -> Any:
    """An ``INSERT`` that skips rows already there."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def new_reports(conn: Connection) -> tuple[Any, Any]:
    """What the link after :func:`drop_stale` looks at for reports without a member row:
    (a FROM clause joining ``events`` and ``documents``, the id column to page it by). The
    reports stored, changed or relinked since the last link, read from the staged ids (an
    index range per id, whatever the store's size); every report where the changes were not
    recorded."""
    docs = s.documents
    staged = _staging(conn)
    every = conn.execute(select(staged.c.event_id).where(staged.c.event_id == EVERY)).first()
    if every is not None:
        return ev.join(docs, docs.c.id == ev.c.document_id), ev.c.id
    return (staged.join(ev, ev.c.id == staged.c.event_id)
            .join(docs, docs.c.id == ev.c.document_id)), staged.c.event_id


def _staging(conn: Connection) -> Table:
    """The connection's temporary table of the reports to look at (created if need be)."""
    table = Table(NEW_REPORTS, MetaData(), Column("event_id", Integer, primary_key=True,
                                                  autoincrement=False),
                  prefixes=["TEMPORARY"])
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {NEW_REPORTS} "
                          "(event_id integer PRIMARY KEY) ON COMMIT DELETE ROWS"))
    else:
        conn.exec_driver_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {NEW_REPORTS} "
                             "(event_id INTEGER PRIMARY KEY)")
    return table


def scan_all(conn: Connection) -> set[int]:
    """The groups of every member row whose report is gone, rejected or edited (its version
    changed), read from the whole member table (for a store whose changes were not tracked)."""
    alive = exists().where(
        ev.c.id == gm.c.event_id,
        ev.c.version == gm.c.version,
        ev.c.document_id == gm.c.document_id,
        ev.c.review_state.notin_(rules().excluded_states),
    )
    return set(conn.execute(select(gm.c.group_id).where(~alive).distinct()).scalars())


def tracking(conn: Connection) -> bool:
    """Whether the store's triggers record changed reports (one catalogue look-up)."""
    if conn.dialect.name == "postgresql":
        q = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE :p AND NOT tgisinternal"
    else:
        q = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"
    return int(conn.execute(text(q), {"p": f"{TRIGGER}%"}).scalar_one()) == len(_OPS)


def track(conn: Connection) -> None:
    """Create ``group_changes`` and the triggers that fill it: the ids of the reports
    inserted, deleted or updated. PostgreSQL: one statement-level trigger per operation over
    its transition table (a bulk write is one ``INSERT … SELECT``); SQLite: a row trigger (it
    has no transition tables)."""
    changes_t.create(conn, checkfirst=True)
    for op, rows in _OPS.items():
        name = f"{TRIGGER}_{op.lower()}"
        if conn.dialect.name == "postgresql":
            fn = f"{TRIGGER}_{rows.lower()}"
            conn.execute(text(
                f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
                f"BEGIN\nINSERT INTO {changes_t.name} (event_id) SELECT id FROM {rows}_rows "
                "ON CONFLICT DO NOTHING;\nRETURN NULL;\nEND\n$f$"))
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {ev.name}"))
            conn.execute(text(f"CREATE TRIGGER {name} AFTER {op} ON {ev.name} REFERENCING "
                              f"{rows} TABLE AS {rows}_rows FOR EACH STATEMENT "
                              f"EXECUTE FUNCTION {fn}()"))
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {op} ON {ev.name} BEGIN INSERT OR IGNORE INTO "
                f"{changes_t.name} (event_id) VALUES ({rows}.id); END")


def _remove(conn: Connection, group_ids: set[int]) -> None:
    for batch in chunks(sorted(group_ids)):
        delete_terms(conn, gm.c.group_id.in_(batch))
        conn.execute(delete(gm).where(gm.c.group_id.in_(batch)))
        conn.execute(delete(groups_t).where(groups_t.c.group_id.in_(batch)))


def delete_terms(conn: Connection, members: Any) -> None:
    """The evidence terms of the member rows ``members`` selects."""
    conn.execute(delete(terms_t).where(terms_t.c.event_id.in_(select(gm.c.event_id)
                                                             .where(members))))


def mark_dirty(conn: Connection, event_ids: list[int]) -> None:
    """Mark those reports changed: the next link relinks their groups."""
    if not tracking(conn):
        track(conn)  # and the next link checks the store whole (it was not tracked)
    have = set(conn.execute(select(changes_t.c.event_id)
                            .where(changes_t.c.event_id.in_(event_ids))).scalars())
    rows = [{"event_id": i} for i in sorted(set(event_ids) - have)]
    if rows:
        conn.execute(changes_t.insert(), rows)
