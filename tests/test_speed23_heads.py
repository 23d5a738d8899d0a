"""speed23: the head filters' shared automaton pass answers a text asked again as written
without lower-casing it again, and its answers stay those of a pass over the lower-cased text.
Made-up sentences; a real automaton (pyahocorasick) over made-up heads."""

from __future__ import annotations

from warlog.nlp.alternation import _MEMO_KEYS, HeadFilter, _Heads, present_heads


class _CountingText(str):
    """A text that counts how often it is lower-cased."""

    lowered = 0

    def lower(self) -> str:
        _CountingText.lowered += 1
        return super().lower()


HEADS = ("shell", "camp", "near", "ell")


def _brute(text: str) -> frozenset[str]:
    low = str.lower(text)  # (not counted)
    return frozenset(h for h in HEADS if h in low)


def test_text_asked_again_is_not_lowered_again() -> None:
    heads = _Heads()
    heads.add(HEADS)
    text = _CountingText("Shelling hit the Camp near the river crossing at dawn.")
    _CountingText.lowered = 0
    first = heads.present(text)
    assert first == _brute(text) == {"shell", "ell", "camp", "near"}
    assert heads.present(text) is first
    assert heads.present(str(text)) is first  # an equal text: the same answer, no new pass
    assert _CountingText.lowered == 1
    # asked lower-cased (as the event filters ask): the same pass's answer
    assert heads.present(text.lower()) is first


def test_answers_match_a_pass_over_the_lower_cased_text() -> None:
    heads = _Heads()
    heads.add(HEADS)
    texts = [f"Report {i}: a CAMP was hit" if i % 3 else f"report {i}: quiet near the hills"
             for i in range(3 * _MEMO_KEYS)]  # more texts than the memo keeps
    for _ in range(2):
        for t in texts:
            assert heads.present(t) == _brute(t)
    assert len(heads.memo) <= _MEMO_KEYS


def test_heads_added_later_are_seen() -> None:
    heads = _Heads()
    heads.add(("camp",))
    text = "Fighters left the camp by the wadi."
    assert heads.present(text) == {"camp"}
    heads.add(("wadi",))  # a filter built later: answers made without its heads are dropped
    assert heads.present(text) == {"camp", "wadi"}


def test_shared_filter_still_decides() -> None:
    f = HeadFilter(["ambushed near", "shelled"])
    assert f.may_match("Troops were AMBUSHED near a bridge.")
    assert not f.may_match("A quiet day in the valley.")
    assert {"ambushed", "shelled"} & present_heads("They shelled the road.") == {"shelled"}
