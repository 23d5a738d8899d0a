"""Claims of responsibility: who did the event the text has just told.

News copy and narratives tell an attack first and who claimed it after: "A bomb exploded at
a market in X on Sunday, killing 12. Al-Shabaab claimed responsibility." or "… The Islamic
State said it carried out the attack." The claim sentence is no new event (its date is the
claim's, not the attack's); it gives the event before it its perpetrator when the text had
none (or only an unidentified armed group), as a coder reading both sentences would. A claim
that names its own event ("X claimed responsibility for the 11 April bombings in Y") is not
a back-reference and is read as any other sentence; "No group claimed responsibility" credits
nobody. The words are English (``lang/en/grammar.yaml``), the event nouns domain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warlog import lang
from warlog.data import cached, load_yaml
from warlog.nlp.alternation import trie_alternation

# how far before a claim its negator may stand ("none of the armed groups has claimed")
NEGATOR_WINDOW = 40


@dataclass(frozen=True, slots=True)
class Claim:
    start: int  # offsets of the claim phrase in the sentence's text
    end: int  # after the claimed thing ("… for the attack"), when one is named
    negated: bool


@cached
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    g = lang.words("grammar")
    nouns = trie_alternation(load_yaml("extraction.yaml")["event_nouns"])
    det = trie_alternation(g["claim_determiners"])
    verb = trie_alternation(g["claim_verbs"])
    obj = trie_alternation(g["claim_objects"])
    said = trie_alternation(g["claim_saying_verbs"])
    pron = trie_alternation(g["claim_subject_pronouns"])
    deed = trie_alternation(g["claim_deeds"])
    follower = trie_alternation(g["claim_followers"])
    claim = re.compile(
        rf"\b(?:{verb} (?:[a-z]+ ){{0,2}}?{obj}"
        rf"|{verb} {det} (?:[a-z-]+ )?{nouns}(?=\s*(?:[.,;:!?)]|$)| {follower}\b)"
        rf"|{said} (?:that )?{pron} (?:had |has |have )?{deed})\b")
    # what is claimed, when it is a back-reference: "for the attack", "the twin bombings"
    thing = re.compile(rf"(?: (?:for|of))? {det} (?:[a-z-]+ )?{nouns}\b")
    negator = re.compile(rf"\b{trie_alternation(g['claim_negators'])}\b")
    return claim, thing, negator


def find_claim(low: str) -> Claim | None:
    """The claim of responsibility in a lower-cased sentence, with the back-referenced thing
    it claims ("claimed responsibility for the attack"), or None."""
    claim, thing, negator = _patterns()
    m = claim.search(low)
    if m is None:
        return None
    end = m.end()
    t = thing.match(low, end)
    if t is not None:
        end = t.end()
    negated = bool(negator.search(low, max(0, m.start() - NEGATOR_WINDOW), m.start()))
    return Claim(m.start(), end, negated)


def is_back_reference(low: str, claim: Claim, trigger_spans: list[tuple[int, int, bool]]) -> bool:
    """Whether the claim sentence only credits an event told before: every trigger it holds
    is inside the claimed thing ("for the attack") or a toll of it ("…, which killed 12"),
    given as (start, end, is_killing) offsets in the sentence."""
    return all(claim.start <= s and e <= claim.end or killing for s, e, killing in trigger_spans)


__all__ = ["Claim", "find_claim", "is_back_reference"]
