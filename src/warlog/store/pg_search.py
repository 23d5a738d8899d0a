"""Full-text search and actor-part search on PostgreSQL, through indexes.

- ``events_search``: one ``tsvector`` per event (its notes and its evidence sentences, parsed
  with the ``simple`` configuration: lower-cased words, no stemming, as SQLite's FTS5 table
  does), with a GIN index. Triggers keep it current: a statement-level trigger on ``events``
  adds the new events' rows (a bulk ``INSERT … SELECT`` pays one statement), one on
  ``evidence`` adds the new sentences to their events' vectors; an edit of the notes or a
  removed sentence recomputes the event's vector; a deleted event's row goes with it (foreign
  key). A query is its words, all required, the last one as a prefix (``convoy:*``), as on
  SQLite: ``suicide convoy`` becomes ``suicide & convoy:*``.
- The "actor part" filter (``ILIKE '%part%'`` over four actor columns) is one expression,
  :data:`ACTORS_SQL`, with a trigram GIN index (``pg_trgm``) when the server offers the
  extension (a trusted extension since PostgreSQL 13: the database owner may create it);
  without it the same condition is a scan, as before.

Nothing here changes the tables of :mod:`warlog.store.schema`.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Connection, Engine, Integer, column, literal_column, text
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import schema as s

TABLE = "events_search"
# The four actor names in one text, separated by a character no name or query part contains
# (the filter keeps a query part with it on the four-column condition).
SEPARATOR = "\x1f"
ACTORS_SQL = (
    "(coalesce(events.actor1, '') || E'\\x1f' || coalesce(events.actor2, '') || E'\\x1f' || "
    "coalesce(events.assoc_actor_1, '') || E'\\x1f' || coalesce(events.assoc_actor_2, ''))"
)
_ACTORS_INDEX = ACTORS_SQL.replace("events.", "")

_DOC = (
    "to_tsvector('simple', coalesce(e.notes, '') || ' ' || coalesce((SELECT string_agg(v.text, "
    "' ' ORDER BY v.position) FROM evidence v WHERE v.event_id = e.id), ''))"
)

_DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} (event_id integer PRIMARY KEY "
    "REFERENCES events(id) ON DELETE CASCADE, doc tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_doc ON {TABLE} USING gin (doc)",
)


def _fn(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
            f"BEGIN\n{body}\nRETURN NULL;\nEND\n$f$")


def _recompute(ids: str) -> str:
    return (f"UPDATE {TABLE} t SET doc = {_DOC} FROM events e "
            f"WHERE e.id = t.event_id AND t.event_id IN ({ids});")


_TRIGGERS = (
    # (function, body, trigger DDL)
    ("warlog_search_events_ins",
     f"INSERT INTO {TABLE} (event_id, doc) SELECT id, to_tsvector('simple', "
     "coalesce(notes, '')) FROM new_rows ON CONFLICT (event_id) DO NOTHING;",
     "AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"),
    ("warlog_search_events_notes",
     _recompute("NEW.id"),
     "AFTER UPDATE OF notes ON events FOR EACH ROW "
     "WHEN (OLD.notes IS DISTINCT FROM NEW.notes)"),
    ("warlog_search_evidence_ins",
     f"UPDATE {TABLE} t SET doc = t.doc || x.doc FROM (SELECT event_id, to_tsvector('simple', "
     "string_agg(text, ' ' ORDER BY position)) AS doc FROM new_rows GROUP BY event_id) x "
     "WHERE t.event_id = x.event_id;",
     "AFTER INSERT ON evidence REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"),
    ("warlog_search_evidence_del",
     _recompute("SELECT event_id FROM old_rows"),
     "AFTER DELETE ON evidence REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT"),
    ("warlog_search_evidence_upd",
     _recompute("SELECT event_id FROM new_rows"),
     "AFTER UPDATE ON evidence REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT"),
)

_ready: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def ensure(conn: Connection) -> bool:
    """Create the search table (filled once from the stored events), its triggers and the
    actor trigram index where missing; whether anything was created."""
    created = False
    exists = conn.execute(text("SELECT to_regclass(:t)"), {"t": TABLE}).scalar_one()
    for ddl in _DDL:
        conn.execute(text(ddl))
    n_triggers = conn.execute(text(
        "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'warlog_search_%'")).scalar_one()
    if exists is None or n_triggers != len(_TRIGGERS):
        created = True
        conn.execute(text("LOCK TABLE events, evidence IN SHARE ROW EXCLUSIVE MODE"))
        for fn, body, when in _TRIGGERS:
            table = when.split(" ON ")[1].split()[0]
            conn.execute(text(_fn(fn, body)))
            conn.execute(text(f"DROP TRIGGER IF EXISTS {fn} ON {table}"))
            conn.execute(text(f"CREATE TRIGGER {fn} {when} EXECUTE FUNCTION {fn}()"))
        if exists is None:
            conn.execute(text(f"INSERT INTO {TABLE} (event_id, doc) SELECT e.id, {_DOC} "
                              "FROM events e ON CONFLICT (event_id) DO NOTHING"))
    has_index = conn.execute(text("SELECT to_regclass('ix_events_actors_trgm')")).scalar_one()
    if has_index is None and _trigram(conn):
        conn.execute(text("CREATE INDEX ix_events_actors_trgm ON events "
                          f"USING gin ({_ACTORS_INDEX} gin_trgm_ops)"))
        created = True
    _ready[conn.engine] = True
    return created


def _trigram(conn: Connection) -> bool:
    """Whether ``pg_trgm`` is installed in this database (installing it when allowed)."""
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except Exception:  # noqa: BLE001 - not offered by the server, or not allowed: no index
        pass
    found = conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
    return found is not None


def ready(engine: Engine) -> bool:
    """Whether the search table exists (checked once per engine)."""
    if engine not in _ready:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT to_regclass(:t)"), {"t": TABLE}).scalar_one()
        _ready[engine] = found is not None
    return _ready[engine]


def tsquery(words: list[str]) -> str:
    """``to_tsquery`` text: every word required, the last as a prefix; words are runs of
    letters and digits, so nothing in them is an operator."""
    return " & ".join(words[:-1] + [words[-1] + ":*"])


def matches(words: list[str]) -> ColumnElement[bool]:
    """Events whose notes and evidence hold every word (see the module notes)."""
    sub = text(
        f"SELECT event_id FROM {TABLE} WHERE doc @@ to_tsquery('simple', :pg_tsq)"
    ).bindparams(pg_tsq=tsquery(words))
    return s.events.c.id.in_(sub.columns(column("event_id", Integer)))


def actors_like(pattern: str) -> ColumnElement[bool]:
    """``ILIKE pattern`` over the four actor names as one indexed expression."""
    expr: Any = literal_column(ACTORS_SQL)
    return expr.ilike(pattern, escape="\\")
