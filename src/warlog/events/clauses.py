"""Cutting a sentence into clauses so that each trigger keeps its own date, place and count.

"On 8 April, rebels detonated two suicide cars at the Khazanat base, followed by clashes and
three days later reportedly took an Army checkpoint, but Syrian Army units took it back the
next day" holds four events. A sentence is cut at clause breaks (``data/triggers.yaml``) and
before a date that opens a coordinated clause ("and three days later …"); a piece without a
trigger is glued back to the piece before it (", leaving three people dead" belongs to the
shelling it follows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from warlog import lang
from warlog.data import cached
from warlog.events.lexicon import lexicon
from warlog.events.triggers import Trigger
from warlog.model import ResolvedDate
from warlog.nlp.sentences import Sentence, ends_abbreviation


@dataclass(slots=True)
class Clause:
    start: int  # offsets relative to the sentence
    end: int
    triggers: list[Trigger] = field(default_factory=list)


@cached
def _breaks() -> Any:
    """The clause breaks (``triggers.yaml clause_breaks``) in one Aho-Corasick automaton: one
    pass finds every occurrence of every break, overlapping ones too, as a ``str.find`` loop
    per break did."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for brk in lexicon().clause_breaks:
        automaton.add_word(brk, brk)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _break_cuts(low: str) -> set[int]:
    """Where the clause breaks cut the (normalised) sentence ``low``."""
    cuts: set[int] = set()
    breaks = _breaks()
    for end, brk in breaks.iter(low) if len(breaks) else ():
        i = end + 1 - len(brk)
        # not the full stop of an abbreviation inside the sentence: "an airstrike on Gao
        # on Jan. 12 killed five soldiers" is one clause
        if not (brk.startswith(".") and ends_abbreviation(low, i)):
            cuts.add(i + 1 if brk.startswith((",", ";", ".")) else i)
    return cuts


def split_clauses(sentence: str | Sentence, triggers: Sequence[Trigger],
                  dates: Sequence[ResolvedDate] = (), sentence_start: int = 0,
                  extra_cuts: Sequence[int] = ()) -> list[Clause]:
    # the normalised form finds the same breaks as lower case: no break holds a quote or dash
    low = (Sentence(sentence) if isinstance(sentence, str) else sentence).low
    cuts = {0, len(sentence if isinstance(sentence, str) else sentence.text), *extra_cuts}
    cuts |= _break_cuts(low)
    joiners = lang.wordlist("grammar", "date_clause_joiners")
    reach = max(map(len, joiners), default=0) + 3
    for d in dates:
        i = d.start - sentence_start
        head = low[max(0, i - reach):i].rstrip()
        last = head.rsplit(" ", 1)
        if i > 0 and (head.endswith(",") or (len(last) == 2 and last[1] in joiners)):
            cuts.add(i)
    bounds = sorted(cuts)
    pieces = [Clause(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    for t in triggers:
        for c in pieces:
            if c.start <= t.start < c.end:
                c.triggers.append(t)
                break
    merged: list[Clause] = []
    gerund = str(lang.words("grammar")["gerund_suffix"])
    for c in pieces:
        # ", killing five people": a participle of death after a comma is the toll of the act
        # before, not an event of its own
        toll_only = (bool(c.triggers) and all(t.word.killing for t in c.triggers)
                     and low[:c.triggers[0].start].rstrip().endswith(",")
                     and c.triggers[0].text.lower().endswith(gerund))
        if merged and (not c.triggers or not merged[-1].triggers or toll_only):
            prev = merged[-1]
            merged[-1] = Clause(prev.start, c.end, prev.triggers + c.triggers)
        else:
            merged.append(c)
    return merged
