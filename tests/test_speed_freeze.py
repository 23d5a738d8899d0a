"""pipeline.warm_up freezes what it loaded out of the cyclic collector's reach, once per
process, after collecting: loaded objects are no longer traversed by the collections an
extraction triggers, garbage made before it is still collected, and the records are the same."""

from __future__ import annotations

import gc
import weakref

import pytest

from warlog import pipeline
from warlog.events.extract import extract_events
from warlog.ingest.reader import read_text
from warlog.plugins import geocoder

TEXT = ("On 3 May 2021, rebels attacked a village near Gao, killing four soldiers. "
        "The next day, the army shelled the town.")


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def fresh(monkeypatch):
    """A process that has not frozen yet; everything is given back to the collector after."""
    monkeypatch.setattr(pipeline, "_frozen", False)
    yield
    gc.unfreeze()


def test_warm_up_freezes_what_it_loaded_once(fresh, monkeypatch) -> None:
    gc.unfreeze()
    freezes = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (freezes.append(1), real_freeze())[1])
    pipeline.warm_up()
    frozen = gc.get_freeze_count()
    assert frozen > 0 and len(freezes) == 1
    gaz = geocoder()
    tracked = {id(o) for o in gc.get_objects()}
    # tracked by the collector, but in the permanent generation: no collection traverses it
    assert gc.is_tracked(gaz)
    assert id(gaz) not in tracked
    pipeline.warm_up()  # a second run in the same process freezes nothing more
    # (frozen objects may still be freed meanwhile, by reference counting, in this thread or
    # in a thread an earlier test left running: the count can fall, never rise)
    assert len(freezes) == 1
    assert gc.get_freeze_count() <= frozen


def test_garbage_made_before_the_freeze_is_still_collected(fresh) -> None:
    gc.unfreeze()
    a, b = _Node(), _Node()
    a.other, b.other = b, a  # a reference cycle: only the cyclic collector frees it
    gone = weakref.ref(a)
    del a, b
    pipeline.warm_up()
    assert gone() is None


def test_records_are_the_same_after_the_freeze(fresh) -> None:
    gc.unfreeze()
    before = [e.as_record() for e in extract_events(read_text(TEXT, "t.txt")[0])]
    pipeline.warm_up()
    after = [e.as_record() for e in extract_events(read_text(TEXT, "t.txt")[0])]
    assert before and before == after
