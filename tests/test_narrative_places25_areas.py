"""Which first-level area a province's record is in (narr25). Passages written for the tests,
each run through the whole extractor.

A first-level area named with its region word ("X Governorate", "the Governorate of X", "the X
region") or known by its capital is coded at that capital (GUIDELINES: a province is coded to
its capital), but it lies in its own area, not in the capital's when the capital is an area of
its own (a governorate coded at its capital city is in the governorate; the city named alone,
in the city's own area).
"""

from __future__ import annotations

import pytest

from conftest import extract_titled as _extract
from conftest import near as _near
from conftest import records_on as _on

SANAA = (15.355, 44.206)
ADEN = (12.780, 45.039)



# (passage, day, its point, admin1 written)
AREAS = {
    "governorate": ("On 3 May 2015, Houthi fighters clashed with tribesmen in Sanaa Governorate.",
                    "2015-05-03", SANAA, "Sana'a"),
    "governorate of": ("On 3 May 2015, Houthi fighters clashed with tribesmen in the Governorate "
                       "of Sanaa.", "2015-05-03", SANAA, "Sana'a"),
    "province": ("On 3 May 2015, Houthi fighters clashed with tribesmen in Sanaa Province.",
                 "2015-05-03", SANAA, "Sana'a"),
    "region": ("On 3 May 2015, Houthi fighters clashed with tribesmen in the Sanaa region.",
               "2015-05-03", SANAA, "Sana'a"),
    "the city itself": ("On 3 May 2015, Houthi fighters clashed with tribesmen in Sanaa.",
                        "2015-05-03", SANAA, "Amanat Al Asimah"),
    "the capital's own area": ("On 3 May 2015, Houthi fighters clashed with tribesmen in Aden "
                               "Governorate.", "2015-05-03", ADEN, "`Adan"),
}


@pytest.mark.parametrize("case", sorted(AREAS))
def test_a_province_is_coded_at_its_capital_in_its_own_area(tmp_path, case):
    text, day_, point, admin1 = AREAS[case]
    day = _on(_extract(tmp_path, text, "Yemeni civil war (2015)"), day_)
    assert all(_near(r, point) and r["admin1"] == admin1 for r in day), day
