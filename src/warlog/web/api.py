"""The JSON API (``/api/…``): what the page uses, and usable on its own (OpenAPI at ``/docs``).

Read endpoints share one filter (:func:`event_filter`): dates, types, actor, places, documents,
review state, full-text ``q``. Review endpoints take the event ``version`` the client saw and
answer 409 with the current event when it has changed since (see :mod:`warlog.store.review`).
Every route is a thin call to the :class:`~warlog.store.database.Store` API.
The reviewer's name comes from the ``X-Warlog-User`` header (the page asks for it once).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from warlog.store import groups, keyset, queries, review
from warlog.store.database import Store
from warlog.store.filters import EventFilter
from warlog.store.schema import EDITABLE_FIELDS, REVIEW_STATES
from warlog.web.exporting import FORMATS, export_chunks, media_type

router = APIRouter(prefix="/api")

MAX_LIST = 50  # values per list parameter
_USER_OK = re.compile(r"[^\w .@+-]", re.UNICODE)

SortKey = Literal[
    "id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "admin1",
    "fatalities",
    "review_state",
    "doc",
]
ExportFormat = Literal["csv", "geojson", "jsonl"]
MAX_ID = 2**62  # ids and versions: far beyond any real one, inside a 64-bit SQL integer
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id")]


def get_db(request: Request) -> Store:
    return request.app.state.db


def reviewer(
    request: Request,
    x_warlog_user: Annotated[str | None, Header(max_length=200)] = None,
) -> str:
    """Who is reviewing: the ``X-Warlog-User`` header, cleaned; else the server's default."""
    name = _USER_OK.sub("", (x_warlog_user or "").strip())[:64].strip()
    return name or request.app.state.default_user


def _list(values: list[str] | None, name: str) -> tuple[str, ...]:
    values = [v.strip() for v in values or [] if v and v.strip()]
    if len(values) > MAX_LIST or any(len(v) > 300 for v in values):
        raise HTTPException(422, f"{name}: at most {MAX_LIST} values of 300 characters")
    return tuple(values)


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        west, south, east, north = (float(x) for x in text.split(","))
    except ValueError as e:
        raise HTTPException(422, "bbox is west,south,east,north in degrees") from e
    if not all(abs(v) < 1e6 for v in (west, south, east, north)):
        raise HTTPException(422, "bbox out of range")
    return west, south, east, north


def event_filter(
    date_from: Annotated[date | None, Query(description="First event date (inclusive)")] = None,
    date_to: Annotated[date | None, Query(description="Last event date (inclusive)")] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type(s)")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="Sub-event type(s)")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Part of an actor's name")
    ] = None,
    country: Annotated[list[str] | None, Query()] = None,
    admin1: Annotated[list[str] | None, Query()] = None,
    document: Annotated[list[int] | None, Query(description="Document id(s)")] = None,
    review_state: Annotated[list[str] | None, Query(description=", ".join(REVIEW_STATES))] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=300,
            description="Full-text search in notes and evidence: every word must occur (the "
            "last as a prefix); a query without words (`*`, `?!`) matches every event",
        ),
    ] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    reports: Annotated[
        bool, Query(description="Every report, not one row per event group")
    ] = False,
) -> EventFilter:
    docs = tuple(document or ())
    if len(docs) > MAX_LIST:
        raise HTTPException(422, f"document: at most {MAX_LIST} values")
    if any(not 1 <= d <= MAX_ID for d in docs):
        raise HTTPException(422, f"document: ids are whole numbers from 1 to {MAX_ID}")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        event_type=_list(event_type, "event_type"),
        sub_event_type=_list(sub_event_type, "sub_event_type"),
        actor=(actor or "").strip() or None,
        country=_list(country, "country"),
        admin1=_list(admin1, "admin1"),
        document=docs,
        review_state=_list(review_state, "review_state"),
        q=(q or "").strip() or None,
        bbox=_bbox(bbox),
        grouped=not reports,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
Db = Annotated[Store, Depends(get_db)]
User = Annotated[str, Depends(reviewer)]


