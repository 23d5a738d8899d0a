"""A list entry whose date follows the list's count of what it lost ("* Roundel.svg (**2**)
9 May 2013 – Two helicopters were shot down") is an entry of its own, like one that opens
with its date (narr26): the town the entry before named is not its place (narr27).
Passages written for the tests (a made-up list for Chad), run through the whole extractor.
"""

from __future__ import annotations

import pytest

from conftest import extract_titled, near, records_on

ABECHE = (13.83, 20.83)

FIRST = ("3 May 2013 – A Chadian Air Force helicopter was shot down by rebels near Abéché, "
         "killing its crew of four.")
SECOND = "9 May 2013 – Two Chadian Air Force helicopters were shot down by rebels."

LAYOUTS = {
    "bold count after a flag image": " * Flag of Chad.svg {a}\n * Flag of Chad.svg (**2**) {b}",
    "bare count": " * {a}\n * (2) {b}",
}


@pytest.mark.parametrize("case", sorted(LAYOUTS))
def test_an_entry_after_its_count_is_not_the_entry_befores_town(tmp_path, case):
    text = "## 2013\n\n" + LAYOUTS[case].format(a=FIRST, b=SECOND)
    recs = extract_titled(tmp_path, text, "List of aircraft losses during the Chadian war")
    assert any(near(r, ABECHE, within=0.1) for r in records_on(recs, "2013-05-03"))
    for rec in records_on(recs, "2013-05-09"):
        assert not near(rec, ABECHE, within=0.1), rec
        assert rec["country"] == "Chad", rec


def test_a_count_in_prose_is_no_entry(tmp_path):
    # a bracketed number inside a paragraph opens nothing: the narrative's town carries on
    text = ("On 3 May 2013, rebels shot down a Chadian Air Force helicopter near Abéché. "
            "Rebels (2) 9 May 2013 – shot down two more helicopters.")
    recs = extract_titled(tmp_path, text, "Chadian war (2013)")
    assert all(near(r, ABECHE, within=0.1) for r in records_on(recs, "2013-05-03"))


def test_an_entrys_country_written_as_an_owner_is_its_country(tmp_path):
    # "Niger's army" in an entry of a Chad list: the entry is in Niger, not at the list's
    # country (a possessive tells whose army, as "in Niger" tells where)
    text = ("## 2013\n\n * 3 May 2013 – A Chadian Air Force helicopter was shot down by rebels "
            "near Abéché, killing its crew of four.\n * 9 May 2013 – Twelve soldiers of "
            "Niger's army were killed in an attack on a military base in the country's west.")
    recs = extract_titled(tmp_path, text, "List of attacks during the Chadian war")
    for rec in records_on(recs, "2013-05-09"):
        assert rec["country"] == "Niger", rec
