"""Full-text search and the extra indexes that the web app's filters and sorts need.

``ensure_search(engine)`` is idempotent and cheap when everything is in place; the web app calls
it at start-up. On SQLite it keeps an FTS5 table ``events_fts`` (rowid = ``events.id``; columns
``notes`` and ``evidence``) in step with ``events`` and ``evidence`` through triggers, so events
written later by ``warlog extract`` are searchable at once, and rebuilds it when its row count
disagrees with ``events`` (a database written before the table existed). On PostgreSQL the same
role is played by a ``tsvector`` table with a GIN index (:mod:`warlog.store.pg_search`), a
trigram index over the actor names (``pg_trgm``, when the server has it), composite B-trees
for each filter (:data:`PG_INDEXES`) and the count tables of :mod:`warlog.store.rollup`;
without them (a database nobody has served yet) :func:`matches` falls back to ``LIKE``.

A query is its words (runs of letters and digits); the rest is ignored. A query without any
word (``*``, ``"?!"``) therefore asks for nothing in particular and matches every event, on
both backends: :func:`matches` adds no condition and :func:`count_matches` counts all events.

Nothing here changes the tables of :mod:`warlog.store.schema`; it only adds objects beside them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, Integer, and_, column, exists, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import pg_search, rollup
from warlog.store import schema as s

FTS_TABLE = "events_fts"

# (name, table, columns): plain B-tree indexes for the web app's filters, sorts and joins.
EXTRA_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_events_document", "events", "document_id"),
    ("ix_events_actor1", "events", "actor1"),
    ("ix_events_actor2", "events", "actor2"),
    ("ix_events_country_admin1", "events", "country, admin1"),
    ("ix_events_admin1", "events", "admin1"),
    ("ix_events_fatalities", "events", "fatalities"),
    # Covering indexes: the timeline's day/type count and the map's grid read only these, and
    # the table's count over any mix of filters scans index entries instead of whole rows.
    ("ix_events_date_type", "events", "event_date, event_type"),
    (
        "ix_events_filter",
        "events",
        "event_date, event_type, sub_event_type, country, admin1, review_state, document_id, "
        "actor1, actor2, assoc_actor_1, assoc_actor_2, fatalities, latitude, longitude",
    ),
    ("ix_events_geo", "events", "latitude, longitude, event_type, fatalities"),
    ("ix_audit_at", "audit_log", "at"),
)
# PostgreSQL only: a B-tree led by each equality filter and ending in the table's default order
# (date, id), so a filtered page is an ordered index range that stops at the page's last row;
# the other filter columns are INCLUDEd, so a capped count with several filters reads the
# index alone (no table rows).
_EQUALITY = ("country", "admin1", "event_type", "sub_event_type", "review_state")
# A place filter also covers the map's columns (a brushed date range of one country is drawn
# from the index alone). Each sort column other than the date is ``(column, id)``: the table's
# order, so a sorted page never sorts the NULL values (a third of ``fatalities``) as one group.
_MAP = ("latitude", "longitude", "fatalities")
PG_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_events_date_id", "events", "event_date, id"),
    *(
        (f"ix_events_{lead}_date", "events",
         f"{lead}, event_date, id) INCLUDE ("
         + ", ".join(c for c in (*_EQUALITY, "document_id") if c != lead)
         + (", " + ", ".join(_MAP) if lead in ("country", "admin1") else ""))
        for lead in _EQUALITY
    ),
    *((f"ix_events_{c}_id", "events", f"{c}, id")
      for c in ("fatalities", "actor1", "actor2", "location")),
)
STALE_STATS = 0.25  # re-ANALYZE when the event count moved this much since the last one

_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "notes, evidence, tokenize = 'unicode61 remove_diacritics 2')"
)

_TRIGGERS = {
    "events_fts_ai": f"""
        CREATE TRIGGER IF NOT EXISTS events_fts_ai AFTER INSERT ON events BEGIN
          INSERT INTO {FTS_TABLE}(rowid, notes, evidence)
          VALUES (new.id, coalesce(new.notes, ''), '');
        END""",
    "events_fts_au": f"""
        CREATE TRIGGER IF NOT EXISTS events_fts_au AFTER UPDATE OF notes ON events BEGIN
          UPDATE {FTS_TABLE} SET notes = coalesce(new.notes, '') WHERE rowid = new.id;
        END""",
    "events_fts_ad": f"""
        CREATE TRIGGER IF NOT EXISTS events_fts_ad AFTER DELETE ON events BEGIN
          DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        END""",
    "evidence_fts_ai": f"""
        CREATE TRIGGER IF NOT EXISTS evidence_fts_ai AFTER INSERT ON evidence BEGIN
          UPDATE {FTS_TABLE} SET evidence = evidence || ' ' || new.text
          WHERE rowid = new.event_id;
        END""",
    "evidence_fts_ad": f"""
        CREATE TRIGGER IF NOT EXISTS evidence_fts_ad AFTER DELETE ON evidence BEGIN
          UPDATE {FTS_TABLE} SET evidence = coalesce(
            (SELECT group_concat(text, ' ') FROM evidence WHERE event_id = old.event_id), '')
          WHERE rowid = old.event_id;
        END""",
}

_REBUILD = f"""
    INSERT INTO {FTS_TABLE}(rowid, notes, evidence)
    SELECT e.id, coalesce(e.notes, ''),
           coalesce((SELECT group_concat(v.text, ' ') FROM evidence v WHERE v.event_id = e.id), '')
    FROM events e"""

_WORD = re.compile(r"\w+", re.UNICODE)


def has_fts(engine: Engine) -> bool:
    """True when the database can answer :func:`matches` through FTS5 (SQLite only)."""
    return engine.dialect.name == "sqlite"


def ensure_search(engine: Engine) -> None:
    """Create the extra indexes and, on SQLite, the FTS table, its triggers and its rows."""
    s.metadata.create_all(engine)
    with engine.begin() as conn:
        new_indexes = False
        for name, table, cols in EXTRA_INDEXES:
            if not _has_index(conn, name):
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({cols})"))
                new_indexes = True
        if engine.dialect.name == "postgresql":
            for name, table, cols in PG_INDEXES:
                if not _has_index(conn, name):
                    conn.execute(text(f"CREATE INDEX {name} ON {table} ({cols})"))
                    new_indexes = True
            new_indexes = pg_search.ensure(conn) or new_indexes
            new_indexes = rollup.ensure_rollups(conn) or new_indexes
            if new_indexes:  # statistics of the new index expressions (the actors' text)
                conn.execute(text("ANALYZE events"))
            return
        if not has_fts(engine):
            return
        conn.execute(text(_FTS_DDL))
        for ddl in _TRIGGERS.values():
            conn.execute(text(ddl))
        n_fts = conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one()
        n_events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        if n_fts != n_events:
            conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
            conn.execute(text(_REBUILD))
        if new_indexes or _stats_stale(conn, n_events):
            conn.execute(text("ANALYZE"))


def _has_index(conn: Any, name: str) -> bool:
    if conn.dialect.name == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :n"
    else:
        sql = "SELECT 1 FROM pg_indexes WHERE indexname = :n"
    return conn.execute(text(sql), {"n": name}).first() is not None


def _stats_stale(conn: Any, n_events: int) -> bool:
    """True when SQLite's planner statistics are missing or far from the table's size (without
    them it may filter 100,000 rows through the wrong index)."""
    has_stats = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    ).first()
    if not has_stats:
        return n_events > 0
    row = conn.execute(
        text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' AND idx IS NOT NULL LIMIT 1")
    ).first()
    if row is None:
        return n_events > 0
    counted = int(str(row[0]).split()[0])
    return abs(n_events - counted) > STALE_STATS * max(counted, 1)


def count_matches(conn: Any, query: str) -> int:
    """How many events a full-text query matches, read from the FTS index alone (SQLite;
    the index has one row per event). A query without words matches every event."""
    expr = fts_expression(query)
    if expr is None:
        return int(conn.execute(text("SELECT count(*) FROM events")).scalar_one())
    sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
    return int(conn.execute(text(sql), {"q": expr}).scalar_one())


def words_of(query: str) -> list[str]:
    """The words of a query (at most 12), lower-cased."""
    return _WORD.findall(query.lower())[:12]


def fts_expression(query: str) -> str | None:
    """A safe FTS5 MATCH expression for what a person typed: every word must occur (the last
    one as a prefix, so results appear while typing). Operators and quotes in the input are
    dropped, so no input is a syntax error. ``None`` when there is no word at all."""
    words = words_of(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def matches(engine: Engine, query: str) -> ColumnElement[bool] | None:
    """A WHERE condition on ``events`` for a full-text query over notes and evidence;
    ``None`` (no restriction) for a query without words."""
    expr = fts_expression(query)
    if expr is None:
        return None
    if engine.dialect.name == "postgresql" and pg_search.ready(engine):
        return pg_search.matches(words_of(query))
    if has_fts(engine):
        sub = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q").bindparams(
            fts_q=expr
        )
        return s.events.c.id.in_(sub.columns(column("rowid", Integer)))
    conds = []
    for w in _WORD.findall(query.lower())[:12]:
        pattern = f"%{w}%"
        conds.append(
            or_(
                s.events.c.notes.ilike(pattern),
                exists(
                    select(s.evidence.c.id).where(
                        s.evidence.c.event_id == s.events.c.id, s.evidence.c.text.ilike(pattern)
                    )
                ),
            )
        )
    return and_(*conds)
