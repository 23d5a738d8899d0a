"""Equivalence tests of the extractor's memos: work done once and remembered must give what
doing it every time gave.

- ``merge_events`` builds a group's state only when a report first meets the group as the
  same event; the eager loop (every report's state built) merges alike.
- ``DocumentExtractor`` cuts and counts a clause once per sentence: the count read from the
  memo is the count of a freshly cut clause, whatever was computed on the sentence between.
- The word before a name (``geo.spans.word_before``, ``geo.persons``' title check) is read
  backwards from the name: the same word as the pattern searched over the 40 characters.
- Doubled letters are collapsed (place-name keys) only in a text a search finds them in.
- The remembered sites' automaton is made when it is read, not at each site added: a sentence
  finds the site a scan of every remembered key (whole words, first remembered first) finds.
"""

from __future__ import annotations

import copy
import importlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.casualties import count_fatalities
from warlog.events.arguments import ArgumentContext, _word_edge
from warlog.events.clauses import Clause
from warlog.events.extract import DocumentExtractor
from warlog.events.merge import _absorb, _fields, merge_events
from warlog.geo import persons, spans
from warlog.ingest.reader import read_text
from warlog.model import Event, Evidence, Location
from warlog.nlp.sentences import Sentence
from warlog.store.group_rule import PY, GroupState, link_key, rules, same_event

_SETTINGS = settings(max_examples=300, deadline=None)

_TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
          ("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack")]
_ACTORS = [None, "Military Forces of Russia", "Civilians", "Military Forces of Ukraine"]
_PLACES = [
    {},
    {"location": "Okhtyrka", "latitude": 50.3116, "longitude": 34.8988, "geo_precision": 1,
     "country": "Ukraine", "admin1": "Sumy"},
    {"location": "near Okhtyrka", "latitude": 50.3116, "longitude": 34.8988,
     "geo_precision": 2, "country": "Ukraine", "admin1": "Sumy"},
    {"location": "Trostianets", "latitude": 50.4748, "longitude": 34.9661, "geo_precision": 1,
     "country": "Ukraine", "admin1": "Sumy"},
    {"location": "the air base", "latitude": 50.3116, "longitude": 34.8988,
     "geo_precision": 2, "country": "Ukraine", "admin1": "Sumy"},
]


@st.composite
def _report(draw: st.DrawFn) -> Event:
    etype, sub = draw(st.sampled_from(_TYPES))
    day = date(2022, 2, 24) + timedelta(days=draw(st.integers(0, 2)))
    end = day + timedelta(days=draw(st.sampled_from([0, 0, 1])))
    start = draw(st.integers(0, 400))
    return Event(doc="d.md", event_type=etype, sub_event_type=sub, event_date=day, date_end=end,
                 time_precision=draw(st.sampled_from([1, 1, 2])),
                 actor1=draw(st.sampled_from(_ACTORS)), actor2=draw(st.sampled_from(_ACTORS)),
                 fatalities=draw(st.sampled_from([None, 0, 2, 5])),
                 evidence=[Evidence("x", start, start + 10, start, start + 10)],
                 **draw(st.sampled_from(_PLACES)))


def _eager(events: list[Event]) -> list[Event]:
    """merge_events as it was: every report's state built before its candidates are read."""
    r = rules()
    out: list[Event] = []
    states: list[GroupState] = []
    blocks: dict[tuple, list] = {}
    for i, ev in enumerate(events):
        key = link_key(_fields(ev, i), r)
        state = GroupState.of(key)
        candidates = blocks.setdefault((key.day_start, key.day_end, key.sub_event_type,
                                        key.actor_lo, key.actor_hi), [])
        target = next((g for other, g in candidates
                       if same_event(other, key, PY, r) and states[g].fits(state)), None)
        if target is None:
            target = len(out)
            out.append(ev)
            states.append(state)
        else:
            _absorb(out[target], ev, r)
            states[target].absorb(state)
        candidates.append((key, target))
    return out


@_SETTINGS
@given(st.lists(_report(), max_size=14))
def test_lazy_group_states_merge_as_the_eager_ones(events: list[Event]) -> None:
    lazy = merge_events(copy.deepcopy(events))
    eager = _eager(copy.deepcopy(events))
    assert [e.as_record() for e in lazy] == [e.as_record() for e in eager]


