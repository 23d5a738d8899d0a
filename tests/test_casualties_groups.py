"""Step 2 of the casualty reader: victim groups (warlog.casualties.groups).

Sentences written for these tests.
"""

from __future__ import annotations

from warlog.casualties.groups import Group, find_groups, mark_subsets
from warlog.casualties.lexicon import lexicon
from warlog.casualties.phrases import find_mentions
from warlog.casualties.tokens import tokenize


def _groups(text: str) -> list[Group]:
    lx = lexicon()
    tokens = tokenize(text)
    mentions = find_mentions(tokens, text, lx)
    mark_subsets(tokens, mentions, lx)
    return find_groups(tokens, mentions, lx)


def _counts(groups: list[Group]) -> list[list[int | None]]:
    return [[m.count for m in g.members] for g in groups]


def test_coordinated_phrases_form_one_group() -> None:
    assert _counts(_groups("The blast killed 4 guards and 2 drivers.")) == [[4, 2]]


def test_a_person_after_and_joins_the_group() -> None:
    assert _counts(_groups("The shell killed a sergeant and medic.")) == [[1, 1]]


def test_including_marks_a_subset() -> None:
    groups = _groups("The raid killed 30 villagers, including 12 children.")
    assert _counts(groups) == [[30], [12]]
    assert [g.members[0].subset for g in groups] == [False, True]


def test_a_list_joined_only_by_commas_is_split() -> None:
    groups = _groups("The mayor, Colonel Idris Kamal, met 3 envoys.")
    assert all(len(g.members) == 1 for g in groups)


def test_different_head_roles_are_not_joined() -> None:
    assert _counts(_groups("The fighting caused 80 deaths and 300 injuries.")) == [[80], [300]]
