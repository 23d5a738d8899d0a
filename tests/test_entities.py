"""The statistical model, asked only when the dictionaries find no party."""

import pytest

from warlog.events.extract import extract_events
from warlog.ingest.reader import read_text
from warlog.nlp import entities

pytestmark = pytest.mark.skipif(not entities.available(), reason="spaCy model not installed")


def test_named_groups_are_organisations_as_written():
    text = "Fighters of the Popular Resistance Committees attacked an Israeli patrol."
    names = [m.name for m in entities.named_groups(text, 100)]
    assert names == ["Popular Resistance Committees", "Israeli"]
    m = entities.named_groups(text, 100)[0]
    assert text[m.start - 100:m.end - 100] == m.text


def test_an_unknown_party_is_kept_by_name_when_nothing_else_names_one():
    text = ("Clashes in Xyzland\n\nOn 4 March 2019, the Qalamoun Shield Battalion attacked "
            "positions near Homs, killing four.")
    doc = read_text(text, "unknown.txt")[0]
    events = extract_events(doc)
    assert events and events[0].actor1 and "Qalamoun Shield" in events[0].actor1
