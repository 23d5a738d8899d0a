"""The language's words the casualty reader needs (``lang/<language>/grammar.yaml`` and
``numbers.yaml``), as sets loaded once per settings."""

from __future__ import annotations

from dataclasses import dataclass, fields

from warlog import lang
from warlog.data import cached


@dataclass(frozen=True, slots=True)
class Words:
    """Function words by the job they do; see ``lang/en/grammar.yaml`` for each list."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    tens_joiner: str
    scale_joiner: str
    scale_article: str
    ones: frozenset[str]  # the units that mean 1 ("one")
    number_words: frozenset[str]  # units and tens
    passive_auxiliaries: frozenset[str]
    determiners: frozenset[str]
    number_determiners: frozenset[str]
    phrase_prepositions: frozenset[str]
    to_takers: frozenset[str]
    phrase_stops: frozenset[str]
    phrase_marks: frozenset[str]
    head_pronouns: frozenset[str]
    partitive_pronouns: frozenset[str]
    phrase_quantifiers: frozenset[str]
    clause_openers: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    verb_joiners: frozenset[str]
    list_joiners: frozenset[str]
    name_particles: frozenset[str]
    name_attachments: frozenset[str]
    name_inner: frozenset[str]
    range_joiners: frozenset[str]
    range_hedges: frozenset[str]
    range_hedge_joiners: frozenset[str]
    between_joiners: frozenset[str]
    date_joiners: frozenset[str]
    one_pronoun_openers: frozenset[str]
    rate_words: frozenset[str]
    number_abbreviation: frozenset[str]
    ordinal_suffixes: frozenset[str]
    reciprocal: frozenset[str]
    year_openers: frozenset[str]
    months: frozenset[str]  # month names and abbreviations, lower case
    weekdays: frozenset[str]  # weekday names, lower case
    phrase_time_words: frozenset[str]
    of_word: str
    to_word: str
    from_word: str
    possessive: str
    gerund_suffix: str
    participle_suffixes: tuple[str, ...]


_DERIVED = {"units", "tens", "scales", "tens_joiner", "scale_joiner", "scale_article", "ones"}
_DERIVED |= {"number_words", "months", "weekdays", "of_word", "to_word", "from_word"}
_DERIVED |= {"possessive"}
_DERIVED |= {"gerund_suffix", "participle_suffixes"}
# every other field is a list of grammar.yaml of the same name (lower case)
_LISTS = tuple(f.name for f in fields(Words) if f.name not in _DERIVED)


@cached
def words() -> Words:
    """The active language's words for the casualty reader."""
    language = lang.language()
    grammar = lang.words("grammar")
    lists = {k: frozenset(str(w).lower() for w in grammar[k]) for k in _LISTS}
    return Words(
        units=language.units,
        tens=language.tens,
        scales=language.scales,
        tens_joiner=language.tens_joiner,
        scale_joiner=language.scale_joiner,
        scale_article=language.scale_article,
        ones=frozenset(w for w, v in language.units.items() if v == 1),
        number_words=frozenset(language.units) | frozenset(language.tens),
        months=language.month_names_lower,
        weekdays=frozenset(d.lower() for d in language.weekdays),
        of_word=str(grammar["of_word"]),
        to_word=str(grammar["to_word"]),
        from_word=str(grammar["from_word"]),
        possessive=str(grammar["possessive"]),
        gerund_suffix=str(grammar["gerund_suffix"]),
        participle_suffixes=tuple(str(x) for x in grammar["participle_suffixes"]),
        **lists,
    )
