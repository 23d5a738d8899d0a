"""Conflict profiles on hostile markup (issue 8): the profile is built in the parent process
when a document is stored, outside any worker's budget, so its HTML and wikitext parsers must
not be super-linear. lexbor's HTML5 scope checks walk the stack of open elements (quadratic in
nesting depth) and mwparserfromhell backtracks over every tag left open (quadratic in their
number): such pages have only their infobox parsed. These tests check that this path gives
the same profile as the whole-page parse, on real infoboxes copied from the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warlog.ingest.reader import read_path
from warlog.profile import profile_dict

FIX = Path(__file__).parent / "fixtures" / "profile"


def _profile(raw: str, fmt: str) -> dict[str, Any] | None:
    return profile_dict(raw, fmt, {})


def _shifted(value: Any, by: int) -> Any:
    """A profile with every located span moved ``by`` characters."""
    if isinstance(value, dict):
        out = {k: _shifted(v, by) for k, v in value.items()}
        if {"text", "start", "end"} <= value.keys() and value["start"] >= 0:
            out["start"], out["end"] = value["start"] + by, value["end"] + by
        return out
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    return value


def _page(name: str) -> tuple[str, str]:
    doc = read_path(FIX / name)[0]
    return doc.raw, doc.format


def test_an_html_page_nested_thousands_deep_keeps_its_infobox() -> None:
    raw, fmt = _page("madagiz_offensive.html")
    plain = _profile(raw, fmt)
    assert plain is not None and plain["form"] == "html"
    deep = "<div>" * 5_000
    after = raw.replace("</body>", deep + "</body>") if "</body>" in raw else raw + deep
    assert _profile(after, fmt) == plain
    at = raw.index("<table")
    before = raw[:at] + deep + raw[at:]
    assert _profile(before, fmt) == _shifted(plain, len(deep))


def test_an_infobox_itself_nested_thousands_deep_is_no_profile() -> None:
    raw, fmt = _page("madagiz_offensive.html")
    at = raw.index("<tr")
    assert _profile(raw[:at] + "<div>" * 5_000 + raw[at:], fmt) is None
    assert _profile("<html><body>" + "<div>" * 5_000 + "x", fmt) is None


def test_wikitext_with_thousands_of_unclosed_tags_keeps_its_infobox() -> None:
    raw, fmt = _page("minusma_super_camp_attack.wiki")
    plain = _profile(raw, fmt)
    assert plain is not None and plain["form"] == "wikitext"
    refs = "<ref>" * 2_000
    assert _profile(raw + refs, fmt) == plain
    at = raw.index("{{Infobox")
    assert _profile(raw[:at] + refs + raw[at:], fmt) == _shifted(plain, len(refs))


def test_an_infobox_template_full_of_unclosed_tags_is_no_profile() -> None:
    raw, fmt = _page("minusma_super_camp_attack.wiki")
    at = raw.index("|", raw.index("{{Infobox"))
    assert _profile(raw[:at] + "<ref>" * 2_000 + raw[at:], fmt) is None
    assert _profile("{{Infobox military conflict\n" + "<ref>" * 2_000, fmt) is None


def test_a_value_of_quote_signs_against_a_run_of_quotes_is_searched_once_per_position():
    """Quotes are both signs of a value and gaps between its words: without remembering each
    (sign, position) answer the locator tried every split of the run (exponential; twenty
    quotes against sixty did not end). It ends now, and finds no match where none is."""
    from warlog.profile.text import _search, _tokens

    raw = '"' * 60 + "x"
    assert _search(raw, _tokens('" ' * 20 + "y"), 0, len(raw)) is None
    assert _search(raw, _tokens('" ' * 20 + "x"), 0, len(raw)) is not None
