"""Place search for review (the web form, or a notebook): the offline gazetteer behind one small
function, and readable names for the first-level admin areas the store holds.

:func:`gazetteer_search` is the only code that knows the gazetteer's API
(``warlog.plugins.geocoder().lookup(name, country_code)``), so a change there is
one edit here. First-level admin areas come back with their names (the gazetteer gives GeoNames
codes such as ``SY.04``), through :mod:`warlog.geo.admin1`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from warlog.data import cached

PlaceSearch = Callable[[str, str | None, int], list[dict[str, Any]]]

_lock = threading.Lock()


def admin1_names() -> dict[str, str]:
    """GeoNames admin1 code (``"SY.04"``) → name (see :mod:`warlog.geo.admin1`)."""
    from warlog.geo.admin1 import admin1_names as names

    return names()


def admin1_label(value: str | None) -> str | None:
    """A readable admin1: the name for a GeoNames code (``"SY.09"`` → ``"Aleppo"``), else the
    value itself (already a name, or unknown)."""
    if not value:
        return value
    return admin1_names().get(value, value)


@cached
def _gazetteer() -> Any:
    from warlog.plugins import geocoder  # the active settings' geocoder (GeoNames by default)

    with _lock:  # the first load may build the on-disk index; do it once
        return geocoder()


def warm_up() -> None:
    """Load the gazetteer ahead of the first search (the server runs this in a thread)."""
    with contextlib.suppress(Exception):  # a missing gazetteer only disables place search
        _gazetteer()


def _country_code(gaz: Any, country: str | None) -> str | None:
    if not country:
        return None
    if len(country) == 2 and country.isalpha():
        return country.upper()
    finder = getattr(gaz, "country_name_code", None)
    return finder(country) if finder else None


def gazetteer_search(
    name: str, country: str | None = None, limit: int = 10
) -> list[dict[str, Any]]:
    """Places called ``name``, those in ``country`` (a name or ISO code) first."""
    gaz = _gazetteer()
    code = _country_code(gaz, country)
    found = list(gaz.lookup(name, code)) if code else []
    seen = {p.geonameid for p in found}
    found += [p for p in gaz.lookup(name) if p.geonameid not in seen]
    names = admin1_names()
    return [
        {
            "geonameid": p.geonameid,
            "name": p.name,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "country": p.country,
            "country_code": p.country_code,
            "admin1": names.get(p.admin1 or "", p.admin1),
            "admin1_code": p.admin1,
            "population": p.population,
            "kind": p.kind,
        }
        for p in found[:limit]
    ]
