"""Step 0 of the casualty reader: numbers and counts (warlog.casualties.numbers/quantities).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from warlog.casualties.numbers import cardinal, parse_number
from warlog.casualties.quantities import find_quantities
from warlog.casualties.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19", 19),
        ("1,200", 1200),
        ("eleven", 11),
        ("twenty-one", 21),
        ("One hundred twenty", 120),
        ("two hundred and five", 205),
        ("three hundred and fifty", 350),
        ("a hundred", 100),
        ("two dozen", 24),
        ("3 thousand", 3000),
        ("5 thousand", 5000),
        ("1.5 million", 1_500_000),
    ],
)
def test_cardinals(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["25th", "1,20", "2.5", "twenty twelve", "soldiers"])
def test_not_cardinals(text: str) -> None:
    assert parse_number(text) is None


def test_cardinal_reports_where_it_ends() -> None:
    tokens = tokenize("forty-two men")
    assert cardinal(tokens, 0) == (42, 3)


def _counts(text: str) -> list[tuple[str, int | None, str]]:
    return [(q.text, q.value, q.qualifier) for q in find_quantities(text)]


def test_qualified_counts_take_the_lowest_figure() -> None:
    assert _counts("At least 18 people and more than 50 others") == [
        ("At least 18", 18, "at_least"),
        ("more than 50", 50, "more_than"),
    ]
    assert _counts("some 600+ recruits") == [("some 600+", 600, "about")]


def test_ranges_keep_both_ends() -> None:
    (q,) = find_quantities("between 20 and 30 guards")
    assert (q.value, q.low, q.high, q.qualifier) == (20, 20, 30, "range")
    (q,) = find_quantities("20 to 30 guards")
    assert (q.low, q.high) == (20, 30)


def test_vague_words() -> None:
    (q,) = find_quantities("dozens of villagers")
    assert (q.value, q.vague) == (12, True)
    (q,) = find_quantities("several villagers")
    assert (q.value, q.vague, q.qualifier) == (None, True, "vague")
    (q,) = find_quantities("a dozen villagers")
    assert (q.value, q.vague) == (12, False)


@pytest.mark.parametrize(
    "text",
    [
        "On 24 May the bridge was shelled.",
        "It lasted from 27 and 28 August.",
        "The T-72 was hit.",
        "He was paid $5 for it.",
        "The 640-men column moved.",
        "It was cited twice [14] in the report.",
        "Turnout reached 40 percent.",
        "No one was there.",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_a_label_with_a_number_is_a_name() -> None:
    assert _counts("Division 17 lost 30 men") == [("30", 30, "exact")]


@pytest.mark.parametrize("text, counts", [
    # a lower-case label names the number when no counted noun follows it
    ("the head of the army corps (military unit 73954, Simferopol), was killed", []),
    ("The commander of unit 3057 was killed in a strike", []),
    ("two soldiers of unit 3057 were killed", [("two", 2, "exact")]),
    # a counted noun after the number: a count after all
    ("At the checkpoint 3 soldiers were killed", [("3", 3, "exact")]),
])
def test_a_lower_case_label_names_a_number_not_followed_by_its_noun(
        text: str, counts: list[tuple[str, int, str]]) -> None:
    assert _counts(text) == counts
