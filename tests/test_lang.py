"""Language data (warlog.lang): English word lists in one place, and adding a language.

A language is a folder of word lists (``calendar.yaml``, ``numbers.yaml``, ``grammar.yaml``,
``titles.yaml``, ``abbreviations.yaml``). A folder ``<data_dir>/<code>/`` selected by
``Settings(data_dir=..., language=<code>)`` adds one; a file it lacks is read from English.
The sentences are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from warlog import lang
from warlog.casualties import count_fatalities, find_quantities, parse_number
from warlog.nlp.sentences import split_sentences
from warlog.settings import Settings, using
from warlog.timeline.mentions import find_mentions

XX_CALENDAR = {
    "months": [
        "Janvier",
        "Fevrier",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Aout",
        "Septembre",
        "Octobre",
        "Novembre",
        "Decembre",
    ],
    "month_abbreviations": {"Janv": 1, "Fevr": 2, "Sept": 9},
    "weekdays": ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"],
}


def _write(folder: Path, name: str, content: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def xx(tmp_path: Path) -> Settings:
    """A data folder holding a new language ``xx`` that has only a calendar."""
    _write(tmp_path / "xx", "calendar.yaml", XX_CALENDAR)
    return Settings(data_dir=tmp_path, language="xx")


def test_english_calendar_is_in_order() -> None:
    en = lang.language("en")
    assert en.months["January"] == 1 and en.months["December"] == 12
    assert en.month_abbreviations["Sept"] == 9
    assert en.weekdays["Monday"] == 0 and en.weekdays["Sunday"] == 6
    assert "sept" in en.month_names_lower and "may" in en.month_names_lower


def test_cardinal_words_build_compounds() -> None:
    words = lang.language("en").cardinal_words(1, 50)
    assert words["one"] == 1 and words["nineteen"] == 19
    assert words["twenty-one"] == 21 and words["forty-nine"] == 49 and words["fifty"] == 50
    assert "zero" not in words and "sixty" not in words


def test_each_reader_takes_months_from_one_file() -> None:
    # the date finder, the sentence splitter and the number reader all know "Sept."
    assert [m.m1 for m in find_mentions("The convoy left on 3 Sept. 2015.")] == [9]
    assert len(list(split_sentences("They met on 3 Sept. 2015 in the city."))) == 1
    assert find_quantities("On 24 May the town fell.") == []  # a day, not a count


def test_a_new_language_changes_month_recognition(xx: Settings) -> None:
    sentence = "The town fell on 14 Mars 2016 after a siege."
    counted = "On 14 Mars, 12 soldiers were killed."
    assert find_mentions(sentence) == []  # "Mars" is no English month
    assert [q.value for q in find_quantities(counted)] == [14, 12]
    with using(xx):
        assert lang.code() == "xx"
        found = find_mentions(sentence)
        assert [(m.d1, m.m1, m.y1) for m in found] == [(14, 3, 2016)]
        raid = find_mentions("The raid came on Jeudi 3 Aout.")
        assert [(m.weekday, m.d1, m.m1) for m in raid] == [(3, 3, 8)]
        # a day of "Mars" is a date for the number reader too, not a count of people
        assert [q.value for q in find_quantities(counted)] == [12]
    # leaving the settings restores English
    assert find_mentions(sentence) == []
    assert [m.m1 for m in find_mentions("The town fell on 14 March 2016.")] == [3]


def test_a_language_without_a_file_falls_back_to_english(xx: Settings) -> None:
    with using(xx):
        assert lang.words("numbers")["units"]["three"] == 3  # xx has no numbers.yaml
        assert parse_number("twenty-one") == 21
        assert count_fatalities("Three soldiers were killed.").killed == 3


def test_overriding_an_english_file_changes_number_words(tmp_path: Path) -> None:
    numbers = yaml.safe_load(
        (Path(lang.__file__).parent / "en" / "numbers.yaml").read_text(encoding="utf-8")
    )
    numbers["units"]["twain"] = 2  # an extra number word, read by every reader
    _write(tmp_path / "en", "numbers.yaml", numbers)
    assert parse_number("twain") is None
    with using(Settings(data_dir=tmp_path)):
        assert parse_number("twain") == 2
        assert count_fatalities("Twain soldiers were killed.").killed == 2
    assert parse_number("twain") is None


def test_sentence_abbreviations_come_from_the_language() -> None:
    text = "Lt. Gen. Ahmed arrived. The U.S. embassy closed."
    assert [s.text for s in split_sentences(text)] == [
        "Lt. Gen. Ahmed arrived.",
        "The U.S. embassy closed.",
    ]


def test_relative_dates_count_with_the_language_number_words() -> None:
    # count words are the language's counts and cardinals up to time.yaml's count_words_max
    found = find_mentions("Twenty-eight days later the town fell.")
    assert [(m.kind, m.count) for m in found] == [("relative", 28)]
    found = find_mentions("A couple of weeks later the town fell.")
    assert [(m.kind, m.count) for m in found] == [("relative", 2)]


def test_data_files_read_yes_no_on_off_as_words_not_booleans():
    """YAML 1.1 reads no/on/off/y and the country code NO as booleans; the data loader keeps
    YAML 1.2's two booleans only, so word lists and Norway's code stay strings."""
    import yaml

    from warlog.data import DataLoader

    doc = yaml.load("words: [no, on, off, y, yes]\niso: NO\nflag: true\nother: False\n",
                    Loader=DataLoader)  # noqa: S506 - a safe loader
    assert doc == {"words": ["no", "on", "off", "y", "yes"], "iso": "NO", "flag": True,
                   "other": False}
