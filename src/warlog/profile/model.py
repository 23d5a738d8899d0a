"""The conflict profile of a document: what its infobox says, every value with its source.

Every value keeps the text it was read from and its offsets in the ORIGINAL file (``start``,
``end``; ``-1`` when a value was reassembled from parts the file does not hold as one run).
A field the source does not give is absent from :meth:`Profile.to_dict`, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A piece of the source: its text and where it is in the original file."""

    text: str
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Actor:
    """A belligerent: its name as written, and warlog's canonical actor when known."""

    name: str
    source: Span
    canonical: str | None = None
    inter: int | None = None
    supporter: bool = False  # listed under "Supported by:" on its side

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.canonical:
            out["canonical"] = self.canonical
        if self.inter is not None:
            out["inter"] = self.inter
        if self.supporter:
            out["supporter"] = True
        out["source"] = self.source.to_dict()
        return out


@dataclass(slots=True)
class Count:
    """A number read from a strength or losses line (``low``/``high`` for a range)."""

    kind: str  # killed | wounded | captured | missing | equipment | strength | other
    value: int | None
    source: Span
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.low is not None:
            out["low"] = self.low
            out["high"] = self.high
        if self.qualifier != "exact":
            out["qualifier"] = self.qualifier
        out["source"] = self.source.to_dict()
        return out


@dataclass(slots=True)
class Side:
    """One column of the infobox (side 1, 2, … in the source's order)."""

    index: int
    belligerents: list[Actor] = field(default_factory=list)
    commanders: list[Span] = field(default_factory=list)
    units: list[Span] = field(default_factory=list)
    strength: list[Span] = field(default_factory=list)
    strength_counts: list[Count] = field(default_factory=list)
    casualties: list[Span] = field(default_factory=list)
    losses: list[Count] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.belligerents or self.commanders or self.units or self.strength
                    or self.casualties)

    def totals(self) -> dict[str, dict[str, int]]:
        """Losses summed per kind (``value``, ``low``, ``high``)."""
        out: dict[str, dict[str, int]] = {}
        for c in self.losses:
            if c.value is None:
                continue
            t = out.setdefault(c.kind, {"value": 0, "low": 0, "high": 0})
            t["value"] += c.value
            t["low"] += c.low if c.low is not None else c.value
            t["high"] += c.high if c.high is not None else c.value
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"side": self.index}
        if self.belligerents:
            out["belligerents"] = [a.to_dict() for a in self.belligerents]
        for name in ("commanders", "units", "strength", "casualties"):
            spans = getattr(self, name)
            if spans:
                out[name] = [s.to_dict() for s in spans]
        if self.strength_counts:
            out["strength_counts"] = [c.to_dict() for c in self.strength_counts]
        if self.losses:
            out["losses"] = [c.to_dict() for c in self.losses]
            out["loss_totals"] = self.totals()
        return out


@dataclass(slots=True)
class Profile:
    """A document's conflict profile (see the module docstring)."""

    form: str  # the source form it was read from: front_matter, tags, table, lines, html, wikitext
    name: Span | None = None
    part_of: Span | None = None
    date: Span | None = None
    date_start: str | None = None  # ISO dates read from ``date``
    date_end: str | None = None
    ongoing: bool = False
    place: Span | None = None
    country: str | None = None
    outcome: Span | None = None
    result_points: list[Span] = field(default_factory=list)
    territorial_changes: list[Span] = field(default_factory=list)
    sides: list[Side] = field(default_factory=list)
    civilian_losses: list[Count] = field(default_factory=list)  # a column beyond the sides
    civilian_casualties: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"form": self.form}
        for name in ("name", "part_of", "date"):
            span = getattr(self, name)
            if span is not None:
                out[name] = span.to_dict()
        if self.date_start:
            out["date_start"] = self.date_start
        if self.date_end:
            out["date_end"] = self.date_end
        if self.ongoing:
            out["ongoing"] = True
        if self.place is not None:
            out["place"] = self.place.to_dict()
        if self.country:
            out["country"] = self.country
        if self.outcome is not None or self.result_points:
            result: dict[str, Any] = {}
            if self.outcome is not None:
                result["outcome"] = self.outcome.to_dict()
            if self.result_points:
                result["points"] = [s.to_dict() for s in self.result_points]
            out["result"] = result
        if self.territorial_changes:
            out["territorial_changes"] = [s.to_dict() for s in self.territorial_changes]
        sides = [s.to_dict() for s in self.sides if not s.empty()]
        if sides:
            out["sides"] = sides
        if self.civilian_casualties:
            out["other_casualties"] = [s.to_dict() for s in self.civilian_casualties]
        if self.civilian_losses:
            out["other_losses"] = [c.to_dict() for c in self.civilian_losses]
        return out
