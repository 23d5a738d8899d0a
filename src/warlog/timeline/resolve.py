"""Turning one :class:`~warlog.timeline.mentions.Mention` into calendar days.

Pure functions: the caller (the narrative clock) supplies the year of an absolute mention that
does not write one, and the anchor date of a relative one. Keeping the arithmetic here lets
the clock be only about narrative state (which year, which anchor, when to move).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from warlog.timeline.days import (
    ClockDate,
    add_months,
    make_date,
    month_bounds,
    month_end,
    shift_days,
    week_bounds,
    year_bounds,
)
from warlog.timeline.mention import Mention

_UNIT_PRECISION = {"day": 1, "week": 2, "weekend": 2, "month": 3, "year": 3}


def _out(
    m: Mention,
    offset: int,
    start: date,
    end: date,
    precision: int,
    granularity: str,
    relative: bool = False,
) -> ClockDate:
    if end < start:
        start, end = end, start
    if m.approximate:
        precision = max(precision, 2)
    return ClockDate(
        start=offset + m.start,
        end=offset + m.end,
        text=m.text,
        date_start=start,
        date_end=end,
        precision=precision,
        relative=relative,
        granularity=granularity,
        prep=m.prep,
    )


def start_month(m: Mention) -> int | None:
    """The month a day or month mention starts in (``None`` for years and seasons)."""
    return m.m1 if m.m1 is not None else m.m2


def absolute(m: Mention, year: int, offset: int = 0) -> ClockDate | None:
    """Resolve a day, month, year or season mention; ``year`` is used when none is written.

    ``year`` is the year of the mention's *start*; a span whose end month comes before its
    start month ("30 November – 5 January") ends in the next year. Returns ``None`` for
    impossible dates ("31 September").
    """
    if m.kind == "date":
        return _day_span(m, year, offset)
    if m.kind == "month":
        return _month_span(m, year, offset)
    if m.kind in ("year", "season"):
        return _year_span(m, offset)
    return None


def _start_year(m: Mention, year: int, sm: int, sd: int, em: int, ed: int) -> int:
    if m.y1 is not None:
        return m.y1
    if m.y2 is not None:
        return m.y2 if (sm, sd) <= (em, ed) else m.y2 - 1
    return year


def _day_span(m: Mention, year: int, offset: int) -> ClockDate | None:
    sm = start_month(m)
    em = m.m2 if m.m2 is not None else m.m1
    if sm is None or em is None or m.d1 is None:
        return None
    sd, ed = m.d1, m.d2 if m.d2 is not None else m.d1
    sy = _start_year(m, year, sm, sd, em, ed)
    ey = m.y2 if m.y2 is not None else (sy if (em, ed) >= (sm, sd) else sy + 1)
    start, end = make_date(sy, sm, sd), make_date(ey, em, ed)
    if start is None or end is None or end < start:
        return None
    return _out(m, offset, start, end, 1, "day" if start == end else "days")


def _month_span(m: Mention, year: int, offset: int) -> ClockDate | None:
    sm = m.m1
    if sm is None:
        return None
    em = m.m2 if m.m2 is not None else sm
    sy = _start_year(m, year, sm, 1, em, 1)
    ey = m.y2 if m.y2 is not None else (sy if em >= sm else sy + 1)
    first = m.part.first_day if m.part else 1
    if m.m2 is None:
        last = m.part.last_day if m.part else 31
    else:
        last = m.part2.last_day if m.part2 else 31
    start, end = make_date(sy, sm, first, clamp=True), make_date(ey, em, last, clamp=True)
    if start is None or end is None or end < start:
        return None
    precision = m.part.precision if (m.part and m.m2 is None) else 3
    return _out(m, offset, start, end, precision, "month")


def _year_span(m: Mention, offset: int) -> ClockDate | None:
    if m.y1 is None:
        return None
    if m.season is not None:
        first, last = m.season
        start = date(m.y1, first, 1)
        ey, em = m.y1 + (last - 1) // 12, (last - 1) % 12 + 1
        end = date(ey, em, month_end(ey, em))
        return _out(m, offset, start, end, 3, "season")
    ey = m.y2 if m.y2 is not None else m.y1
    if m.part is not None:
        start = date(m.y1, m.part.first_month, 1)
        end = date(ey, m.part.last_month, month_end(ey, m.part.last_month))
    else:
        start, end = year_bounds(m.y1)[0], year_bounds(ey)[1]
    return _out(m, offset, start, end, 3, "year")


def day_of_month(m: Mention, anchor: ClockDate, offset: int = 0) -> ClockDate | None:
    """A day of the anchor's month: "on the 25th"."""
    if m.d1 is None:
        return None
    base = anchor.date_end if anchor.granularity in ("day", "days") else anchor.date_start
    d = make_date(base.year, base.month, m.d1)
    if d is None:
        return None
    return _out(m, offset, d, d, 1, "day", relative=True)


def weekday(m: Mention, anchor: ClockDate, offset: int = 0) -> ClockDate | None:
    """The first such weekday on or after the anchor: "on Friday"."""
    if m.weekday is None:
        return None
    base = anchor.date_end
    d = base + timedelta(days=(m.weekday - base.weekday()) % 7)
    return _out(m, offset, d, d, max(2, anchor.precision), "day", relative=True)


def weekday_before(m: Mention, anchor: ClockDate, offset: int = 0) -> ClockDate | None:
    """The last such weekday on or before a news item's day: "on Monday" in a story of
    Wednesday is two days before; "early Wednesday" is that Wednesday."""
    if m.weekday is None:
        return None
    base = anchor.date_start
    d = base - timedelta(days=(base.weekday() - m.weekday) % 7)
    return _out(m, offset, d, d, anchor.precision, "day", relative=True)


