"""Exact speed-ups in the casualty counter (speed21).

- ``casualties.phrases.find_mentions`` tries a phrase only at the tokens that can start one
  (a start word or a digit), and finds the next singular person noun by bisection in the list
  of their positions instead of filling a table for every token;
- ``casualties.count._single_victim`` runs only when the sentence holds one of the words
  every one of its patterns needs (casualties.yaml ``single_victim_words``,
  ``named_victim_words``).

Each must give what the full work gave.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from warlog.casualties import count as count_mod
from warlog.casualties import count_fatalities, phrases
from warlog.casualties.lexicon import Lexicon, lexicon
from warlog.casualties.tokens import Token, tokenize
from warlog.nlp.sentences import split_sentences

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

FIXTURES = Path(__file__).parent / "fixtures"

EDGES = [
    "The judge was murdered in his home.",
    "Kabul Khan, a tribal elder, was shot dead on Monday.",
    "A farmer has been reportedly killed near the border.",
    "They beat one of the men to death and burned a suspected police informer to death.",
    "Gunmen shot dead Mamadou Bah, 17, outside the mosque.",
    "Gunmen shot dead Mamadou and forces withdrew.",
    "Gunmen killed Ahmed Ali and wounded two others.",
    "A mob stoned him to death.",
    "The commander, who was killed instantly, ...",
    "Waskilled was not killed; deathly quiet, 3was killed, éwas killed.",
    "a man and a woman, the driver and soldier, were hurt; a member of the SDF said",
    "Two soldiers, a lieutenant and a policeman were killed; 150 soldiers and policemen fled.",
    "",
    "killed",
    "The the the the the the the the the the soldier was killed.",
    "İstanbul: a journalist was killed. KILLED Ali Veli.",
]


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "corpus").iterdir())
             if p.suffix in (".md", ".txt")]
    for line in (FIXTURES / "golden" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    out = list(EDGES)
    for text in texts:
        out.extend(text[s.start:s.end] for s in split_sentences(text))
    return out


def _old_find_mentions(tokens: list[Token], text: str, lx: Lexicon) -> list[phrases.Mention]:
    """find_mentions as it was: a walk over every token, the next person noun from a table."""
    out: list[phrases.Mention] = []
    n = len(tokens)
    next_person = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_person[i] = i if tokens[i].low in lx.person_singular else next_person[i + 1]
    persons = [i for i in range(n) if next_person[i] == i]
    starts = lx.mention_starts
    p = 0
    while p < n:
        w = tokens[p].low
        m = (phrases._mention_at(tokens, p, text, lx, persons)
             if (w in starts or w[0].isdigit()) else None)
        if m is None:
            p += 1
            continue
        if m.j < n and tokens[m.j].low in lx.source_verbs:
            p = max(m.j, p + 1)
            continue
        out.append(m)
        p = max(m.j, p + 1)
    return out


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _sentences()


def test_next_person_is_the_table() -> None:
    lx = lexicon()
    tokens = tokenize("The soldier and a farmer met the policeman, then nobody else came.")
    n = len(tokens)
    table = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        table[i] = i if tokens[i].low in lx.person_singular else table[i + 1]
    persons = [i for i, t in enumerate(tokens) if t.low in lx.person_singular]
    assert len(persons) == 3
    assert [phrases._next_person(persons, i, n) for i in range(n + 1)] == table


def test_find_mentions_as_the_full_walk(sentences: list[str]) -> None:
    lx = lexicon()
    found = 0
    for s in sentences:
        tokens = tokenize(s)
        new = phrases.find_mentions(tokens, s, lx)
        assert new == _old_find_mentions(tokens, s, lx), s
        found += len(new)
    assert found > 100


def test_count_fatalities_as_without_the_word_test(
    sentences: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new = [count_fatalities(s) for s in sentences]
    lx = lexicon()
    every = frozenset(w for s in sentences for w in re.findall("[a-z]+", s.lower()))
    monkeypatch.setattr(count_mod, "lexicon", lambda: _with_words(lx, every))
    old = [count_fatalities(s) for s in sentences]
    assert new == old
    assert sum(f.killed == 1 and any(r == "killed" for *_, r in f.spans) for f in new) > 3


def _with_words(lx: Lexicon, every: frozenset[str]) -> Lexicon:
    import dataclasses

    return dataclasses.replace(lx, single_victim_words=every, named_victim_words=every)


_WILD = "\x00"  # some characters, maybe letters
_EDGE = "\x01"  # a word boundary


def _expansions(parsed: object) -> list[str]:
    """Every literal form of a parsed pattern, with _WILD for what is not literal."""
    parts: list[list[str]] = []
    for op, av in parsed:  # type: ignore[attr-defined]
        name = str(op)
        if name == "LITERAL":
            parts.append([chr(av)])
        elif name == "AT":
            parts.append([_EDGE if str(av) == "AT_BOUNDARY" else _WILD])
        elif name == "SUBPATTERN":
            parts.append(_expansions(av[-1]))
        elif name == "BRANCH":
            parts.append([x for alt in av[1] for x in _expansions(alt)])
        elif name in ("ASSERT", "ASSERT_NOT"):
            parts.append([""])  # zero width
        else:
            parts.append([_WILD])
    return ["".join(p) for p in itertools.product(*parts)]


def _whole_words(form: str) -> set[str]:
    """The [a-z]+ runs of a literal form bounded on both sides by a known non-letter."""
    out = set()
    for m in re.finditer("[a-z]+", form):
        before = form[m.start() - 1] if m.start() else ""
        after = form[m.end()] if m.end() < len(form) else ""
        if all(c and c != _WILD and not c.isalpha() for c in (before, after)):
            out.add(m.group())
    return out


@pytest.mark.parametrize("kind", ["single_victim", "named_victim"])
def test_every_victim_pattern_needs_one_of_its_words(kind: str) -> None:
    """Each literal form of each pattern holds one of the listed words as a whole word, so
    a sentence with none of them cannot match (uppercase literals count as letters)."""
    lx = lexicon()
    words = getattr(lx, f"{kind}_words")
    for pat in getattr(lx, kind):
        forms = _expansions(sre_parse.parse(pat.pattern))
        assert forms
        for form in forms:
            assert _whole_words(form) & words, (pat.pattern[:40], form)


def test_word_test_sees_matches_only_with_a_word() -> None:
    lx = lexicon()
    for s in EDGES:
        low = s.lower()
        found = set(re.findall("[a-z]+", low))
        for pats, words, text in ((lx.single_victim, lx.single_victim_words, low),
                                  (lx.named_victim, lx.named_victim_words, s)):
            if any(p.search(text) for p in pats):
                assert not words.isdisjoint(found), s
