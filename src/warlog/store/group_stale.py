"""Groups that no longer hold: a report gone, rejected or edited since it was linked, or
marked by a reviewer's split. Their rows are removed, so the next link takes their reports as
new (:mod:`warlog.store.groups`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.engine import Connection

from warlog.store import schema as s
from warlog.store.batches import chunks
from warlog.store.group_rule import rules

gm, groups_t, ev, terms_t = s.group_members, s.event_groups, s.events, s.group_terms


def drop_stale(conn: Connection) -> set[int]:
    """Remove the groups of every member row whose report is gone, rejected or edited since
    (its version changed): their reports are linked again as new; the groups' ids."""
    alive = exists().where(
        ev.c.id == gm.c.event_id,
        ev.c.version == gm.c.version,
        ev.c.review_state.notin_(rules().excluded_states),
    )
    dirty = set(conn.execute(select(gm.c.group_id).where(~alive).distinct()).scalars())
    for batch in chunks(sorted(dirty)):
        delete_terms(conn, gm.c.group_id.in_(batch))
        conn.execute(delete(gm).where(gm.c.group_id.in_(batch)))
        conn.execute(delete(groups_t).where(groups_t.c.group_id.in_(batch)))
    return dirty


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
