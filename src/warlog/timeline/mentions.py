"""Finding date expressions in a sentence, before any resolution.

A :class:`Mention` records what the text literally says ("23 July", "between 27 and 28 August",
"13 days later", "early October", "In 2016") with its offsets; the narrative clock
(:mod:`warlog.timeline.clock`) turns it into calendar days. Keeping the two apart lets the finder
stay a pure function of the text (easy to test, no state), while everything that needs the
surrounding narrative (the year, the anchor of "the next day") lives in the clock.

Candidates from every pattern are collected, then the leftmost-longest non-overlapping ones
win, so "during the night of 25 July" beats "during the night", and "10-23 August" beats
"23 August".
"""

from __future__ import annotations

import re

from warlog.timeline.absolute import absolute_candidates, absolute_streams
from warlog.timeline.lexicon import lexicon
from warlog.timeline.mention import KINDS, Mention
from warlog.timeline.patterns import PREFIX_WINDOW
from warlog.timeline.relatives import RELATIVE_REACH, relative_candidates, relative_stream

__all__ = ["KINDS", "Mention", "find_mentions"]


def find_mentions(
    sentence: str, bare_years: bool = False, lower: str | None = None
) -> list[Mention]:
    """Every date expression in ``sentence``, in order, without overlaps.

    ``bare_years`` accepts a year with nothing before it ("2014"): right for a heading, wrong
    in running text ("Resolution 2254", "1500 soldiers"). ``lower`` is ``sentence.lower()``
    when the caller has it.
    """
    cands = absolute_candidates(sentence, bare_years)
    cands.extend(relative_candidates(sentence, lower))
    return _merge_restatements(_select(cands), sentence)


_REACH = max(PREFIX_WINDOW, RELATIVE_REACH)  # how far before its stream's offset a candidate starts
_STEP = 2000  # characters of text scanned before the first dated mention is looked for


def first_dated(text: str, bare_years: bool = False) -> Mention | None:
    """The first of :func:`find_mentions`' mentions that is no relative expression and names a
    year, reading only as far into ``text`` as it needs (a document's head of 20,000
    characters, whose first year is most often in its first lines).

    Exact: each candidate stream yields in increasing offsets, a candidate starts at most
    ``_REACH`` before its offset, so every candidate starting before the streams' lowest next
    offset minus ``_REACH`` is known, and the leftmost-longest choice of those is final. A
    restatement merge keeps the explicit date's kind and years, so it changes no answer."""
    streams = [*absolute_streams(text, bare_years), relative_stream(text)]
    heads: list[tuple[int, Mention | None] | None] = [next(s, None) for s in streams]
    cands: list[Mention] = []
    limit = 0
    while True:
        limit += _STEP
        for i, stream in enumerate(streams):
            item = heads[i]
            while item is not None and item[0] <= limit:
                if item[1] is not None:
                    cands.append(item[1])
                item = next(stream, None)
            heads[i] = item
        pending = [h[0] for h in heads if h is not None]
        settled = min(pending) - _REACH if pending else len(text) + 1
        for m in _select(list(cands)):
            if m.start >= settled:
                break
            if m.kind != "relative" and m.has_year:
                return m
        if not pending:
            return None


def _select(cands: list[Mention]) -> list[Mention]:
    """Leftmost-longest non-overlapping candidates (absolute before relative on ties)."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), c.kind == "relative"))
    out: list[Mention] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


_RESTATE_GAP = re.compile(r"[\s,(–—-]*")


def _merge_restatements(mentions: list[Mention], sentence: str) -> list[Mention]:
    """Join a relative expression and the explicit date restating it; the date wins.

    "Two days later, on 21 March" is one mention.

    A relative expression directly followed (or preceded) by an explicit day date, with only
    a comma, a bracket or a dash between, restates it.
    """
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        cur = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and _restates(cur, nxt, sentence):
            explicit = nxt if cur.kind == "relative" else cur
            explicit.start, explicit.end = cur.start, nxt.end
            explicit.text = sentence[cur.start : nxt.end]
            explicit.merged = True
            out.append(explicit)
            i += 2
            continue
        out.append(cur)
        i += 1
    return out


def _restates(a: Mention, b: Mention, sentence: str) -> bool:
    kinds = {a.kind, b.kind}
    if "relative" not in kinds or kinds == {"relative"}:
        return False
    explicit = b if a.kind == "relative" else a
    if explicit.kind not in {"date", "day_of_month", "weekday"}:
        return False
    if b.kind == "relative" and counts_to(b):
        return False  # "On 2 October, a day after X": the day of X, not a restatement
    return adjacent(a, b, sentence)


def adjacent(a: Mention, b: Mention, sentence: str) -> bool:
    """Only a comma, a bracket or a dash between mentions ``a`` and ``b``."""
    gap = sentence[a.end : b.start]
    return _RESTATE_GAP.fullmatch(gap) is not None and len(gap) <= 4


def counts_to(m: Mention) -> bool:
    """A relative expression that takes an event as its object and counts a shift to it
    ("a day after", "two weeks before"; ``time.yaml relative_object_words``)."""
    rule = m.rule
    words = m.text.split()
    return (m.kind == "relative" and rule is not None and bool(words)
            and words[-1].lower() in lexicon().relative_object_words
            and rule.anchor is None and rule.unit in ("day", "week")
            and ((rule.mode == "point" and rule.shift not in (0, None))
                 or (rule.mode == "fuzzy" and rule.days is not None)))
