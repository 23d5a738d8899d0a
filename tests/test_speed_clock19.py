"""Exact speed-ups in the date finder, the clause and sentence splitters and the NER call
(speed19).

- ``timeline.context.background_reason`` looks for a pluperfect or "earlier" in the uncut text
  around a date first, and cuts the clause only when one is there;
- ``timeline.relatives`` asks whether any relative rule matches at a word start with the
  alternation of only the rules that can begin with its character;
- ``timeline.absolute`` rejects a year or a month that no preposition, part or season opens
  on the words before it alone, before it builds the mention;
- ``events.clauses`` finds the clause breaks with one automaton pass;
- ``nlp.sentences`` reads the word before a full stop with two strips, not a regex search;
- ``nlp.entities`` drops spaCy's shared ``tok2vec`` when no component left listens to it.

Each must give what the full work gave.
"""

from __future__ import annotations

import dataclasses

import pytest

from warlog.timeline import absolute, context, relatives
from warlog.timeline.mentions import find_mentions
from warlog.timeline.patterns import _kept_in_window, patterns

SENTENCES = [
    "On 5 March, rebels captured the town, which had been held since 2012 by the army.",
    "On 25 November 2013, they had shot down a helicopter near the airport.",
    "On 6 May, 500 civilians had been evacuated; on 7 May the shelling resumed.",
    "Earlier, on 3 June, the brigade had withdrawn, but on 4 June it returned.",
    "The town, which they'd taken on 2 April and lost on 9 April, was retaken.",
    "On 12 July the militia, that'd held the bridge, attacked, and earlier they fled.",
    "Two days later, on 21 March, the offensive previously announced began.",
    "The next day the rebels, who had seized the depot on 3 August, shelled the base.",
    "Later that week (on 14 October) the convoy, formerly escorted, was ambushed.",
    "During the night of 25 July and the following morning, fighting went on.",
    "Three weeks later the army, prior to the talks on 2 May, had pulled back.",
    "On 1 January the front held: earlierthe report said nothing, 2 January was quiet.",
    "The battalion had fought there in 2014; in March 2015 it came back.",
    "On Friday afternoon, a few days after the bombing on 15 January, police arrived.",
    "In the early hours of 9 September and later that same day, two villages burned.",
    "A week earlier, at the end of the month, the siege of the İdlib road began.",
    "The 2014 offensive and the March offensive failed; in early 2015 the front moved.",
    "In the summer of 2014, and again from 2016 to 2018, the March 14 Alliance protested.",
    "In March and April 1999 the 2nd Brigade (formed in 1994) held the line until mid-May.",
]


def _mentions_and_reasons(sentence: str) -> list[tuple]:
    ms = find_mentions(sentence)
    out = []
    for i, m in enumerate(ms):
        prev_end = ms[i - 1].end if i else 0
        next_start = ms[i + 1].start if i + 1 < len(ms) else len(sentence)
        reason = context.background_reason(sentence, m, prev_end, next_start)
        out.append((m.start, m.end, m.text, m.kind, reason))
    return out


@pytest.mark.parametrize("sentence", SENTENCES)
def test_background_reason_is_the_clause_search(sentence: str, monkeypatch) -> None:
    fast = _mentions_and_reasons(sentence)
    assert fast
    full = dataclasses.replace(patterns(), background_in_window=False)
    monkeypatch.setattr(context, "patterns", lambda: full)
    assert _mentions_and_reasons(sentence) == fast


def test_background_reason_still_finds_its_markers() -> None:
    s = "On 25 November 2013, they had shot down a helicopter."
    (m,) = find_mentions(s)
    assert context.background_reason(s, m, 0, len(s)) == "tense"
    s = "On 5 March, rebels captured the town; it had been held by the army."
    (m,) = find_mentions(s)
    assert context.background_reason(s, m, 0, len(s)) is None  # the pluperfect is cut off


@pytest.mark.parametrize("bare_years", [False, True])
def test_unqualified_years_and_months_are_rejected_as_before(bare_years: bool,
                                                               monkeypatch) -> None:
    def key(sentence):
        return [dataclasses.astuple(m) for m in find_mentions(sentence, bare_years)]

    fast = [key(s) for s in SENTENCES]
    monkeypatch.setattr(absolute, "_unqualified", lambda *_args: False)  # build every one
    assert [key(s) for s in SENTENCES] == fast
    kinds = {(m.text, m.kind) for s in SENTENCES for m in find_mentions(s, bare_years)}
    assert ("in early 2015", "year") in kinds and ("In the summer of 2014", "season") in kinds
    assert (("2014", "year") in kinds) == bare_years  # "The 2014 offensive"
    assert not any("March offensive" in t for t, _k in kinds)


