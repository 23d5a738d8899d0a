"""A date expression as the text writes it, before any resolution.

Why a module of its own: the finders (:mod:`~warlog.timeline.absolute`,
:mod:`~warlog.timeline.relatives`) produce mentions and the clock consumes them; a shared,
dependency-free type keeps them from importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from warlog.timeline.lexicon import Part, RelativeRule

#: What a mention names: a day or span of days, a month, a year, a season, a day of the
#: current month ("the 25th"), a weekday ("on Friday"), or a relative expression.
KINDS = ("date", "month", "year", "season", "day_of_month", "weekday", "relative")


@dataclass(slots=True)
class Mention:
    """A date expression as written; offsets are relative to the text searched."""

    start: int
    end: int
    text: str
    kind: str
    d1: int | None = None
    m1: int | None = None
    y1: int | None = None
    d2: int | None = None
    m2: int | None = None
    y2: int | None = None
    part: Part | None = None  # "early", "the end of" (of a month or a year)
    part2: Part | None = None  # part of the second month of a month range ("early May")
    season: tuple[int, int] | None = None  # month range
    weekday: int | None = None  # Monday = 0
    rule: RelativeRule | None = None
    count: int | None = None  # the {n} of a relative rule
    prep: str | None = None  # "on", "since", "between" ... (lower case)
    approximate: bool = False  # "around 10 August"
    adjectival: bool = False  # "the 2014 offensive", "the 23 July attack": names an event
    merged: bool = False  # a relative expression restated by an explicit date

    @property
    def has_year(self) -> bool:
        return self.y1 is not None or self.y2 is not None
