"""The compiled regular expressions of the date finder, built once from the time vocabulary.

Why here and not in :mod:`warlog.timeline.mentions`: the grammar of a date ("<day> <Month>
[<year>]", "between <day> and <day> <Month>", "the next day"...) is code, the words it is made
of are data; this module joins the two and compiles every pattern exactly once.

Speed: a pattern that starts with optional words ("on the evening of", "in early") makes the
regex engine try every word list at every character. So each absolute pattern starts at its
*core* (a digit, a month name, a weekday), which the engine finds with a fast character scan,
and the words before the core are read by one anchored match of a *reversed* pattern on the
reversed text before it. Relative expressions are only tried at word starts shortly before a
keyword ("day", "week", "night", "later"...).

Month and weekday names are matched case-sensitively ("may" and "march" are verbs); every
other word case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from warlog import lang
from warlog.data import cached
from warlog.nlp.alternation import trie_alternation
from warlog.timeline.lexicon import RelativeRule, TimeLexicon, alternation, lexicon

# Patterns start with a plain character class ("[0-9]", a month's capital) so that the regex
# engine can skip to candidate positions quickly; day numbers are range-checked in code.
_DAY = r"[0-9][0-9]?(?:st|nd|rd|th)?\b"
_YEAR = r"[0-9]\d{3}(?![\d\w'’]|-\d)"

#: characters of text before a core that the prefix reader looks at
PREFIX_WINDOW = 80


@dataclass(frozen=True, slots=True)
class Patterns:
    """Every compiled pattern the finder runs."""

    iso: re.Pattern[str]
    dmy_span: re.Pattern[str]
    dmy: re.Pattern[str]
    mdy_span: re.Pattern[str]
    mdy: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    ordinal_day: re.Pattern[str]
    weekday: re.Pattern[str]
    # reversed prefix readers, by the kind of core they precede
    day_prefix: re.Pattern[str]
    month_prefix: re.Pattern[str]
    year_prefix: re.Pattern[str]
    weekday_prefix: re.Pattern[str]
    ordinal_prefix: re.Pattern[str]
    relative_trigger: re.Pattern[str]  # keywords, on the lower-cased sentence
    relative_stems: re.Pattern[str]  # substrings one of which every keyword contains
    relative_stem_words: tuple[str, ...]  # the same substrings, for ``in`` tests
    relative_starters: frozenset[str]  # every word a relative expression can begin with
    digit: re.Pattern[str]
    month_name: re.Pattern[str]
    relative_any: re.Pattern[str]  # all relative rules in one alternation (anchored use)
    relative: tuple[tuple[re.Pattern[str], RelativeRule], ...]
    # the rules of ``relative`` (in their order) that can match at a start whose character,
    # lower-cased, is the key; an ASCII character that is no key takes relative_unindexed
    relative_by_char: dict[str, tuple[tuple[re.Pattern[str], RelativeRule], ...]]
    relative_unindexed: tuple[tuple[re.Pattern[str], RelativeRule], ...]
    # the alternation of each of those lists (``relative_any`` cut down to the rules that can
    # begin with the character): whether any of them matches, one regex call
    relative_any_by_char: dict[str, re.Pattern[str]]
    relative_any_unindexed: re.Pattern[str]
    word_start: re.Pattern[str]
    word_start_word: re.Pattern[str]
    background: re.Pattern[str]
    #: whether a marker found in a clause cut at a clause break is always found in the
    #: uncut text around the date as well (see :func:`_kept_in_window`)
    background_in_window: bool
    clause_break: re.Pattern[str]
    word_after: re.Pattern[str]


_SPACE_CHARS = frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f")
_DIGIT_CHARS = frozenset("0123456789")


class _AnyChar(Exception):
    """A pattern (or part of one) that may begin with a character :func:`_first` cannot
    bound."""


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The ASCII characters, lower case, a match of the parsed pattern ``items`` can begin
    with (over-approximated: case is ignored, lookarounds and anchors are skipped), and
    whether it can match the empty string. Raises :class:`_AnyChar` when not bounded."""
    from re import _constants as c  # the parser's opcodes (sre_constants before 3.11)

    out: set[str] = set()
    for op, av in items:
        nullable = False
        if op is c.LITERAL:
            ch = chr(av)
            if not ch.isascii():
                raise _AnyChar
            out.add(ch.lower())
        elif op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL and chr(iav).isascii():
                    out.add(chr(iav).lower())
                elif iop is c.RANGE and iav[1] < 128:
                    out |= {chr(x).lower() for x in range(iav[0], iav[1] + 1)}
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    out |= _DIGIT_CHARS
                elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                    out |= _SPACE_CHARS
                else:
                    raise _AnyChar
        elif op is c.SUBPATTERN:
            first, nullable = _first(list(av[-1]))
            out |= first
        elif op is c.BRANCH:
            for branch in av[1]:
                first, empty = _first(list(branch))
                out |= first
                nullable = nullable or empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _hi, sub = av
            first, empty = _first(list(sub))
            out |= first
            nullable = lo == 0 or empty
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            nullable = True  # zero width: what follows begins the match
        else:
            raise _AnyChar
        if not nullable:
            return out, False
    return out, True


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters (lower case) a match of ``pattern`` can begin with; ``None`` when
    it may begin with any character. A match starting with an ASCII character not in the set
    is impossible, so the pattern need not be tried there."""
    from re import _parser

    try:
        first, nullable = _first(list(_parser.parse(pattern.pattern, pattern.flags)))
    except _AnyChar:
        return None
    return None if nullable else frozenset(first)


def _by_first_char(
    rules: tuple[tuple[re.Pattern[str], RelativeRule], ...],
) -> tuple[
    dict[str, tuple[tuple[re.Pattern[str], RelativeRule], ...]],
    tuple[tuple[re.Pattern[str], RelativeRule], ...],
]:
    """The rules indexed by the characters they can begin with (each list in rule order),
    and the rules that can begin with any character."""
    firsts = [first_chars(rx) for rx, _rule in rules]
    unindexed = tuple(r for r, f in zip(rules, firsts, strict=True) if f is None)
    keys = set().union(*(f for f in firsts if f is not None))
    index = {
        ch: tuple(r for r, f in zip(rules, firsts, strict=True) if f is None or ch in f)
        for ch in keys
    }
    return index, unindexed


def _ci(fragment: str) -> str:
    return f"(?i:{fragment})"


def _named(fragment: str, name: str) -> str:
    return f"(?P<{name}>{fragment})"


def _rev(words: tuple[str, ...] | list[str]) -> str:
    """An alternation matching each of ``words`` written backwards (spaces: any white space)."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        parts = [re.escape(p[::-1]) for p in w.split()]
        out.append(r"\s+".join(reversed(parts)))
    return "(?:" + "|".join(out) + ")"


