"""One Settings object: the data-folder overlay reaches the loaded lexicons, activating other
data clears every data-derived cache, and the object survives the trip to a worker process."""

from __future__ import annotations

import copy
import pickle
import shutil
from pathlib import Path

import pytest
import yaml

from warlog import data
from warlog.data import load_yaml
from warlog.ingest import lexicon as ingest_lexicon
from warlog.ingest.reader import read_path
from warlog.settings import Settings, activate, current, default_cache_dir, using

FIXTURES = Path(__file__).parent / "fixtures"
BROVARY = FIXTURES / "ingest" / "battle_of_brovary.md"


@pytest.fixture(autouse=True)
def _default_settings():
    """Every test starts and ends with the default settings active."""
    activate(Settings())
    yield
    activate(Settings())


def _overlay(tmp_path: Path, name: str, edit) -> Path:
    """A data folder holding a copy of the packaged ``name`` changed by ``edit(content)``."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    content = copy.deepcopy(load_yaml(name))  # the loaded copy is shared: never edit it
    edit(content)
    (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return folder


def test_data_dir_overrides_a_packaged_file_and_the_lexicon_built_from_it(tmp_path):
    folder = _overlay(tmp_path, "ingest.yaml", lambda d: d["stop_sections"].append("battle"))
    before = read_path(BROVARY)[0]
    assert "battle" not in ingest_lexicon.stop_sections()
    assert "Russian" in before.text

    with using(Settings(data_dir=folder)):
        assert "battle" in ingest_lexicon.stop_sections()
        cut = read_path(BROVARY)[0]
        # the document now ends before its "Battle" section: only the lead paragraph is left
        assert cut.text.startswith(before.text[:200]) and len(cut.text) < len(before.text) / 2
        # the offsets still point into the same raw text
        assert cut.raw == before.raw

    # back to the packaged data: the caches were cleared again
    assert "battle" not in ingest_lexicon.stop_sections()
    assert read_path(BROVARY)[0].text == before.text


def test_a_file_the_data_dir_lacks_comes_from_the_package(tmp_path):
    folder = _overlay(tmp_path, "ingest.yaml", lambda d: None)
    packaged_triggers = load_yaml("triggers.yaml")
    with using(Settings(data_dir=folder)):
        assert load_yaml("triggers.yaml") == packaged_triggers


def test_activating_other_data_clears_every_registered_cache(tmp_path):
    import warlog.pipeline  # noqa: F401 - imports every stage, so every cache is registered

    assert data.registered_caches() >= 20  # lexicons, automata, patterns across the packages
    ingest_lexicon.stop_sections()
    ingest_lexicon.stop_sections()
    assert ingest_lexicon.stop_sections.cache_info().hits >= 1

    activate(Settings(workers=3, file_timeout=5))  # same data: nothing is cleared
    assert ingest_lexicon.stop_sections.cache_info().currsize == 1

    activate(Settings(data_dir=tmp_path))  # other data: everything is
    assert ingest_lexicon.stop_sections.cache_info().currsize == 0
    assert load_yaml.cache_info().currsize == 0


def test_using_restores_the_previous_settings(tmp_path):
    outer = Settings(workers=2)
    activate(outer)
    with using(Settings(data_dir=tmp_path, language="en")) as inner:
        assert current() is inner and inner.data_dir == tmp_path
    assert current() is outer


def test_settings_are_frozen_pickleable_and_checked(tmp_path):
    s = Settings(data_dir=str(tmp_path), cache_dir=str(tmp_path / "c"), workers=2,
                 file_timeout=1.5)
    assert isinstance(s.data_dir, Path) and isinstance(s.cache_dir, Path)
    assert pickle.loads(pickle.dumps(s)) == s
    with pytest.raises(AttributeError):
        s.workers = 3  # type: ignore[misc]
    with pytest.raises(ValueError, match="no such folder"):
        Settings(data_dir=tmp_path / "missing")
    with pytest.raises(ValueError, match="file_timeout"):
        Settings(file_timeout=0)
    with pytest.raises(TypeError, match="unknown settings: colour"):
        Settings.from_options(colour="red")


def test_from_options_treats_none_as_the_default():
    s = Settings.from_options(data_dir=None, workers=0, file_timeout=None)
    assert s == Settings()
    assert s.worker_count >= 1


def test_cache_folder_defaults_to_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WARLOG_CACHE_DIR", str(tmp_path / "env"))
    assert Settings().cache_folder == tmp_path / "env" == default_cache_dir()
    assert Settings(cache_dir=tmp_path / "own").cache_folder == tmp_path / "own"


def test_the_pipeline_hands_its_settings_to_worker_processes(tmp_path):
    """Four files and two workers: the documents are read in worker processes, which see the
    data folder (the stop section cuts every copy the same way as in this process)."""
    from warlog.pipeline import run

    folder = _overlay(tmp_path, "ingest.yaml", lambda d: d["stop_sections"].append("battle"))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):
        shutil.copy(BROVARY, docs / f"brovary_{i}.md")
    results = run([docs], None, settings=Settings(data_dir=folder, workers=2))
    assert [r.status for r in results] == ["stored"] * 4
    full = run([docs / "brovary_0.md"], None, settings=Settings())[0]
    # the stop section ends each document before its battle narrative, in every worker
    assert len({r.events for r in results}) == 1
    assert results[0].events < full.events


def test_the_api_refuses_an_unknown_geocoder_before_reading(tmp_path):
    import warlog

    with pytest.raises(LookupError, match="no warlog.geocoders plugin named 'atlantis'"):
        warlog.extract(BROVARY, geocoder="atlantis")
