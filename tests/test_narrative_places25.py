"""Where a narrative sentence is coded (narr25). Passages written for the tests, each run
through the whole extractor.

A site the gazetteer lacks, named with its kind ("the X crossing", "X airfield"), is the
most specific place its sentence tells (GUIDELINES: location = the place as the text names it,
a base, a crossing): it is coded as named, at the narrative's town, precision 2,

- when the only other place of the sentence is a country named as the site's edge ("on the
  border with Lebanon"): that country says where the act was no better than the site, and
- when the site's name follows a place cue ("seized control of X airfield"): the name is the
  site's, not a town's the narrative's town would stand for.
"""

from __future__ import annotations

import pytest

from conftest import extract_titled as _extract
from conftest import near as _near
from conftest import records_on as _on

SARAQIB = (35.864, 36.806)



OPENING = "On 3 May 2014, rebels captured the town of Saraqib after heavy fighting.\n\n"

# (the sentence after the opening, dated 5 May 2014; the site's name as coded)
SITES = {
    "edge country": (
        "On 5 May, government troops recaptured the Tell Zorab crossing on the border with "
        "Lebanon.", "Tell Zorab crossing"),
    "edge country after the site's kind": (
        "On 5 May, Kurdish fighters took Qurnat Zeyla border crossing near the border with "
        "Iraq after two days of fighting.", "Qurnat Zeyla border crossing"),
    "a cue's name with its kind": (
        "On 5 May, the rebels seized control of Qurnat Zeyla airfield after a week of "
        "fighting.", "Qurnat Zeyla airfield"),
}


@pytest.mark.parametrize("case", sorted(SITES))
def test_a_named_site_is_coded_as_named_at_the_narratives_town(tmp_path, case):
    sentence, name = SITES[case]
    recs = _extract(tmp_path, OPENING + sentence, "Idlib offensive (2014)")
    day = _on(recs, "2014-05-05")
    assert [r["location"] for r in day] == [name], day
    assert all(_near(r, SARAQIB) and r["geo_precision"] == 2 for r in day), day


def test_a_border_with_no_site_keeps_the_narratives_town(tmp_path):
    text = OPENING + "On 5 May, the army shelled rebel positions near the border with Lebanon."
    day = _on(_extract(tmp_path, text, "Idlib offensive (2014)"), "2014-05-05")
    assert all(r["location"] == "Saraqib" and _near(r, SARAQIB) for r in day), day


def test_a_cues_name_with_no_site_kind_is_still_a_place(tmp_path):
    text = OPENING + "On 5 May, the rebels clashed with the army near Qurnat Zeyla."
    day = _on(_extract(tmp_path, text, "Idlib offensive (2014)"), "2014-05-05")
    assert all(not r["location"].endswith(("airfield", "crossing")) for r in day), day
    assert all(_near(r, SARAQIB) for r in day), day