def _prefix_reader(slots: set[str], preps: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """A pattern for the reversed text before a core, reading the words written before it.

    In reading order the words are: [preposition] [time-of-day phrase | part | season]
    [weekday [time of day] [,]] [the]. ``slots`` says which of them the core accepts.
    """
    lx = lexicon()
    tod = _rev(lx.times_of_day)
    seq = []
    if "the" in slots:
        the = _rev([str(lang.words("grammar")["definite_article"])])
        seq.append(r"(?P<the>\s+" + _ci(the) + ")?")
    if "wd" in slots:
        wd = _rev(list(lx.weekday_names))
        seq.append(rf"(?:\s+,?(?:{_ci(tod)}\s+)?(?P<wd>{wd}))?")
    middle = []
    if "tod" in slots:
        middle.append(
            _named(
                _ci(
                    rf"\s+(?:fo|no)\s+{tod}(?:\s+(?:ylrae|etal))?\s+eht"
                    r"(?:\s+(?:ni|no|gnirud))?(?:\s+(?:ylrae|etal))?"
                ),
                "tod",
            )
        )
    if "part" in slots:
        middle.append(r"[\s-]*" + _named(_ci(_rev(tuple(lx.parts))), "part"))
    if "season" in slots:
        middle.append(
            r"\s+"
            + _ci(r"(?:fo\s+)?")
            + _named(_ci(_rev(tuple(lx.seasons))), "season")
            + _ci(r"(?:\s+eht)?")
        )
    if middle:
        seq.append("(?:" + "|".join(middle) + ")?")
    prep_words = preps if preps is not None else lx.prepositions
    seq.append(r"(?:\s+" + _named(_ci(_rev(prep_words)), "prep") + ")?")
    return re.compile("".join(seq) + r"(?![\w.:/])")


def _kept_in_window(markers: tuple[str, ...], breaks: tuple[str, ...]) -> bool:
    """Whether a background marker that matches in a clause (the text around a date, cut at
    a clause break) also matches in the text before the cut.

    The clause and the window share their characters; only at the cut can a match differ.
    Before a date, the clause starts after a break, and the pattern's leading ``\\b`` reads
    the same there (a punctuation break ends with a non-word character; after a word break
    a match would have to begin with a non-word character, which ``\\b`` at the clause's
    start forbids). After a date, the clause ends where a break starts: a punctuation mark
    (not a word character, as at the end of the text), or a word (a letter, after a non-word
    character); a marker ending with a letter or ``\\b`` cannot end right before such a
    word, so the trailing ``(?![\\w])`` reads the same. Holds when every marker ends with a
    letter (not an escape such as ``\\s``) or ``\\b`` and every break word starts with a
    letter; otherwise the clause is always cut first."""
    return (all(re.search(r"(?:(?<!\\)[A-Za-z]|(?<!\\)\\b)$", m) for m in markers)
            and all(w[:1].isalpha() for w in breaks))


def _stems(words: set[str]) -> tuple[str, ...]:
    """A few substrings that together cover ``words`` (a cheap ``in`` test before the regex)."""
    stems: list[str] = []
    for w in sorted(words, key=len):
        if not any(s in w for s in stems):
            stems.append(w)
    return tuple(stems)


def _starters(lx: TimeLexicon) -> frozenset[str]:
    """Words a relative expression may begin with: any literal word of the rules, a count word
    or a time of day. A safe over-approximation: a word start whose word is not in it cannot
    begin a relative expression, so the (costly) rules are not tried there."""
    words: set[str] = set()
    for rule in lx.relative:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", rule.match.replace(r"\s", " ")))
    for phrase in (*lx.numbers, *lx.times_of_day):
        words.update(phrase.split())
    return frozenset(words)


@cached
def patterns() -> Patterns:
    """Build (once) and return the compiled patterns."""
    lx = lexicon()
    full = [m for m in lx.months if m not in lx.month_abbreviations]
    abbr = sorted(lx.month_abbreviations, key=len, reverse=True)
    month_any = "(?:" + "|".join(full + [a + r"\.?" for a in abbr]) + r")(?![a-z])"
    month_full = "(?:" + "|".join(full) + r")(?![a-z])"
    tod = alternation(lx.times_of_day)
    parts = _ci(alternation(tuple(lx.parts)))
    conn = "(?:" + "|".join(_ci(c) for c in lx.range_connectors) + ")"

    def day(n: str) -> str:
        return _named(_DAY, n)

    def mon(n: str, pat: str = month_any) -> str:
        return _named(pat, n)

    def year(n: str) -> str:
        return _named(_YEAR, n)

    iso = re.compile(r"(?P<y1>[0-9]\d{3})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>[0-3]\d)(?![\d-])")
    dmy_span = re.compile(
        rf"{day('d1')}(?:\s+(?:of\s+)?{mon('m1')}(?:,?\s+{year('y1')})?)?"
        rf"{_named(conn, 'conn')}(?:{_ci('the')}\s+)?{day('d2')}(?:\s+of)?\s+{mon('m2')}"
        rf"(?:,?\s+{year('y2')})?"
    )
    dmy = re.compile(rf"{day('d1')}(?:\s+of)?\s+{mon('m1')}(?:,?\s+{year('y1')})?")
    mdy_span = re.compile(
        rf"{mon('m1')}\s+{day('d1')}(?!\s*[:.]\d)(?:,?\s+{year('y1')})?"
        rf"{_named(conn, 'conn')}(?:{mon('m2')}\s+)?{day('d2')}(?!\s*[:.]\d)"
        rf"(?:,?\s+{year('y2')})?"
    )
    mdy = re.compile(rf"{mon('m1')}\s+{day('d1')}(?!\s*[:.]\d)(?:,?\s+{year('y1')})?")
    month = re.compile(
        rf"{mon('m1', month_full)}(?:,?\s+{year('y1')})?"
        rf"(?:{_named(conn, 'conn')}(?:{_named(parts, 'part2')}[\s-]*)?{mon('m2', month_full)}"
        rf"(?:,?\s+{year('y2')})?)?"
    )
    year_conn = _ci(r"\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+")
    year_re = re.compile(
        r"(?P<y1>[0-9]\d{3}(?![\d\w'’]|-\d\d-))"
        rf"(?:{year_conn}(?P<y2>\d{{4}}|\d{{2}})(?![\d\w'’-]))?"
    )
    ordinal_day = re.compile(r"(?P<d1>[0-9][0-9]?)(?:st|nd|rd|th)\b")
    weekday = re.compile(r"(?P<wd>" + "|".join(lx.weekday_names) + r")\b" + rf"(?:\s+{_ci(tod)})?")

    nums = _ci(alternation(tuple(lx.numbers)))
    count = rf"(?P<n>\d{{1,3}}|{nums})"
    fighting = (rf"(?:{alternation(lx.fighting_qualifiers)}\s+)?"
                rf"{alternation(lx.fighting_nouns)}")
    compiled: list[tuple[re.Pattern[str], RelativeRule]] = []
    alts: list[str] = []
    for rule in lx.relative:
        # Everything is case-insensitive except a {month} placeholder ("earlier in November").
        head, has_month, tail = rule.match.partition("{month}")
        body = _ci(head.replace("{n}", count).replace("{tod}", tod)
                   .replace("{fighting}", fighting))
        if has_month:
            body += _named(month_full, "m1") + _ci(tail)
        body += r"(?![\w-])"
        compiled.append((re.compile(body), rule))
        alts.append(re.sub(r"\(\?P<\w+>", "(?:", body))

    by_char, unindexed = _by_first_char(tuple(compiled))
    alt_of = {id(rx): alt for (rx, _rule), alt in zip(compiled, alts, strict=True)}

    def any_of(rules: tuple[tuple[re.Pattern[str], RelativeRule], ...]) -> re.Pattern[str]:
        return re.compile("|".join(alt_of[id(rx)] for rx, _rule in rules) if rules
                          else "(?!x)x")

    words = set(lx.relative_keywords) | {t.split()[-1] for t in lx.times_of_day}
    # trie-built: the same matches as the words longest first, one pass over the sentence
    trigger = trie_alternation(words) + r"(?![a-z])"
    stems = _stems(words)
    background = re.compile(
        r"\b" + _ci("|".join(f"(?:{m})" for m in lx.background_markers)) + r"(?![\w])"
    )
    clause_break = re.compile(r"[;:\"“”()]|\b" + _ci(alternation(lx.clause_breaks)) + r"\b")
    return Patterns(
        iso=iso,
        dmy_span=dmy_span,
        dmy=dmy,
        mdy_span=mdy_span,
        mdy=mdy,
        month=month,
        year=year_re,
        ordinal_day=ordinal_day,
        weekday=weekday,
        day_prefix=_prefix_reader({"the", "wd", "tod"}),
        month_prefix=_prefix_reader({"part"}),
        year_prefix=_prefix_reader({"part", "season"}),
        weekday_prefix=_prefix_reader(set(), lx.weekday_prepositions),
        ordinal_prefix=_prefix_reader({"the"}, lx.ordinal_prepositions),
        relative_trigger=re.compile(trigger),
        relative_stems=re.compile(trie_alternation(stems)),
        relative_stem_words=stems,
        relative_starters=_starters(lx),
        digit=re.compile(r"[0-9]"),
        month_name=re.compile(month_any),
        relative_any=re.compile("|".join(alts)),
        relative=tuple(compiled),
        relative_by_char=by_char,
        relative_unindexed=unindexed,
        relative_any_by_char={ch: any_of(rules) for ch, rules in by_char.items()},
        relative_any_unindexed=any_of(unindexed),
        word_start=re.compile(r"\b\w"),
        word_start_word=re.compile(r"[a-z0-9]+"),
        background=background,
        background_in_window=_kept_in_window(lx.background_markers, lx.clause_breaks),
        clause_break=clause_break,
        word_after=re.compile(r"\s*([\w'’-]+)"),
    )
