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
from sqlalchemy.sql.elements import ColumnElement

from warlog.store import audit, groups
from warlog.store import schema as s
from warlog.store.filters import EventFilter, conditions
from warlog.store.places import admin1_label
from warlog.store.search import count_matches
from warlog.taxonomy import event_types, type_index

if TYPE_CHECKING:
    from warlog.store.database import Store as Database

ev, doc, evid = s.events, s.documents, s.evidence

MAX_PAGE_SIZE = 200
POINT_LIMIT = 4000  # above this many located events in view, the map gets grid clusters
CLUSTER_PX = 64  # grid cell size in screen pixels
MAX_FACET_ROWS = 5000

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


def list_events(
    db: Database,
    f: EventFilter,
    sort: str = "event_date",
    order: str = "asc",
    page: int = 1,
    page_size: int = 50,
) -> dict[str, Any]:
    """One page of the filtered events and the total count."""
    page_size = max(1, min(MAX_PAGE_SIZE, page_size))
    page = max(1, page)
    col = SORT_COLUMNS.get(sort, ev.c.event_date)
    ordering = [col.desc() if order == "desc" else col.asc()]
    ordering.append(ev.c.id.desc() if order == "desc" else ev.c.id.asc())
    where = _where(db, f)
    fat = groups.fatalities_shown(f.grouped)  # a group's row: its group's figure
    columns = [fat.label("fatalities") if c is ev.c.fatalities else c for c in TABLE_COLUMNS]
    q = (
        select(*columns)
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id))
        .where(where)
        .order_by(*ordering)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    only_text = f.q is not None and f == EventFilter(q=f.q)
    with db.read.connect() as conn:
        if only_text and db.fts:  # the FTS index counts its matches without touching events
            total = count_matches(conn, f.q)
        else:
            total = conn.execute(select(func.count()).select_from(ev).where(where)).scalar_one()
        items = [_row(r) for r in conn.execute(q)]
    for item in items:
        item["admin1_name"] = admin1_label(item["admin1"])
    return {"total": total, "page": page, "page_size": page_size, "items": items}


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
    months here, over at most a few thousand rows.
    """
    where = and_(_where(db, f.without_dates()), ev.c.event_date.is_not(None))
    with db.read.connect() as conn:
        rows = conn.execute(
            select(ev.c.event_date, ev.c.event_type, func.count())
            .where(where)
            .group_by(ev.c.event_date, ev.c.event_type)
        ).all()
    days = [(_as_date(d), t, n) for d, t, n in rows]
    first = min((d for d, _, _ in days), default=None)
    last = max((d for d, _, _ in days), default=None)
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
    with db.read.connect() as conn:
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
        clusters, types = _grid_clusters(conn, located, cell_degrees(zoom if zoom else 2),
                                         f.grouped)
    return {
        "mode": "clusters",
        "total": total,
        "unlocated": unlocated,
        "types": types,
        "clusters": clusters,
    }


def _grid_clusters(
    conn: Connection, where: ColumnElement[bool], cell: float, grouped: bool = False
) -> tuple[list[list[Any]], list[str]]:
    gx = cast((ev.c.longitude + 180.0) / cell, Integer).label("gx")
    gy = cast((ev.c.latitude + 90.0) / cell, Integer).label("gy")
    rows = conn.execute(
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
    idx = type_index(sorted({r[2] for r in rows}))
    cells: dict[tuple[int, int], list[Any]] = {}
    for x, y, t, n, slat, slon, fat in rows:
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
    """What the filter controls offer, with counts: types, places, documents, actors."""
    with db.read.connect() as conn:
        types = conn.execute(
            select(ev.c.event_type, ev.c.sub_event_type, func.count())
            .group_by(ev.c.event_type, ev.c.sub_event_type)
            .order_by(ev.c.event_type, ev.c.sub_event_type)
        ).all()
        places = conn.execute(
            select(ev.c.country, ev.c.admin1, func.count())
            .where(ev.c.country.is_not(None))
            .group_by(ev.c.country, ev.c.admin1)
            .order_by(ev.c.country, ev.c.admin1)
            .limit(MAX_FACET_ROWS)
        ).all()
        n_by_doc = (
            select(ev.c.document_id, func.count().label("n")).group_by(ev.c.document_id).subquery()
        )
        docs = conn.execute(
            select(doc.c.id, doc.c.name, doc.c.title, func.coalesce(n_by_doc.c.n, 0))
            .select_from(doc.outerjoin(n_by_doc, n_by_doc.c.document_id == doc.c.id))
            .order_by(doc.c.name)
            .limit(MAX_FACET_ROWS)
        ).all()
        states = conn.execute(
            select(ev.c.review_state, func.count()).group_by(ev.c.review_state)
        ).all()
        actor_counts: dict[str, int] = {}
        for col in (ev.c.actor1, ev.c.actor2):  # two ordered index scans, merged here
            for name, n in conn.execute(
                select(col, func.count()).where(col.is_not(None)).group_by(col)
            ):
                actor_counts[name] = actor_counts.get(name, 0) + n
        actors = sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_ROWS]
        first, last = conn.execute(
            select(func.min(ev.c.event_date), func.max(ev.c.event_date))
        ).one()
        total = conn.execute(select(func.count()).select_from(ev)).scalar_one()
    return {
        "total": total,
        "extent": [jsonable(_as_date(first)), jsonable(_as_date(last))],
        "taxonomy": {t: list(subs) for t, subs in event_types().items()},
        "types": [{"event_type": a, "sub_event_type": b, "n": n} for a, b, n in types],
        "places": [
            {"country": a, "admin1": b, "admin1_name": admin1_label(b), "n": n}
            for a, b, n in places
        ],
        "documents": [
            {"id": i, "name": name, "title": title, "n": n} for i, name, title, n in docs
        ],
        "review_states": {st: n for st, n in states},
        "actors": [{"name": a, "n": n} for a, n in actors],
    }


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
