"""Tests for warlog.timeline: finding date expressions and resolving them through a narrative.

The fixtures in tests/fixtures/timeline/ are real corpus files copied byte for byte: the two
seeds (a front-lines Markdown export and a plain-text scrape), a front-lines article, a
front-lines-early article and a wikipedia-plain article. Expected dates come from the gold
annotations of those documents (shared/eval/gold), restated here so that the tests run in a
clone without the shared folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from warlog.model import Document, OffsetMap, ResolvedDate, Section
from warlog.nlp.sentences import split_sentences
from warlog.timeline.clock import NarrativeClock
from warlog.timeline.days import ClockDate
from warlog.timeline.docdates import document_dates
from warlog.timeline.mentions import find_mentions

FIX = Path(__file__).parent / "fixtures" / "timeline"
D = date.fromisoformat


# ---------------------------------------------------------------------------- helpers
def build_document(path: Path) -> Document:
    """A Document from a corpus file, by hand: YAML front matter as meta, "#" lines or short
    bare lines (plain-text exports) as section headings."""
    raw = path.read_text(encoding="utf-8")
    meta: dict = {}
    text = raw
    if raw.startswith("---"):
        end = raw.index("\n---", 3)
        front = yaml.safe_load(raw[3:end]) or {}
        meta = {"title": front.get("subject") or front.get("title"), **front}
        if isinstance(meta.get("date"), list):
            meta["date"] = "; ".join(meta["date"])
        text = raw[end + 4 :]
    meta.setdefault("title", path.stem.replace("_", " "))
    doc = Document(path.name, str(path), raw, text, OffsetMap.identity(len(text)), "markdown", meta)
    pos = 0
    for line in text.split("\n"):
        title = line.lstrip("#").strip()
        bare = 0 < len(line) < 40 and not line.endswith((".", "|")) and line[:1].isupper()
        if line.startswith("#") or bare:
            doc.sections.append(Section(pos, pos + len(line), title, line.count("#") or 2))
        pos += len(line) + 1
    return doc


@dataclass
class Read:
    """One sentence as the event extractor sees it."""

    start: int
    text: str
    dates: list[ResolvedDate]
    before: ResolvedDate | None  # clock.current before the sentence


def read_document(doc: Document) -> list[Read]:
    """Read ``doc`` in order with a NarrativeClock, like the event extractor does."""
    clock = NarrativeClock.for_document(doc)
    heads = {s.start: s.title for s in doc.sections}
    out: list[Read] = []
    pos = 0
    for line in doc.text.split("\n"):
        ls, pos = pos, pos + len(line) + 1
        if ls in heads:
            clock.start_section(heads[ls])
            continue
        for sp in split_sentences(doc.text, ls, ls + len(line)):
            before = clock.current
            out.append(Read(sp.start, sp.text, clock.read(sp.text, sp.start), before))
    return out


def date_for(reads: list[Read], doc: Document, evidence: str) -> ResolvedDate:
    """The date an extractor would give to the event reported by ``evidence``: a date inside
    it, else the last one before it in its sentence, else the narrative's current date."""
    i = doc.text.index(evidence)
    r = next(r for r in reads if r.start <= i < r.start + len(r.text))
    inside = [d for d in r.dates if i <= d.start < i + len(evidence)]
    prior = [d for d in r.dates if d.start < i]
    found = inside[0] if inside else prior[-1] if prior else r.before
    assert found is not None, evidence
    return found


def check(found: ResolvedDate, start: str, end: str | None = None, precision: int = 1) -> None:
    assert (found.date_start, found.date_end, found.precision) == (
        D(start),
        D(end or start),
        precision,
    ), found


def clock_at(day: str) -> NarrativeClock:
    """A clock whose narrative has just established ``day`` (an ISO date)."""
    d = D(day)
    clock = NarrativeClock(year=d.year)
    got = clock.read(f"On {d.day} {d.strftime('%B')} {d.year}, fighting broke out.")
    assert got and got[0].date_start == d
    return clock


# ---------------------------------------------------------------------------- whole documents
@pytest.fixture(scope="module")
def seed() -> tuple[Document, list[Read]]:
    doc = build_document(FIX / "000_ab17bddbe8309b0d.txt")
    return doc, read_document(doc)