_WORDS = ["two", "soldiers", "were", "killed", "and", "five", "wounded", "nobody", "was",
          "hurt", "no", "one", "died", "civilians", "injured", "12", "people", "dead", "at",
          "least", "three", "militants", "the", "attack", "in", "Kunduz", ",", ";", "."]
_texts = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=24).map(" ".join)


def _extractor() -> DocumentExtractor:
    return DocumentExtractor(read_text("Fighting went on.", "t.txt")[0])


def _same(a, b) -> bool:  # noqa: ANN001 - two Fatalities
    return (a.killed, a.low, a.high, a.wounded, a.captured, a.vague, a.spans) == (
        b.killed, b.low, b.high, b.wounded, b.captured, b.vague, b.spans)


@_SETTINGS
@given(_texts, st.integers(0, 400), st.data())
def test_a_clause_counted_once_is_the_clause_counted_afresh(text: str, start: int,
                                                            data: st.DataObject) -> None:
    ex = _extractor()
    ex._clause_memo.clear()
    sent = Sentence(text, start)
    bounds = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))
                                .map(sorted), min_size=1, max_size=4))
    for a, b in bounds:
        clause = Clause(a, b, [])
        if data.draw(st.booleans()):
            _ = sent.tokens  # the sentence's own tokens computed in between: parts slice them
        got = ex._count(sent, clause)
        fresh = Sentence(text, start).part(a, b)
        assert _same(got, count_fatalities(fresh, fresh.start))
        assert ex._part(sent, clause).text == text[a:b]
        assert ex._count(sent, clause) is got


_chars = st.text(alphabet="aZq .-,\n\t\u00a0\u00e91_'\u2019\u00b2", max_size=60)


@_SETTINGS
@given(_chars, st.data())
def test_the_word_before_is_the_word_the_pattern_finds(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    m = spans._WORD_BEFORE.search(text, max(0, start - 40), start)
    assert spans.word_before(text, start) == (m.group(1).lower().rstrip(".") if m else "")
    m = persons._WORD_BEFORE.search(text, max(0, start - 40), start)
    assert persons._word_before(text, start) == ((m.group(1), m.start(1)) if m else None)


_SITES = ["Division 17 base", "the Kwayres air base", "Camp Bucca", "Regiment 121 base",
          "Tabqa Dam", "the 93rd Brigade base", "Division 17 headquarters"]
_SAID = ["division 17", "kwayres", "camp bucca", "regiment 121", "tabqa dam", "93rd brigade",
         "the", "took", "near", "division", "17", ",", "."]
_steps = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(_SITES)),
    st.tuples(st.just("ask"), st.lists(st.sampled_from(_SAID), max_size=10).map(" ".join))),
    max_size=12)


def _scan(ctx: ArgumentContext, low: str) -> tuple[str, int, int] | None:
    """The first remembered site whose key the text holds as whole words, at its first such
    place (every key tried, every place of it)."""
    best = None
    for order, key in enumerate(ctx._facilities):
        s = low.find(key)
        while s != -1:
            if _word_edge(low, s) and _word_edge(low, s + len(key)):
                if best is None or (order, s) < best[:2]:
                    best = (order, s, s + len(key))
                break
            s = low.find(key, s + 1)
    if best is None:
        return None
    return ctx._site_locs[best[0]].name, best[1], best[2]


@settings(max_examples=150, deadline=None)
@given(_steps)
def test_a_remembered_site_is_found_as_a_scan_finds_it(steps: list[tuple[str, str]]) -> None:
    ctx = ArgumentContext.for_document(read_text("Fighting went on.", "t.txt")[0])
    for kind, value in steps:
        if kind == "add":
            ctx.remember_facility(Location(value, 35.0, 38.0, 2, "Syria"))
            continue
        got = ctx._known_site(Sentence(value, 0))
        assert (None if got is None else (got[1].name, got[0].start, got[0].end)) == _scan(
            ctx, value)


@_SETTINGS
@given(st.text(alphabet="aabkllmorsz y-1", max_size=30))
def test_undoubling_after_a_search_is_the_substitution(text: str) -> None:
    norm = importlib.import_module("warlog.geo.normalize")
    assert norm._undouble(text) == norm._DOUBLES.sub(r"\1", text)
