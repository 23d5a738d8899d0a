"""The collector's thresholds are raised while a document is extracted and come back after:
after the last of several extractions running at once (threads), after an error, and never
raised when automatic collection is off (a first threshold of 0)."""

from __future__ import annotations

import gc
import threading

import pytest

from warlog.events import extract
from warlog.events.extract import GC_THRESHOLDS, extract_events, fewer_collections
from warlog.ingest.reader import read_text


@pytest.fixture(autouse=True)
def _thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_raised_during_an_extraction_and_restored_after(monkeypatch) -> None:
    seen = []
    run = extract.DocumentExtractor.run

    def spy(self):
        seen.append(gc.get_threshold())
        return run(self)

    monkeypatch.setattr(extract.DocumentExtractor, "run", spy)
    extract_events(read_text("On 3 May 2021, rebels attacked a village near Gao.", "t.txt")[0])
    assert seen == [GC_THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


def test_higher_thresholds_are_kept_and_restored_after_an_error() -> None:
    gc.set_threshold(50_000, 5, 100)
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == (50_000, 20, 100)
        raise RuntimeError
    assert gc.get_threshold() == (50_000, 5, 100)


def test_automatic_collection_off_stays_off() -> None:
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_overlapping_extractions_restore_once_the_last_ends() -> None:
    inside, release = threading.Barrier(3), threading.Event()

    def work() -> None:
        with fewer_collections():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold() == GC_THRESHOLDS
    release.set()
    for t in threads:
        t.join()
    assert gc.get_threshold() == (700, 10, 10)