@pytest.mark.parametrize(
    ("evidence", "start", "end", "precision"),
    [
        ("Late in the evening on 23 July, a 640-men", "2014-07-23", None, 1),
        ("The next day, just hours after the attack on Division 17", "2014-07-24", None, 1),
        ("During the night of 25 July, a suicide car-bomb", "2014-07-25", None, 1),
        ("reached Brigade 93 that day", "2014-07-26", None, 1),
        ("On the same day, ISIL forces penetrated", "2014-07-26", None, 1),
        ("In the evening, it was reported that ISIL", "2014-07-26", None, 1),
        ("by the next day, according to SOHR", "2014-07-27", None, 1),
        ("After overnight clashes that started with a triple", "2014-08-06", "2014-08-07", 1),
        ("on 7 August, ISIL forces captured", "2014-08-07", None, 1),
        ("The next day, ISIL was in full control", "2014-08-08", None, 1),
        ("On 25 November 2013, they had shot down", "2013-11-25", None, 1),
        ("On 8 August, ISIS repelled", "2014-08-08", None, 1),
        ("Around 10 August 2014, ISIL started", "2014-08-10", None, 2),
        ("Another airstrike occurred the same day", "2014-08-28", None, 1),
        ("executed 160 Syrian soldiers between 27 and 28 August", "2014-08-27", "2014-08-28", 1),
        ("At the beginning of October, 29 soldiers", "2014-10-01", "2014-10-10", 3),
        ("bombed by the Air Force on 14 September", "2014-09-14", None, 1),
        ("The next day, Special forces and Syrian Army", "2014-09-15", None, 1),
    ],
)
def test_seed_markdown_dates_match_gold(seed, evidence, start, end, precision) -> None:
    doc, reads = seed
    check(date_for(reads, doc, evidence), start, end, precision)


def test_seed_relative_dates_are_flagged_and_offsets_point_into_the_text(seed) -> None:
    doc, reads = seed
    dates = [d for r in reads for d in r.dates]
    assert all(doc.text[d.start : d.end] == d.text for d in dates)
    relative = {d.text: d.relative for d in dates}
    assert relative["The next day"] is True
    assert relative["On 26 July"] is False


def test_pluperfect_flashback_does_not_move_the_clock(seed) -> None:
    doc, reads = seed
    flash = date_for(reads, doc, "On 25 November 2013, they had shot down")
    assert isinstance(flash, ClockDate) and flash.background
    nxt = date_for(reads, doc, "soldiers arrived at the air base on 14 August")
    check(nxt, "2014-08-14")  # back in 2014: the flashback did not drag the year to 2013


def test_idlib_offensive_relative_chain() -> None:
    doc = build_document(FIX / "2014_idlib_offensive.md")
    reads = read_document(doc)
    expected = [
        ("The rebels began the operation on 5 March", "2014-03-05"),
        ("three days later it was reported that the rebels were trying", "2014-03-08"),
        ("A day after the report of the offensive", "2014-03-09"),
        ("13 days later it was reported that the rebels seized", "2014-03-25"),
        ("A day later, the SOHR reported", "2014-04-05"),
        ("three days later reportedly took an Army checkpoint", "2014-04-11"),
        ("but Syrian Army units took it back the next day", "2014-04-12"),
        ("The next day, six car bombs were detonated", "2014-05-25"),
        ("The following day, rebels captured the al-Salam checkpoint", "2014-05-26"),
        ("during the takeover of the Khazanat base on the 25th", "2014-05-25"),
        ("On 27 October, Al-Nusra stormed", "2014-10-27"),
        ("Later that same day, the army recaptured", "2014-10-27"),
    ]
    for evidence, day in expected:
        check(date_for(reads, doc, evidence), day)


def test_plain_scrape_with_year_from_title_and_new_year_crossing() -> None:
    doc = build_document(FIX / "003_fe1c7054a3912c6b.txt")
    doc.meta = {"title": "Deir ez-Zor offensive (2024)"}  # what the scrape's ingest knows
    reads = read_document(doc)
    check(date_for(reads, doc, "Two days later, a United States Air Force strike"), "2024-11-19")
    check(date_for(reads, doc, "Earlier in November"), "2024-11-01", "2024-11-18", 3)
    check(date_for(reads, doc, "The following day, ISIS operatives riding"), "2024-11-28")
    check(date_for(reads, doc, "Two days later, the SDF captured the Thawra"), "2024-12-05")
    check(date_for(reads, doc, "took full control of it by the end of the day"), "2024-12-06")
    check(date_for(reads, doc, "On 20 January 2025, local gunmen"), "2025-01-20")
    check(date_for(reads, doc, "At the end of the next day"), "2025-01-21")
    check(date_for(reads, doc, "The following week the SDF"), "2025-01-27", "2025-02-02", 2)


