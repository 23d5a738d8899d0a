"""The objects every pipeline stage passes along.

A :class:`Document` is read once by :mod:`warlog.ingest`; later stages only add to it.
Every span that a stage finds (a date, a place, an actor, a trigger) keeps its character
offsets in the *cleaned* text (``Document.text``); ``Document.to_raw`` maps any such offset
back to the original file, so each extracted value can answer "where did you get this?".
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class OffsetMap:
    """Maps offsets in a cleaned text back to offsets in the raw text it was cut from.

    The cleaned text is a concatenation of *segments*. A segment either copies a run of the
    raw text (``raw_start`` is set) or is synthetic text the cleaner inserted, e.g. a newline
    standing for a removed table (``raw_start`` is ``None``; its offsets map to the raw
    position where it was inserted).
    """

    __slots__ = ("_clean_starts", "_raw_starts", "_lengths", "_copied")

    def __init__(self) -> None:
        self._clean_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._lengths: list[int] = []
        self._copied: list[bool] = []

    def add(self, clean_start: int, raw_start: int, length: int, copied: bool = True) -> None:
        self._clean_starts.append(clean_start)
        self._raw_starts.append(raw_start)
        self._lengths.append(length)
        self._copied.append(copied)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the character at ``clean_offset`` (or just past the end)."""
        if not self._clean_starts:
            return clean_offset
        i = bisect.bisect_right(self._clean_starts, clean_offset) - 1
        if i < 0:
            return self._raw_starts[0]
        delta = clean_offset - self._clean_starts[i]
        if not self._copied[i]:
            return self._raw_starts[i]
        return self._raw_starts[i] + min(delta, self._lengths[i])

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        m = cls()
        m.add(0, 0, length)
        return m


@dataclass(slots=True)
class Section:
    """A heading and the cleaned-text range it governs (until the next heading)."""

    start: int
    end: int
    title: str
    level: int


@dataclass(slots=True)
class Document:
    name: str  # file name; for JSON Lines input "file.jsonl#3" (line number, 1-based)
    path: str
    raw: str  # the decoded original text
    text: str  # the cleaned text every later stage reads
    offsets: OffsetMap
    format: str  # markdown | plaintext | html | jsonl | wikitext
    meta: dict[str, Any] = field(default_factory=dict)  # title, date, place, description, url…
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # non-fatal problems met while reading

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.name)

    def to_raw(self, clean_offset: int) -> int:
        return self.offsets.to_raw(clean_offset)

    def section_at(self, offset: int) -> Section | None:
        """The last section starting at or before ``offset`` (sections are in text order;
        a binary search: a document may have 100,000 headings)."""
        i = bisect.bisect_right(self.sections, offset, key=lambda s: s.start)
        return self.sections[i - 1] if i else None


@dataclass(slots=True)
class Span:
    """Any located piece of text: ``start``/``end`` are offsets in ``Document.text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class ResolvedDate:
    """A date mention with the calendar days it stands for."""

    start: int
    end: int
    text: str
    date_start: date
    date_end: date
    precision: int  # 1 day, 2 week/few days, 3 month
    relative: bool = False  # resolved through the narrative clock


@dataclass(slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1: str | None
    population: int
    kind: str  # city | admin1 | country | region
    # GeoNames "class.code" ("P.PPL", "S.AIRP", "T.MT"; see warlog.geo.features) and the
    # admin2/admin3 codes ("SY.09.SY0200", None when the gazetteer lacks them)
    feature: str = ""
    admin2: str | None = None
    admin3: str | None = None


@dataclass(slots=True)
class Location:
    """Where an event happened, as the text names it and as geocoded."""

    name: str  # the place as the text names it ("Division 17 base, north of Raqqa")
    latitude: float | None
    longitude: float | None
    geo_precision: int  # 1 the town, 2 near a town / part of it, 3 a region (its capital)
    country: str | None
    admin1: str | None = None
    start: int = -1  # offsets of the mention in Document.text (-1: from context)
    end: int = -1
    geonameid: int | None = None


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str  # canonical name
    inter: int | None  # ACLED inter code
    country: str | None = None


@dataclass(slots=True)
class Evidence:
    text: str
    start: int  # offsets in Document.text
    end: int
    raw_start: int  # offsets in the original file (Document.raw)
    raw_end: int


@dataclass(slots=True)
class Event:
    doc: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    date_end: date | None
    time_precision: int | None
    actor1: str | None
    actor2: str | None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    trigger: str | None = None
    notes: str | None = None
    source: str | None = None  # document title / url

    def as_record(self) -> dict[str, Any]:
        """The JSON Lines contract read by ``shared/eval/score.py`` (and the exports)."""
        rec: dict[str, Any] = {k: getattr(self, k) for k in RECORD_FIELDS}
        for k in ("event_date", "date_end"):
            if rec[k] is not None:
                rec[k] = rec[k].isoformat()
        rec["evidence"] = " ".join(e.text for e in self.evidence)
        rec["evidence_spans"] = [
            {"start": e.raw_start, "end": e.raw_end, "text": e.text} for e in self.evidence
        ]
        return rec


# The scalar fields of an event record, in order: one list for the JSON Lines contract, the
# store's read-back and the exports (the evidence text and spans follow them).
RECORD_FIELDS = (
    "doc", "event_date", "date_end", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "location",
    "latitude", "longitude", "geo_precision", "country", "admin1", "fatalities",
    "fatalities_low", "fatalities_high", "trigger", "notes", "source",
)
