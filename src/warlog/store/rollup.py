"""Small count tables kept current on write, so the web app's aggregates read thousands of rows
instead of millions (PostgreSQL).

The timeline, the world map's first view and the filter panel's counts aggregate every event;
at ten million events a ``GROUP BY`` over ``events`` takes seconds however it is indexed. Each
table below holds counts per combination of a few columns:

- ``rollup_timeline``: dated events per day × event type × country × hidden (a report that an
  event group's representative stands for, :func:`warlog.store.groups.not_a_representative`),
  and ``rollup_days`` the same without the country (the unfiltered timeline: ten times fewer
  rows); ``rollup_weeks`` and ``rollup_months`` the same per week (starting on Monday) and per
  month: a timeline of years, drawn in weeks or months, reads a few hundred rows instead of
  summing thousands of days;
- ``rollup_map``: located events per map grid cell (``BASE_ZOOM``) × event type × country ×
  hidden, with the sums of latitude, longitude and fatalities (a cluster's centre and toll;
  ``group_fatalities`` the toll one row per group shows: a group's representative report counts
  its group's figure, :func:`warlog.store.groups.fatalities_shown`), and one row per type ×
  country × hidden of unlocated events (cell ``-1, -1``);
  ``rollup_map_months`` the same per country × month for dated events, so a map over whole
  months (a country's quarter, a year) reads its months' cells instead of the events;
- ``rollup_facets``: events per event type × sub-event type × country × admin1 × review state;
- ``rollup_documents``: events per document;
- ``rollup_actors``: events per actor name (actor 1 and actor 2).

They are kept by statement-level triggers (``REFERENCING NEW TABLE``): a ``COPY``-fed
``INSERT … SELECT`` of a shard adds its counts in one grouped upsert, a delete subtracts, an
edit moves an event from its old combination to its new one, a change of
``group_members.rep`` moves it between hidden and shown, and a group record written or removed
(``event_groups``) moves its representative's ``group_fatalities`` by the difference between
the group's figure and the report's own. Upserts go in key order, so two
writers never deadlock on the counters. ``ensure_rollups`` creates what is missing and fills
a new table from ``events`` once. A ``NULL`` key is stored as ``''`` (an empty country is not a
country); a combination whose count falls to zero keeps its row (readers skip it), so an edit
never scans a table to prune it.

SQLite has no statement triggers with transition tables; it keeps answering from its covering
indexes (fast at the sizes one machine's SQLite file holds).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, text

BASE_ZOOM = 6  # map cells of 360 / 2**(BASE_ZOOM + 2) degrees; a coarser zoom sums 2**k of them
BASE_CELL = 360.0 / 2 ** (BASE_ZOOM + 2)
_ready: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Rollup:
    name: str
    keys: tuple[tuple[str, str, str], ...]  # (column, SQL type, expression over ``e``)
    sums: tuple[tuple[str, str, str], ...]  # (column, SQL type, expression summed)
    where: str = "true"
    hidden: bool = False  # one key column ``hidden``: the report is not its group's row
    lateral: str = ""  # a ``CROSS JOIN LATERAL`` (several rows per event)


_CELL = f"{BASE_CELL!r}"
_GX = (f"CASE WHEN e.latitude IS NULL OR e.longitude IS NULL THEN -1 "
       f"ELSE floor((e.longitude + 180.0) / {_CELL})::integer END")
_GY = (f"CASE WHEN e.latitude IS NULL OR e.longitude IS NULL THEN -1 "
       f"ELSE floor((e.latitude + 90.0) / {_CELL})::integer END")
# a group's representative report shows its group's figure (the other reports are hidden)
_SHOWN = ("coalesce((SELECT eg.fatalities FROM event_groups eg WHERE eg.rep_event_id = e.id), "
          "e.fatalities, 0)")
_MAP_SUMS = (("n", "bigint", "1"), ("lat", "double precision", "coalesce(e.latitude, 0)"),
             ("lon", "double precision", "coalesce(e.longitude, 0)"),
             ("fatalities", "bigint", "coalesce(e.fatalities, 0)"),
             ("group_fatalities", "bigint", _SHOWN))
ROLLUPS = (
    Rollup(
        "rollup_days",
        (("day", "date", "e.event_date"), ("event_type", "text", "e.event_type")),
        (("n", "bigint", "1"),),
        where="e.event_date IS NOT NULL",
        hidden=True,
    ),
    Rollup(
        "rollup_weeks",
        (("week", "date", "date_trunc('week', e.event_date::timestamp)::date"),
         ("event_type", "text", "e.event_type")),
        (("n", "bigint", "1"),),
        where="e.event_date IS NOT NULL",
        hidden=True,
    ),
    Rollup(
        "rollup_months",
        (("month", "date", "date_trunc('month', e.event_date::timestamp)::date"),
         ("event_type", "text", "e.event_type")),
        (("n", "bigint", "1"),),
        where="e.event_date IS NOT NULL",
        hidden=True,
    ),
    Rollup(
        "rollup_timeline",
        (("day", "date", "e.event_date"), ("event_type", "text", "e.event_type"),
         ("country", "text", "coalesce(e.country, '')")),
        (("n", "bigint", "1"),),
        where="e.event_date IS NOT NULL",
        hidden=True,
    ),
    Rollup(
        "rollup_map",
        (("gx", "integer", _GX), ("gy", "integer", _GY),
         ("event_type", "text", "e.event_type"), ("country", "text", "coalesce(e.country, '')")),
        _MAP_SUMS,
        hidden=True,
    ),
    Rollup(
        "rollup_map_months",
        (("country", "text", "coalesce(e.country, '')"),
         ("month", "date", "date_trunc('month', e.event_date::timestamp)::date"),
         ("gx", "integer", _GX), ("gy", "integer", _GY), ("event_type", "text", "e.event_type")),
        _MAP_SUMS,
        where="e.event_date IS NOT NULL",
        hidden=True,
    ),
    Rollup(
        "rollup_facets",
        (("event_type", "text", "e.event_type"), ("sub_event_type", "text", "e.sub_event_type"),
         ("country", "text", "coalesce(e.country, '')"),
         ("admin1", "text", "coalesce(e.admin1, '')"), ("review_state", "text", "e.review_state")),
        (("n", "bigint", "1"),),
    ),
    Rollup(
        "rollup_documents",
        (("document_id", "integer", "e.document_id"),),
        (("n", "bigint", "1"),),
    ),
    Rollup(
        "rollup_actors",
        (("actor", "text", "a.actor"),),
        (("n", "bigint", "1"),),
        where="a.actor IS NOT NULL",
        lateral="CROSS JOIN LATERAL (VALUES (e.actor1), (e.actor2)) AS a(actor)",
    ),
)
NAMES = tuple(r.name for r in ROLLUPS)
_GROUP_SUMS = tuple(r.name for r in ROLLUPS if any(c == "group_fatalities" for c, _t, _x in r.sums))
_HIDDEN = "coalesce(g.rep = 0, false)"
_GROUP_JOIN = "LEFT JOIN group_members g ON g.event_id = e.id"


def _key_cols(r: Rollup) -> list[str]:
    return [k for k, _t, _x in r.keys] + (["hidden"] if r.hidden else [])


def _ddl(r: Rollup) -> str:
    cols = [f'{k} {t} COLLATE "C"' if t == "text" else f"{k} {t}" for k, t, _x in r.keys]
    if r.hidden:
        cols.append("hidden boolean")
    cols += [f"{c} {t} NOT NULL" for c, t, _x in r.sums]
    return (f"CREATE TABLE IF NOT EXISTS {r.name} ({', '.join(cols)}, "
            f"PRIMARY KEY ({', '.join(_key_cols(r))}))")


def _upsert(r: Rollup, source: str, sign: str, hidden: str = _HIDDEN,
            join: str = _GROUP_JOIN) -> str:
    """Add ``sign`` × each row of ``source`` (aliased ``e``) to the counts of ``r``."""
    keys = [x for _k, _t, x in r.keys] + ([hidden] if r.hidden else [])
    sums = [f"sum(({sign}) * ({x}))" for _c, _t, x in r.sums]
    cols = _key_cols(r) + [c for c, _t, _x in r.sums]
    n_keys = len(keys)
    order = ", ".join(str(i + 1) for i in range(n_keys))
    update = ", ".join(f"{c} = {r.name}.{c} + excluded.{c}" for c, _t, _x in r.sums)
    return (f"INSERT INTO {r.name} ({', '.join(cols)}) "
            f"SELECT {', '.join(keys + sums)} FROM {source} e {join if r.hidden else ''} "
            f"{r.lateral} WHERE {r.where} "
            f"GROUP BY {order} ORDER BY {order} "
            f"ON CONFLICT ({', '.join(_key_cols(r))}) DO UPDATE SET {update};\n")


def _function(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
            f"BEGIN\n{body}RETURN NULL;\nEND\n$f$")


# A change of ``group_members``: the events whose hidden flag flips, with the old and new flag.
_FLIPS = """(SELECT ev.*, f.sign, f.flag FROM events ev JOIN (
    SELECT c.event_id, -1 AS sign, c.was AS flag FROM {changes} c UNION ALL
    SELECT c.event_id, 1, c.now FROM {changes} c) f ON f.event_id = ev.id)"""
_CHANGES = {
    "ins": "(SELECT event_id, false AS was, bool_or(rep = 0) AS now FROM new_rows "
           "GROUP BY event_id HAVING bool_or(rep = 0))",
    "del": "(SELECT event_id, bool_or(rep = 0) AS was, false AS now FROM old_rows "
           "GROUP BY event_id HAVING bool_or(rep = 0))",
    "upd": "(SELECT event_id, bool_or(was) AS was, bool_or(now) AS now FROM ("
           "SELECT event_id, rep = 0 AS was, false AS now FROM old_rows UNION ALL "
           "SELECT event_id, false, rep = 0 FROM new_rows) x "
           "GROUP BY event_id HAVING bool_or(was) <> bool_or(now))",
}


def _trigger_sql() -> list[str]:
    """Functions and triggers: on ``events`` (every table) and ``group_members`` (hidden)."""
    out: list[str] = []
    for op, event, tables, parts in (
        ("ins", "INSERT", "NEW TABLE AS new_rows", [("new_rows", "1")]),
        ("del", "DELETE", "OLD TABLE AS old_rows", [("old_rows", "-1")]),
        ("upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
         [("old_rows", "-1"), ("new_rows", "1")]),
    ):
        body = "".join(_upsert(r, src, sign) for r in ROLLUPS for src, sign in parts)
        fn = f"warlog_rollup_events_{op}"
        out.append(_function(fn, body))
        out.append(f"DROP TRIGGER IF EXISTS {fn} ON events")
        out.append(f"CREATE TRIGGER {fn} AFTER {event} ON events REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
        flips = _FLIPS.format(changes=_CHANGES[op])
        body = "".join(_upsert(r, flips, "e.sign", "e.flag", "") for r in ROLLUPS if r.hidden)
        fn = f"warlog_rollup_groups_{op}"
        out.append(_function(fn, body))
        out.append(f"DROP TRIGGER IF EXISTS {fn} ON group_members")
        out.append(f"CREATE TRIGGER {fn} AFTER {event} ON group_members REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
        body = "".join(_record_upsert(r, src, sign) for r in ROLLUPS if r.name in _GROUP_SUMS
                       for src, sign in parts)
        fn = f"warlog_rollup_records_{op}"
        out.append(_function(fn, body))
        out.append(f"DROP TRIGGER IF EXISTS {fn} ON event_groups")
        out.append(f"CREATE TRIGGER {fn} AFTER {event} ON event_groups REFERENCING {tables} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
    return out


def _record_upsert(r: Rollup, rows: str, sign: str) -> str:
    """A group record written (``sign`` 1) or removed (-1): its representative report's
    ``group_fatalities`` moves by the group's figure less the report's own."""
    source = (f"(SELECT ev.*, ({sign}) * (coalesce(x.fatalities, ev.fatalities, 0) - "
              f"coalesce(ev.fatalities, 0)) AS delta FROM {rows} x "
              "JOIN events ev ON ev.id = x.rep_event_id)")
    sums = tuple((c, t, "e.delta" if c == "group_fatalities" else "0") for c, t, _x in r.sums)
    return _upsert(replace(r, sums=sums), source, "1")


def supports_rollups(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


def ensure_rollups(conn: Connection) -> bool:
    """Create the count tables and their triggers where missing (PostgreSQL); a new table is
    filled from ``events``. Returns whether anything was created."""
    if not supports_rollups(conn):
        return False
    have = {r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename LIKE 'rollup_%'"))}
    triggers = conn.execute(text(
        "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'warlog_rollup_%'")).scalar_one()
    for name in _GROUP_SUMS:  # a map table from before group_fatalities: counted again
        if name in have and not conn.execute(text(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = :t AND column_name = 'group_fatalities'"),
                {"t": name}).scalar_one():
            conn.execute(text(f"DROP TABLE {name}"))
            have.discard(name)
    missing = [r for r in ROLLUPS if r.name not in have]
    if not missing and triggers == 9:  # insert, delete, update on events, members, records
        _ready[conn.engine] = True
        return False
    # Writers wait while the tables are filled, so no event is counted twice or missed.
    conn.execute(text("LOCK TABLE events, group_members IN SHARE ROW EXCLUSIVE MODE"))
    for r in missing:
        conn.execute(text(_ddl(r)))
        conn.execute(text(_upsert(r, "events", "1")))
    for sql in _trigger_sql():
        conn.execute(text(sql))
    _ready[conn.engine] = True
    return True


def rebuild(conn: Connection) -> None:
    """Recount every table from ``events`` (a check, or a repair after a bulk change made with
    triggers disabled)."""
    for r in ROLLUPS:
        conn.execute(text(f"DELETE FROM {r.name}"))
        conn.execute(text(_upsert(r, "events", "1")))


def ready(conn: Connection) -> bool:
    """Whether the count tables exist (then they are current: triggers keep them); checked
    once per engine."""
    if not supports_rollups(conn):
        return False
    if conn.engine not in _ready:
        n = conn.execute(text(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = ANY(:names)"), {"names": list(NAMES)}).scalar_one()
        _ready[conn.engine] = int(n) == len(ROLLUPS)
    return _ready[conn.engine]


# ----------------------------------------------------------------------------- reading
def answers(f: Any, *, dates: bool = False) -> bool:
    """Whether the count tables can answer for filter ``f``: event types, countries and
    one-row-per-group at most (and no date range unless ``dates`` is allowed); a map view
    (``bbox``) only when it spans the whole world."""
    bbox = f.bbox
    if bbox is not None:
        west, south, east, north = bbox
        if east - west < 360 or min(south, north) > -90 or max(south, north) < 90:
            return False
    same = type(f)(event_type=f.event_type, country=f.country, grouped=f.grouped,
                   date_from=f.date_from if dates else None,
                   date_to=f.date_to if dates else None, bbox=bbox)
    return bool(f == same)


def whole_months(f: Any) -> bool:
    """Whether ``f``'s date range, if any, is whole months (from a month's first day to a
    month's last): then ``rollup_map_months`` answers it exactly."""
    return ((f.date_from is None or f.date_from.day == 1)
            and (f.date_to is None or (f.date_to + timedelta(days=1)).day == 1))


