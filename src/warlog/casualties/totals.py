"""Step 4, totals, by ACLED's counting rules: groups of one role add up ("11 … died … 17 …
were also killed" = 28) unless a cue says the second figure revises or contradicts the first
("later updated to 200"): then the lowest is the count and ``low``/``high`` give the range.
Vague words ("dozens") add nothing to a number but mark a count as vague."""

from __future__ import annotations

from dataclasses import dataclass, field

from warlog.casualties.groups import Group
from warlog.casualties.lexicon import Lexicon
from warlog.casualties.tokens import Token


@dataclass(slots=True)
class Total:
    """One role's figure: the lowest ``value``, the range, and the spans of its counts."""

    value: int | None = None
    low: int | None = None
    high: int | None = None
    vague: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


def group_total(g: Group) -> tuple[int | None, int | None, int | None, bool]:
    """Sum of a group's counts: (value, low, high, only-vague). Vague words add nothing."""
    value = low = high = 0
    counted = False
    only_vague = True
    for m in g.members:
        if m.count is None:
            continue
        counted = True
        only_vague = only_vague and m.vague
        value += m.count
        low += m.low if m.low is not None else m.count
        high += m.high if m.high is not None else m.count
    if not counted:
        return None, None, None, any(m.vague for m in g.members)
    return value, low, high, only_vague


def is_alternative(tokens: list[Token], text: str, a: Group, b: Group, lx: Lexicon) -> bool:
    """Does ``b`` revise or contradict ``a`` (rather than add more dead)?"""
    if any(m.additional for m in b.members):
        return False
    gap_start = max(a.j, a.pred_end)
    between = text[tokens[gap_start - 1].end : tokens[b.i].start].lower() if gap_start else ""
    near_b = text[tokens[max(0, b.i - 3)].start : tokens[max(b.j, b.pred_end) - 1].end].lower()
    if lx.sum_cue.search(near_b):
        return False
    return any(p.search(between) for p in lx.alternative)


def total(tokens: list[Token], text: str, groups: list[Group], lx: Lexicon) -> Total:
    """Add the groups of one role; a revising or conflicting figure opens an alternative."""
    segments: list[list[Group]] = []
    for g in groups:
        if segments and is_alternative(tokens, text, segments[-1][-1], g, lx):
            segments.append([g])
        elif segments:
            segments[-1].append(g)
        else:
            segments.append([g])
    totals: list[tuple[int, int, int, bool]] = []
    any_vague = False
    spans: list[tuple[int, int]] = []
    for seg in segments:
        v = lo = hi = 0
        counted = False
        only_vague = True
        for g in seg:
            gv, gl, gh, gvague = group_total(g)
            for m in g.members:
                if m.count is not None or m.vague:
                    spans.append((tokens[m.ci].start, tokens[m.cj - 1].end))
            if gv is None:
                any_vague = any_vague or gvague
                continue
            counted = True
            only_vague = only_vague and gvague
            v, lo, hi = v + gv, lo + (gl or 0), hi + (gh or 0)
        if counted:
            totals.append((v, lo, hi, only_vague))
    if not totals:
        return Total(vague=any_vague, spans=spans)
    best = min(totals, key=lambda t: t[0])
    low = min(t[1] for t in totals)
    high = max(t[2] for t in totals)
    ranged = len(totals) > 1 or low != high
    return Total(
        best[0], low if ranged else None, high if ranged else None, all(t[3] for t in totals), spans
    )


def zero(low_text: str, role: str, lx: Lexicon) -> tuple[int, int] | None:
    """The span of a "no casualties" statement for ``role`` in the lower-cased text."""
    for p in lx.zero.get(role, ()):
        m = p.search(low_text)
        if m:
            return m.start(), m.end()
    return None
