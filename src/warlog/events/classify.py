"""Deciding a clause's ACLED sub-event type from its triggers and their arguments."""

from __future__ import annotations

import re
from collections.abc import Sequence

from warlog.events.lexicon import Lexicon, lexicon
from warlog.events.triggers import Trigger
from warlog.model import ActorMention
from warlog.nlp.sentences import Sentence

_WORDS = re.compile(r"[a-z0-9'-]+")


def ranked_triggers(triggers: Sequence[Trigger], lex: Lexicon | None = None) -> list[Trigger]:
    """Triggers best first: strongest, then most specific, then first in the text."""
    rank = (lex or lexicon()).rank
    return sorted(triggers, key=lambda t: (-t.word.strength, rank(t.sub), t.start))


def primary_trigger(triggers: Sequence[Trigger], lex: Lexicon | None = None) -> Trigger | None:
    """The trigger that types the clause."""
    ranked = ranked_triggers(triggers, lex)
    return ranked[0] if ranked else None


def _low(clause: str | Sentence) -> str:
    return (Sentence(clause) if isinstance(clause, str) else clause).low


def _words_after(clause: str | Sentence, end: int, n: int) -> list[str]:
    return _WORDS.findall(_low(clause)[end:end + 120])[:n]


def sub_event_type(trigger: Trigger, clause: str | Sentence, trigger_end: int,
                   actor1: ActorMention | None, event_country: str | None,
                   victims_civilian: bool, lex: Lexicon | None = None) -> str | None:
    """The sub-event type for ``trigger`` in ``clause`` (``trigger_end`` relative to clause);
    ``None`` when its object shows it reports no event ("executed a withdrawal")."""
    lex = lex or lexicon()
    sub = trigger.sub
    after = _words_after(clause, trigger_end, lex.object_window)
    phrase = trigger.word.phrase
    for sources, objects, needs, target, window in lex.object_rules:
        if sub not in sources or (needs and phrase not in needs):
            continue
        near = after[:window]
        near_text = " ".join(near)
        if any(w in objects for w in near) or any(" " in o and o in near_text for o in objects):
            if target is None:
                return None
            sub = target
            break
    role = trigger.word.role
    tax = lex.taxonomy
    if tax.is_territorial(sub):
        near = " ".join(after[: lex.partial_within + 2])
        if any(near.startswith(p) or f" {p}" in f" {near}" for p in lex.partial_words):
            return lex.partial_to
        if role in ("capture", "recapture"):
            state_here = (actor1 is not None and actor1.inter == 1 and (
                event_country is None or actor1.country is None
                or actor1.country == event_country))
            return tax.territory("state" if state_here else "non_state")
    if trigger.word.killing:
        return tax.role("civilian_target" if victims_civilian else "clash")
    return sub


def victims_are_civilian(clause: str | Sentence, lex: Lexicon | None = None) -> bool:
    lex = lex or lexicon()
    words = set(_WORDS.findall(_low(clause)))
    return bool(words & lex.civilian_victims)
