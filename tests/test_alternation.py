"""The trie-factored alternation matches exactly what the longest-first alternation matches."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.nlp.alternation import trie_alternation

_PHRASE = st.text(alphabet="ab c-.", min_size=1, max_size=6)


def _longest_first(phrases: set[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + ")"


@settings(max_examples=300, deadline=None)
@given(st.sets(_PHRASE, min_size=1, max_size=10), st.text(alphabet="ab c-.", max_size=20))
def test_same_matches_as_the_longest_first_alternation(phrases, text):
    for tail in ("", r"(?![\w-])"):  # with a boundary after, a long phrase may have to back off
        old = re.compile(r"(?<![\w-])" + _longest_first(phrases) + tail)
        new = re.compile(r"(?<![\w-])" + trie_alternation(phrases) + tail)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_written_characters_and_case():
    spaced = trie_alternation(["told reporters in", "told journalists in"],
                              lambda ch: r"\s+" if ch == " " else re.escape(ch), lower=True)
    rx = re.compile(r"(?i)" + spaced)
    assert rx.search("He TOLD\nReporters  in Geneva").group() == "TOLD\nReporters  in"
    assert rx.search("told journalists") is None
    assert re.search(trie_alternation([]), "anything") is None


def test_a_filter_made_later_is_not_answered_from_older_memos():
    # filters are built lazily (on the first sentence their module reads); a sentence asked
    # about before must not be answered from the memo made without the new filter's heads
    from warlog.nlp.alternation import HeadFilter

    text = "Government forces captured Zqxtown, a village south of the river."
    first = HeadFilter(["qqfirstfilterhead"])
    assert not first.may_match(text)
    later = HeadFilter(["zqxtown"])
    assert later.may_match(text)
    assert not first.may_match(text)