def _dumps(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def compact_json(data: Any) -> Response:
    """JSON without FastAPI's per-value encoding pass (large map/timeline payloads)."""
    return Response(_dumps(data), media_type="application/json")


def cached_json(request: Request, key: tuple, compute: Any) -> Response:
    """An aggregate answer through the app's :class:`~warlog.store.cache.ResultCache`."""
    body = request.app.state.cache.get(key, lambda: _dumps(compute()))
    return Response(body, media_type="application/json")


# -- request and response models ---------------------------------------------------------
class EditRequest(BaseModel):
    """New values for some of an event's editable fields, and the version they apply to."""

    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, le=MAX_ID, description="The event's version the reviewer saw")
    changes: dict[str, Any] = Field(
        description="field → new value (null clears it); fields: see /api/facets 'editable'",
        max_length=40,
    )


class StateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, le=MAX_ID)
    state: Literal["verified", "rejected", "unreviewed"]


class MergeRequest(BaseModel):
    """Merge this event (the source) into ``into``; both versions as the reviewer saw them."""

    model_config = ConfigDict(extra="forbid")
    into: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=1, le=MAX_ID)
    into_version: int = Field(ge=1, le=MAX_ID)


class EventRow(BaseModel):
    id: int
    event_date: str | None
    date_end: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    country: str | None
    admin1: str | None
    admin1_name: str | None = None
    fatalities: int | None
    review_state: str
    version: int
    document_id: int
    doc: str


class EventPage(BaseModel):
    total: int
    total_exact: bool = True  # False: more than ``total`` (counted up to a cap)
    total_estimate: int | None = None
    page: int
    page_size: int
    items: list[EventRow]
    next: str | None = None  # cursor for ``after``: the following page


def review_error_response(_request: Any, e: review.ReviewError) -> JSONResponse:
    """How every review route answers a refused edit (registered on the app in app.py): the
    reason, and the event as it now stands so the client can show it."""
    return JSONResponse({"detail": e.message, "current": e.current}, status_code=e.status)


# -- read --------------------------------------------------------------------------------
@router.get("/health", summary="Is the server up, and how many events it holds")
def health(db: Db) -> dict[str, Any]:
    return {"ok": True, "events": db.count("events"), "database": db.url, "search": db.fts}


@router.get("/facets", summary="Values the filters offer, with counts")
def facets(db: Db, request: Request) -> Response:
    def compute() -> dict[str, Any]:
        data = db.facets()
        data["editable"] = list(EDITABLE_FIELDS)
        return data

    return cached_json(request, ("facets",), compute)


@router.get("/events", response_model=EventPage, summary="One page of the filtered events")
def list_events(
    db: Db,
    f: Filter,
    sort: Annotated[SortKey, Query()] = "event_date",
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    after: Annotated[
        str | None, Query(max_length=2000, description="The previous page's `next` cursor")
    ] = None,
) -> dict[str, Any]:
    try:
        return db.events(f, sort, order, page, page_size, after)
    except keyset.BadCursor as e:
        raise HTTPException(422, f"after: {e}") from e


@router.get("/events/{event_id}", summary="One event: every field, evidence, audit, siblings")
def get_event(db: Db, event_id: EventId) -> dict[str, Any]:
    rec = db.event(event_id)
    if rec is None:
        raise HTTPException(404, f"no event {event_id}")
    rec["group"] = db.group(event_id)  # every report of its event group, with evidence
    with db.read.connect() as conn:  # the group's one record: its fatalities by ACLED's rule
        rec["group_record"] = groups.record_of_group(conn, event_id)
    return rec


@router.get("/events/{event_id}/audit", summary="An event's review history, newest first")
def event_audit(db: Db, event_id: EventId) -> list[dict[str, Any]]:
    return db.audit_log(event_id)


