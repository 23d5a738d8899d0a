"""Step 1 of the casualty reader: counted phrases (warlog.casualties.phrases).

Sentences written for these tests.
"""

from __future__ import annotations

from warlog.casualties.lexicon import lexicon
from warlog.casualties.phrases import Mention, find_mentions
from warlog.casualties.tokens import tokenize


def _mentions(text: str) -> list[tuple[str, int | None, str, str]]:
    tokens = tokenize(text)
    found: list[Mention] = find_mentions(tokens, text, lexicon())
    return [
        (text[tokens[m.ci].start : tokens[m.cj - 1].end], m.count, m.head, m.kind) for m in found
    ]


def test_a_number_counts_the_people_after_it() -> None:
    assert _mentions("Rebels shot 17 border guards near the dam.") == [
        ("17", 17, "person", "number")
    ]


def test_things_are_not_people() -> None:
    assert _mentions("The unit lost two tanks and 7 trucks.") == []


def test_an_article_with_a_person_noun_is_one() -> None:
    assert _mentions("A sniper shot a lieutenant.")[-1] == (
        "a lieutenant",
        1,
        "person",
        "article",
    )


def test_a_rank_with_a_name_is_one_person() -> None:
    assert _mentions("Colonel Barid Hamza died of his wounds.") == [
        ("Colonel Barid Hamza", 1, "person", "title")
    ]


def test_a_head_noun_gives_the_role() -> None:
    tokens = tokenize("The clashes left 40 deaths.")
    (m,) = find_mentions(tokens, "The clashes left 40 deaths.", lexicon())
    assert (m.count, m.head_role) == (40, "killed")


def test_a_year_is_not_a_count() -> None:
    assert _mentions("In 2013 the militia grew.") == []
