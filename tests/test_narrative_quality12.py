"""Narrative records checked against GUIDELINES.md (session 12): who acted, and the data
the argument filler reads."""

from __future__ import annotations


def test_profile_side_of_is_one_side_or_none() -> None:
    from warlog.profile.sides import ProfileSides, _Member

    sides = ProfileSides([_Member(1, "A", "state", None), _Member(2, "B", "rebel", None),
                          _Member(1, "C", None, None), _Member(2, "C", None, None),
                          _Member(2, None, None, None)])
    assert [sides.side_of(n) for n in ("A", "B", "C", "D", None)] == [1, 2, None, None, None]


def test_the_inter_codes_of_no_ones_opponent_are_data() -> None:
    from warlog.events import arguments

    assert arguments._not_fighting() == frozenset({6, 7})
    assert arguments._crowd_inter() == 6