@router.get("/audit", summary="Recent review changes over all events, newest first")
def recent_audit(
    db: Db,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[dict[str, Any]]:
    return db.audit_log(None, limit, offset)


@router.get("/timeline", summary="Events per day (week, month) and type, over all dates")
def timeline(
    db: Db,
    f: Filter,
    request: Request,
    bucket: Annotated[Literal["auto", "day", "week", "month"], Query()] = "auto",
) -> Response:
    key = ("timeline", f.without_dates(), bucket)
    return cached_json(request, key, lambda: db.timeline(f, bucket))


@router.get("/map", summary="Located events as compact points, or grid clusters when dense")
def map_data(
    db: Db,
    f: Filter,
    request: Request,
    zoom: Annotated[int | None, Query(ge=0, le=22)] = None,
) -> Response:
    return cached_json(request, ("map", f, zoom), lambda: db.map_points(f, zoom))


@router.get("/documents/{document_id}", summary="A source document's text and evidence spans")
def document(db: Db, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    d = db.document(document_id)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    return compact_json(d)


@router.get("/documents/{document_id}/profile",
            summary="A document's conflict profile (its infobox), every value with its offsets")
def document_profile(db: Db, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    from warlog.chronology import find_document

    if find_document(db, str(document_id)) is None:
        raise HTTPException(404, f"no document {document_id}")
    return compact_json({"document_id": document_id, "profile": db.profile(document_id)})


@router.get("/documents/{document_id}/chronology", response_class=HTMLResponse,
            summary="A document's chronology page: profile, map, timeline, events by day")
def document_chronology(db: Db, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    from warlog.chronology import chronology, to_html

    chron = chronology(db, str(document_id))
    if chron is None:
        raise HTTPException(404, f"no document {document_id}")
    base = f"/api/documents/{document_id}/source"
    return HTMLResponse(to_html(chron, css_href="/static/chronology.css", link_base=base))


@router.get("/documents/{document_id}/source", response_class=HTMLResponse,
            summary="A document's original text with an evidence span marked")
def document_source(
    db: Db,
    document_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    start: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    end: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> Response:
    from warlog.chronology.page import source_page

    d = db.document(document_id)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    return HTMLResponse(source_page(d, start, end, "/static/chronology.css"))


@router.get("/places", summary="Search the offline gazetteer (for the review form)")
def places(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=120)],
    country: Annotated[str | None, Query(max_length=120)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[dict[str, Any]]:
    search = request.app.state.place_search
    try:
        return search(q.strip(), country, limit)
    except Exception as e:  # an unavailable gazetteer must not take the app down
        raise HTTPException(503, f"place search unavailable: {type(e).__name__}") from e


@router.get("/export/{fmt}", summary="The filtered events as ACLED CSV, GeoJSON or JSON Lines")
def export(db: Db, f: Filter, fmt: ExportFormat) -> StreamingResponse:
    ext = FORMATS[FORMATS.index(fmt)]  # from our own list, never the request's text
    return StreamingResponse(
        export_chunks(db, f, fmt),
        media_type=media_type(fmt),
        headers={"Content-Disposition": f'attachment; filename="warlog-events.{ext}"'},
    )


# -- review ------------------------------------------------------------------------------
@router.patch(
    "/events/{event_id}",
    summary="Edit fields (optimistic: send the version seen)",
    responses={409: {"description": "Changed since; body has 'current'"}},
)
def edit_event(db: Db, user: User, event_id: EventId, body: EditRequest) -> Any:
    return db.review(event_id, body.changes, body.version, user)


@router.post(
    "/events/{event_id}/state",
    summary="Mark verified, rejected or unreviewed",
    responses={409: {"description": "Changed since; body has 'current'"}},
)
def set_state(db: Db, user: User, event_id: EventId, body: StateRequest) -> Any:
    return db.set_state(event_id, body.state, body.version, user)


@router.post(
    "/events/{event_id}/merge",
    summary="Merge this event into another",
    responses={409: {"description": "Changed since; body has 'current'"}},
)
def merge(db: Db, user: User, event_id: EventId, body: MergeRequest) -> Any:
    return db.merge(event_id, body.into, body.version, body.into_version, user)


# -- event groups (warlog.store.groups): a reviewer's split and join, audited --------------
class JoinRequest(BaseModel):
    """Put this report's event group and ``other``'s together: they report one event."""

    model_config = ConfigDict(extra="forbid")
    other: int = Field(ge=1, le=MAX_ID)


@router.post("/events/{event_id}/group/split",
             summary="Take this report out of its event group, for good (audited)")
def split_group(db: Db, user: User, event_id: EventId) -> dict[str, Any]:
    try:
        db.split_report(event_id, user)
    except KeyError as e:
        raise HTTPException(404, f"no event {event_id}") from e
    return {"group": db.group(event_id)}


@router.post("/events/{event_id}/group/join",
             summary="Join this report's event group with another report's (audited)")
def join_group(db: Db, user: User, event_id: EventId, body: JoinRequest) -> dict[str, Any]:
    if body.other == event_id:
        raise HTTPException(422, "a report is already in its own group")
    try:
        db.join_reports(event_id, body.other, user)
    except KeyError as e:
        raise HTTPException(404, f"no event {e.args[0]}") from e
    return {"group": db.group(event_id)}
