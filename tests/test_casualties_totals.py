"""Step 4 of the casualty reader, totals by ACLED's rules, and the entry point
(warlog.casualties.totals, warlog.casualties.count_fatalities).

Sentences written for these tests.
"""

from __future__ import annotations

from warlog.casualties import Fatalities, count_fatalities
from warlog.nlp.sentences import Sentence


def test_counts_of_one_role_add_up() -> None:
    f = count_fatalities("Eleven guards died on the road, and 17 drivers were also killed.")
    assert f.killed == 28


def test_a_revised_figure_keeps_the_lowest_and_the_range() -> None:
    f = count_fatalities("At first 120 people were killed; the number was later updated to 200.")
    assert (f.killed, f.low, f.high) == (120, 120, 200)


def test_a_range_is_kept() -> None:
    f = count_fatalities("Between 20 and 30 herders were killed.")
    assert (f.killed, f.low, f.high) == (20, 20, 30)


def test_roles_are_kept_apart() -> None:
    f = count_fatalities("Three guards were killed, 9 wounded and 2 were captured.")
    assert (f.killed, f.wounded, f.captured) == (3, 9, 2)


def test_no_casualties_is_zero() -> None:
    f = count_fatalities("The depot burned, but no casualties were reported.")
    assert f.killed == 0
    assert [role for _, _, role in f.spans] == ["zero"]


def test_a_vague_count_has_no_number() -> None:
    f = count_fatalities("Several guards were killed at the gate.")
    assert (f.killed, f.vague) == (None, True)


def test_a_sentence_without_cues_is_empty() -> None:
    assert count_fatalities("The convoy reached 40 villages.") == Fatalities()


def test_offsets_and_the_sentence_object_give_the_same_answer() -> None:
    text = "Gunmen killed 6 farmers near the well."
    by_text = count_fatalities(text, 100)
    by_sentence = count_fatalities(Sentence(text, 100), 100)
    assert by_text == by_sentence
    assert by_text.killed == 6 and by_text.spans == [(114, 115, "killed")]
