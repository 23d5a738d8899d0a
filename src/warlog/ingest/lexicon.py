"""The ingest word lists (``data/ingest.yaml``), parsed and compiled once.

Why a module of its own: every reader needs the same stop-section titles, notice patterns and
citation notes; compiling them here once keeps the readers free of word lists and fast.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from warlog import lang
from warlog.data import cached, load_yaml


def _data() -> dict[str, Any]:
    return load_yaml("ingest.yaml")


def _lower_set(key: str) -> frozenset[str]:
    return frozenset(str(x).lower() for x in _data().get(key) or [])


@cached
def stop_sections() -> frozenset[str]:
    """Titles (lower case) of back-matter sections: they and all that follows are dropped."""
    return _lower_set("stop_sections")


@cached
def empty_cell_values() -> frozenset[str]:
    """Table cells (lower case) that hold nothing ("n/a", "none"): not prose."""
    return _lower_set("empty_cell_values")


@cached
def table_cell_joiner() -> str:
    """What a table row's kept cells are joined by when the row is written as one line."""
    return str(_data()["table_cell_joiner"])


_TITLE_NOISE = re.compile(r"\[object Object\]|[*_#:=\s]+$|^[*_#=\s]+")


def is_stop_title(title: str) -> bool:
    """True when a heading opens the back matter ("References", "See also:", "## Notes")."""
    t = _TITLE_NOISE.sub("", title.replace("[object Object]", "")).strip().lower()
    return t in stop_sections()


@cached
def skip_stems() -> frozenset[str]:
    return _lower_set("skip_stems")


@cached
def skip_extensions() -> frozenset[str]:
    return _lower_set("skip_extensions")


@cached
def magic_numbers() -> tuple[tuple[bytes, str], ...]:
    """(leading bytes, description) of binary formats that are not documents."""
    out = []
    for key, what in (_data().get("magic") or {}).items():
        prefix = codecs.escape_decode(str(key).encode("latin-1"))[0]
        out.append((prefix, str(what)))
    return tuple(out)


@cached
def image_extensions() -> tuple[str, ...]:
    return tuple(sorted(_lower_set("image_extensions")))


@cached
def notice_stamp_re() -> re.Pattern[str]:
    """The "(March 2016)" stamp after a notice and the "Learn how … message" tail."""
    months = "|".join(lang.language().months)
    tail = _data()["notice_stamp_tail"]
    return re.compile(rf"\((?:{months}) \d{{4}}\)\s*(?:\({tail}\)\s*)?|{tail}\.?\s*")


@cached
def notice_re() -> re.Pattern[str]:
    """Maintenance notices and hatnotes, anchored at a line start."""
    alts = "|".join(f"(?:{p})" for p in _data()["notices"])
    return re.compile(rf"(?:{alts})", re.IGNORECASE)


@cached
def bracket_notes_re_source() -> str:
    """Regex source matching an inline bracket note: ``[14]``, ``[d]``, ``[citation needed]``."""
    notes = sorted((re.escape(n) for n in _data()["bracket_notes"]), key=len, reverse=True)
    return (
        r"\[(?:\d{1,4}|[a-z]{1,2}|(?:note|nb|n|lower-alpha|upper-alpha) ?\d{1,3}"
        rf"|(?i:{'|'.join(notes)}))\]"
    )


@cached
def template_literals() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (_data().get("template_literals") or {}).items()}


@cached
def wikitext_text_templates() -> frozenset[str]:
    return _lower_set("wikitext_text_templates")


@cached
def wikitext_first_arg_templates() -> frozenset[str]:
    return _lower_set("wikitext_first_arg_templates")


@cached
def wikitext_date_templates() -> frozenset[str]:
    return _lower_set("wikitext_date_templates")


@cached
def wikitext_convert_templates() -> frozenset[str]:
    return _lower_set("wikitext_convert_templates")


@cached
def wikitext_drop_namespaces() -> frozenset[str]:
    return _lower_set("wikitext_drop_namespaces")


@cached
def html_drop_tags() -> frozenset[str]:
    return _lower_set("html_drop_tags")


@cached
def html_drop_classes() -> frozenset[str]:
    return _lower_set("html_drop_classes")


@cached
def html_main_selectors() -> tuple[str, ...]:
    return tuple(str(s).lower() for s in _data().get("html_main_selectors") or [])


@cached
def html_title_suffixes() -> tuple[str, ...]:
    return tuple(str(s) for s in _data().get("html_title_suffixes") or [])
