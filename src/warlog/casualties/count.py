"""The entry point: :func:`count_fatalities` runs the four steps over one sentence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from warlog.casualties.groups import Group, find_groups, mark_subsets
from warlog.casualties.lexicon import ROLES, lexicon
from warlog.casualties.phrases import find_mentions
from warlog.casualties.roles import assign_roles
from warlog.casualties.tokens import Token, tokenize
from warlog.casualties.totals import total, zero

_WORDS = re.compile(r"[a-z]+")


class HasText(Protocol):
    """A sentence analysed once (:class:`warlog.nlp.sentences.Sentence`): its text, lower
    case and tokens, which the casualty reader uses instead of computing them again."""

    @property
    def text(self) -> str: ...

    @property
    def lower(self) -> str: ...

    @property
    def tokens(self) -> list[Token]: ...


@dataclass(slots=True)
class Fatalities:
    """People reported killed (ACLED ``fatalities``), with wounded and captured kept apart.

    ``killed`` is ``None`` when the text ties no count to a death; ``low``/``high`` give the
    range when figures conflict or a range is reported; ``spans`` are ``(start, end, role)``
    of the counts used (offsets shifted by the ``offset`` given to :func:`count_fatalities`);
    ``vague`` is true when the only cue was a vague word ("several", "dozens").
    """

    killed: int | None = None
    low: int | None = None
    high: int | None = None
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    wounded: int | None = None
    captured: int | None = None
    vague: bool = False
    #: ``(start, end)`` of counts that are part of a toll told elsewhere ("18 of the dead")
    parts: list[tuple[int, int]] = field(default_factory=list)


def _by_role(groups: list[Group], tokens: list[Token], low_text: str) -> dict[str, list[Group]]:
    """The groups that count for each role: main groups first, then subsets with a role of
    their own ("40 captured, of whom 5 were executed"); running tallies are left out."""
    lx = lexicon()
    by_role: dict[str, list[Group]] = defaultdict(list)
    for g in groups:
        if g.members[0].subset or g.role is None:
            continue
        same = by_role[g.role]
        if same and lx.tally.search(low_text, tokens[same[-1].j - 1].end, tokens[g.i].start):
            continue  # a running tally after a count: "…, while since the start, 346 …"
        same.append(g)
    for g in groups:
        if (g.members[0].subset and g.role is not None and g.role not in by_role
                and not g.members[0].part):  # "18 of the dead": that toll is told elsewhere
            by_role[g.role].append(g)
    return by_role


def count_fatalities(sentence: str | HasText, offset: int = 0) -> Fatalities:
    """Killed, wounded and captured counts reported in one sentence or clause.

    ``sentence`` is the text, or the extractor's sentence object (its lower case and tokens
    are used, not computed again). ``offset`` is added to every span, so callers can pass the
    sentence's position in the document and highlight the evidence directly.
    """
    text = sentence if isinstance(sentence, str) else sentence.text
    lx = lexicon()
    low_text = text.lower() if isinstance(sentence, str) else sentence.lower
    found = set(_WORDS.findall(low_text))
    if lx.cues.isdisjoint(found):
        return Fatalities()
    tokens = tokenize(text) if isinstance(sentence, str) else sentence.tokens
    mentions = find_mentions(tokens, text, lx)
    mark_subsets(tokens, mentions, lx)
    groups = find_groups(tokens, mentions, lx)
    assign_roles(tokens, groups, lx)
    by_role = _by_role(groups, tokens, low_text)
    result = Fatalities()
    result.parts = [(tokens[m.ci].start + offset, tokens[m.cj + m.part - 1].end + offset)
                    for m in mentions if m.part]
    for role in ROLES:
        t = total(tokens, text, by_role.get(role, []), lx)
        result.spans.extend((s + offset, e + offset, role) for s, e in t.spans)
        if role == "killed":
            result.killed, result.low, result.high = t.value, t.low, t.high
            result.vague = t.vague
        elif role == "wounded":
            result.wounded = t.value
        elif role == "captured":
            result.captured = t.value
        elif role == "mixed" and result.killed is None and t.spans:
            # "heavy losses", "killing and wounding dozens": a vague cue, no death count
            result.vague = result.vague or t.vague or t.value is None
    for role in ("killed", "wounded") if not lx.zero_words.isdisjoint(found) else ():
        if getattr(result, role) is None:
            z = zero(low_text, role, lx)
            if z is not None:
                setattr(result, role, 0)
                result.spans.append((z[0] + offset, z[1] + offset, "zero"))
                if role == "killed":
                    result.vague = False
    if result.killed is None and result.wounded == 0 and any(r == "zero" for *_, r in result.spans):
        result.killed = 0  # "nobody was hurt", "there were no injuries": nobody died either
    if result.killed is None and not result.vague:
        # each pattern needs one of its words (casualties.yaml): a sentence with none is skipped
        one = (_single_victim(low_text, lx.single_victim)
               if not lx.single_victim_words.isdisjoint(found) else None)
        if one is None and not lx.named_victim_words.isdisjoint(found):
            one = _single_victim(text, lx.named_victim)
        if one is not None:
            result.killed = 1
            result.spans.append((one[0] + offset, one[1] + offset, "killed"))
    result.spans = sorted(set(result.spans))
    return result


def _single_victim(low_text: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[int, int] | None:
    """One person killed with no number: a singular passive ("the judge was murdered") or a
    killing verb with a named victim ("shot dead Mamadou Bah")."""
    for pat in patterns:
        m = pat.search(low_text)
        if m:
            return m.start(), m.end()
    return None
