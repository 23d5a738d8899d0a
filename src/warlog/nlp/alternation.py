"""A regular expression for "any of these phrases", factored as a trie.

``a|ab|abc|b`` makes Python's ``re`` engine try every phrase at every position of the text;
the same set written as a trie (``a(?:b(?:c)?)?|b``) tries each character once, so a list of
hundreds of phrases costs little more than one. The match is the same as the longest-first
alternation (``sorted(phrases, key=len, reverse=True)`` joined with ``|``): two phrases can
only match at the same place when one is a prefix of the other, both lie on one path of the
trie, and the longer continuation is tried first (greedy), backing off to the shorter one
when what follows the phrase does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_END = ""  # the key marking "a phrase ends here" in a trie node


def _escape_char(ch: str) -> str:
    return re.escape(ch)


def spaced_char(ch: str) -> str:
    """A phrase's character as regex source where a space matches any run of white space
    (``char`` of :func:`trie_alternation` for phrases that may break across lines)."""
    return r"\s+" if ch == " " else re.escape(ch)


def trie_alternation(phrases: Iterable[str], char: Callable[[str], str] = _escape_char,
                     *, lower: bool = False) -> str:
    """A non-capturing group (regex source) matching any of ``phrases``, longest first.

    ``char`` writes one character as regex source (default: escaped literally); e.g. a space
    written as ``\\s+`` lets a phrase match across line breaks. Two characters must never be
    written as patterns that match the same text (the trie's branches must exclude each
    other); so a pattern compiled case-insensitively needs ``lower=True`` (the phrases are
    lower-cased: "A" and "a" would be two branches). An empty set never matches.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        if lower:
            phrase = phrase.lower()
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not trie:
        return "(?!x)x"
    return "(?:" + _node(trie, char) + ")"


def _node(node: dict[str, dict], char: Callable[[str], str]) -> str:
    ends = _END in node
    branches = [char(ch) + _node(child, char) if child else char(ch)
                for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a phrase may stop here: try the longer ones first
        return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
    return body
