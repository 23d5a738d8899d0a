"""The database schema, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

Tables:
- ``documents``: one row per distinct file content (``content_hash``); keeps the raw text so a
  reader can see the evidence at its offsets, and the cleaned text the extractor read.
- ``events``: ACLED-style records; ``review_state`` says whether a person has looked at it.
  A reviewed event (verified, rejected or edited) is never overwritten by a re-run.
- ``evidence``: the sentences an event was read from, with offsets into ``documents.raw_text``.
- ``audit_log``: every change a reviewer makes (who, when, field, before, after).
- ``problems``: files that could not be read, with the one-line reason.

Both backends accept and give back the same data. SQLite ignores ``VARCHAR`` lengths, compares
text byte by byte and has no time zones; so on PostgreSQL every text column is ``TEXT COLLATE
"C"`` (no length limit, byte order: ``ORDER BY`` and ``lower``/``LIKE`` behave as on SQLite
whatever the server's locale), and timestamps are stored as ``timestamptz`` and read back, as
on SQLite, as naive UTC datetimes. The SQLite DDL is unchanged by this.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def text_type(length: int | None = None) -> TypeEngine[str]:
    """A text column: ``VARCHAR(length)`` (or ``TEXT``) on SQLite, ``TEXT COLLATE "C"`` on
    PostgreSQL, so a value SQLite stores is never rejected as too long and text sorts the same."""
    base: TypeEngine[str] = String(length) if length else Text()
    return base.with_variant(Text(collation="C"), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in time, read back as a naive UTC ``datetime`` on every backend.

    SQLite keeps the wall-clock digits it is given and returns them naive; PostgreSQL's
    ``timestamptz`` returns an aware value in the session's time zone. An aware value is turned
    into UTC before it is written and a naive one is taken as UTC, so both give the same answer.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, datetime):
            return value
        utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value


SCHEMA_VERSION = 1

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", text_type(512), nullable=False),
    Column("path", text_type(), nullable=False),
    Column("content_hash", text_type(64), nullable=False),
    Column("format", text_type(32), nullable=False),
    Column("title", text_type()),
    Column("meta", JSON),
    Column("raw_text", text_type(), nullable=False),
    Column("clean_text", text_type(), nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", UtcDateTime(), server_default=func.now()),
    # the extractor that made its events (warlog.extractor_version): another one extracts the
    # same content again
    Column("extractor", text_type(64)),
    UniqueConstraint("name", "content_hash", name="uq_documents_name_hash"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event_key", text_type(64), nullable=False),
    Column("event_date", Date),
    Column("date_end", Date),
    Column("time_precision", Integer),
    Column("event_type", text_type(64), nullable=False),
    Column("sub_event_type", text_type(64), nullable=False),
    Column("actor1", text_type(256)),
    Column("actor2", text_type(256)),
    Column("assoc_actor_1", text_type(256)),
    Column("assoc_actor_2", text_type(256)),
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("location", text_type()),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("country", text_type(128)),
    Column("admin1", text_type(128)),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("trigger", text_type(128)),
    Column("notes", text_type()),
    Column("source", text_type()),
    Column("review_state", text_type(16), nullable=False, default="unreviewed"),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", UtcDateTime(), server_default=func.now()),
    Column("updated_at", UtcDateTime(), server_default=func.now()),
    UniqueConstraint("document_id", "event_key", name="uq_events_doc_key"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_type", "event_type", "sub_event_type"),
    Index("ix_events_country", "country"),
    Index("ix_events_review", "review_state"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", text_type(), nullable=False),
    Column("raw_start", Integer, nullable=False),
    Column("raw_end", Integer, nullable=False),
    Index("ix_evidence_event", "event_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("user", text_type(128), nullable=False),
    Column("at", UtcDateTime(), server_default=func.now()),
    Column("action", text_type(32), nullable=False),  # edit | verify | reject | merge
    Column("field", text_type(64)),
    Column("before", text_type()),
    Column("after", text_type()),
    Index("ix_audit_event", "event_id"),
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", text_type(), nullable=False),
    Column("message", text_type(), nullable=False),
    Column("at", UtcDateTime(), server_default=func.now()),
)

# One conflict profile per document (warlog.profile): the infobox's fields as JSON, NULL when
# the document has none (so it is not looked for again).
profiles = Table(
    "profiles",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("profile", JSON),
)

meta_info = Table(
    "warlog_meta",
    metadata,
    Column("key", text_type(64), primary_key=True),
    Column("value", text_type(), nullable=False),
)

# a member row coded to its country only (the condition of a partial index, written the same
# in the index and in the query that is to use it)
COUNTRY_ONLY = "admin1 IS NULL OR admin1 = ''"

# Event groups (warlog.store.groups): reports of one event from different documents.
# ``group_members`` is one row per grouped report with what ACLED's rule compares (no foreign
# key: a row whose event is gone or changed marks its group for relinking); ``event_groups`` is
# each group's one record where it differs from its representative report; ``group_pins`` are
# reviewers' splits and joins, keyed by document name and event key so they survive a re-run.
group_members = Table(
    "group_members",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("group_id", Integer, nullable=False),
    Column("document_id", Integer, nullable=False),
    Column("rep", Integer, nullable=False, default=0),
    Column("pending", Integer, nullable=False, default=1),
    Column("alone", Integer, nullable=False, default=0),
    Column("block", text_type()),
    Column("day_start", Integer),
    Column("day_end", Integer),
    Column("day_hi", Integer),
    Column("event_type", text_type(64), nullable=False),
    Column("sub_event_type", text_type(64), nullable=False),
    Column("sub_class", text_type(160)),
    Column("vague_type", Integer, nullable=False),
    Column("place", text_type()),
    Column("x_km", Float),
    Column("y_km", Float),
    Column("vague_place", Integer, nullable=False),
    Column("site_ref", Integer),
    Column("site", text_type(64)),
    Column("country", text_type(128)),
    Column("admin1", text_type(128)),
    Column("actor_lo", text_type(256)),
    Column("actor_hi", text_type(256)),
    Index("ix_group_members_block", "block", "day_start"),
    Index("ix_group_members_place", "place", "day_start"),
    Index("ix_group_members_group", "group_id"),
    Index("ix_group_members_pending", "pending"),
    # the countries with a report coded to the country only (admin1 NULL or ''): the band
    # look-up probes a report's bands among such reports of its country, and only there
    # (warlog.store.groups._band_candidates); a partial index, as small as those reports
    Index("ix_group_members_country_only", "country",
          sqlite_where=text(COUNTRY_ONLY), postgresql_where=text(COUNTRY_ONLY)),
)

event_groups = Table(
    "event_groups",
    metadata,
    Column("group_id", Integer, primary_key=True, autoincrement=False),
    Column("rep_event_id", Integer, nullable=False, unique=True),
    Column("n_reports", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("actor1", text_type(256)),
    Column("actor2", text_type(256)),
    Column("assoc_actor_1", text_type(256)),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("source", text_type()),
)

# What a grouped report's evidence tells (warlog.store.group_evidence.evidence_terms): ``n`` rows
# are the names it names; ``d`` rows the names it names only after a word of direction ("advanced
# towards the city of X", grouping.yaml ``direction_words``), where a movement went, not where the
# event was: such a name tells report A's place only where A's own evidence also names it so (a
# ``d`` row of A's: the two read one sentence alike); it still counts as a name for the copy test,
# "names its own place" and "one sentence of both places" (group_rule.place_told). ``p`` rows hold
# the consonant key of the report's own place (geo.normalize.skeleton_key) and ``s`` rows those of
# the names a report coded to a region or to no place names (group rule 19, grouping.yaml
# ``spelled_names``): one town spelled two ways by two articles. ``b`` rows are its MinHash bands
# ("3:9f…", never a name). ``n``, ``d``, ``p`` and ``s`` rows have no region (country and admin1
# NULL); ``day_start`` and ``day_hi`` as in its member row, so a name or band is looked up by an
# index range over a few days, bounded by the term row's own columns (a range bounded by another
# table's columns was a filter on every row of the term to PostgreSQL's planner, not an index
# range). The index leads with the term, not the kind: no plan can start by scanning every term of a
# kind.
group_terms = Table(
    "group_terms",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=False),
    Column("kind", text_type(1), primary_key=True),
    Column("term", text_type(), primary_key=True),
    Column("day_start", Integer),
    Column("day_hi", Integer),
    # a band row's region: the report's country and admin1 ('' for none; both NULL for a name
    # row, and for a band of a report without a country, which copied words link to nothing)
    Column("country", text_type()),
    Column("admin1", text_type()),
    # covering, blocked by region: a band is looked up among its country's reports without an
    # admin1 (or in a whole country) and its date window, reading no table row
    # (warlog.store.groups._band_candidates); a name by (term, NULL, NULL, day)
    Index("ix_group_terms_term_region", "term", "country", "admin1", "day_start", "event_id",
          "kind"),
)

# The grouped reports changed since the last link (warlog.store.group_stale): a trigger on
# ``events`` adds the id of every member's report that is deleted or updated (re-extraction,
# ``--force``, a new version of its document, a review edit, a rejection, re-anchoring), so a
# link relinks the groups of what changed without reading every member row.
group_changes = Table(
    "group_changes",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=False),
)

# Scratch rows of one linking transaction: which group each joined group becomes.
group_moves = Table(
    "group_moves",
    metadata,
    Column("old", Integer, primary_key=True, autoincrement=False),
    Column("new", Integer, nullable=False),
)

group_pins = Table(
    "group_pins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", text_type(16), nullable=False),  # split | join
    Column("doc_name", text_type(512), nullable=False),
    Column("event_key", text_type(64), nullable=False),
    Column("other_doc_name", text_type(512)),
    Column("other_event_key", text_type(64)),
    Column("user", text_type(128), nullable=False),
    Column("at", UtcDateTime(), server_default=func.now()),
)

# Columns of ``events`` a reviewer may change (the web app and the API use this list).
EDITABLE_FIELDS = (
    "event_date",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "country",
    "admin1",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "notes",
)
# "recheck": a reviewed event whose evidence was not found when its document changed
# (see warlog.store.reanchor); a reviewer verifies, edits or rejects it again.
REVIEW_STATES = ("unreviewed", "verified", "rejected", "edited", "recheck")
