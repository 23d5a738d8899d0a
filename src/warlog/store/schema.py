"""The database schema, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

Tables:
- ``documents``: one row per distinct file content (``content_hash``); keeps the raw text so a
  reader can see the evidence at its offsets, and the cleaned text the extractor read.
- ``events``: ACLED-style records; ``review_state`` says whether a person has looked at it.
  A reviewed event (verified, rejected or edited) is never overwritten by a re-run.
- ``evidence``: the sentences an event was read from, with offsets into ``documents.raw_text``.
- ``audit_log``: every change a reviewer makes (who, when, field, before, after).
- ``problems``: files that could not be read, with the one-line reason.
"""

from __future__ import annotations

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
)

SCHEMA_VERSION = 1

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(512), nullable=False),
    Column("path", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("format", String(32), nullable=False),
    Column("title", Text),
    Column("meta", JSON),
    Column("raw_text", Text, nullable=False),
    Column("clean_text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), server_default=func.now()),
    UniqueConstraint("name", "content_hash", name="uq_documents_name_hash"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event_key", String(64), nullable=False),
    Column("event_date", Date),
    Column("date_end", Date),
    Column("time_precision", Integer),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("actor1", String(256)),
    Column("actor2", String(256)),
    Column("assoc_actor_1", String(256)),
    Column("assoc_actor_2", String(256)),
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("country", String(128)),
    Column("admin1", String(128)),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("trigger", String(128)),
    Column("notes", Text),
    Column("source", Text),
    Column("review_state", String(16), nullable=False, default="unreviewed"),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), server_default=func.now()),
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
    Column("text", Text, nullable=False),
    Column("raw_start", Integer, nullable=False),
    Column("raw_end", Integer, nullable=False),
    Index("ix_evidence_event", "event_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("user", String(128), nullable=False),
    Column("at", DateTime(timezone=True), server_default=func.now()),
    Column("action", String(32), nullable=False),  # edit | verify | reject | merge
    Column("field", String(64)),
    Column("before", Text),
    Column("after", Text),
    Index("ix_audit_event", "event_id"),
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), server_default=func.now()),
)

meta_info = Table(
    "warlog_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
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
REVIEW_STATES = ("unreviewed", "verified", "rejected", "edited")
