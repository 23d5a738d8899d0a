"""Read-only questions asked of the store: table pages, timeline, map, facets, one record,
a document's text, the audit log. :class:`warlog.store.database.Store` offers each as a method
(``store.events(f)``, ``store.timeline(f)`` …); the web app serves them as they are.

Every aggregate is computed in SQL (``GROUP BY``), every list is paginated or capped, and every
value reaches the database as a bound parameter. Results are plain dicts and lists, ready to
serialise as JSON.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, and_, case, cast, func, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import audit, groups, keyset, rollup
from warlog.store import schema as s
from warlog.store.filters import EventFilter, conditions
from warlog.store.places import admin1_label
from warlog.store.search import count_matches
from warlog.taxonomy import type_index

if TYPE_CHECKING:
    from warlog.store.database import Store as Database

ev, doc, evid = s.events, s.documents, s.evidence

MAX_PAGE_SIZE = 200
POINT_LIMIT = 4000  # above this many located events in view, the map gets grid clusters
CLUSTER_PX = 64  # grid cell size in screen pixels
MAX_FACET_ROWS = 5000
COUNT_CAP = 1000  # the table counts its matches exactly up to this many
COUNT_BUDGET_MS = 80  # PostgreSQL: a capped count that takes longer gives "more than a page"

# Table sort keys → columns (a whitelist: a request never names a column itself).
SORT_COLUMNS: dict[str, Any] = {
    "id": ev.c.id,
    "event_date": ev.c.event_date,
    "event_type": ev.c.event_type,
    "sub_event_type": ev.c.sub_event_type,
    "actor1": ev.c.actor1,
    "actor2": ev.c.actor2,
    "location": ev.c.location,
    "country": ev.c.country,
    "admin1": ev.c.admin1,
    "fatalities": ev.c.fatalities,
    "review_state": ev.c.review_state,
    "doc": doc.c.name,
}

TABLE_COLUMNS = (
    ev.c.id,
    ev.c.event_date,
    ev.c.date_end,
    ev.c.event_type,
    ev.c.sub_event_type,
    ev.c.actor1,
    ev.c.actor2,
    ev.c.location,
    ev.c.country,
    ev.c.admin1,
    ev.c.fatalities,
    ev.c.review_state,
    ev.c.version,
    ev.c.document_id,
    doc.c.name.label("doc"),
)


def jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row(r: Any) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in r._mapping.items()}


def _where(db: Database, f: EventFilter) -> ColumnElement[bool]:
    conds = conditions(f, db.read)
    return and_(*conds) if conds else and_(True)


# -- table -------------------------------------------------------------------------------
def count_events(db: Database, f: EventFilter) -> int:
    """How many events the filter selects."""
    with db.read.connect() as conn:
        q = select(func.count()).select_from(ev).where(_where(db, f))
        return int(conn.execute(q).scalar_one())


def capped_count(conn: Connection, where: ColumnElement[bool], cap: int | None = None
                 ) -> tuple[int, bool]:
    """How many events match, counted up to ``cap`` (:data:`COUNT_CAP`; an index range of
    at most ``cap`` + 1 entries): ``(n, True)`` when exact, ``(cap, False)`` when there are
    more, ``(0, False)`` when PostgreSQL could not count them within
    :data:`COUNT_BUDGET_MS`."""
    cap = COUNT_CAP if cap is None else cap
    hits = select(literal_column("1")).select_from(ev).where(where).limit(cap + 1).subquery()
    count = select(func.count()).select_from(hits)
    if conn.dialect.name != "postgresql":
        n = int(conn.execute(count).scalar_one())
        return (n, True) if n <= cap else (cap, False)
    try:  # a count that would take longer than its budget is not worth the wait
        with conn.begin_nested():
            conn.exec_driver_sql(f"SET LOCAL statement_timeout = {COUNT_BUDGET_MS}")
            n = int(conn.execute(count).scalar_one())
            conn.exec_driver_sql("SET LOCAL statement_timeout TO DEFAULT")
    except OperationalError as e:
        if "statement timeout" not in str(e):
            raise
        return 0, False
    return (n, True) if n <= cap else (cap, False)


def estimate(conn: Connection, where: ColumnElement[bool]) -> int | None:
    """The PostgreSQL planner's estimate of the matching rows (no rows are read); ``None``
    elsewhere."""
    if conn.dialect.name != "postgresql":
        return None
    compiled = select(ev.c.id).where(where).compile(
        dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled),
                                compiled.params).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


def list_events(
    db: Database,
    f: EventFilter,
    sort: str = "event_date",
    order: str = "asc",
    page: int = 1,
    page_size: int = 50,
    after: str | None = None,
) -> dict[str, Any]:
    """One page of the filtered events and how many there are.

    ``after`` is the ``next`` cursor of the previous page (keyset pagination: the page starts
    at that row in the index, however deep); without it the page is found by ``OFFSET``.
    ``total`` is exact up to :data:`COUNT_CAP`; above it ``total_exact`` is false, ``total``
    is the cap ("more than 10,000") and ``total_estimate`` the planner's estimate
    (PostgreSQL), so a filter that selects millions never counts them."""
    page_size = max(1, min(MAX_PAGE_SIZE, page_size))
    page = max(1, page)
    order = "desc" if order == "desc" else "asc"
    sort = sort if sort in SORT_COLUMNS else "event_date"
    col = SORT_COLUMNS[sort]
    ordering = [col.desc(), ev.c.id.desc()] if order == "desc" else [col.asc(), ev.c.id.asc()]
    where = _where(db, f)
    fat = groups.fatalities_shown(f.grouped)  # a group's row: its group's figure
    columns = [fat.label("fatalities") if c is ev.c.fatalities else c for c in TABLE_COLUMNS]
    base = (
        select(*columns, col.label("_key"))
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id))
        .order_by(*ordering)
    )
    only_text = f.q is not None and f == EventFilter(q=f.q)
    with db.read.connect() as conn:
        rows: list[Any] = []
        if after:
            value, last_id = keyset.decode(after, sort, order, col)
            for cond in keyset.segments(col, order, db.read.dialect.name, value, last_id):
                need = page_size + 1 - len(rows)
                rows += conn.execute(base.where(where, cond).limit(need)).all()
                if len(rows) > page_size:
                    break
        else:
            q = base.where(where).limit(page_size + 1).offset((page - 1) * page_size)
            rows = conn.execute(q).all()
        if only_text and db.fts:  # the FTS index counts its matches without touching events
            total, exact = count_matches(conn, f.q), True
        else:
            total, exact = capped_count(conn, where)
        guess = None if exact else estimate(conn, where)
    more, rows = len(rows) > page_size, rows[:page_size]
    if not exact:  # at least what the pages up to this one hold
        total = max(total, (page - 1) * page_size + len(rows) + int(more))
    items = []
    for r in rows:
        item = _row(r)
        del item["_key"]
        item["admin1_name"] = admin1_label(item["admin1"])
        items.append(item)
    last = rows[-1] if rows else None
    return {
        "total": total,
        "total_exact": exact,
        "total_estimate": max(guess, total) if guess is not None else None,
        "page": page,
        "page_size": page_size,
        "items": items,
        "next": keyset.encode(sort, order, last._key, last.id) if more and last else None,
    }


# -- timeline ----------------------------------------------------------------------------
def choose_bucket(first: date | None, last: date | None) -> str:
    """Days while a daily bar chart stays readable, weeks or months for long ranges."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    if span <= 1100:
        return "day"
    return "week" if span <= 7000 else "month"


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def bucket_start(day: date, bucket: str) -> date:
    """The first day of the week (Monday) or month that ``day`` falls in."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def timeline(db: Database, f: EventFilter, bucket: str = "auto") -> dict[str, Any]:
    """Events per day (or week/month) and event type, over all dates (the brushing range is
    the filter's date range; the timeline itself ignores it).

    SQL counts per day and type (a covering-index scan); days are then summed into weeks or
    months here, over at most a few thousand rows. The count tables (PostgreSQL) give the
    extent from their key's two ends and weeks or months from their own tables.
    """
    where = and_(_where(db, f.without_dates()), ev.c.event_date.is_not(None))
    extent = None
    with db.read.connect() as conn:
        if rollup.answers(f.without_dates()) and rollup.ready(conn):
            extent = rollup.timeline_extent(conn, f.without_dates())
            if bucket not in ("day", "week", "month"):
                bucket = choose_bucket(*map(_as_date, extent))
            rows: Any = rollup.timeline_rows(conn, f.without_dates(), bucket)
        else:
            rows = conn.execute(
                select(ev.c.event_date, ev.c.event_type, func.count())
                .where(where)
                .group_by(ev.c.event_date, ev.c.event_type)
            ).all()
    days = [(_as_date(d), t, n) for d, t, n in rows]
    first, last = (map(_as_date, extent) if extent is not None else
                   (min((d for d, _, _ in days), default=None),
                    max((d for d, _, _ in days), default=None)))
    if bucket not in ("day", "week", "month"):
        bucket = choose_bucket(first, last)
    sums: dict[tuple[date, str], int] = {}
    for d, t, n in days:
        key = (bucket_start(d, bucket), t)
        sums[key] = sums.get(key, 0) + n
    buckets = sorted({b for b, _ in sums})
    pos = {b: i for i, b in enumerate(buckets)}
    types = sorted({t for _, t in sums}, key=lambda t: type_index([t])[t])
    counts = {t: [0] * len(buckets) for t in types}
    for (b, t), n in sums.items():
        counts[t][pos[b]] = n
    return {
        "bucket": bucket,
        "extent": [jsonable(first), jsonable(last)],
        "buckets": [b.isoformat() for b in buckets],
        "types": types,
        "counts": counts,
    }


# -- map ---------------------------------------------------------------------------------
def cell_degrees(zoom: int) -> float:
    """Grid cell size in degrees for a web-mercator zoom level (``CLUSTER_PX`` pixels)."""
    zoom = max(0, min(22, zoom))
    return CLUSTER_PX * 360.0 / (256 * 2**zoom)


def map_data(db: Database, f: EventFilter, zoom: int | None = None) -> dict[str, Any]:
    """Located events as compact arrays ``[id, lat, lon, type index, fatalities]``, or, when
    more than ``POINT_LIMIT`` fall in the view, grid clusters ``[lat, lon, count, fatalities,
    type index of the most frequent type]``."""
    where = _where(db, f)
    located = and_(where, ev.c.latitude.is_not(None), ev.c.longitude.is_not(None))
    missing = case((ev.c.latitude.is_(None) | ev.c.longitude.is_(None), 1), else_=0)
    zoom = zoom if zoom else 2
    with db.read.connect() as conn:
        counted = (rollup.answers(f, dates=rollup.whole_months(f)) and zoom <= rollup.BASE_ZOOM
                   and rollup.ready(conn))
        if counted:  # the count tables: a few thousand rows, whatever the table's size
            total, unlocated = rollup.map_totals(conn, f)
        else:
            n_all, unlocated = conn.execute(
                select(func.count(), func.coalesce(func.sum(missing), 0)).where(where)
            ).one()
            total = n_all - unlocated
        if total <= POINT_LIMIT:
            rows = conn.execute(
                select(ev.c.id, ev.c.latitude, ev.c.longitude, ev.c.event_type,
                       groups.fatalities_shown(f.grouped))
                .where(located)
                .order_by(ev.c.id)
            ).all()
            types = sorted({r[3] for r in rows})
            idx = type_index(types)
            points = [[r[0], round(r[1], 5), round(r[2], 5), idx[r[3]], r[4] or 0] for r in rows]
            return {
                "mode": "points",
                "total": total,
                "unlocated": unlocated,
                "types": list(idx),
                "points": points,
            }
        if counted:
            cells = rollup.map_cells(conn, f, zoom)
        else:
            cells = _grid_cells(conn, located, cell_degrees(zoom), f.grouped)
        clusters, types = _merge_cells(cells)
    return {
        "mode": "clusters",
        "total": total,
        "unlocated": unlocated,
        "types": types,
        "clusters": clusters,
    }


def _grid_cells(conn: Connection, where: ColumnElement[bool], cell: float,
                grouped: bool = False) -> list[Any]:
    """``(x, y, type, n, sum lat, sum lon, fatalities)`` per grid cell and type. A cell is
    ``floor((lon + 180) / cell)`` (PostgreSQL's cast rounds, SQLite's truncates, which is the
    floor of these non-negative values), as in :mod:`warlog.store.rollup`."""
    def index(x: Any) -> Any:
        return cast(func.floor(x) if conn.dialect.name == "postgresql" else x, Integer)

    gx = index((ev.c.longitude + 180.0) / cell).label("gx")
    gy = index((ev.c.latitude + 90.0) / cell).label("gy")
    return conn.execute(
        select(
            gx,
            gy,
            ev.c.event_type,
            func.count(),
            func.sum(ev.c.latitude),
            func.sum(ev.c.longitude),
            func.coalesce(func.sum(groups.fatalities_shown(grouped)), 0),
        )
        .where(where)
        .group_by(literal_column("gx"), literal_column("gy"), ev.c.event_type)
    ).all()


def _merge_cells(rows: list[Any]) -> tuple[list[list[Any]], list[str]]:
    """Grid clusters ``[lat, lon, count, fatalities, type index of the most frequent type]``
    from per-cell-and-type sums."""
    idx = type_index(sorted({r[2] for r in rows}))
    cells: dict[tuple[int, int], list[Any]] = {}
    # in type order, so a tie between types goes to the first one whatever the rows' order
    for x, y, t, n, slat, slon, fat in sorted(rows, key=lambda r: (r[0], r[1], idx[r[2]])):
        c = cells.setdefault((x, y), [0.0, 0.0, 0, 0, -1, 0])
        c[0] += slat
        c[1] += slon
        c[2] += n
        c[3] += fat
        if n > c[5]:
            c[4], c[5] = idx[t], n
    clusters = [
        [round(c[0] / c[2], 5), round(c[1] / c[2], 5), c[2], c[3], c[4]] for c in cells.values()
    ]
    return clusters, list(idx)


# -- facets ------------------------------------------------------------------------------
def facets(db: Database) -> dict[str, Any]:
    """What the filter controls offer, with counts (:mod:`warlog.store.facets`)."""
    from warlog.store.facets import facets as compute

    return compute(db)


# -- one record --------------------------------------------------------------------------
def get_event(conn: Connection, event_id: int) -> dict[str, Any] | None:
    """Every column of one event with its document's name, or ``None``."""
    r = conn.execute(
        select(ev, doc.c.name.label("doc"), doc.c.title.label("doc_title"))
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id))
        .where(ev.c.id == event_id)
    ).first()
    if r is None:
        return None
    rec = _row(r)
    rec["admin1_name"] = admin1_label(rec["admin1"])
    return rec


