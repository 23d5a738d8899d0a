"""An exact speed-up in the place resolver (speed26): a named facility's site word after a
space (``facility_location``) is looked for only a character before each place such a word
starts. It must give what the full search gave, on made-up sentences."""

from __future__ import annotations

import pytest

from warlog.geo.phrases import patterns
from warlog.geo.unlisted import spaced_head_search


@pytest.mark.parametrize("text", [
    "A suicide bomber struck the Panorama checkpoint near the Tarvin air base.",
    "No site at all: the checkpointed airbasement was calm.",
    "the  CHECKPOINT and the Tarvin bridge-head",
    "Troops reached the Örsund checkpoint",  # not ASCII: searched in full
    "",
])
def test_facility_site_word_test_is_the_full_search(text: str) -> None:
    pat = patterns()
    pat.facility_heads.may_match(text)
    got = spaced_head_search(pat.facility_needs, pat.facility_heads, text)
    assert got is (pat.facility_needs.search(text) is not None)
