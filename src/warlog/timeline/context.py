"""Is a date in a sentence the narrative's "now", or a look back?

"On 25 November 2013, they had shot down a helicopter" in a 2014 narrative names a real date,
but the story has not moved back to 2013: the next "On 3 August" is still 2014. The signals are
grammatical and local: a pluperfect ("had shot") or "earlier"/"previously" in the same clause,
a backward-looking preposition ("since 2011"), an aside in brackets, or a date used to name an
event ("the 2014 offensive"). The word lists are in ``data/time.yaml``.
"""

from __future__ import annotations

from warlog.timeline.lexicon import lexicon
from warlog.timeline.mention import Mention
from warlog.timeline.patterns import patterns

_WINDOW = 70  # characters of clause looked at on each side of a date


def _clause_after(sentence: str, end: int, stop: int) -> str:
    text = sentence[end : min(stop, end + _WINDOW)]
    cut = patterns().clause_break.search(text)
    return text[: cut.start()] if cut else text


def _clause_before(sentence: str, start: int, stop: int) -> str:
    lo = max(stop, start - _WINDOW)
    text = sentence[lo:start]
    cut = 0
    for brk in patterns().clause_break.finditer(text):
        cut = brk.end()
    return text[cut:]


def in_brackets(sentence: str, start: int) -> bool:
    """True when ``start`` lies inside a "(" not yet closed before it."""
    return sentence.rfind("(", 0, start) > sentence.rfind(")", 0, start)


def background_reason(
    sentence: str, mention: Mention, prev_end: int, next_start: int
) -> str | None:
    """Why ``mention`` may be a flashback or an aside that must not move the clock, or None.

    ``"aside"``: a backward-looking preposition ("since 2011"), a date naming an event ("the
    2014 offensive"), a summary period ("from 2012 to 2014") or a date in brackets: never a
    step of the story. ``"tense"``: a pluperfect or "earlier" in its clause; a flashback only
    if the date lies before the narrative's current date ("On 6 May, 500 civilians had been
    evacuated" is not one), which the clock decides. ``prev_end``/``next_start`` bound the
    clause search (the neighbouring mentions), so that "On 5 March, rebels captured the town,
    which had been held since 2012" keeps 5 March.
    """
    lx = lexicon()
    if mention.prep in lx.background_prepositions or mention.adjectival:
        return "aside"
    if mention.kind == "year" and mention.y2 is not None:
        return "aside"  # "from 2012 to 2014": a summary period, not a step of the story
    if in_brackets(sentence, mention.start):
        return "aside"
    if mention.prep in lx.perfect_prepositions:
        return None  # "By 16 April, Ukraine had captured ...": the pluperfect is expected
    pats = patterns()
    bg = pats.background
    if pats.background_in_window:
        # the clause is cut out of these windows: a marker in it is one of theirs (see
        # patterns.background_in_window), and most dates have none near them
        after = sentence[mention.end : min(next_start, mention.end + _WINDOW)]
        before = sentence[max(prev_end, mention.start - _WINDOW) : mention.start]
        if not (bg.search(after) or bg.search(before)):
            return None
    after = _clause_after(sentence, mention.end, next_start)
    before = _clause_before(sentence, mention.start, prev_end)
    if bg.search(after) or bg.search(before):
        return "tense"
    return None


_LINK_REACH = 100  # characters between a relative expression and the date it hangs on


def attachment(m: Mention, nxt: Mention, sentence: str) -> str | None:
    """How relative mention ``m`` depends on the explicit date ``nxt`` right after it, if at all.

    ``"same_day"``: a same-day expression before an explicit day of its clause refers to that
    day ("After overnight clashes that started with a bombing, on 7 August"), not to the
    previous one. ``"object"``: "N days after/before <event> on <date>" counts from that date
    ("two days after the suicide bombings on January 15").
    """
    rule = m.rule
    if m.kind != "relative" or rule is None or nxt.kind != "date":
        return None
    gap = sentence[m.end : nxt.start]
    if len(gap) > _LINK_REACH or ";" in gap:
        return None
    last = m.text.split()[-1].lower() if m.text.split() else ""
    if last in lexicon().relative_object_words and rule.shift not in (0, None):
        return "object"
    if nxt.adjectival or rule.unit != "day" or rule.shift != 0 or rule.mode != "point":
        return None
    return "same_day"