def relative(m: Mention, anchor: ClockDate, offset: int = 0) -> ClockDate | None:
    """Resolve "the next day", "13 days later", "the following week"... against ``anchor``.

    A forward move counts from the anchor's last day, a backward one from its first, "the
    same day" keeps it. The result is as precise as the anchor at best: "the next day" after
    "late July" is still only known to the week.
    """
    rule = m.rule
    if rule is None:
        return None
    k = _shift(rule.shift, m.count)
    coarse = anchor.granularity in ("week", "month", "season", "year") or anchor.precision > 1
    prec = max(rule.precision or _UNIT_PRECISION[rule.unit], anchor.precision)
    if rule.unit == "day" and rule.mode != "fuzzy" and rule.mode != "range" and coarse:
        # Shift the whole vague period: "the next day" after "early October".
        s, e = shift_days(anchor.date_start, k), shift_days(anchor.date_end, k)
        return _out(m, offset, s, e, prec, anchor.granularity, relative=True)
    base_fwd, base_back = anchor.date_end, anchor.date_start
    if anchor.granularity == "year" and rule.unit in ("month", "year"):
        base_fwd = base_back = anchor.date_start
    span = _relative_span(rule.unit, rule.mode, k, rule.days, m, anchor, base_fwd, base_back)
    if span is None:
        return None
    s, e, gran = span
    return _out(m, offset, s, e, prec, gran, relative=True)


def attached(m: Mention, target: ClockDate, offset: int = 0) -> ClockDate | None:
    """A same-day expression that belongs to the explicit date after it in its clause.

    "After overnight clashes ..., on 7 August": the rule's ``ahead`` days say which days
    around that date it covers (the night before: 6-7 August); by default, that date.
    """
    rule = m.rule
    if rule is None:
        return None
    if rule.ahead is None or target.precision > 1:
        start, end = target.date_start, target.date_end
    else:
        start = shift_days(target.date_start, rule.ahead[0])
        end = shift_days(target.date_end, rule.ahead[1])
    gran = "day" if start == end else "days"
    return _out(m, offset, start, end, target.precision, gran, relative=True)


def _shift(shift: int | str | None, count: int | None) -> int:
    if shift is None:
        return 0
    if isinstance(shift, int):
        return shift
    n = count if count is not None else 1
    return -n if shift.startswith("-") else n


def _relative_span(
    unit: str,
    mode: str,
    k: int,
    fuzzy: tuple[int, int] | None,
    m: Mention,
    anchor: ClockDate,
    fwd: date,
    back: date,
) -> tuple[date, date, str] | None:
    base = fwd if k > 0 else back
    if mode == "fuzzy" and fuzzy is not None:
        lo, hi = fuzzy
        b = fwd if hi > 0 else back
        return shift_days(b, lo), shift_days(b, hi), "days"
    if mode == "range":
        if k >= 0:
            return shift_days(fwd, 1), shift_days(fwd, max(k, 1)), "days"
        return shift_days(back, k), shift_days(back, -1), "days"
    if unit == "day":
        if k == 0:
            return anchor.date_start, anchor.date_end, anchor.granularity
        d = shift_days(base, k)
        return d, d, "day"
    if unit == "weekend":
        sat = fwd + timedelta(days=(5 - fwd.weekday()) % 7)
        if fwd.weekday() == 6:
            sat = fwd - timedelta(days=1)
        return sat, sat + timedelta(days=1), "week"
    if unit == "week":
        if mode == "point":
            d = shift_days(base, 7 * k)
            return d, d, "day"
        if mode == "calendar":
            return (*week_bounds(shift_days(base, 7 * k)), "week")
        return _after_before(mode, fwd, back, week_bounds, "week")
    if unit == "month":
        if m.m1 is not None:  # "earlier in November", "later in March"
            return _named_month(mode, m.m1, fwd, back)
        if mode in ("point", "calendar"):
            return (*month_bounds(add_months(base, k)), "month")
        return _after_before(mode, fwd, back, month_bounds, "month")
    if unit == "year":
        if mode == "point":
            return (*month_bounds(add_months(base, 12 * k)), "month")
        if mode == "calendar":
            return (*year_bounds(base.year + k), "year")
        return _after_before(mode, fwd, back, lambda d: year_bounds(d.year), "year")
    return None


def _after_before(
    mode: str, fwd: date, back: date, bounds: Callable[[date], tuple[date, date]], gran: str
) -> tuple[date, date, str]:
    """The rest of the anchor's period ("later that month": after the anchor, to its end) or
    its beginning ("earlier that month": from its start to the day before the anchor).

    When the anchor already covers the whole period ("In November ... later that month"),
    the period itself.
    """
    first, last = bounds(back)[0], bounds(fwd)[1]
    if mode == "after":
        s, e = shift_days(fwd, 1), last
    else:
        s, e = first, shift_days(back, -1)
    return (s, e, gran) if s <= e else (first, last, gran)


def _named_month(mode: str, month: int, fwd: date, back: date) -> tuple[date, date, str] | None:
    if mode == "before":
        if back.month == month:
            return _after_before("before", fwd, back, month_bounds, "month")
        year = back.year if month < back.month else back.year - 1
    else:
        if fwd.month == month:
            return _after_before("after", fwd, back, month_bounds, "month")
        year = fwd.year if month > fwd.month else fwd.year + 1
    d = make_date(year, month, 1)
    if d is None:
        return None
    return (*month_bounds(d), "month")
