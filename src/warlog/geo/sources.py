"""Places named only as where a source speaks or sits: "the ambassador to Spain", "told
reporters in Geneva", "(Reporting by ... in Mogadishu". Such a place is neither the event's
place nor a vote for the document's country. The cues are ``source_place_cues`` of
``data/geo.yaml``. A capital named for its state ("the Kyiv government") or its clock
("Damascus time") is no event's place either (``not_event_place_followers``).
"""

from __future__ import annotations

import re

from warlog.data import cached, load_yaml
from warlog.nlp.alternation import HeadFilter, spaced_char, trie_alternation


def _cues() -> list[str]:
    return [str(c) for c in load_yaml("geo.yaml").get("source_place_cues") or []]


@cached
def _cue_alternation() -> str:
    return trie_alternation(_cues(), spaced_char, lower=True)


@cached
def _cue_heads() -> HeadFilter:
    return HeadFilter(_cues())


@cached(maxsize=64)
def _may_cite(text: str) -> bool:
    """Whether ``text`` holds a cue's first word at all (asked once per sentence, however
    many names it has): without one, neither pattern below can match anywhere in it."""
    return _cue_heads().may_match(text)


@cached
def _source_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i:\b{_cue_alternation()})\s+((?:[\w'’.-]+\s+){{0,4}})$")


@cached
def _any_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i:\b{_cue_alternation()})\s")


def has_source_cue(text: str) -> bool:
    """Whether ``text`` has a source cue anywhere: one pass, so that a caller testing many
    names of a text can skip :func:`is_source_place` for all of them when it has none.

    The pattern is tried only where a cue's first word starts. Every match opens with a cue;
    for an ASCII text lower-casing keeps the offsets and a case-insensitive ASCII letter
    matches only its two cases, so it can match nowhere else (a case-insensitive alternation
    is otherwise tried at every position of the text: a document's whole opening). The heads
    the text holds come from the head filter's memoised automaton pass."""
    if not _may_cite(text):
        return False
    cue = _any_cue()
    starts = _cue_heads().head_starts(text)
    if starts is None:
        return cue.search(text) is not None
    return any(cue.match(text, i) is not None for i in starts)


def is_source_place(text: str, start: int) -> bool:
    """Whether the place name at ``text[start:]`` follows a source cue (at most four words,
    and no comma, between the cue and the name)."""
    if start <= 0 or not _may_cite(text):
        return False
    m = _source_cue().search(text, max(0, start - 80), start)
    return m is not None


@cached
def _other_follower() -> re.Pattern[str]:
    words = (str(w) for w in load_yaml("geo.yaml").get("not_event_place_followers") or [])
    alt = trie_alternation(words, lower=True)
    return re.compile(rf"[ \t]+(?i:{alt})\b")


def names_other_than_place(text: str, end: int) -> bool:
    """Whether the place name ending at ``text[end]`` stands for its state ("the Kabul
    government", "the Damascus regime") or its clock ("Damascus time")."""
    return _other_follower().match(text, end) is not None
