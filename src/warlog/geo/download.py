"""Fetching GeoNames' per-country files (``warlog gazetteer add CC``).

``{base}CC.zip`` holds the country's records; ``{base}alternatenames/CC.zip`` its alternate
names (optional: a country file alone still carries the names of its fourth column). ``base``
is GeoNames' dump folder by default; a mirror, a local server or a ``file://`` folder work
the same way.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from warlog.geo.country_files import CountryFileError

GEONAMES_DUMP = "https://download.geonames.org/export/dump/"
TIMEOUT = 60.0  # seconds without a byte before a download is given up
_CODE = re.compile(r"[A-Z]{2}")


def country_code(code: str) -> str:
    """An ISO 3166 alpha-2 code, upper case; :class:`CountryFileError` for anything else."""
    cc = code.strip().upper()
    if not _CODE.fullmatch(cc):
        raise CountryFileError(f"{code!r} is not a two-letter ISO 3166 country code (SY, IQ, UA)")
    return cc


def _get(url: str, dest: Path) -> bool:
    """Download ``url`` to ``dest``; False when the server has no such file (404)."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as resp, dest.open("wb") as fh:
            shutil.copyfileobj(resp, fh, 1 << 20)
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return False
        raise CountryFileError(f"{url}: HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, FileNotFoundError):
            return False
        raise CountryFileError(
            f"{url}: cannot download ({reason}); download it elsewhere and use "
            "warlog gazetteer add --file PATH") from e
    except (OSError, TimeoutError) as e:
        raise CountryFileError(f"{url}: download failed ({e})") from e
    return True


def fetch(code: str, folder: Path, base: str = GEONAMES_DUMP) -> tuple[Path, Path | None]:
    """Download a country's file and alternate names into ``folder``; their paths (the
    second ``None`` when the server has no alternate-names file for the country)."""
    cc = country_code(code)
    base = base if base.endswith("/") else base + "/"
    main = folder / f"{cc}.zip"
    if not _get(f"{base}{cc}.zip", main):
        raise CountryFileError(f"{base}{cc}.zip: no such file (is {cc} a country code?)")
    alternates = folder / f"alternatenames-{cc}.zip"
    if not _get(f"{base}alternatenames/{cc}.zip", alternates):
        return main, None
    return main, alternates
