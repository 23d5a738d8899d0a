"""Calendar arithmetic and the resolved-date type the timeline returns.

Why a module of its own: month ends, month shifts and calendar weeks are needed by both the
absolute and the relative resolution; ``datetime`` has no month arithmetic, and bringing in
``dateutil`` for three small functions is not worth a dependency.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from warlog.model import ResolvedDate

#: Granularities of a :class:`ClockDate`, finest first.
GRANULARITIES = ("day", "days", "week", "month", "season", "year")


@dataclass(slots=True)
class ClockDate(ResolvedDate):
    """A :class:`~warlog.model.ResolvedDate` with what the clock knows about it.

    ``granularity`` tells callers what kind of period the text named: ``day`` (one day),
    ``days`` (an explicit span of days, "between 27 and 28 August"), ``week``, ``month``,
    ``season`` or ``year``. A year-only mention ("In 2016") has ``precision`` 3 and
    ``granularity == "year"``: too vague to date an event, but it sets the narrative's year.
    ``background`` is true for a date the narrative only looks back to ("On 25 November 2013,
    they had shot down...", "since 2011", "the 2014 offensive"): it is resolved, but the clock
    did not move to it. ``prep`` is the preposition written before it ("on", "since", "by").
    """

    granularity: str = "day"
    background: bool = False
    prep: str | None = None
    reporting: bool = False  # the day of a report ("police said on Friday"), see hours.py
    #: the day of an event the date before it is counted from ("On 2 October, a day after
    #: X"): X's day, which dates X's clause only
    reference: bool = False

    @property
    def is_year_only(self) -> bool:
        return self.granularity in ("year", "season")


def month_end(year: int, month: int) -> int:
    """The last day number of ``month`` in ``year``."""
    return calendar.monthrange(year, month)[1]


def make_date(year: int, month: int, day: int, clamp: bool = False) -> date | None:
    """``date(year, month, day)``, or ``None`` when it does not exist ("31 September").

    With ``clamp`` the day is cut to the month's end (for computed days, e.g. "late
    February" = 21-29 or 21-28).
    """
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return None
    last = month_end(year, month)
    if day > last:
        if not clamp:
            return None
        day = last
    return date(year, month, max(day, 1))


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day cut to the target month's end."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, month_end(year, month + 1)))


def month_bounds(d: date) -> tuple[date, date]:
    return d.replace(day=1), d.replace(day=month_end(d.year, d.month))


def week_bounds(d: date) -> tuple[date, date]:
    """Monday and Sunday of the calendar week containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def shift_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


def month_delta(a: date, b: date) -> int:
    """Whole months from ``a``'s month to ``b``'s month (negative when ``b`` is earlier)."""
    return (b.year - a.year) * 12 + b.month - a.month
