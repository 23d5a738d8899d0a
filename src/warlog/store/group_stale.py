"""Groups that no longer hold: a report gone, rejected or edited since it was linked, or
marked by a reviewer's split. Their rows are removed, so the next link takes their reports as
new (:mod:`warlog.store.groups`).

What changed is told by the store itself: triggers on ``events`` add the id of every grouped
report that is deleted or updated to ``group_changes`` (a re-extraction, ``--force``, a new
version of its document and the kept reports moved to it, a review edit or rejection, a
re-anchoring, the cluster's writes: every writer, through SQL, whatever the code path). A link
reads and empties that table, so an incremental link costs in proportion to what changed, not
to the number of member rows. A store linked before the triggers existed (or whose triggers
were dropped) is checked whole once, by the member rows' versions, when they are installed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, select, text
from sqlalchemy.engine import Connection

from warlog.store import schema as s
from warlog.store.batches import chunks
from warlog.store.group_rule import rules

gm, groups_t, ev, terms_t = s.group_members, s.event_groups, s.events, s.group_terms
changes_t = s.group_changes

TRIGGER = "warlog_group_changes"  # name prefix of the triggers (and PostgreSQL's function)
_OPS = ("DELETE", "UPDATE")


def drop_stale(conn: Connection) -> set[int]:
    """Remove the groups of every grouped report deleted or changed since the last link
    (rejected, edited, moved to a new version of its document): their reports are linked
    again as new; the groups' ids."""
    if tracking(conn):
        ids = list(conn.execute(delete(changes_t).returning(changes_t.c.event_id)).scalars())
        dirty: set[int] = set()
        for batch in chunks(ids):
            dirty.update(conn.execute(select(gm.c.group_id).where(gm.c.event_id.in_(batch))
                                      .distinct()).scalars())
    else:
        track(conn)
        dirty = scan_all(conn)
    _remove(conn, dirty)
    return dirty


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
    """Create ``group_changes`` and the triggers that fill it: after a delete or an update of
    reports that have a member row, their ids. PostgreSQL: one statement-level trigger per
    operation over its transition table (a bulk delete is one ``INSERT … SELECT``); SQLite: a
    row trigger (it has no transition tables)."""
    changes_t.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
            f"BEGIN\nINSERT INTO {changes_t.name} (event_id) SELECT o.id FROM old_rows o "
            f"WHERE EXISTS (SELECT 1 FROM {gm.name} m WHERE m.event_id = o.id) "
            "ON CONFLICT DO NOTHING;\nRETURN NULL;\nEND\n$f$"))
        for op in _OPS:
            name = f"{TRIGGER}_{op.lower()}"
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {ev.name}"))
            conn.execute(text(f"CREATE TRIGGER {name} AFTER {op} ON {ev.name} REFERENCING "
                              f"OLD TABLE AS old_rows FOR EACH STATEMENT "
                              f"EXECUTE FUNCTION {TRIGGER}()"))
        return
    for op in _OPS:
        name = f"{TRIGGER}_{op.lower()}"
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER {op} ON {ev.name} "
            f"WHEN EXISTS (SELECT 1 FROM {gm.name} WHERE event_id = OLD.id) "
            f"BEGIN INSERT OR IGNORE INTO {changes_t.name} (event_id) VALUES (OLD.id); END")


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
    """Remove the groups of those reports, to be linked again by the next run."""
    ids = list(conn.execute(select(gm.c.group_id).where(gm.c.event_id.in_(event_ids))).scalars())
    delete_terms(conn, gm.c.group_id.in_(ids))
    conn.execute(delete(gm).where(gm.c.group_id.in_(ids)))
    conn.execute(delete(groups_t).where(groups_t.c.group_id.in_(ids)))