def test_wikipedia_plain_and_front_lines_early() -> None:
    kunduz = build_document(FIX / "Battle_of_Kunduz_(2016).md")
    reads = read_document(kunduz)
    check(date_for(reads, kunduz, "a four pronged attack was launched on Kunduz"), "2016-10-03")
    check(date_for(reads, kunduz, "By the evening the local police chief"), "2016-10-03")
    check(date_for(reads, kunduz, "On 4 October, Afghan forces"), "2016-10-04")
    check(date_for(reads, kunduz, "On 12 October, Afghan security forces"), "2016-10-12")

    boul = build_document(FIX / "battle_of_boulikessi.md")
    reads = read_document(boul)
    check(
        date_for(reads, boul, "took place on October 30 and 31, 2020"), "2020-10-30", "2020-10-31"
    )
    check(date_for(reads, boul, "On the evening of October 30, 2020"), "2020-10-30")
    check(date_for(reads, boul, "On November 2, the French Minister"), "2020-11-02")
    check(date_for(reads, boul, "gave the same day an assessment"), "2020-11-02")


# ---------------------------------------------------------------------------- document year
def test_document_dates_from_meta_title_and_text() -> None:
    seed = build_document(FIX / "000_ab17bddbe8309b0d.txt")
    dd = document_dates(seed)
    assert dd.year == 2014 and dd.period == (D("2014-07-23"), D("2014-08-28"))
    idlib = build_document(FIX / "2014_idlib_offensive.md")
    assert document_dates(idlib).period == (D("2014-03-05"), D("2014-05-25"))
    kunduz = build_document(FIX / "Battle_of_Kunduz_(2016).md")
    assert document_dates(kunduz).year == 2016  # from the title "(2016)"
    text = "The clashes began on 3 March 2019 near the border."
    bare = Document("x.txt", "", text, text, OffsetMap.identity(len(text)), "plaintext")
    assert document_dates(bare).year == 2019  # from the text: name and title carry no year


# ---------------------------------------------------------------------------- absolute forms
@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "granularity"),
    [
        ("On 23 July, fighting resumed.", "2014-07-23", None, 1, "day"),
        ("On July 23, fighting resumed.", "2014-07-23", None, 1, "day"),
        ("on 23 July 2015 the town fell.", "2015-07-23", None, 1, "day"),
        ("On the evening of October 30, 2020, jets struck.", "2020-10-30", None, 1, "day"),
        ("It was reported on 2014-07-23 by SANA.", "2014-07-23", None, 1, "day"),
        ("on the 23rd of July the army attacked.", "2014-07-23", None, 1, "day"),
        ("In March 2015, the group split.", "2015-03-01", "2015-03-31", 3, "month"),
        ("in October the rebels advanced.", "2014-10-01", "2014-10-31", 3, "month"),
        ("In late July, rebels advanced.", "2014-07-21", "2014-07-31", 2, "month"),
        ("In early October, rebels advanced.", "2014-10-01", "2014-10-10", 3, "month"),
        ("By mid-July, rebels advanced.", "2014-07-11", "2014-07-20", 2, "month"),
        ("In 2016, the group split.", "2016-01-01", "2016-12-31", 3, "year"),
        ("In the summer of 2015, the group split.", "2015-06-01", "2015-08-31", 3, "season"),
        ("It lasted 23 July – 28 August 2014.", "2014-07-23", "2014-08-28", 1, "days"),
        ("Clashes between 27 and 28 August left 5 dead.", "2014-08-27", "2014-08-28", 1, "days"),
        ("The siege lasted from 5 to 9 March.", "2014-03-05", "2014-03-09", 1, "days"),
        ("Initial attacks took place 27 February–16 March.", "2014-02-27", "2014-03-16", 1, "days"),
        ("It took place on 30 and 31 October.", "2014-10-30", "2014-10-31", 1, "days"),
        ("It took place on October 30 and 31, 2020.", "2020-10-30", "2020-10-31", 1, "days"),
        ("Clashes on 10-23 August killed dozens.", "2014-08-10", "2014-08-23", 1, "days"),
        ("Around 10 August, ISIL attacked.", "2014-08-10", None, 2, "day"),
    ],
)
def test_absolute_expressions(text, start, end, precision, granularity) -> None:
    clock = NarrativeClock(year=2014)
    found = clock.read(text, 100)
    assert len(found) == 1, found
    d = found[0]
    check(d, start, end, precision)
    assert isinstance(d, ClockDate) and d.granularity == granularity
    assert d.text == text[d.start - 100 : d.end - 100] and not d.relative