def _map_table(f: Any, params: dict[str, Any]) -> tuple[str, str]:
    """The map's count table for ``f`` and the condition on its months (whole months, see
    :func:`whole_months`; no dates: ``rollup_map``)."""
    if f.date_from is None and f.date_to is None:
        return "rollup_map", "true"
    conds = []
    if f.date_from is not None:
        conds.append("month >= :month_from")
        params["month_from"] = f.date_from
    if f.date_to is not None:
        conds.append("month <= :month_to")
        params["month_to"] = f.date_to
    return "rollup_map_months", " AND ".join(conds)


def _where(f: Any, params: dict[str, Any], hidden: bool = True) -> str:
    conds = ["n <> 0"]
    if f.event_type:
        conds.append("event_type = ANY(:types)")
        params["types"] = list(f.event_type)
    if f.country:
        conds.append("country = ANY(:countries)")
        params["countries"] = list(f.country)
    if hidden and f.grouped:
        conds.append("NOT hidden")
    return " AND ".join(conds)


def timeline_extent(conn: Connection, f: Any) -> tuple[Any, Any]:
    """The first and last day with a dated event for ``f`` (which :func:`answers`), or
    ``(None, None)``: the two ends of the day tables' primary key."""
    params: dict[str, Any] = {}
    table = "rollup_timeline" if f.country else "rollup_days"
    where = _where(f, params).replace("n <> 0", "n > 0")
    ends = [conn.execute(text(f"SELECT day FROM {table} WHERE {where} ORDER BY day {way} "
                              "LIMIT 1"), params).scalar() for way in ("ASC", "DESC")]
    return ends[0], ends[1]


