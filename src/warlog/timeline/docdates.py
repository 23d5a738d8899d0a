"""What a document says about its own dates, before its narrative starts.

A sentence "On 26 July, ..." has no year; the first year the clock can use comes from the
document's metadata (its infobox ``date`` "23 July – 28 August 2014", its title "2014 Idlib
offensive" or "Battle of Kunduz (2016)", its description) or, failing those, the first year in
its text. The infobox range is also kept: it tells the clock which year a narrative that has
wandered into background years comes back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from warlog.model import Document
from warlog.timeline.hours import is_clock_time
from warlog.timeline.mentions import find_mentions, first_dated
from warlog.timeline.resolve import absolute

_YEAR = re.compile(r"(?<![\w.,])(1[89]\d\d|20\d\d)(?![\d\w'’])")
_META_TEXT_KEYS = ("description", "shortDescription", "lead")


@dataclass(frozen=True, slots=True)
class DocDates:
    """The document's own dating: its first year and, when known, the period it covers."""

    year: int | None
    period: tuple[date, date] | None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a metadata value (a string, a list, or an infobox ``{"text": ...}``)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if "text" in value:
            yield from _strings(value["text"])
    elif isinstance(value, Iterable):
        for v in value:
            yield from _strings(v)


def _date_values(meta: dict[str, Any]) -> Iterator[str]:
    yield from _strings(meta.get("date"))
    boxes = meta.get("infoboxes")
    for box in boxes if isinstance(boxes, list) else [boxes]:
        if isinstance(box, dict):
            for key, value in box.items():
                if isinstance(value, dict) and key.lower() == "date":
                    yield from _strings(value)


def _period(text: str) -> tuple[date, date] | None:
    """The span of days a date field names ("5 March – 25 May 2014"), if it names a year."""
    for m in find_mentions(text, bare_years=True):
        if m.kind == "relative" or not m.has_year:
            continue
        # The first dated mention: "22 September 2014 – present" gives 22 September 2014.
        found = absolute(m, m.y1 or m.y2 or 0)
        if found is not None:
            return found.date_start, found.date_end
    return None


def _first_year(text: str) -> int | None:
    m = first_dated(text, bare_years=True)  # (reads a long head only up to its first year)
    if m is None:
        return None
    return m.y1 if m.y1 is not None else m.y2


def _text_year(text: str) -> int | None:
    for m in _YEAR.finditer(text):
        if not is_clock_time(text, m.start(1), m.end(1)):  # "at 1800" is a time
            return int(m.group(1))
    return None


def document_dates(doc: Document) -> DocDates:
    """The first year and covered period of ``doc`` (from its metadata, else its text)."""
    meta = doc.meta or {}
    period = None
    for value in _date_values(meta):
        period = _period(value)
        if period:
            break
    if period is not None:
        return DocDates(period[0].year, period)
    for key in ("title", "subject"):
        for value in _strings(meta.get(key)):
            year = _first_year(value)
            if year is not None:
                return DocDates(year, None)
    year = _first_year(doc.title.replace("_", " "))
    if year is not None:
        return DocDates(year, None)
    for key in _META_TEXT_KEYS:
        for value in _strings(meta.get(key)):
            year = _first_year(value) or _text_year(value)
            if year is not None:
                return DocDates(year, None)
    head = doc.text[:20000]
    year = _first_year(head) or _text_year(head) or _text_year(doc.text)
    return DocDates(year, None)