def test_not_dates() -> None:
    for text in [
        "ISIL attacked Division 17 and Brigade 93 and the Regiment 121 base.",
        "The rebels cut the M-5 highway and received 20 TOW missiles.",
        "Resolution 2254 was adopted; the 1990s were calm; at 12:00 and 14:23 shots were heard.",
        "The March 14 Alliance and the 8 March Revolution were named after dates.",
        "He was 23 years old; 24 soldiers and 1500 rebels were killed.",
    ]:
        assert find_mentions(text) == [], text


def test_day_number_next_to_a_count() -> None:
    ms = find_mentions("On 3 November 33 rebels were killed; On 24 May, 24 soldiers died.")
    assert [(m.text, m.d1, m.m1, m.y1) for m in ms] == [
        ("On 3 November", 3, 11, None),
        ("On 24 May", 24, 5, None),
    ]
    ms = find_mentions("In February 28 Islamists were killed.")  # a month and a count
    assert [(m.kind, m.m1, m.d1) for m in ms] == [("month", 2, None)]


def test_event_names_do_not_move_the_clock() -> None:
    clock = clock_at("2016-05-10")
    found = clock.read("Veterans of the 2014 offensive and the 23 July attack met.")
    assert [d.text for d in found] == ["the 23 July"]  # "the 2014" has no preposition
    assert found[0].background and clock.current.date_start == D("2016-05-10")
    found = clock.read("The group has been active since 2011.")
    assert found[0].background and clock.year == 2016


# ---------------------------------------------------------------------------- relative forms
@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("The next day, the army attacked.", "2014-07-24", None, 1),
        ("The following day, the army attacked.", "2014-07-24", None, 1),
        ("A day later, the army attacked.", "2014-07-24", None, 1),
        ("the day after, the army attacked.", "2014-07-24", None, 1),
        ("Two days later, the army attacked.", "2014-07-25", None, 1),
        ("13 days later it was reported", "2014-08-05", None, 1),
        ("a week later the army attacked.", "2014-07-30", None, 1),
        ("The following week the SDF launched an operation.", "2014-07-28", "2014-08-03", 2),
        ("On the same day, the army attacked.", "2014-07-23", None, 1),
        ("Later that same day, the army attacked.", "2014-07-23", None, 1),
        ("The base fell that night.", "2014-07-23", None, 1),
        ("During the night, the army attacked.", "2014-07-23", None, 1),
        ("Clashes continued overnight.", "2014-07-23", None, 1),
        ("They took the town by the end of the day.", "2014-07-23", None, 1),
        ("At the end of the next day, the SDF attacked.", "2014-07-24", None, 1),
        ("by the next day, rebels held the base.", "2014-07-24", None, 1),
        ("In the morning, the army attacked.", "2014-07-23", None, 1),
        ("The previous day, rebels had attacked.", "2014-07-22", None, 1),
        ("A day earlier, rebels had attacked.", "2014-07-22", None, 1),
        ("the day before, rebels had attacked.", "2014-07-22", None, 1),
        ("Two days earlier, rebels had attacked.", "2014-07-21", None, 1),
        ("The following month, rebels attacked.", "2014-08-01", "2014-08-31", 3),
        ("A few days later, rebels attacked.", "2014-07-25", "2014-07-28", 2),
        ("Later that month, rebels attacked.", "2014-07-24", "2014-07-31", 3),
    ],
)
def test_relative_expressions(text, start, end, precision) -> None:
    clock = clock_at("2014-07-23")  # a Wednesday
    found = clock.read(text)
    assert len(found) == 1, found
    check(found[0], start, end, precision)
    assert found[0].relative


