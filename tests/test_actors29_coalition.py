"""A coalition told with its members in apposition acted (actors29).

"The X Alliance, mainly composed of A and B, took over ...": the coalition is actor1, its
first member associated, and neither member is the other side. Made-up sentences run through
the whole extractor.
"""

from __future__ import annotations

import pytest

from conftest import record_of_type


@pytest.mark.parametrize(
    "joiner", ["mainly composed of", "made up of", "consisting of", "comprising"])
def test_a_coalition_told_with_its_members_acted(tmp_path, joiner: str) -> None:
    text = (f"On 20 November 2023, the Three Brotherhood Alliance, {joiner} the MNDAA and "
            f"the Arakan Army, took over the town of Chinshwehaw.")
    r = record_of_type(tmp_path, text, "Non-state actor overtakes territory", "2023-11-20")
    assert r["actor1"] == "Three Brotherhood Alliance"
    assert r["assoc_actor_1"] == "Myanmar National Democratic Alliance Army (MNDAA)"
    assert r["actor2"] != "Arakan Army"


def test_two_parties_without_a_joiner_keep_the_subject(tmp_path) -> None:
    # no composition joiner: the last party before the verb is still its subject
    text = ("On 20 November 2023, after talks with the Three Brotherhood Alliance, the Arakan "
            "Army took over the town of Chinshwehaw.")
    r = record_of_type(tmp_path, text, "Non-state actor overtakes territory", "2023-11-20")
    assert r["actor1"] == "Arakan Army"
