"""The profile vocabulary (``data/profile.yaml``): field labels, infobox parameter names,
supporter markers and loss kinds, compiled once per settings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warlog.data import cached, load_yaml


def norm_label(text: str) -> str:
    """A label compared: lower case, single spaces, no trailing colon."""
    return " ".join(text.replace("_", " ").split()).strip(" :").lower()


@dataclass(frozen=True, slots=True)
class Vocab:
    labels: dict[str, str]  # normalised label -> field
    side_fields: frozenset[str]
    params: dict[str, str]  # parameter stem -> field
    templates: frozenset[str]
    supporter: re.Pattern[str]
    loss_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    ongoing: re.Pattern[str]
    category_prefixes: tuple[str, ...]
    unknown: frozenset[str]


def _words(words: list[str]) -> str:
    alts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "|".join(alts)


@cached
def vocab() -> Vocab:
    data = load_yaml("profile.yaml")
    labels = {norm_label(lab): f for f, labs in data["labels"].items() for lab in labs}
    params = {p.lower(): f for f, ps in data["params"].items() for p in ps}
    kinds = tuple(
        (kind, re.compile(rf"\b(?:{_words(ws)})\b", re.IGNORECASE))
        for kind, ws in data["loss_kinds"].items()
    )
    return Vocab(
        labels=labels,
        side_fields=frozenset(data["side_fields"]),
        params=params,
        templates=frozenset(norm_label(t) for t in data["templates"]),
        supporter=re.compile(  # at the start of a line, or anywhere followed by ":"
            rf"^\W*(?:{_words(data['supporter_markers'])})\b\s*:?"
            rf"|\b(?:{_words(data['supporter_markers'])})\s*:", re.IGNORECASE),
        loss_kinds=kinds,
        ongoing=re.compile(rf"\b(?:{_words(data['ongoing'])})\b", re.IGNORECASE),
        category_prefixes=tuple(p.lower() for p in data["category_tag_prefixes"]),
        unknown=frozenset(norm_label(w) for w in data["unknown_values"]),
    )


def label_field(text: str) -> str | None:
    """The field a printed label names ("Casualties and losses" -> casualties), else None."""
    return vocab().labels.get(norm_label(text))


_PARAM = re.compile(r"([a-z_]+?)_?(\d*)$")


def param_field(name: str) -> tuple[str, int | None] | None:
    """The field and side of an infobox parameter ("combatant2" -> belligerents, 2)."""
    m = _PARAM.match(name.strip().lower())
    if not m:
        return None
    v = vocab()
    field = v.params.get(m.group(1))
    if field is None:
        return None
    if field in v.side_fields:
        return field, int(m.group(2)) if m.group(2) else 1
    return (field, None) if not m.group(2) else None


def is_unknown(text: str) -> bool:
    """"Unknown", "Unspecified"…: the source gives no value."""
    return norm_label(text.strip(" .*")) in vocab().unknown