def test_relative_moves_the_clock_forward_only() -> None:
    clock = clock_at("2014-07-23")
    clock.read("Two days later, the army attacked.")
    assert clock.current.date_start == D("2014-07-25")
    clock.read("The previous day, rebels had withdrawn.")  # a look back
    assert clock.current.date_start == D("2014-07-25")
    assert clock.read("The next day, the town fell.")[0].date_start == D("2014-07-26")


def test_explicit_date_wins_over_relative_restatement() -> None:
    clock = clock_at("2014-03-10")
    found = clock.read("Two days later, on 21 March, the army attacked.")
    assert len(found) == 1 and found[0].date_start == D("2014-03-21")
    assert found[0].text == "Two days later, on 21 March" and not found[0].relative


def test_days_after_an_event_with_its_own_date() -> None:
    clock = clock_at("2017-01-10")
    found = clock.read("Two days after the suicide bombings on January 15, IS claimed them.")
    assert [(d.text, d.date_start) for d in found] == [
        ("Two days after", D("2017-01-17")),
        ("on January 15", D("2017-01-15")),
    ]
    assert clock.current.date_start == D("2017-01-17")


def test_relative_before_any_date_is_left_out() -> None:
    clock = NarrativeClock(year=2014)
    assert clock.read("The next day, the army attacked.") == []
    assert clock.current is None


# ---------------------------------------------------------------------------- narrative year
def test_year_rolls_over_when_the_month_jumps_back() -> None:
    clock = clock_at("2014-12-20")
    assert clock.read("On 3 January, rebels attacked.")[0].date_start == D("2015-01-03")
    assert clock.read("On 5 February, rebels attacked.")[0].date_start == D("2015-02-05")
    assert clock.read("On 28 December, rebels attacked.")[0].date_start == D("2014-12-28")


def test_pluperfect_going_forward_is_not_a_flashback() -> None:
    clock = clock_at("2022-05-01")
    found = clock.read("On 6 May, some 500 civilians had been evacuated.")
    assert not found[0].background and clock.current.date_start == D("2022-05-06")
    found = clock.read("By 16 April, Ukraine had recaptured the town.")  # "by": normal tense
    assert not found[0].background and clock.current.date_start == D("2022-04-16")


def test_flashback_without_year_is_placed_before_the_current_date() -> None:
    clock = clock_at("2014-03-10")
    found = clock.read("On 3 November, they had shot down a helicopter.")
    assert found[0].date_start == D("2013-11-03") and found[0].background
    assert clock.current.date_start == D("2014-03-10")


def test_sections_carry_dates() -> None:
    clock = NarrativeClock(year=2022)
    clock.start_section("Initial attacks (27 February–16 March)")
    assert (clock.current.date_start, clock.current.date_end) == (D("2022-02-27"), D("2022-03-16"))
    clock.start_section("2014")
    assert clock.year == 2014 and clock.current.granularity == "year"
    assert clock.read("On 5 May, rebels attacked.")[0].date_start == D("2014-05-05")
    clock.start_section("March 2015")
    assert (clock.current.date_start, clock.current.precision) == (D("2015-03-01"), 3)
    assert clock.read("On 3 April, the army attacked.")[0].date_start == D("2015-04-03")
    clock.start_section("Aftermath")  # no date: the clock keeps its place
    assert clock.current.date_start == D("2015-04-03")


def test_headings_bring_a_background_narrative_back_to_the_document_period() -> None:
    clock = NarrativeClock(year=2014, period=(D("2014-03-05"), D("2014-05-25")))
    clock.read("In May 2013, the rebels first besieged the town.")
    clock.start_section("Offensive")
    assert clock.read("On 5 March, the rebels attacked.")[0].date_start == D("2014-03-05")


def test_year_only_mentions_are_marked() -> None:
    clock = NarrativeClock(year=2014)
    d = clock.read("In 2016, the group split.")[0]
    assert isinstance(d, ClockDate) and d.is_year_only and d.precision == 3
    assert clock.year == 2016


def test_results_are_resolved_dates_in_sentence_order() -> None:
    clock = NarrativeClock(year=2014)
    text = (
        "On 8 April, rebels detonated two cars, and three days later took a checkpoint, "
        "but the army took it back the next day."
    )
    found = clock.read(text, 1000)
    assert all(isinstance(d, ResolvedDate) for d in found)
    assert [d.date_start.day for d in found] == [8, 11, 12]
    assert [d.start for d in found] == sorted(d.start for d in found)
    assert all(re.fullmatch(r"[\w ,]+", d.text) for d in found)


