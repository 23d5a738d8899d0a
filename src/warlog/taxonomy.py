"""ACLED's taxonomy, read once from ``data/taxonomy.yaml``: event types, sub-event types,
their precedence, disorder types, two-sided flags, display order and the roles the extractor
asks about ("which sub-event type is a clash?").

Code never names a sub-event type: it asks for a role (:meth:`Taxonomy.role`,
:attr:`SubEventType.territory` …), so a type added in data alone is typed, stored, exported
and served like the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warlog.data import cached, load_yaml

TERRITORY_SIDES = ("state", "non_state")
# the boolean roles of a sub-event type
ROLES = ("clash", "civilian_target", "withdrawal", "crowd", "crowd_target", "sole",
         "state_capture", "other_capture")


class TaxonomyError(ValueError):
    """``taxonomy.yaml`` (or a file naming its types) is inconsistent."""


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str
    event_type: str
    rank: int  # position in the precedence: lower wins
    territory: str | None = None  # "state" | "non_state": a change of control
    clash: bool = False
    civilian_target: bool = False
    withdrawal: bool = False
    crowd: bool = False
    crowd_target: bool = False
    sole: bool = False  # the crowd acts alone: no actor2 (what it protests is no party)
    state_capture: bool = False  # people taken by state forces (an arrest)
    other_capture: bool = False  # people taken by anyone else (an abduction)


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    disorder: str | None
    two_sided: bool
    opens_capture: bool
    sub_event_types: tuple[str, ...]
    civilian_victims: bool = False


@dataclass(frozen=True)
class Taxonomy:
    event_types: dict[str, EventType]  # in display order
    sub_event_types: dict[str, SubEventType]  # in display order

    # -- lookups ---------------------------------------------------------------------------
    def sub(self, name: str) -> SubEventType:
        try:
            return self.sub_event_types[name]
        except KeyError:
            raise TaxonomyError(f"unknown sub-event type {name!r} (not in taxonomy.yaml)") from None

    def type_of(self, sub: str) -> str:
        """The event type of a sub-event type."""
        return self.sub(sub).event_type

    def rank(self, sub: str) -> int:
        """Precedence of ``sub``: lower is more specific; unknown names rank last."""
        info = self.sub_event_types.get(sub)
        return info.rank if info is not None else len(self.sub_event_types)

    def is_territorial(self, sub: str) -> bool:
        info = self.sub_event_types.get(sub)
        return info is not None and info.territory is not None

    def territory(self, side: str) -> str:
        """The sub-event type of a change of control taken by ``side`` (state | non_state)."""
        for s in self.sub_event_types.values():
            if s.territory == side:
                return s.name
        raise TaxonomyError(f"no sub-event type has territory: {side}")

    def role(self, role: str) -> str:
        """The one sub-event type that has the boolean ``role`` (clash, civilian_target …)."""
        for s in self.sub_event_types.values():
            if getattr(s, role):
                return s.name
        raise TaxonomyError(f"no sub-event type has the role {role!r}")

    def has_role(self, sub: str, role: str) -> bool:
        info = self.sub_event_types.get(sub)
        return info is not None and bool(getattr(info, role))

    def two_sided(self, event_type: str) -> bool:
        info = self.event_types.get(event_type)
        return info is not None and info.two_sided

    def opens_capture(self, event_type: str) -> bool:
        info = self.event_types.get(event_type)
        return info is not None and info.opens_capture

    def civilian_victims(self, event_type: str) -> bool:
        """Whether civilians hit by an event of this type are its actor2."""
        info = self.event_types.get(event_type)
        return info is not None and info.civilian_victims

    def disorder(self, event_type: str | None) -> str | None:
        info = self.event_types.get(event_type or "")
        return info.disorder if info is not None else None

    # -- for the web app -------------------------------------------------------------------
    def type_index(self, types: list[str]) -> dict[str, int]:
        """Position of each event type for colouring: the display order, unknown types after."""
        order = list(self.event_types)
        for t in types:
            if t not in order:
                order.append(t)
        return {t: i for i, t in enumerate(order)}

    def is_valid_pair(self, event_type: str, sub_event_type: str) -> bool:
        info = self.sub_event_types.get(sub_event_type)
        return info is not None and info.event_type == event_type


def build(data: dict[str, Any]) -> Taxonomy:
    """A :class:`Taxonomy` from the parsed ``taxonomy.yaml``; raises :class:`TaxonomyError`
    on a name listed twice, an unknown name in ``precedence`` or a missing role."""
    precedence = [str(s) for s in data.get("precedence") or []]
    if len(set(precedence)) != len(precedence):
        raise TaxonomyError("taxonomy.yaml: a sub-event type is listed twice in precedence")
    rank = {s: i for i, s in enumerate(precedence)}
    event_types: dict[str, EventType] = {}
    raw_subs: list[tuple[str, str, dict[str, Any]]] = []
    for etype, spec in (data.get("event_types") or {}).items():
        spec = spec or {}
        subs = spec.get("sub_event_types") or {}
        event_types[str(etype)] = EventType(
            name=str(etype), disorder=spec.get("disorder"),
            two_sided=bool(spec.get("two_sided", False)),
            opens_capture=bool(spec.get("opens_capture", False)),
            sub_event_types=tuple(str(s) for s in subs),
            civilian_victims=bool(spec.get("civilian_victims", False)))
        raw_subs.extend((str(s), str(etype), flags or {}) for s, flags in subs.items())
    names = [s for s, _, _ in raw_subs]
    if len(set(names)) != len(names):
        raise TaxonomyError("taxonomy.yaml: a sub-event type is listed under two event types")
    unknown = [s for s in precedence if s not in names]
    if unknown:
        raise TaxonomyError(f"taxonomy.yaml: precedence names unknown types {unknown}")
    unranked = [s for s in names if s not in rank]
    rank.update({s: len(precedence) + i for i, s in enumerate(unranked)})
    subs_out: dict[str, SubEventType] = {}
    for name, etype, flags in raw_subs:
        side = flags.get("territory")
        if side is not None and side not in TERRITORY_SIDES:
            raise TaxonomyError(f"taxonomy.yaml: {name}: territory must be one of "
                                f"{TERRITORY_SIDES}, not {side!r}")
        subs_out[name] = SubEventType(name, etype, rank[name], side,
                                      **{r: bool(flags.get(r, False)) for r in ROLES})
    tax = Taxonomy(event_types, subs_out)
    for side in TERRITORY_SIDES:
        tax.territory(side)
    for role in ("clash", "civilian_target"):
        tax.role(role)
    return tax


@cached
def taxonomy() -> Taxonomy:
    """The taxonomy of the data folder (parsed once)."""
    return build(load_yaml("taxonomy.yaml"))


def sub_event_types() -> dict[str, str]:
    """``{sub_event_type: event_type}`` in display order."""
    return {s.name: s.event_type for s in taxonomy().sub_event_types.values()}


def event_types() -> dict[str, tuple[str, ...]]:
    """``{event_type: (sub_event_type, …)}`` in display order."""
    return {t.name: t.sub_event_types for t in taxonomy().event_types.values()}


def type_index(types: list[str]) -> dict[str, int]:
    return taxonomy().type_index(types)


def is_valid_pair(event_type: str, sub_event_type: str) -> bool:
    return taxonomy().is_valid_pair(event_type, sub_event_type)


def disorder_type(event_type: str | None) -> str | None:
    return taxonomy().disorder(event_type)
