"""Step 3 of the casualty reader: roles (warlog.casualties.roles).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from warlog.casualties.groups import find_groups, mark_subsets
from warlog.casualties.lexicon import lexicon
from warlog.casualties.phrases import find_mentions
from warlog.casualties.roles import assign_roles, combine
from warlog.casualties.tokens import tokenize


def _roles(text: str) -> list[tuple[int | None, str | None]]:
    lx = lexicon()
    tokens = tokenize(text)
    mentions = find_mentions(tokens, text, lx)
    mark_subsets(tokens, mentions, lx)
    groups = find_groups(tokens, mentions, lx)
    assign_roles(tokens, groups, lx)
    return [(g.members[0].count, g.role) for g in groups]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ambush killed five porters.", [(5, "killed")]),  # verb before
        ("Nine porters were killed in the ambush.", [(9, "killed")]),  # predicate after
        ("Six porters were wounded.", [(6, "wounded")]),
        ("Rebels captured 14 porters.", [(14, "captured")]),
        ("The ambush left 12 porters dead.", [(12, "killed")]),
        ("The death toll rose to 31.", [(31, "killed")]),  # toll phrase
        ("Four porters were killed and wounded.", [(4, "mixed")]),
        ("Eight soldiers marched.", [(8, None)]),
    ],
)
def test_roles(text: str, expected: list[tuple[int, str | None]]) -> None:
    assert _roles(text) == expected


def test_an_agent_is_not_a_victim() -> None:
    assert _roles("5 guards killed 3 raiders.")[0] == (5, None)


def test_combined_roles() -> None:
    lx = lexicon()
    assert combine("killed", "wounded", lx) == "mixed"
    assert combine("captured", "killed", lx) == "killed"
    assert combine("killed", "killed", lx) == "killed"