def test_a_heading_brings_the_story_back_to_the_documents_year():
    from warlog.ingest.reader import read_text
    from warlog.nlp.sentences import split_sentences

    text = ("---\nsubject: Siege of Mariupol\n---\n\nThe siege began in 2022.\n\n"
            "## Background\nIn 2014, protests swept the city. It was shelled in January 2015.\n\n"
            "## Siege\nOn 24 February, Russian artillery bombarded the city.\n")
    doc = read_text(text, "siege_of_mariupol.md")[0]
    clock = NarrativeClock.for_document(doc)
    found, section = [], None
    for s in split_sentences(doc.text):
        sec = doc.section_at(s.start)
        if sec is not section:
            section = sec
            if sec:
                clock.start_section(sec.title)
        found += [(d.text, d.date_start.isoformat()) for d in clock.read(s.text, s.start)]
    assert ("On 24 February", "2022-02-24") in found


# ---------------------------------------------------------------------------- profile span
def test_profile_span_places_a_year_less_date_read_before_any_other() -> None:
    # an offensive of 6 November 2016 – 23 February 2017 whose lead opens "On 10 January":
    # the narrative has no date yet, only the conflict's span puts January in 2017
    clock = NarrativeClock(year=2016)
    clock.span = (D("2016-11-06"), D("2017-02-23"))
    assert clock.read("On 10 January, rebels attacked.")[0].date_start == D("2017-01-10")
    plain = NarrativeClock(year=2016)
    assert plain.read("On 10 January, rebels attacked.")[0].date_start == D("2016-01-10")


def test_profile_span_keeps_a_month_jump_inside_the_conflict() -> None:
    # October, then "On 3 March": the clock reads a new year, unless the conflict ended
    # before that March and began before this one
    clock = clock_at("2014-10-20")
    clock.span = (D("2014-02-01"), D("2014-11-30"))
    assert clock.read("On 3 March, rebels attacked.")[0].date_start == D("2014-03-03")
    assert clock_at("2014-10-20").read("On 3 March, rebels attacked.")[0].date_start == D(
        "2015-03-03")


def test_profile_span_never_moves_a_written_year_or_a_far_date() -> None:
    clock = clock_at("2016-06-01")
    clock.span = (D("2014-11-01"), D("2015-02-28"))
    assert clock.read("On 3 March 2013, they attacked.")[0].date_start == D("2013-03-03")
    clock = clock_at("2016-06-01")
    clock.span = (D("2014-11-01"), D("2015-02-28"))
    # outside the span either way: the narrative's reading stands
    assert clock.read("On 3 May, rebels attacked.")[0].date_start == D("2016-05-03")


def test_profile_span_is_the_period_of_a_document_without_dated_metadata() -> None:
    from warlog.ingest.reader import read_path
    from warlog.profile import profile_of
    from warlog.profile.sides import ProfileSides

    path = Path(__file__).parent / "fixtures" / "golden" / "Battle_of_Kunduz_2016.html"
    doc = read_path(path)[0]  # HTML: the dates are in its infobox table, not in its metadata
    assert document_dates(doc).period is None
    sides = ProfileSides.from_profile(profile_of(doc))
    assert sides is not None and sides.span == (D("2016-10-03"), D("2016-10-12"))
    clock = NarrativeClock.for_document(doc, span=sides.span)
    assert clock.period == sides.span and clock.year == 2016


def test_profile_span_leaves_a_background_before_the_conflict_alone() -> None:
    # a conflict of September 2018 – December 2019 whose background tells "in January
    # [2018] … in December and more in March": December looks back to 2017
    clock = NarrativeClock(year=2018)
    clock.span = (D("2018-09-17"), D("2019-12-19"))
    clock.read("In January 2018, the army attacked.")
    assert clock.read("Fighters left in December.")[0].date_start.year == 2017


def test_profile_span_brings_a_summary_after_the_conflict_back_into_it() -> None:
    # a campaign of November 2016 – October 2017: after its end is told ("On 20 October"),
    # the next section's "On 6 February" is the campaign's February, not the next year's
    clock = clock_at("2017-10-20")
    clock.span = (D("2016-11-06"), D("2017-10-20"))
    assert clock.read("On 6 February, the SDF captured the village.")[0].date_start == D(
        "2017-02-06")
