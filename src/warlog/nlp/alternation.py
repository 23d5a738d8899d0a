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
import threading
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

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


# The characters that a case-insensitive pattern matches to an ASCII letter although
# ``str.lower`` gives another one ("İ" lower-cases to two characters, "ı" and "ſ" stay): a
# text holding one is always handed to the pattern.
_CASE_ODD = ("\u0130", "\u0131", "\u017f")

# the shared pass's memo: the last texts asked (each under two keys at most: as asked and
# lower-cased), cleared when full
_MEMO_KEYS = 128


class _Heads:
    """The heads of every :class:`HeadFilter` in one automaton: one pass over a sentence
    tells all the filters (the place spotter, sites, roads, sources… each ask about the same
    sentence), and the last texts' answers are kept."""

    def __init__(self) -> None:
        self.heads: set[str] = set()
        self.automaton: Any = None
        self.built = 0  # how many heads the automaton holds
        self.lock = threading.Lock()
        self.memo: dict[str, frozenset[str]] = {}
        # the lower-cased sentences of the document being read, with their heads (prefill)
        self.doc: dict[str, frozenset[str]] = {}

    def add(self, heads: Iterable[str]) -> None:
        with self.lock:
            before = len(self.heads)
            self.heads.update(heads)
            if len(self.heads) != before:
                # answers kept so far were made without these heads: a filter made later
                # (built lazily, on its first sentence) must not read them
                self.memo = {}
                self.doc = {}

    def present(self, text: str) -> frozenset[str]:
        """The heads that ``text.lower()`` holds anywhere (overlapping ones too). The memo is
        keyed by the lower-cased text: a sentence asked about as written (the geo filters)
        and as its lower-cased form (the event filters) is one pass; and by the text as
        asked, so that a text asked again (each filter asks about the same sentence) is not
        lower-cased again (~177,000 of the corpus's ~228,000 asks are answered so)."""
        memo = self.memo
        got = memo.get(text)
        if got is not None:
            return got
        low = text.lower()
        got = memo.get(low)
        if got is None:
            got = self.doc.get(low)
        if got is None:
            with self.lock:
                if self.built != len(self.heads):
                    self._build()
                # a memo is only written with the automaton it was made with
                automaton, memo = self.automaton, self.memo
            got = frozenset(map(itemgetter(1), automaton.iter(low)))
        if len(memo) >= _MEMO_KEYS:
            memo.clear()
        memo[low] = got
        memo[text] = got  # the same key when the text is lower case already
        return got

    def prefill(self, text: str, spans: list[tuple[int, int]]) -> None:
        """Read the heads of every sentence ``text[s:e]`` of a document in one automaton
        pass over the whole document (one long walk, not one per sentence), for
        :meth:`present` to answer from. Only a document whose lower case keeps every
        character one character (no "İ") and lowers none by its context (the final sigma of
        "Σ"): a slice of its lower case is then the slice's own lower case. A head lies in a
        sentence when its occurrence does, so each answer is the one a pass over the
        sentence gives."""
        low = text.lower()
        if len(low) != len(text) or "\u03a3" in text:
            self.doc = {}
            return
        with self.lock:
            if self.built != len(self.heads):
                self._build()
            automaton = self.automaton
        if automaton is None:
            return
        occ = list(automaton.iter(low))  # (last index, head), in order of the last index
        doc: dict[str, frozenset[str]] = {}
        k, n = 0, len(occ)
        for s, e in spans:  # in order, not overlapping
            while k < n and occ[k][0] < s:
                k += 1
            j = k
            heads = []
            while j < n and occ[j][0] < e:
                end, head = occ[j]
                if end - len(head) + 1 >= s:
                    heads.append(head)
                j += 1
            doc[low[s:e]] = frozenset(heads)
        self.doc = doc

    def _build(self) -> None:
        """The automaton of every head added so far (called with the lock held)."""
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for h in self.heads:
            automaton.add_word(h, h)
        automaton.make_automaton()
        self.automaton = automaton
        self.built = len(self.heads)
        self.memo = {}  # answers without the heads just added
        self.doc = {}


_HEADS = _Heads()


def prefill_heads(text: str, spans: list[tuple[int, int]]) -> None:
    """The heads of each sentence ``text[s:e]`` of a document, read in one pass
    (:meth:`_Heads.prefill`), answered by :func:`present_heads` and every filter."""
    _HEADS.prefill(text, spans)


def present_heads(text: str) -> frozenset[str]:
    """The registered heads that ``text.lower()`` holds (the shared pass of every
    :class:`HeadFilter`, memoised): for a caller that needs where its own heads are."""
    return _HEADS.present(text)


class HeadFilter:
    """Whether a text can hold a match of a case-insensitive pattern each of whose matches
    opens with one of ``phrases`` (their alternation, each letter or digit written as itself):
    the phrases' literal heads (each phrase's lower-cased ASCII letters and digits up to its
    first other character) are looked for in the lower-cased text, by one automaton pass
    shared by every filter. A necessary condition, never a sufficient one: ``False`` means
    the pattern cannot match, so the regex pass (tried at every position, as a
    case-insensitive alternation is) is skipped for most sentences."""

    __slots__ = ("_always", "_heads")

    def __init__(self, phrases: Iterable[str]) -> None:
        heads: set[str] = set()
        always = False
        for phrase in phrases:
            p = str(phrase).lower()
            if not p:
                continue
            k = 0
            while k < len(p) and p[k].isascii() and p[k].isalnum():
                k += 1
            if k == 0:
                always = True  # a phrase opening with another character: no head to look for
            heads.add(p[:k])
        self._always = always
        self._heads = frozenset(heads)
        if heads and not always:
            _HEADS.add(heads)

    def head_starts(self, text: str) -> list[int] | None:
        """Where in ``text`` a phrase's head starts, in order (from the shared automaton pass,
        memoised): every match of the pattern opens at one of them, so it need be tried
        there only. None where that cannot be said: a phrase opening with a character that
        is no ASCII letter or digit, or a text that is not ASCII (lower-casing may move its
        offsets, and a case-insensitive letter may match other characters)."""
        if self._always or not text.isascii():
            return None
        low = text.lower()
        starts: list[int] = []
        for head in self._heads.intersection(_HEADS.present(text)):
            i = low.find(head)
            while i != -1:
                starts.append(i)
                i = low.find(head, i + 1)
        starts.sort()
        return starts

    def may_match(self, text: str) -> bool:
        if self._always:
            return True
        if not self._heads:
            return False  # no phrase: the alternation matches nothing
        if not text.isascii() and any(c in text for c in _CASE_ODD):
            return True
        return not self._heads.isdisjoint(_HEADS.present(text))