def timeline_rows(conn: Connection, f: Any, bucket: str = "day") -> list[tuple[Any, str, int]]:
    """Dated events per ``bucket`` (day, week or month: its first day) and type for ``f``
    (which :func:`answers`). Weeks and months of all countries are read from their own
    tables; with a country filter they are that country's days (summed by the caller)."""
    params: dict[str, Any] = {}
    table, col = "rollup_timeline" if f.country else "rollup_days", "day"
    if not f.country and bucket in ("week", "month"):
        table, col = f"rollup_{bucket}s", bucket
    sql = (f"SELECT {col}, event_type, sum(n) FROM {table} WHERE {_where(f, params)} "
           f"GROUP BY {col}, event_type HAVING sum(n) > 0")
    return [(d, t, int(n)) for d, t, n in conn.execute(text(sql), params)]


def map_totals(conn: Connection, f: Any) -> tuple[int, int]:
    """Located and unlocated events for ``f``."""
    params: dict[str, Any] = {}
    table, months = _map_table(f, params)
    sql = ("SELECT coalesce(sum(n) FILTER (WHERE gx >= 0), 0), "
           f"coalesce(sum(n) FILTER (WHERE gx < 0), 0) FROM {table} "
           f"WHERE {months} AND {_where(f, params)}")
    located, unlocated = conn.execute(text(sql), params).one()
    return int(located), int(unlocated)


