"""The news clock: datelines, publication dates and ``--date`` anchor a news item's relative
words; two-digit years, clock times and undated events (docs/guidelines.md, "News and wire
text"). Every sentence here is written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warlog
from warlog.cli import app
from warlog.ingest.dateline import find_dateline
from warlog.ingest.reader import read_text
from warlog.model import Document, OffsetMap
from warlog.settings import Settings, using
from warlog.timeline.anchor import iso_day, news_anchor
from warlog.timeline.clock import NarrativeClock
from warlog.timeline.docdates import document_dates
from warlog.timeline.hours import full_year, is_clock_time
from warlog.timeline.mentions import find_mentions

D = date.fromisoformat


def _doc(text: str, **meta) -> Document:
    return Document(
        name="item.txt",
        path="item.txt",
        raw=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        format="plaintext",
        meta=meta,
    )


def _days(clock: NarrativeClock, sentence: str) -> list[tuple[date, date]]:
    return [(d.date_start, d.date_end) for d in clock.read(sentence)]


def _news_clock(day: str) -> NarrativeClock:
    clock = NarrativeClock()
    clock.set_anchor(D(day))
    return clock


# ---------------------------------------------------------------------------- datelines
@pytest.mark.parametrize(
    ("text", "city", "day", "agency"),
    [
        (
            "QUETTA, 4 FEB 97 (AP) -- Tribesmen blocked the highway.",
            "Quetta",
            D("1997-02-04"),
            "AP",
        ),
        (
            "JUBA, Oct 12 (Reuters) - Soldiers looted the market.",
            "Juba",
            D("2021-10-12"),
            "Reuters",
        ),
        (
            "SAN SALVADOR, June 30, 2011 - Police detained a gang leader.",
            "San Salvador",
            D("2011-06-30"),
            None,
        ),
        (
            "Flood warning issued.\nMOPTI (AFP) - Herders clashed with farmers.",
            "Mopti",
            None,
            "AFP",
        ),
    ],
)
def test_a_dateline_gives_city_day_and_agency(text, city, day, agency):
    line = find_dateline(text)
    assert line is not None
    assert (line.place, line.day_in(D("2022-01-15")), line.agency) == (city, day, agency)


def test_a_dateline_day_after_the_publication_date_is_last_year():
    line = find_dateline("HARGEISA, Dec 30 (AFP) - Clan militias clashed.")
    assert line is not None and line.day_in(D("2024-01-02")) == D("2023-12-30")


@pytest.mark.parametrize(
    "text",
    [
        "Bamako, the capital - a city of two million - was calm.",
        "Troops repel raid near Kidal, kill six. Soldiers repelled an attack.",
        "Aftermath (2015) - the town was rebuilt.",
    ],
)
def test_ordinary_openings_are_no_dateline(text):
    assert find_dateline(text) is None


def test_two_digit_years_use_the_pivot():
    assert (full_year("90"), full_year("05"), full_year("1987")) == (1990, 2005, 1987)


# ---------------------------------------------------------------------------- clock times
@pytest.mark.parametrize(
    "text",
    [
        "The patrol was hit at 1800 near the bridge.",
        "Shelling resumed at 2130 hours on the eastern front.",
        "The curfew starts at 0600 GMT on Friday.",
        "Mortars fell around 1945 local time.",
    ],
)
def test_clock_times_are_never_years(text):
    assert not [m for m in find_mentions(text, bare_years=True) if m.has_year]
    assert document_dates(_doc(text)).year is None


def test_a_year_after_in_is_still_a_year():
    start = "Fighting resumed in 1999.".index("1999")
    assert not is_clock_time("Fighting resumed in 1999.", start, start + 4)
    assert [m.y1 for m in find_mentions("Fighting resumed in 1999.")] == [1999]


# ---------------------------------------------------------------------------- relative words
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bandits yesterday raided a cattle market.", "2023-06-13"),
        ("Militiamen burned a school last night, residents said.", "2023-06-13"),
        ("A roadside bomb exploded this morning on the ring road.", "2023-06-14"),
        ("Gunmen stormed a police post two days ago, officials said.", "2023-06-12"),
        ("Soldiers clashed with rebels on Sunday near the river.", "2023-06-11"),
        ("Rebels shelled the airport early Wednesday.", "2023-06-14"),  # a Wednesday story
        ("Troops entered the town on Thursday night.", "2023-06-08"),
        ("Rebels ambushed a convoy on 20 June, officials said.", "2022-06-20"),  # after: last year
        ("Rebels ambushed a convoy on 2 June, officials said.", "2023-06-02"),
    ],
)
def test_relative_words_count_from_the_items_day(sentence, expected):
    clock = _news_clock("2023-06-14")  # a Wednesday
    assert _days(clock, sentence)[-1][0] == D(expected)


def test_the_previous_day_follows_the_reporting_day():
    clock = _news_clock("2022-09-10")  # a Saturday
    days = _days(clock, "Police said on Friday that gunmen had killed a trader the previous day.")
    assert [d[0] for d in days] == [D("2022-09-09"), D("2022-09-08")]


def test_without_an_anchor_yesterday_dates_nothing():
    assert _days(NarrativeClock(year=2020), "Gunmen yesterday killed a chief.") == []


# ---------------------------------------------------------------------------- anchors
def test_the_anchor_is_the_dateline_then_the_date_field_then_the_run_date():
    assert news_anchor(_doc("x", date="2020-03-04T07:30:00Z")) == D("2020-03-04")
    assert news_anchor(_doc("x", date="2020-03-04", dateline={"date": "2020-03-03"})) == D(
        "2020-03-03"
    )
    assert news_anchor(_doc("x", date="5 March - 25 May 2014")) is None  # an infobox period
    with using(Settings(anchor_date="2019-11-02")):
        assert news_anchor(_doc("x")) == D("2019-11-02")
    assert iso_day(["2021-01-05"]) == D("2021-01-05")


def test_settings_refuse_a_day_that_does_not_exist():
    with pytest.raises(ValueError, match="anchor_date"):
        Settings(anchor_date="2021-02-30")


def _records(tmp_path: Path, name: str, content: str, **kw) -> list[dict]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return warlog.extract(path, **kw)


def test_jsonl_date_field_anchors_yesterday(tmp_path):
    line = {
        "id": "n1",
        "date": "2021-04-20",
        "text": "Gunmen yesterday abducted nine passengers from a bus near Zaria.",
    }
    recs = _records(tmp_path, "items.jsonl", json.dumps(line) + "\n")
    assert [r["event_date"] for r in recs] == ["2021-04-19"]


def test_front_matter_date_anchors_a_weekday(tmp_path):
    text = (
        "---\ntitle: Attack on a market\ndate: 2022-05-12\n---\n\n"
        "Militants attacked a market in Kismayo on Tuesday, killing four traders.\n"
    )
    recs = _records(tmp_path, "item.md", text)
    assert recs and recs[0]["event_date"] == "2022-05-10"


def test_html_published_time_anchors_last_night(tmp_path):
    html = (
        '<html><head><meta property="article:published_time" '
        'content="2020-08-03T06:00:00+00:00"><title>Raid</title></head><body><article>'
        "<p>Armed men raided a village near Menaka last night, killing six herders.</p>"
        "</article></body></html>"
    )
    recs = _records(tmp_path, "item.html", html)
    assert recs and recs[0]["event_date"] == "2020-08-02"


def test_a_wire_item_with_a_two_digit_year_is_dated(tmp_path):
    text = (
        "CUZCO, 7 AUG 91 (EFE) -- GUERRILLAS YESTERDAY BLEW UP A BRIDGE ON THE ROAD TO "
        "QUILLABAMBA, POLICE SAID.\n"
    )
    recs = _records(tmp_path, "wire.txt", text)
    assert recs and recs[0]["event_date"] == "1991-08-06"
    assert "GUERRILLAS" in recs[0]["evidence"]  # evidence quotes the item as written


# ---------------------------------------------------------------------------- undated events
def test_an_event_with_no_day_is_kept_stored_and_exported(tmp_path):
    line = {
        "id": "u1",
        "text": "Masked gunmen kidnapped a village chief from his farm near "
        "Tillaberi, relatives said.",
    }
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    recs = warlog.extract(path, db=tmp_path / "w.db", out=tmp_path / "e.csv")
    assert len(recs) == 1
    assert recs[0]["event_date"] is None and recs[0]["time_precision"] is None
    assert recs[0]["sub_event_type"]
    assert len((tmp_path / "e.csv").read_text().splitlines()) == 2


def test_a_wikipedia_style_summary_before_the_first_date_stays_out():
    text = (
        "The 2015 Zabadani offensive was a military operation.\n\nThe clashes were "
        "concentrated around the town.\n\nOn 4 July 2015, rebels attacked the town."
    )
    docs = read_text(text, "Zabadani_offensive.txt")
    from warlog.events.extract import extract_events

    events = extract_events(docs[0])
    assert events and all(e.event_date is not None for e in events)


def test_cli_date_option_and_the_undated_note(tmp_path):
    path = tmp_path / "items.jsonl"
    lines = [
        {"id": "a", "text": "Gunmen yesterday shot dead a tax collector in Gao."},
        {"id": "b", "text": "Masked gunmen kidnapped a trader near Tillaberi, police said."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "extract",
            str(path),
            "--db",
            str(tmp_path / "a.db"),
            "--out",
            str(tmp_path / "a.jsonl"),
            "--quiet",
            "--workers",
            "1",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "give their publication day with --date" in res.output
    res = runner.invoke(
        app,
        [
            "extract",
            str(path),
            "--db",
            str(tmp_path / "b.db"),
            "--out",
            str(tmp_path / "b.jsonl"),
            "--quiet",
            "--workers",
            "1",
            "--date",
            "2024-02-10",
        ],
    )
    assert res.exit_code == 0, res.output
    dates = {
        json.loads(x)["doc"][-1]: json.loads(x)["event_date"]
        for x in (tmp_path / "b.jsonl").read_text().splitlines()
    }
    assert dates["a"] == "2024-02-09"
    bad = runner.invoke(
        app, ["extract", str(path), "--db", str(tmp_path / "c.db"), "--date", "2024-13-01"]
    )
    assert bad.exit_code == 2


def test_a_reporting_day_is_not_the_event_day(tmp_path):
    line = {
        "id": "r1",
        "date": "2022-09-10",
        "text": "Police said on Friday that gunmen had shot dead a trader outside Gao the "
        "previous day.",
    }
    recs = _records(tmp_path, "items.jsonl", json.dumps(line) + "\n")
    assert [r["event_date"] for r in recs] == ["2022-09-08"]


def test_a_feature_that_moves_to_another_year_keeps_that_year():
    clock = _news_clock("2024-05-02")
    assert _days(clock, "In 2019, militias took the valley.")[0][0] == D("2019-01-01")
    assert _days(clock, "On 5 March, the army retook it.")[0][0] == D("2019-03-05")


def test_a_new_year_inside_a_news_item():
    clock = _news_clock("2024-01-03")
    days = _days(clock, "Drones struck the port on 30 December and again on 2 January.")
    assert [d[0] for d in days] == [D("2023-12-30"), D("2024-01-02")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a weekly occasion dates the event on its weekday, the last one on or before the item
        ("A bomb went off in a mosque during Friday prayers, killing nine.", "2023-06-09"),
        ("Gunmen opened fire on worshippers after Sunday mass.", "2023-06-11"),
        # a duration before "on" + a place is no shift: the weekday dates the release
        (
            "Kidnappers freed a nurse they had held for four months on the outskirts on Monday.",
            "2023-06-12",
        ),
    ],
)
def test_weekly_occasions_and_durations_in_news(sentence, expected):
    clock = _news_clock("2023-06-14")  # a Wednesday
    assert _days(clock, sentence)[-1][0] == D(expected)


def test_a_count_of_months_on_alone_is_later():
    clock = NarrativeClock()
    _days(clock, "Rebels took the town on 3 March 2015.")
    start, _ = _days(clock, "Two months on, the army retook it.")[-1]
    assert (start.year, start.month) == (2015, 5)  # a month's precision


def test_a_weekly_occasion_in_a_narrative_dates_nothing():
    """Without an item date, "after Friday prayers" tells a habit as often as a day."""
    clock = NarrativeClock()
    _days(clock, "Rebels took the town on 3 March 2015.")
    assert _days(clock, "Crowds gathered after Friday prayers to protest.") == []
