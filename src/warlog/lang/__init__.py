"""Language data: the words that belong to a language, apart from the domain lexicons.

Number words, ordinals, months, weekdays, titles, function words and the abbreviations the
sentence splitter knows are the language itself, not knowledge about conflicts; they live
in one folder per language (``warlog/lang/en/*.yaml``) and are read only through this
module. Domain lexicons (actors, triggers, casualty roles, geographic words) stay in
``warlog/data``.

The language is the active settings' ``language`` (:func:`warlog.settings.current`), and a
file is found through the data overlay: ``<settings.data_dir>/<language>/<file>`` overrides
``warlog/lang/<language>/<file>``. A language may be added file by file: a file it does not
have is read from English (``en``).

Two ways in: :func:`words` gives one file's raw content (``words("calendar")["months"]``),
:func:`language` a :class:`Language` with the tables most readers need, already normalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warlog.data import cached, load_lang_yaml, resolve
from warlog.settings import current

DEFAULT = "en"


def code() -> str:
    """The active language's code (``settings.language``)."""
    return current().language


def words(name: str, language: str | None = None) -> Any:
    """The content of ``<language>/<name>.yaml`` (English when the language lacks the file)."""
    lang = language or code()
    if lang != DEFAULT and not resolve(f"{lang}/{name}.yaml", "lang").is_file():
        lang = DEFAULT
    return load_lang_yaml(f"{name}.yaml", lang)


@dataclass(frozen=True, slots=True)
class Language:
    """The word tables of one language, normalised once.

    ``months``/``weekdays`` keep the capitalisation written in the files (readers that match
    case-sensitively use them as they are); the ``*_lower`` sets are for readers that fold.
    """

    code: str
    months: dict[str, int]  # full names -> 1..12
    month_abbreviations: dict[str, int]  # "Sept" -> 9
    weekdays: dict[str, int]  # full names -> Monday=0
    units: dict[str, int]  # "one" -> 1 ... "nineteen" -> 19 (lower case)
    tens: dict[str, int]  # "twenty" -> 20
    scales: dict[str, int]  # "hundred" -> 100, "dozen" -> 12
    tens_joiner: str  # "twenty-one"
    scale_joiner: str  # "two hundred and five"
    scale_article: str  # "a hundred"
    counts: dict[str, int]  # count words that are not cardinals ("a couple of" -> 2)
    ordinals: dict[str, int]  # "first" -> 1

    @property
    def month_names_lower(self) -> frozenset[str]:
        """Full month names and their abbreviations, lower case."""
        return frozenset(m.lower() for m in (*self.months, *self.month_abbreviations))

    def cardinal_words(self, lowest: int, highest: int) -> dict[str, int]:
        """Every number from ``lowest`` to ``highest`` (below 100) written in words, with the
        compounds of a ten and a unit ("twenty-one"); misspellings in ``tens`` included."""
        out = {w: v for w, v in self.units.items() if lowest <= v <= highest}
        for t, tv in self.tens.items():
            if lowest <= tv <= highest:
                out[t] = tv
            for u, uv in self.units.items():
                if 1 <= uv <= 9 and lowest <= tv + uv <= highest:
                    out[f"{t}{self.tens_joiner}{u}"] = tv + uv
        return out


def _ints(d: dict[Any, Any], lower: bool = True) -> dict[str, int]:
    return {(str(k).lower() if lower else str(k)): int(v) for k, v in d.items()}


@cached
def _language(lang: str) -> Language:
    cal = words("calendar", lang)
    num = words("numbers", lang)
    return Language(
        code=lang,
        months={str(m): i for i, m in enumerate(cal["months"], start=1)},
        month_abbreviations=_ints(cal["month_abbreviations"], lower=False),
        weekdays={str(d): i for i, d in enumerate(cal["weekdays"])},
        units=_ints(num["units"]),
        tens=_ints(num["tens"]),
        scales=_ints(num["scales"]),
        tens_joiner=str(num["tens_joiner"]),
        scale_joiner=str(num["scale_joiner"]).lower(),
        scale_article=str(num["scale_article"]).lower(),
        counts={" ".join(str(k).lower().split()): int(v) for k, v in num["counts"].items()},
        ordinals=_ints(num["ordinals"]),
    )


def language(lang: str | None = None) -> Language:
    """The :class:`Language` of ``lang`` (default: the active settings' language)."""
    return _language(lang or code())


def wordlist(name: str, key: str) -> frozenset[str]:
    """One list of a file, lower case: ``wordlist("grammar", "determiners")``."""
    return _wordlist(name, key, code())


@cached
def _wordlist(name: str, key: str, lang: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words(name, lang)[key])
