"""Profiles from wikitext: ``{{Infobox military conflict}}`` read with mwparserfromhell.

mwparserfromhell gives back the exact source text of every node, so offsets are counted from
the node lengths: the template's position, each parameter's after its ``|``, each value line
after the parameter's ``name=``. A value is split into items at line breaks, ``<br>`` and list
bullets; ``{{flag|Syria}}`` keeps its name, icons, references and comments go
(``data/profile.yaml``: name and list templates).
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from warlog.data import cached, load_lang_yaml, load_yaml
from warlog.profile.fields import Extract
from warlog.profile.model import Span
from warlog.profile.text import clean
from warlog.profile.vocab import norm_label, param_field, vocab

_SEP = re.compile(r"\n|<br\s*/?\s*>|\{\{\s*(?:[^{}|]+)\|(?=\s*\n)", re.IGNORECASE)


@cached
def _templates() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_yaml("profile.yaml")
    return (frozenset(norm_label(t) for t in data["name_templates"]),
            frozenset(norm_label(t) for t in data["list_templates"]),
            frozenset(norm_label(t) for t in data["date_templates"]))


def _date(tpl: Template) -> str | None:
    """``{{start date|2016|10|3}}`` as "3 October 2016" (the language's month names)."""
    nums = [str(p.value).strip() for p in tpl.params if not p.showkey][:3]
    if not nums or not all(n.isdigit() for n in nums):
        return None
    months = load_lang_yaml("calendar.yaml")["months"]
    year = nums[0]
    month = int(nums[1]) if len(nums) > 1 else 0
    if not 1 <= month <= 12:
        return year
    if len(nums) == 3:
        return f"{int(nums[2])} {months[month - 1]} {year}"
    return f"{months[month - 1]} {year}"


def _plain(code: Wikicode) -> str:
    names, lists, dates = _templates()
    for tag in code.filter_tags(recursive=False):
        if str(tag.tag).strip().lower() == "ref":
            code.remove(tag)
    for tpl in code.filter_templates(recursive=False):
        tname = norm_label(str(tpl.name))
        if tname in names and tpl.params:
            code.replace(tpl, str(tpl.params[0].value))
        elif tname in dates:
            code.replace(tpl, _date(tpl) or "")
        elif tname in lists:
            code.replace(tpl, "\n".join(str(p.value) for p in tpl.params))
    return code.strip_code(normalize=True, collapse=True)


def _items(raw: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    cuts = [(m.start(), m.end()) for m in _SEP.finditer(raw, start, end)] + [(end, end)]
    for a, b in cuts:
        seg = raw[pos:a]
        pos = b
        if not seg.strip():
            continue
        text = _plain(mwparserfromhell.parse(seg))
        for line in text.splitlines():
            item = clean(line)
            if item and any(ch.isalnum() for ch in item):
                lead = len(seg) - len(seg.lstrip(" *#:\t"))
                out.append(Span(item, pos - len(seg) - (b - a) + lead, a))
    return out


# mwparserfromhell backtracks over every tag left open: quadratic in their number
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*>?")
_SINGLE = frozenset(["br", "hr", "wbr", "img", "meta", "link", "references"])
_MAX_OPEN = 200  # tags left open beyond which only the infobox template is parsed
_TEMPLATE = re.compile(r"\{\{([^{}|<>\n]*)")
_BRACES = re.compile(r"\{\{|\}\}")


def _open_tags(text: str) -> int:
    """How many tags are opened and never closed (one pass)."""
    opened = 0
    for m in _TAG.finditer(text):
        if m.group(1):
            opened = max(0, opened - 1)
        elif m.group(2).lower() not in _SINGLE and not m.group().endswith("/>"):
            opened += 1
    return opened


def _infobox_only(raw: str) -> list[tuple[int, Template]]:
    """The first infobox template, found and parsed alone (for text with many open tags)."""
    resume = 0  # a candidate inside one already read is not read again: one pass
    for m in _TEMPLATE.finditer(raw):
        if m.start() < resume or norm_label(m.group(1)) not in vocab().templates:
            continue
        depth = 0
        for b in _BRACES.finditer(raw, m.start()):
            depth += 1 if b.group() == "{{" else -1
            if depth == 0:
                piece = raw[m.start():b.end()]
                if _open_tags(piece) > _MAX_OPEN:
                    return []
                nodes = mwparserfromhell.parse(piece).nodes
                if len(nodes) == 1 and isinstance(nodes[0], Template):
                    return [(m.start(), nodes[0])]
                resume = b.end()
                break
        else:
            return []  # never closed: no template
    return []


def _located(raw: str) -> list[tuple[int, Template]]:
    if _open_tags(raw) > _MAX_OPEN:
        return _infobox_only(raw)
    code = mwparserfromhell.parse(raw)
    found: list[tuple[int, Template]] = []
    pos = 0
    for node in code.nodes:
        n = len(str(node))
        if isinstance(node, Template) and norm_label(str(node.name)) in vocab().templates:
            found.append((pos, node))
        pos += n
    return found


def from_wikitext(raw: str) -> Extract | None:
    found = _located(raw)
    if not found:
        return None
    start, tpl = found[0]
    ex = Extract("wikitext")
    pos = start + 2 + len(str(tpl.name))
    for param in tpl.params:
        pos += 1  # the "|"
        length = len(str(param))
        pf = param_field(str(param.name)) if param.showkey else None
        if pf is not None:
            vstart = pos + len(str(param.name)) + 1
            ex.add(pf[0], pf[1], _items(raw, vstart, pos + length))
        pos += length
    return ex if any(f.name != "name" for f in ex.fields) else None
