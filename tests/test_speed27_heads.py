"""speed27: the filter heads of a document's sentences are read in one automaton pass over
the whole document (``nlp.alternation.prefill_heads``, called by ``nlp.sentences.sentences``)
instead of one pass per sentence. Each answer must be the one a pass over the sentence alone
gives; a document whose lower case moves offsets ("İ") or depends on context ("Σ") is not
prefilled."""

from __future__ import annotations

from operator import itemgetter

from warlog.nlp import alternation
from warlog.nlp.alternation import HeadFilter, present_heads
from warlog.nlp.sentences import sentences, split_sentences

DOC = (
    "Rebels shelled the Qarnak air base near Tell Miran on Monday. The port was closed.\n"
    "Gunmen attacked a checkpoint; two soldiers were killed, the ministry said.\n"
    "Villagers fled toward the dam. Mt. Ostrel and the HQ of the brigade fell."
)


def _alone(text: str) -> frozenset[str]:
    heads = alternation._HEADS
    with heads.lock:
        if heads.built != len(heads.heads):
            heads._build()
    return frozenset(map(itemgetter(1), heads.automaton.iter(text.lower())))


def test_prefilled_heads_are_each_sentences_own() -> None:
    HeadFilter(["air base", "checkpoint", "port", "dam", "hq", "mt", "tell", "killed"])
    for doc in (DOC, DOC.upper(), DOC.replace("Monday", "Montag – é")):
        sents = list(sentences(doc))
        table = alternation._HEADS.doc
        assert len(table) == len(sents) > 4
        for s in sents:
            assert table[s.text.lower()] == _alone(s.text), s.text
            assert present_heads(s.text) == _alone(s.text)
        assert {"port", "checkpoint", "dam"} <= set().union(*table.values())


def test_heads_straddling_two_spans_are_in_neither() -> None:
    HeadFilter(["port", "dam"])
    doc = "the seaport gate,damaged"  # spans cut inside "seaport" and inside "damaged"
    cuts = [(0, 9), (9, 18), (18, len(doc))]  # "the seapo" | "rt gate,d" | "amaged"
    alternation.prefill_heads(doc, cuts)
    table = alternation._HEADS.doc
    for s, e in cuts:
        assert table[doc[s:e]] == _alone(doc[s:e])
    assert "port" not in table["the seapo"] and "port" not in table["rt gate,d"]
    assert "dam" not in table["rt gate,d"] and "dam" not in table["amaged"]
    assert "port" in _alone(doc)


def test_documents_whose_lower_case_moves_are_not_prefilled() -> None:
    HeadFilter(["port"])
    for doc in ("İzmir port was shelled. The port closed.", "ΣΟΦΙΑ port. The port closed."):
        list(sentences(doc))
        assert alternation._HEADS.doc == {}
        for sp in split_sentences(doc):
            assert present_heads(sp.text) == _alone(sp.text)
