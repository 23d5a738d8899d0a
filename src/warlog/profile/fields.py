"""What a source form reads from its infobox, before resolution: fields of located items."""

from __future__ import annotations

from dataclasses import dataclass, field

from warlog.profile.model import Span


@dataclass(slots=True)
class Field:
    """One infobox field: ``side`` is 1, 2, … for a per-side field, None otherwise."""

    name: str
    side: int | None
    items: list[Span]


@dataclass(slots=True)
class Extract:
    """All fields one source form found in a document (in the source's order)."""

    form: str
    fields: list[Field] = field(default_factory=list)

    def add(self, name: str, side: int | None, items: list[Span]) -> None:
        if items:
            self.fields.append(Field(name, side, items))

    def get(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]
