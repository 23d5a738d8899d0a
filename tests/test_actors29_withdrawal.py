"""A withdrawal told as a noun with its agent after "of" (actors29).

"amid a retreat of X fighters", "the withdrawal of X fighters was completed": X is the side
that left (GUIDELINES: Non-violent transfer of territory, a side withdraws; actor2 is null for
a withdrawal). Made-up sentences run through the whole extractor.
"""

from __future__ import annotations

import pytest

from conftest import record_of_type


@pytest.mark.parametrize(
    "text",
    [
        "On 10 June, during the hasty retreat of Boko Haram fighters toward the Sambisa "
        "forest, Nigerian troops entered the town of Damasak.",
        "On 10 June, the withdrawal of Boko Haram fighters from Damasak was completed.",
        "On 10 June, Boko Haram withdrew its fighters from Damasak.",
    ],
)
def test_the_side_that_left_is_actor1_of_a_withdrawal(tmp_path, text: str) -> None:
    r = record_of_type(tmp_path, text, "Non-violent transfer of territory", "2015-06-10")
    assert r["actor1"] == "Boko Haram"
    assert r["actor2"] is None


def test_their_troops_are_the_subjects(tmp_path) -> None:
    # a common noun after "of" names no party of its own: the subject withdrew its troops
    text = ("On 10 June, Boko Haram fighters attacked Damasak. On 12 June, Chadian forces "
            "completed the withdrawal of their troops from Gashua.")
    r = record_of_type(tmp_path, text, "Non-violent transfer of territory", "2015-06-10")
    assert r["actor1"] == "Military Forces of Chad"