def map_cells(conn: Connection, f: Any, zoom: int) -> list[tuple[Any, ...]]:
    """``(x, y, type, n, sum lat, sum lon, fatalities)`` per grid cell at ``zoom`` (at most
    ``BASE_ZOOM``: a cell there is 2**k base cells); one row per group: its groups' figures."""
    params: dict[str, Any] = {"k": 2 ** (BASE_ZOOM - max(0, min(BASE_ZOOM, zoom)))}
    table, months = _map_table(f, params)
    toll = "group_fatalities" if f.grouped else "fatalities"
    sql = ("SELECT gx / :k AS x, gy / :k AS y, event_type, sum(n), sum(lat), sum(lon), "
           f"sum({toll}) FROM {table} WHERE gx >= 0 AND {months} AND {_where(f, params)} "
           "GROUP BY 1, 2, 3 HAVING sum(n) > 0")
    return [(x, y, t, int(n), la, lo, int(fa)) for x, y, t, n, la, lo, fa
            in conn.execute(text(sql), params)]


def facet_counts(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """What :func:`warlog.store.queries.facets` counts, from the count tables; ``''`` keys
    come back as ``None``."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(None if v == "" else v for v in r) for r in conn.execute(text(sql))]

    return {
        "types": rows("SELECT event_type, sub_event_type, sum(n) FROM rollup_facets "
                      "GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2"),
        "places": rows("SELECT country, admin1, sum(n) FROM rollup_facets WHERE country <> '' "
                       "GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2"),
        "states": rows("SELECT review_state, sum(n) FROM rollup_facets GROUP BY 1 "
                       "HAVING sum(n) > 0"),
        "documents": rows("SELECT document_id, n FROM rollup_documents WHERE n > 0"),
        "actors": rows("SELECT actor, n FROM rollup_actors WHERE n > 0"),
    }
