"""The news clock's anchor: the day a news item counts "yesterday" and "on Monday" from.

In order: the day of its dateline (``MOGADISHU, March 3 (AFP) -``, its year from the item's
date), the item's own publication date (a JSON Lines ``date`` field, front matter ``date``,
HTML ``article:published_time`` / ``<time datetime>``: all read into ``meta["date"]``), else
the run's ``--date`` (:attr:`warlog.settings.Settings.anchor_date`). Only a single day written
the ISO way ("2023-03-05", "2023-03-05T08:12:00Z") is a publication date: an infobox date such
as "23 July – 28 August 2014" dates a war, not a report.

A document with an anchor is read by the news clock's rules (``docs/guidelines.md``, "News and
wire text"): relative words of ``data/time.yaml`` marked ``anchor: document`` count from it, a
weekday is the most recent such day on or before it, and a day and month with no year that
would fall after it belong to the year before.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from warlog.model import Document
from warlog.settings import current
from warlog.timeline.days import make_date

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


def iso_day(value: Any) -> date | None:
    """A single ISO day ("2023-03-05", with or without a time), else ``None``."""
    if isinstance(value, date):
        return value
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.fullmatch(value)
    return make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def publication_date(doc: Document) -> date | None:
    """The document's own publication day (``meta["date"]``), else the run's ``--date``."""
    return iso_day((doc.meta or {}).get("date")) or current().anchor_date


def news_anchor(doc: Document) -> date | None:
    """The day ``doc``'s relative dates count from: its dateline's day, else its publication
    date, else the run's ``--date``; ``None`` for a document with none of them."""
    line = (doc.meta or {}).get("dateline")
    if isinstance(line, dict):
        day = iso_day(line.get("date"))
        if day is not None:
            return day
    return publication_date(doc)
