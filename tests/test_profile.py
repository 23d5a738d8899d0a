"""Conflict profiles (warlog.profile): one test group per source form, on documents copied
from the corpus (tests/fixtures/profile/) and on HTML, wikitext and one-field-per-line
infoboxes made from corpus infoboxes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from warlog.ingest.reader import read_path
from warlog.profile import build_profile, profile_dict
from warlog.profile.resolve import date_span
from warlog.settings import Settings, using

FIX = Path(__file__).parent / "fixtures" / "profile"


def profile_of(name: str) -> tuple[dict, str]:
    doc = read_path(FIX / name)[0]
    prof = profile_dict(doc.raw, doc.format, doc.meta)
    assert prof is not None, name
    return prof, doc.raw


def names(prof: dict, side: int) -> list[str]:
    return [b["name"] for s in prof["sides"] if s["side"] == side for b in s["belligerents"]]


def side(prof: dict, n: int) -> dict:
    return next(s for s in prof["sides"] if s["side"] == n)


def spans(value) -> list[dict]:
    """Every {text, start, end} inside a profile value."""
    if isinstance(value, dict):
        found = [value] if {"text", "start", "end"} <= value.keys() else []
        return found + [x for v in value.values() for x in spans(v)]
    if isinstance(value, list):
        return [x for v in value for x in spans(v)]
    return []


@pytest.mark.parametrize("name", [
    "000_ab17bddbe8309b0d.txt", "003_fe1c7054a3912c6b.txt", "madagiz_offensive.md",
    "minusma_super_camp_attack.md", "madagiz_offensive.html", "minusma_super_camp_attack.wiki",
    "battle_of_boulikessi_lines.txt",
])
def test_every_value_points_at_its_words_in_the_original_file(name: str) -> None:
    prof, raw = profile_of(name)
    located = [s for s in spans(prof) if s["start"] >= 0]
    assert located and len(located) == len(spans(prof))  # every value found in the file
    for s in located:
        words = [w for w in s["text"].replace(";", " ").split() if w.isalpha()]
        piece = raw[s["start"] : s["end"]]
        if "{{" in piece:  # a wikitext template rendered ({{start date|2018|4|14}})
            continue
        assert all(w in piece for w in words[:3]), (s, piece)


def test_front_matter_infobox_sides_commanders_units_result() -> None:
    prof, _ = profile_of("madagiz_offensive.md")
    assert prof["form"] == "front_matter"
    assert prof["name"]["text"] == "Madagiz offensive"
    assert prof["part_of"]["text"] == "2020 Nagorno-Karabakh war"
    assert (prof["date_start"], prof["date_end"]) == ("2020-09-27", "2020-10-03")
    assert prof["country"] == "Azerbaijan"
    assert prof["result"]["outcome"]["text"] == "Azerbaijani victory"
    assert prof["territorial_changes"][0]["text"].startswith("Azerbaijani forces seized")
    first = side(prof, 1)["belligerents"][0]
    assert (first["name"], first["canonical"], first["inter"]) == (
        "Azerbaijan", "Military Forces of Azerbaijan", 1)
    assert names(prof, 2) == ["Republic of Artsakh", "Armenia"]
    assert "canonical" not in side(prof, 2)["belligerents"][0]  # unknown: kept by name
    assert [c["text"] for c in side(prof, 1)["commanders"]] == ["Hikmat Hasanov", "Babak Samidli"]
    assert [u["text"] for u in side(prof, 2)["units"]] == [
        "Artsakh Defence Army", "Armed Forces of Armenia"]
    assert "casualties" not in side(prof, 1)  # the source gives none: absent, not zero


def test_front_matter_losses_as_numbers_and_the_civilian_column() -> None:
    prof, raw = profile_of("minusma_super_camp_attack.md")
    assert side(prof, 1)["loss_totals"] == {"killed": {"value": 1, "low": 1, "high": 1},
                                            "wounded": {"value": 14, "low": 14, "high": 14}}
    killed = side(prof, 2)["losses"][0]
    assert (killed["kind"], killed["value"]) == ("killed", 15)
    assert raw[killed["source"]["start"] : killed["source"]["end"]] == "15"
    assert prof["other_losses"] == [{"kind": "killed", "value": 2, "source": {
        "text": "2", "start": raw.index("2 civilians killed"),
        "end": raw.index("2 civilians killed") + 1}}]


def test_tags_of_a_front_lines_export_give_sides_date_and_place() -> None:
    prof, _ = profile_of("000_ab17bddbe8309b0d.txt")
    assert prof["form"] == "tags"
    assert prof["part_of"]["text"] == "the Syrian Civil War"
    assert names(prof, 1) == ["Islamic State of Iraq and the Levant"]
    assert side(prof, 1)["belligerents"][0]["canonical"] == "Islamic State"
    assert "People's Protection Units" in names(prof, 2)  # the flag file name is gone
    assert "Syrian Army" in names(prof, 2)
    assert (prof["date_start"], prof["date_end"]) == ("2014-07-23", "2014-08-28")
    assert prof["place"]["text"] == "Eastern Syria"
    assert "result" not in prof  # the tags carry no result


def test_wikimili_table_of_the_second_seed() -> None:
    prof, raw = profile_of("003_fe1c7054a3912c6b.txt")
    assert prof["form"] == "table"
    assert prof["name"]["text"] == "Deir ez-Zor offensive (2024)"
    assert prof["part_of"]["text"].startswith("the 2024 Syrian opposition offensive")
    assert side(prof, 1)["units"][0]["text"] == "Islamic Resistance in Iraq"
    # the flags' names are lost in this scrape: no belligerent is guessed
    assert not any("belligerents" in s for s in prof["sides"])
    assert prof["other_casualties"][0]["text"] == "1 civilian killed"
    assert "date" not in prof


def test_html_infobox_table() -> None:
    prof, raw = profile_of("madagiz_offensive.html")
    assert prof["form"] == "html"
    assert prof["part_of"]["text"] == "the 2020 Nagorno-Karabakh war"
    assert prof["place"]["text"] == "Tartar District, Azerbaijan"
    assert raw[prof["date"]["start"] : prof["date"]["end"]] == (
        "September 27, 2020 &ndash; October 3, 2020")
    assert names(prof, 1) == ["Azerbaijan"] and names(prof, 2) == ["Republic of Artsakh",
                                                                   "Armenia"]
    assert [u["text"] for u in side(prof, 1)["units"]][:2] == [
        "Azerbaijani Armed Forces", "Azerbaijani Land Forces"]
    killed, tanks = side(prof, 2)["losses"]
    assert (killed["kind"], killed["low"], killed["high"]) == ("killed", 20, 30)
    assert (tanks["kind"], tanks["value"]) == ("equipment", 3)
    assert side(prof, 1)["casualties"][0]["text"] == "12 killed"  # note marker [1] dropped


def test_wikitext_infobox_with_templates() -> None:
    prof, raw = profile_of("minusma_super_camp_attack.wiki")
    assert prof["form"] == "wikitext"
    assert prof["date"]["text"] == "14 April 2018"  # {{start date|2018|4|14}}
    assert names(prof, 1) == ["MINUSMA", "Burkina Faso", "Côte d'Ivoire", "France"]
    assert names(prof, 2) == ["JNIM"]
    assert side(prof, 2)["belligerents"][0]["inter"] == 2
    assert side(prof, 1)["loss_totals"]["wounded"]["value"] == 14  # the <ref> is not a number
    src = side(prof, 1)["losses"][0]["source"]
    assert raw[src["start"] : src["end"]] == "1"


def test_one_field_per_line_infobox() -> None:
    prof, _ = profile_of("battle_of_boulikessi_lines.txt")
    assert prof["form"] == "lines"
    assert prof["result"]["outcome"]["text"] == "French victory"
    assert names(prof, 1) == ["France"] and names(prof, 2) == ["JNIM"]
    assert side(prof, 2)["strength_counts"][0]["qualifier"] == "more_than"
    assert side(prof, 2)["loss_totals"] == {"killed": {"value": 50, "low": 50, "high": 50},
                                            "captured": {"value": 4, "low": 4, "high": 4}}


def test_a_document_without_infobox_has_no_profile() -> None:
    doc = read_path(FIX / "2016_Nagrota_army_base_attack.md")[0]
    assert build_profile(doc.raw, doc.format, doc.meta) is None


@pytest.mark.parametrize(("text", "span"), [
    ("23 July – 28 August 2014", ("2014-07-23", "2014-08-28", False)),
    ("30-31 October 2020", ("2020-10-30", "2020-10-31", False)),
    ("19 October 2023 – present", ("2023-10-19", None, True)),
    ("1918–1920", ("1918-01-01", "1920-12-31", False)),
])
def test_date_span(text: str, span: tuple) -> None:
    assert date_span(text) == span


def test_labels_are_data_a_new_label_in_a_data_folder(tmp_path: Path) -> None:
    """docs/extending: a mirror that prints "Fighting parties" for the belligerents is read
    once the label is added to a copy of profile.yaml in a data folder."""
    raw = (FIX / "battle_of_boulikessi_lines.txt").read_text(encoding="utf-8")
    raw = raw.replace("Belligerents\n", "Fighting parties\n")
    assert "sides" not in (profile_dict(raw, "plaintext") or {}) or not any(
        "belligerents" in s for s in profile_dict(raw, "plaintext")["sides"])
    from warlog.data import load_yaml
    data = dict(load_yaml("profile.yaml"))
    data["labels"] = {**data["labels"],
                      "belligerents": [*data["labels"]["belligerents"], "Fighting parties"]}
    (tmp_path / "profile.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with using(Settings(data_dir=tmp_path)):
        prof = profile_dict(raw, "plaintext")
    assert prof is not None and names(prof, 1) == ["France"]


def test_front_matter_lines_are_never_read_as_a_one_field_per_line_infobox() -> None:
    raw = ("---\ntitle: A raid\nDate: 3 May 2020\nLocation: Gao, Mali\nResult: unknown\n---\n"
           "A raid took place in Gao on 3 May 2020, the army said in a statement on Monday.\n")
    assert profile_dict(raw, "markdown", {"front_matter": {"title": "A raid"}}) is None
