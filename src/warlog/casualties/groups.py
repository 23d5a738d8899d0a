"""Step 2, victim groups: counted phrases joined by "and", "along with", "as well as" add
up ("a lieutenant and soldier" = 2); phrases after "including" or in brackets are part of an
earlier count (subsets)."""

from __future__ import annotations

from dataclasses import dataclass

from warlog.casualties.lexicon import Lexicon
from warlog.casualties.phrases import Mention
from warlog.casualties.tokens import Token, match_at, match_ending


@dataclass(slots=True)
class Group:
    """Counted phrases that add up to one figure, and the role they were given."""

    members: list[Mention]
    role: str | None = None
    pred_end: int = -1  # token index past the predicate that gave the role

    @property
    def i(self) -> int:
        return self.members[0].i

    @property
    def j(self) -> int:
        return self.members[-1].j


def in_parens(tokens: list[Token], i: int) -> bool:
    """Is token ``i`` inside an open bracket?"""
    depth = 0
    for t in tokens[:i]:
        if t.low == "(":
            depth += 1
        elif t.low == ")" and depth:
            depth -= 1
    return depth > 0


def mark_subsets(tokens: list[Token], mentions: list[Mention], lx: Lexicon) -> None:
    """Flag the phrases that count part of an earlier count ("including 15 children"), and
    those that count part of a toll told elsewhere ("18 of the dead were rebels", "one of
    those killed was a student": ``part``, never a toll of their own)."""
    for m in mentions:
        part = match_at(tokens, m.cj, lx.toll_parts)
        if part is not None:
            m.subset = True
            m.part = part[0]
            continue
        k = m.i - 1
        while k >= 0 and tokens[k].low in (",", "(", ":"):
            k -= 1
        if match_ending(tokens, k, lx.subset_cues) is not None or in_parens(tokens, m.i):
            m.subset = True


def find_groups(tokens: list[Token], mentions: list[Mention], lx: Lexicon) -> list[Group]:
    """Join coordinated phrases ("a lieutenant and soldier"); a list joined only by commas
    is split again (appositions: "the head of X, General Y, …")."""
    groups: list[Group] = []
    links: list[list[tuple[str, ...]]] = []
    for m in mentions:
        last = groups[-1].members[-1] if groups else None
        gap = tuple(t.low for t in tokens[groups[-1].j : m.i]) if groups else ()
        if last is not None and gap in lx.coordinators:
            if last.subset and not m.subset:
                m.subset = True  # "including 42 children, 25 women and 136 men": all part
                groups[-1].members.append(m)
                links[-1].append((",",))
                continue
            if m.subset == last.subset and (
                m.head_role == last.head_role or not (m.head_role and last.head_role)
            ):
                groups[-1].members.append(m)  # not "800 fatalities and 3,000 injuries"
                links[-1].append(gap)
                continue
        if m.kind == "bare":
            continue
        groups.append(Group([m]))
        links.append([])
    out: list[Group] = []
    for g, ls in zip(groups, links, strict=True):
        if ls and all(x == (",",) for x in ls):
            out.extend(Group([m]) for m in g.members if m.kind != "bare")
        else:
            out.append(g)
    return out