def event_detail(db: Database, event_id: int) -> dict[str, Any] | None:
    """A record with its evidence, the other events of its document and its audit log."""
    with db.read.connect() as conn:
        rec = get_event(conn, event_id)
        if rec is None:
            return None
        rec["evidence"] = [
            _row(r)
            for r in conn.execute(
                select(evid.c.position, evid.c.text, evid.c.raw_start, evid.c.raw_end)
                .where(evid.c.event_id == event_id)
                .order_by(evid.c.position)
            )
        ]
        rec["siblings"] = [
            _row(r)
            for r in conn.execute(
                select(
                    ev.c.id,
                    ev.c.event_date,
                    ev.c.event_type,
                    ev.c.sub_event_type,
                    ev.c.location,
                    ev.c.review_state,
                )
                .where(ev.c.document_id == rec["document_id"], ev.c.id != event_id)
                .order_by(ev.c.event_date, ev.c.id)
                .limit(1000)
            )
        ]
        rec["audit"] = audit.entries(conn, event_id)
    return rec


def document_view(db: Database, document_id: int) -> dict[str, Any] | None:
    """A source document's original text and every stored evidence span in it."""
    with db.read.connect() as conn:
        d = conn.execute(
            select(doc.c.id, doc.c.name, doc.c.title, doc.c.format, doc.c.raw_text).where(
                doc.c.id == document_id
            )
        ).first()
        if d is None:
            return None
        spans = conn.execute(
            select(evid.c.event_id, evid.c.position, evid.c.raw_start, evid.c.raw_end)
            .select_from(evid.join(ev, ev.c.id == evid.c.event_id))
            .where(ev.c.document_id == document_id)
            .order_by(evid.c.raw_start)
        ).all()
    out = []
    for event_id, position, start, end in spans:
        out.append({"event_id": event_id, "position": position, "start": start, "end": end})
    return {
        "id": d.id,
        "name": d.name,
        "title": d.title,
        "format": d.format,
        "text": d.raw_text,
        "spans": out,
    }
