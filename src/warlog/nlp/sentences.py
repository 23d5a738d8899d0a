"""Sentence boundaries with offsets, fast and aware of military abbreviations.

Why not spaCy's ``sentencizer``: it splits after "Col." and "Lt." (common in this domain) and the
blank tokenizer it needs runs at ~90k tokens/s here, while this splitter reads the whole corpus in
well under a second. spaCy's statistical pipeline is still used, but only on the few sentences
where a parse can change the answer (see :mod:`warlog.nlp.parse`).

Rules: a line break always ends a sentence (cleaned documents keep headings and paragraphs on
their own lines); ``.``, ``!`` or ``?`` (optionally followed by closing quotes or brackets) ends
one when followed by white space and an upper-case letter, a digit or an opening quote, unless
the word before the period is an abbreviation (``lang/en/abbreviations.yaml``) or an initial.

:func:`sentences` yields :class:`Sentence` objects: each holds the forms of its text the stages
read (lower case for dates and casualties, the trigger lexicon's normalised form, the actor
dictionary's accent-folded form, word and number tokens with offsets), each computed at most
once, on first use, and passed to triggers, clauses, actors, places, dates and casualties. A
clause (:meth:`Sentence.part`) takes its slice of the forms already computed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from warlog import lang
from warlog.data import cached
from warlog.model import Span
from warlog.settings import current as _settings

if TYPE_CHECKING:
    from warlog.casualties.tokens import Token

_CANDIDATE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@cached
def _abbreviations() -> frozenset[str]:
    months = lang.language().month_abbreviations
    return frozenset(a.lower() for a in (*lang.words("abbreviations")["abbreviations"], *months))


_RUN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _word_before(line: str, dot: int) -> str | None:
    """``_WORD_BEFORE.search(line, max(0, dot - 24), dot)``'s group, by two strips: the run
    of letters and full stops that ends the window (``$`` also matches before a line break
    ending it), from its first letter (the search's leftmost start)."""
    end = dot - 1 if dot and line[dot - 1] == "\n" else dot
    window = line[max(0, dot - 24):end]
    word = window[len(window.rstrip(_RUN_CHARS)):].lstrip(".")
    return word or None


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = _word_before(line, dot)
    if word is None:
        return False
    word = word.lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    abbr = _abbreviations()
    return word in abbr or word.rsplit(".", 1)[-1] in abbr and "." in word


def ends_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial ("Jan. 12",
    "Gen. Smith", "U.S. troops"), not a sentence or a clause."""
    return _is_abbreviation(text, dot)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Yield the sentences of ``text[start:end]`` as spans (offsets into ``text``)."""
    end = len(text) if end is None else end
    for line in _LINE.finditer(text, start, end):
        ls, le = line.start(), line.end()
        seg = ls
        for m in _CANDIDATE.finditer(text, ls, le):
            if _is_abbreviation(text, m.start()):
                continue
            yield from _strip(text, seg, m.end())
            seg = m.end()
        yield from _strip(text, seg, le)


def _strip(text: str, s: int, e: int) -> Iterator[Span]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s > _max_chars():
        yield from _bounded(text, s, e)
    elif e > s:
        yield Span(s, e, text[s:e])


_PUNCT_BREAK = re.compile(r"[;,)\]]\s+|\s[-\u2013\u2014]\s+")
_SPACE_RUN = re.compile(r"\s+")


def _max_chars() -> int:
    return _settings().max_sentence_chars


def _bounded(text: str, s: int, e: int) -> Iterator[Span]:
    """A "sentence" over ``max_sentence_chars`` (a list with no full stop, a run-on scrape)
    split into pieces no longer than that, each at the last safe break (a semicolon or comma,
    a dash, else a space) in its second half: the stages after this one do work that grows
    faster than the length of a sentence, so none may be unbounded."""
    limit = _max_chars()
    while e - s > limit:
        lo, hi = s + limit // 2, s + limit
        cut = max((m.end() for m in _PUNCT_BREAK.finditer(text, lo, hi)), default=0)
        if not cut:
            cut = max((m.end() for m in _SPACE_RUN.finditer(text, lo, hi)), default=hi)
        yield from _strip(text, s, cut)
        s = cut
    yield from _strip(text, s, e)


def sentences(text: str, folded: str | None = None) -> Iterator[Sentence]:
    """The sentences of ``text`` as :class:`Sentence` objects (offsets into ``text``).

    ``folded`` is ``fold(text)`` when the caller has it (the extractor folds a document once
    for the actor dictionary): each sentence then takes its slice instead of folding again.
    """
    from warlog.nlp.alternation import prefill_heads

    spans = list(split_sentences(text))
    # every sentence's filter heads in one pass over the document (see prefill_heads)
    prefill_heads(text, [(sp.start, sp.end) for sp in spans])
    for sp in spans:
        yield Sentence(sp.text, sp.start, None if folded is None else folded[sp.start:sp.end])


def normalise(text: str) -> str:
    """Lower-case with unified apostrophes and dashes (the trigger lexicon's form); as long as
    ``text`` unless its lower case is not (a few letters such as "İ")."""
    return text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")


class Sentence:
    """One sentence (or one clause of it): its text and start offset in the document, and the
    forms of that text every stage reads, each computed once on first use.

    - ``lower``: ``text.lower()`` (dates, casualties)
    - ``low``: :func:`normalise` (triggers, clauses, typing): lower case, ’ → ', – and — → -
    - ``folded``: :func:`warlog.actors.normalize.fold` (the actor dictionary): lower case,
      accents stripped, every apostrophe, dash and space unified; always as long as ``text``
    - ``tokens``: words, numbers and marks with offsets in ``text`` (casualties)
    """

    __slots__ = ("text", "start", "end", "_lower", "_low", "_folded", "_tokens")

    def __init__(self, text: str, start: int = 0, folded: str | None = None) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self._lower: str | None = None
        self._low: str | None = None
        self._folded = folded
        self._tokens: list[Token] | None = None

    def __repr__(self) -> str:
        return f"Sentence({self.text!r}, start={self.start})"

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def low(self) -> str:
        if self._low is None:
            low = self.lower
            if "\u2019" in low or "\u2013" in low or "\u2014" in low:
                low = low.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
            self._low = low
        return self._low

    @property
    def folded(self) -> str:
        if self._folded is None:
            from warlog.actors.normalize import fold

            self._folded = fold(self.text)
        return self._folded

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            from warlog.casualties.tokens import tokenize

            self._tokens = tokenize(self.text)
        return self._tokens

    def part(self, a: int, b: int) -> Sentence:
        """The clause ``text[a:b]`` as a sentence of its own (start ``start + a``), with the
        slices of the forms already computed: the same forms it would compute itself."""
        sub = Sentence(self.text[a:b], self.start + a,
                       None if self._folded is None else self._folded[a:b])
        same_length = self._lower is not None and len(self._lower) == len(self.text)
        if same_length:
            sub._lower = self._lower[a:b]  # type: ignore[index]
            if self._low is not None:
                sub._low = self._low[a:b]
        if self._tokens is not None:
            sub._tokens = _token_slice(self._tokens, a, b)
        return sub


def _token_slice(tokens: list[Token], a: int, b: int) -> list[Token] | None:
    """The tokens of ``text[a:b]`` shifted to its offsets; ``None`` (tokenise the clause
    itself) when a token straddles a bound, where the clause's own tokens would differ."""
    out = []
    for t in tokens:
        if t.end <= a:
            continue
        if t.start >= b:
            break
        if t.start < a or t.end > b:
            return None
        out.append(t._replace(start=t.start - a, end=t.end - a))
    return out
