"""ACLED's event types and sub-event types, read once from ``data/triggers.yaml``.

The web app validates review edits against this list, fills its drop-downs from it and gives
each event type a stable position (the map and timeline colour events by that position).
"""

from __future__ import annotations

from warlog.data import cached, load_yaml

# Display order of ACLED's six event types; a type not listed here is appended after them.
TYPE_ORDER = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)


@cached
def sub_event_types() -> dict[str, str]:
    """``{sub_event_type: event_type}`` in the order the data file lists them."""
    data = load_yaml("triggers.yaml") or {}
    return {str(sub): str(typ) for sub, typ in (data.get("types") or {}).items()}


@cached
def event_types() -> dict[str, tuple[str, ...]]:
    """``{event_type: (sub_event_type, …)}`` in :data:`TYPE_ORDER`."""
    out: dict[str, list[str]] = {t: [] for t in TYPE_ORDER}
    for sub, typ in sub_event_types().items():
        out.setdefault(typ, []).append(sub)
    return {t: tuple(subs) for t, subs in out.items()}


def type_index(types: list[str]) -> dict[str, int]:
    """Position of each event type for colouring: the ACLED order, unknown types after it."""
    order = list(event_types())
    for t in types:
        if t not in order:
            order.append(t)
    return {t: i for i, t in enumerate(order)}


def is_valid_pair(event_type: str, sub_event_type: str) -> bool:
    return sub_event_types().get(sub_event_type) == event_type
