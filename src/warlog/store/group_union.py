"""Candidate pairs of reports become groups: union-find over the pairs in order, each join
checked against the whole group so far (:class:`~warlog.store.group_rule.GroupState`), then
reviewers' joins; the moved members are written in one set-based update."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection

from warlog.store import schema as s
from warlog.store.batches import chunks
from warlog.store.group_rule import MEMBER_FIELDS, PY, GroupState, LinkKey, copied_rank, rules

gm, groups_t, moves_t = s.group_members, s.event_groups, s.group_moves
_KEY_FIELDS = MEMBER_FIELDS
UNION_BATCH = 20000  # groups whose states are in memory at once (whole connected sets)


def states_of(conn: Connection, gids: set[int]) -> dict[int, GroupState]:
    """Each group's :class:`GroupState`, from its members' keys and evidence terms (the
    join checks every two reports of two documents with the rule). The groups are read in id
    order, a few thousand at a time, through the driver's own cursor where there is one
    (SQLAlchemy's result rows cost more than the reads: a union reads every pending report's
    terms, about twenty rows each)."""
    r = rules()
    states: dict[int, GroupState] = {}
    for batch in chunks(sorted(gids)):
        terms: dict[int, list[tuple[str, str]]] = {}
        for eid, kind, term in _read(conn, _TERMS_SQL, batch):
            if eid in terms:
                terms[eid].append((kind, term))
            else:
                terms[eid] = [(kind, term)]
        for gid, *key in _read(conn, _MEMBERS_SQL, batch):
            state = GroupState.of(LinkKey(*key, terms=frozenset(terms.get(key[0], ()))), r)
            if gid in states:
                states[gid].absorb(state)
            else:
                states[gid] = state
    return states


_TERMS_SQL = (f"SELECT t.event_id, t.kind, t.term FROM {s.group_terms.name} t "
              f"JOIN {gm.name} m ON m.event_id = t.event_id WHERE m.group_id IN ({{}})")
_MEMBERS_SQL = (f"SELECT group_id, {', '.join(_KEY_FIELDS)} FROM {gm.name} "
                "WHERE group_id IN ({})")


def _read(conn: Connection, sql: str, ids: list[int]) -> Any:
    """The rows of ``sql`` (its ``IN ({})`` the ids) as plain tuples: SQLite's and psycopg's
    own cursors, another driver through SQLAlchemy."""
    raw = conn.connection.dbapi_connection
    if conn.dialect.name == "sqlite" and raw is not None:
        return raw.execute(sql.format(", ".join("?" * len(ids))), ids).fetchall()
    if conn.dialect.driver == "psycopg" and raw is not None:
        with raw.cursor() as cur:
            cur.execute(sql.replace("IN ({})", "= ANY(%s)"), (ids,))
            return cur.fetchall()
    marks = ", ".join(f":p{i}" for i in range(len(ids)))
    return conn.execute(text(sql.format(marks)), {f"p{i}": x for i, x in enumerate(ids)}).all()


def union(
    conn: Connection, pairs: list[tuple[int, ...]],
    pinned: list[tuple[int, int]]
) -> set[int]:
    """Join the groups the pairs connect in the pairs' order, best first, as long as the joined
    group is still one event (:meth:`GroupState.joins`: one occasion per document; a pair whose
    place the evidence tells is not held to one coded place); then reviewers' joins, always.
    Each group keeps its smallest id; the ids of the groups that changed.

    A pair is (mixed, days apart, place, type, compatible, told, report, report, group,
    group) (:func:`groups._pending_pairs`); its sort key is
    :func:`~warlog.store.group_rule.pair_rank` with the days apart, ``compatible``, ``told``
    and the two groups. The copied rank (:func:`~warlog.store.group_rule.copied_rank`) is
    counted here from the two reports' evidence terms, which the join check loads anyway,
    not in SQL once per pair row.

    Pairs of groups that no chain of pairs (or reviewers' joins) connects never meet, so the
    union runs one connected set of groups after another, in batches of about
    ``UNION_BATCH`` groups, each batch's states loaded and released: memory follows the
    largest batch, not the store (the order inside a connected set is the global order)."""
    moves: list[dict[str, int]] = []
    for batch_pairs, batch_pinned in _components(pairs, pinned):
        moves.extend(_union_batch(conn, batch_pairs, batch_pinned))
    if moves:  # one set-based UPDATE through a scratch table, not one statement per group
        conn.execute(delete(moves_t))
        for batch in chunks(moves):
            conn.execute(insert(moves_t), batch)
        moved = select(moves_t.c.old)
        conn.execute(
            update(gm)
            .where(gm.c.group_id.in_(moved))
            .values(group_id=select(moves_t.c.new).where(moves_t.c.old == gm.c.group_id)
                    .scalar_subquery())
        )
        conn.execute(delete(groups_t).where(groups_t.c.group_id.in_(moved)))
        conn.execute(delete(moves_t))
    return {m["new"] for m in moves}


def _find(parent: dict[int, int], x: int) -> int:
    """The root of ``x`` in the union-find forest ``parent`` (a missing key is its own root),
    the path from ``x`` compressed onto it."""
    root = x
    while parent.get(root, root) != root:
        root = parent[root]
    while parent.get(x, x) != root:
        parent[x], x = root, parent[x]
    return root


def _components(
    pairs: list[tuple[int, ...]], pinned: list[tuple[int, int]]
) -> Any:
    """The pairs and pinned joins in batches of whole connected sets of groups (about
    ``UNION_BATCH`` groups a batch), the sets in the order of their smallest group id."""
    root: dict[int, int] = {}

    def find(x: int) -> int:
        return _find(root, x)

    for x, y in [(p[-2], p[-1]) for p in pairs] + list(pinned):
        rx, ry = find(x), find(y)
        if rx != ry:
            root[max(rx, ry)] = min(rx, ry)
    sets: dict[int, tuple[set[int], list[tuple[int, ...]], list[tuple[int, int]]]] = {}
    for p in pairs:
        item = sets.setdefault(find(p[-2]), (set(), [], []))
        item[0].update(p[-2:])
        item[1].append(p)
    for x, y in pinned:
        item = sets.setdefault(find(x), (set(), [], []))
        item[0].update((x, y))
        item[2].append((x, y))
    root.clear()
    size, out_pairs, out_pinned = 0, [], []
    # by their smallest group (a set's root): a batch's groups lie close together by id, so
    # its reads of member and term rows are near each other, not spread over the whole store
    for _, (gids, some_pairs, some_pinned) in sorted(sets.items()):
        out_pairs.extend(some_pairs)
        out_pinned.extend(some_pinned)
        size += len(gids)
        if size >= UNION_BATCH:
            yield out_pairs, out_pinned
            size, out_pairs, out_pinned = 0, [], []
    if out_pairs or out_pinned:
        yield out_pairs, out_pinned


def _union_batch(
    conn: Connection, pairs: list[tuple[int, ...]], pinned: list[tuple[int, int]]
) -> list[dict[str, int]]:
    """:func:`union` of whole connected sets of groups; their moves (old group, new)."""
    parent: dict[int, int] = {}
    states = states_of(conn, {g for p in pairs for g in p[-2:]} | {g for p in pinned for g in p})
    keys = {k.event_id: k for state in states.values() for k in state.keys}
    r = rules()
    ranked = sorted((mixed, copied_rank(keys[ea], keys[eb], PY, r), *rest, x, y, ea, eb)
                    for mixed, *rest, ea, eb, x, y in pairs)
    del keys

    def find(x: int) -> int:
        return _find(parent, x)

    def unite(x: int, y: int, check: bool, told: bool = False, compatible: bool = False
              ) -> None:
        rx, ry = find(x), find(y)
        if rx == ry or (check and not states[rx].joins(states[ry], told, compatible)):
            return
        keep, gone = min(rx, ry), max(rx, ry)
        parent[gone] = keep
        states[keep].absorb(states[gone])

    for *_, compatible, told, x, y, _ea, _eb in ranked:
        unite(x, y, check=True, told=bool(told), compatible=bool(compatible))
    for x, y in pinned:  # after the rule's groups formed: a reviewer joins whole groups
        unite(x, y, check=False)
    return [{"old": g, "new": find(g)} for g in parent if find(g) != g]
