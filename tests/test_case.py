"""Text in one case: wire capitals and all-lower text are truecased before extraction, so
dates, triggers, actors and places are found as in ordinary text. Sentences written for these
tests."""

from __future__ import annotations

import json

import pytest

from warlog.events.extract import extract_events
from warlog.ingest.reader import read_text
from warlog.nlp.truecase import caseless_spans, is_caseless, truecase

MIXED = ("On 14 March 2019, Taliban fighters attacked a police checkpoint in Kunduz, "
         "killing three policemen, officials said.")


def _events(text: str):
    doc = read_text(json.dumps({"id": "x", "text": text}), "items.jsonl")[0]
    return [(e.event_date, e.sub_event_type, e.location, e.fatalities)
            for e in extract_events(doc)]


def test_ordinary_text_is_left_alone():
    text = "Rebels shelled Goma on 3 May 2012.\n\nTHE UN said nothing. Talks resumed."
    assert not is_caseless(text)
    assert truecase(text) is text


def test_capital_and_lower_paragraphs_are_caseless():
    text = "Normal opening line of a report.\n\nTROOPS CLEARED THE ROAD NEAR GAO ON MONDAY."
    spans = caseless_spans(text)
    assert [text[s:e] for s, e in spans] == ["TROOPS CLEARED THE ROAD NEAR GAO ON MONDAY."]
    assert is_caseless("militants burned two schools near the border on friday night.")


def test_truecasing_keeps_length_and_recovers_names():
    wire = "SDF FIGHTERS SHELLED THE TOWN OF MANBIJ ON 4 MARCH 2017. NO ONE WAS HURT."
    out = truecase(wire)
    assert len(out) == len(wire)
    assert out == "SDF fighters shelled the town of Manbij on 4 March 2017. No one was hurt."


def test_lower_case_names_months_and_acronyms_come_back():
    out = truecase("the ypg said its fighters clashed with jihadists near afrin on monday.")
    assert out == "The YPG said its fighters clashed with jihadists near Afrin on Monday."


@pytest.mark.parametrize("word", ["may", "mar"])
def test_a_month_that_is_also_a_word_needs_a_day_number(word):
    warning = truecase(f"rebels {word} attack the town again, the governor warned today.")
    assert warning.split()[1] == word
    dated = truecase(f"rebels attacked the town on {word} 3, the governor said.")
    assert f"{word.title()} 3" in dated


@pytest.mark.parametrize("variant", [str.upper, str.lower])
def test_caseless_items_give_the_events_of_ordinary_text(variant):
    expected = _events(MIXED)
    assert expected and expected[0][0] is not None
    got = _events(variant(MIXED))
    assert [(d, s, f) for d, s, _, f in got] == [(d, s, f) for d, s, _, f in expected]
    assert [loc.lower() for _, _, loc, _ in got] == [loc.lower() for _, _, loc, _ in expected]


def test_a_runaway_caseless_paragraph_is_read_in_pieces_with_the_same_result():
    """A scrape of megabytes without a blank line is one "paragraph": it is truecased a block
    at a time (cut after a sentence's end), so each sentence reads as it would alone and the
    word tables never hold the whole file."""
    from warlog.nlp.truecase import BLOCK

    sentence = "GUERRILLAS ATTACKED THE POLICE STATION IN LIMA ON MONDAY. "
    alone = truecase(sentence * 3)
    text = sentence * (3 * BLOCK // len(sentence) + 7)
    out = truecase(text)
    assert len(out) == len(text)
    assert out == alone[: len(sentence)] * (len(text) // len(sentence))
