"""Relative date expressions: "the next day", "13 days later", "the following week"...

The expressions are the regex rules of ``data/time.yaml``. Trying fifty rules at every
character is slow, so they are only tried at word starts shortly before a keyword ("day",
"week", "night", "later"...) whose word can begin an expression; at each such start the longest
matching rule wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from warlog.data import cached
from warlog.nlp.alternation import HeadFilter
from warlog.timeline.absolute import month_number
from warlog.timeline.lexicon import RelativeRule, lexicon
from warlog.timeline.mention import Mention
from warlog.timeline.patterns import patterns

RELATIVE_REACH = 48  # how far before its keyword a relative expression may start


def relative_candidates(sentence: str, lower: str | None = None) -> list[Mention]:
    """Relative expressions, tried only at word starts shortly before a keyword (``lower``:
    ``sentence.lower()`` when the caller has it)."""
    lower = _lowered(sentence, lower)
    # the shared automaton pass of every head filter (geo, events; memoised per sentence), not
    # a case-sensitive alternation tried at every position: false only where
    # ``pats.relative_stems.search(lower)`` finds nothing
    if not _stem_filter().may_match(lower):
        return []
    return [m for _key, m in _stream(sentence, lower)]


def relative_stream(sentence: str, lower: str | None = None) -> Iterator[tuple[int, Mention]]:
    """The expressions of :func:`relative_candidates`, lazily, each with the offset of its
    keyword (increasing; an expression starts at most ``RELATIVE_REACH`` characters before
    it)."""
    lower = _lowered(sentence, lower)
    if _stem_filter().may_match(lower):
        yield from _stream(sentence, lower)


def _lowered(sentence: str, lower: str | None) -> str:
    lower = sentence.lower() if lower is None else lower
    if len(lower) != len(sentence):  # a rare character changed length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sentence)
    return lower


def _stream(sentence: str, lower: str) -> Iterator[tuple[int, Mention]]:
    pats = patterns()
    done = 0  # text before this offset is already used by a found expression
    for key in pats.relative_trigger.finditer(lower):
        k = key.start()
        if k < done or (k and lower[k - 1].isalnum()):
            continue
        for ws in pats.word_start.finditer(lower, max(done, k - RELATIVE_REACH), k + 1):
            start = ws.start()
            word = pats.word_start_word.match(lower, start)
            if word is None or (
                word.group(0) not in pats.relative_starters and not word.group(0).isdigit()
            ):
                continue
            first = sentence[start]
            if first.isascii():  # the rules that can begin here, and whether any matches
                key = first.lower()
                rules = pats.relative_by_char.get(key, pats.relative_unindexed)
                any_rule = pats.relative_any_by_char.get(key, pats.relative_any_unindexed)
            else:
                rules, any_rule = pats.relative, pats.relative_any
            if not any_rule.match(sentence, start):
                continue
            best: tuple[re.Match[str], RelativeRule] | None = None
            for rx, rule in rules:
                m = rx.match(sentence, start)
                if m and (best is None or m.end() > best[0].end()):
                    best = (m, rule)
            if best is None or best[0].end() <= k:
                continue
            yield k, _relative_mention(*best)
            done = best[0].end()
            break


@cached
def _stem_filter() -> HeadFilter:
    """The relative keywords' stems (``relative_stem_words``, all letters) as heads of the
    shared automaton (:class:`~warlog.nlp.alternation.HeadFilter`): whether a sentence holds
    any of them is read from the one pass every filter shares."""
    return HeadFilter(patterns().relative_stem_words)


def _relative_mention(m: re.Match[str], rule: RelativeRule) -> Mention:
    mention = Mention(start=m.start(), end=m.end(), text=m.group(0), kind="relative")
    mention.rule = rule
    g = m.groupdict()
    if g.get("n"):
        n = g["n"].lower()
        mention.count = int(n) if n.isdigit() else lexicon().numbers.get(" ".join(n.split()))
    if g.get("m1"):
        mention.m1 = month_number(g["m1"])
    return mention
