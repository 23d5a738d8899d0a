"""One walker for third parties told after a joiner (actors27).

The actors' context (:func:`warlog.actors.resolve._mediated`: mediators and backers count for
no country) and the event's mediators (:func:`warlog.events.arguments.mediators`) read the
same list shape: a name right after a joiner, and the names listed after it. Both now read
:func:`warlog.actors.resolve.told_after`, each with its own joiners. Made-up sentences.
"""

from __future__ import annotations

import re

from warlog.actors.resolve import ActorContext, told_after
from warlog.events.arguments import mediators

LEAD = re.compile(r"(?:^|\W)(?:brokered by|mediated by)\s+(?:the\s+)?$", re.I)
AND = re.compile(r"\s*(?:and|or)\s*(?:the\s+)?$", re.I)


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_a_name_after_the_joiner_and_the_names_listed_with_it() -> None:
    text = "A truce mediated by Oman and the United Nations ended the fighting with Aden."
    got = told_after(text, _spans(text, "Oman", "United Nations", "Aden"), LEAD, AND)
    assert got == {text.index("Oman"), text.index("United Nations")}


def test_a_name_not_after_the_joiner_ends_the_list() -> None:
    text = "Talks brokered by Qatar, then Sudan and Chad signed."
    got = told_after(text, _spans(text, "Qatar", "Sudan", "Chad"), LEAD, AND)
    assert got == {text.index("Qatar")}


def test_offsets_of_a_sentence_inside_a_document() -> None:
    text = "Talks mediated by Kenya and Ethiopia resumed."
    base = 1000
    spans = [(s + base, e + base) for s, e in _spans(text, "Kenya", "Ethiopia")]
    assert told_after(text, spans, LEAD, AND, base) == {s for s, _ in spans}


def test_the_event_mediators_are_the_names_the_walker_finds() -> None:
    text = ("Sudan and South Sudan signed a ceasefire in Juba on Monday in talks mediated by "
            "Ethiopia and Kenya.")
    ctx = ActorContext.from_text(text)
    found = ctx.mentions(text, 0)
    got = [m.name for m in mediators(text, 0, found)]
    assert got == [m.name for m in found if m.text in ("Ethiopia", "Kenya")]
    assert got and len(got) == 2