def test_window_search_needs_markers_ending_in_a_letter() -> None:
    assert patterns().background_in_window  # the shipped time.yaml
    assert _kept_in_window(("earlier", r"had\s+been\b"), ("and", "but"))
    assert not _kept_in_window((r"prior\s",), ("and",))  # an escape, not a letter
    assert not _kept_in_window(("earlier?",), ("and",))
    assert not _kept_in_window(("earlier",), ("(?:and)",))  # a break not opening with a letter


@pytest.mark.parametrize("sentence", SENTENCES)
def test_relative_prefilter_is_the_full_alternation(sentence: str, monkeypatch) -> None:
    def key(ms):
        return [(m.start, m.end, m.text, m.count, m.m1, m.rule) for m in ms]

    fast = key(relatives.relative_candidates(sentence))
    pats = patterns()
    full = dataclasses.replace(
        pats,
        relative_any_by_char=dict.fromkeys(pats.relative_any_by_char, pats.relative_any),
        relative_any_unindexed=pats.relative_any)
    monkeypatch.setattr(relatives, "patterns", lambda: full)
    assert key(relatives.relative_candidates(sentence)) == fast


def test_some_sentences_hold_relative_expressions() -> None:
    found = [m.text for s in SENTENCES for m in relatives.relative_candidates(s)]
    assert "Two days later" in found and "The next day" in found


def test_ner_runs_without_the_shared_tok2vec() -> None:
    from warlog.nlp import entities

    if not entities.available():
        pytest.skip("spaCy model not installed")
    import spacy

    nlp = entities._pipeline()
    assert "tok2vec" not in nlp.pipe_names and "ner" in nlp.pipe_names
    full = spacy.load(entities.MODEL, exclude=["tagger", "parser", "attribute_ruler",
                                               "lemmatizer", "senter"])
    assert "tok2vec" in full.pipe_names
    texts = [
        "Fighters of the Allied Democratic Forces attacked a Congolese army camp near Beni.",
        "Hamas said the Israeli Air Force struck a building in Gaza City on Tuesday.",
        "The Taliban and Afghan National Army units clashed outside Kunduz.",
        "Members of the Sudan People's Liberation Movement-North shelled Kadugli.",
    ]
    for text in texts:
        ents = [(e.start_char, e.end_char, e.label_) for e in full(text).ents]
        assert [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents] == ents


CLAUSE_SENTENCES = [
    "On 8 April, rebels detonated two car bombs at the base, followed by clashes, and three "
    "days later took a checkpoint, but army units took it back; the next day they shelled it.",
    "An airstrike on Gao on Jan. 12 killed five soldiers. Later, rebels fled, while others hid.",
    "Kämpfer überrannten Öl-Depots, and then the militia, as before, shelled Zürich-Ost, "
    "whereas the army, after which nothing happened, waited.",
    ", and , but ; . , while , as , before ",  # breaks touching and overlapping
    "No break in this clause at all",
]


@pytest.mark.parametrize("sentence", CLAUSE_SENTENCES)
def test_clause_breaks_are_the_find_loops(sentence: str) -> None:
    from warlog.events.clauses import _break_cuts
    from warlog.events.lexicon import lexicon
    from warlog.nlp.sentences import Sentence, ends_abbreviation

    low = Sentence(sentence).low
    cuts = set()
    for brk in lexicon().clause_breaks:  # the loops the automaton pass replaced
        i = low.find(brk)
        while i != -1:
            if not (brk.startswith(".") and ends_abbreviation(low, i)):
                cuts.add(i + 1 if brk.startswith((",", ";", ".")) else i)
            i = low.find(brk, i + 1)
    assert _break_cuts(low) == cuts
    assert cuts or sentence.startswith("No break")


def test_word_before_a_full_stop_is_the_regex_search() -> None:
    import random

    from warlog.nlp import sentences

    def search(line: str, dot: int) -> str | None:  # what _is_abbreviation searched with
        m = sentences._WORD_BEFORE.search(line, max(0, dot - 24), dot)
        return m.group(1) if m else None

    rnd = random.Random(19)
    chars = "aZ.\n x1é-"
    for _ in range(3000):
        line = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 36)))
        for dot in range(len(line) + 1):
            assert sentences._word_before(line, dot) == search(line, dot), (line, dot)
    text = "He met Lt. Col. J. Smith of the U.S. Army.\nGen. X arrived in Jan. 2014. Then."
    dots = [i for i, c in enumerate(text) if c == "."]
    # Lt. Col. J. U. U.S. Gen. Jan.: not "Army." "2014." "Then."
    assert [i for i in dots if sentences.ends_abbreviation(text, i)] == [
        9, 14, 17, 33, 35, 46, 64]
