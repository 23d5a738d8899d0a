"""Where a list entry is coded (narr26). Passages written for the tests, each run through the
whole extractor.

A list or timeline entry that opens with its own date ("* 9 May 2013 – A helicopter was shot
down near the border with Algeria") is an item of its own: the town the entry before named is
not its place. An entry that names no town is coded at the area or country it is in
(GUIDELINES: the most specific place the text supports), not at the previous entry's town. A
narrative's next paragraph ("On 9 May 2013, ...") still carries the narrative's place.
"""

from __future__ import annotations

import pytest

from conftest import extract_titled as _extract
from conftest import near
from conftest import records_on as _on

TIMBUKTU = (16.77, -3.01)


def _near(rec: dict, point: tuple[float, float]) -> bool:
    return near(rec, point, within=0.1)


FIRST = ("3 May 2013 – A Malian Air Force helicopter was shot down by rebels near Timbuktu, "
         "killing its crew of four.")
SECOND = "9 May 2013 – A Malian Air Force helicopter was shot down by rebels{where}."

# (how the entries are set out; the second entry's place words)
ENTRIES = {
    "bullets, no place": (" * {a}\n * {b}", ""),
    "dashes, border only": ("- {a}\n- {b}", " near the border with Algeria"),
    "flag image before the date": (" * Flag of Mali.svg {a}\n * Flag of Mali.svg {b}",
                                   " near the border with Algeria"),
    "lines without bullets": ("{a}\n\n{b}", " near the border with Algeria"),
}


@pytest.mark.parametrize("case", sorted(ENTRIES))
def test_an_entry_naming_no_town_is_not_the_entry_befores_town(tmp_path, case):
    layout, where = ENTRIES[case]
    text = "## 2013\n\n" + layout.format(a=FIRST, b=SECOND.format(where=where))
    recs = _extract(tmp_path, text, "List of aircraft losses during the Mali War")
    assert any(_near(r, TIMBUKTU) for r in _on(recs, "2013-05-03"))
    for rec in _on(recs, "2013-05-09"):
        assert not _near(rec, TIMBUKTU), rec
        assert "Timbuktu" not in rec["location"], rec
        assert rec["country"] == "Mali", rec


def test_an_entrys_own_town_is_kept_and_carried_inside_the_entry(tmp_path):
    text = ("## 2013\n\n * 3 May 2013 – Rebels shot down a Malian Air Force helicopter near "
            "Timbuktu. The next day, rebels ambushed the soldiers sent to recover it, killing "
            "six.\n * 9 May 2013 – Rebels shot down a Malian Air Force jet near Timbuktu.")
    recs = _extract(tmp_path, text, "List of aircraft losses during the Mali War")
    for day in ("2013-05-03", "2013-05-04", "2013-05-09"):
        assert all(_near(r, TIMBUKTU) for r in _on(recs, day)), (day, recs)


def test_a_narratives_next_paragraph_still_carries_its_town(tmp_path):
    text = ("On 3 May 2013, rebels attacked the army in Timbuktu, killing four soldiers.\n\n"
            "On 9 May 2013, rebels ambushed an army convoy, killing six soldiers.")
    recs = _extract(tmp_path, text, "Battle of Timbuktu (2013)")
    assert all(_near(r, TIMBUKTU) for r in _on(recs, "2013-05-09")), recs


def test_an_entry_naming_another_country_is_coded_in_it(tmp_path):
    text = (" * 3 May 2013 – Rebels shot down a Malian Air Force helicopter near Timbuktu.\n"
            " * 9 May 2013 – Rebels killed three soldiers in an attack in Algeria.")
    recs = _extract(tmp_path, text, "List of aircraft losses during the Mali War")
    for rec in _on(recs, "2013-05-09"):
        assert rec["country"] == "Algeria" and not _near(rec, TIMBUKTU), rec


def test_a_site_an_entry_names_after_an_entry_with_no_place_is_coded_as_named(tmp_path):
    text = (" * 3 May 2013 – Rebels shot down a Malian Air Force helicopter near Timbuktu.\n"
            " * 9 May 2013 – Rebels shot down a Malian Air Force jet.\n"
            " * 12 May 2013 – Rebels shot down a Malian Air Force helicopter near Kourzeyla "
            "Air Base, close to the border with Algeria.")
    recs = _extract(tmp_path, text, "List of aircraft losses during the Mali War")
    assert all(r["latitude"] is None for r in _on(recs, "2013-05-09")), recs
    site = _on(recs, "2013-05-12")
    assert any(r["location"] == "Kourzeyla Air Base" and r["latitude"] is not None
               for r in site), site
