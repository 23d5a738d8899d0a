"""The place a news item's dateline names: "KENT, Ohio (AP)", "ATLANTA, Ga. (UPI)",
"COLOMBO, Sri Lanka (Reuters)".

A dateline's city is a place whatever else its name may be ("Kent" is also a word of Turkish
place names, which the sentence reader never takes alone): it is looked up in the gazetteer
directly, inside the country or region the dateline puts it in. That is a country's name, an
admin1 area's name (a US state, a Pakistani province) or a news agency's abbreviation of a
US state (``dateline_regions`` in ``data/geo.yaml``, as admin1 codes). Among the towns of
that name there, the most populous. A region warlog cannot read leaves the city to the
caller, which reads it as any place field.
"""

from __future__ import annotations

from typing import Any

from warlog.data import cached, load_yaml
from warlog.geo.admin_names import admin1_codes_named
from warlog.geo.gazetteer import TIER_SKELETON
from warlog.geo.normalize import normalize
from warlog.model import Location
from warlog.plugins import geocoder


@cached
def _abbreviations() -> dict[str, str]:
    """Abbreviated region (lower case, dots dropped) -> admin1 code."""
    table = load_yaml("geo.yaml")["dateline_regions"]
    return {str(k).lower().replace(".", ""): str(v) for k, v in table.items()}


@cached
def _former_states() -> dict[str, tuple[str, ...]]:
    """Normalised name of a state that broke up -> the countries on its territory."""
    table = load_yaml("former_states.yaml")["former_states"]
    return {normalize(str(k)): tuple(str(c) for c in v) for k, v in table.items()}


def _scopes(region: str, gaz: Any) -> list[tuple[str, str | None]]:
    """(country code, admin1 code or None) the region may name, the likeliest first."""
    words = " ".join(region.split())
    code = _abbreviations().get(words.lower().replace(".", ""))
    if code is not None:
        return [(code.split(".", 1)[0], code)]
    cc = gaz.country_name_code(words)
    out: list[tuple[str, str | None]] = [(cc, None)] if cc else []
    out.extend((area.split(".", 1)[0], area) for area in admin1_codes_named(words))
    return out


def dateline_place(city: str, region: str | None) -> Location | None:
    """The dateline's city as a location (document offsets -1: it is no phrase of the story),
    in the country or region ``region`` names; without coordinates, but with its country,
    when the gazetteer lacks the city there; ``None`` when ``region`` names no country or
    region warlog knows."""
    if not region or not normalize(city):
        return None
    gaz = geocoder()
    former = _former_states().get(normalize(" ".join(region.split())))
    if former is not None:
        # a state that broke up ("PRISTINA, Yugoslavia"): the most populous town of the
        # name in the countries on its territory; none there leaves the city to the caller
        towns = [m.place for m in gaz.matches(city, former, skeleton=False)
                 if m.tier < TIER_SKELETON and m.place.country_code in former]
        if not towns:
            return None
        best = max(towns, key=lambda p: p.population)
        return Location(city, best.latitude, best.longitude, 1, best.country, best.admin1,
                        -1, -1, best.geonameid)
    scopes = _scopes(region, gaz)
    for cc, area in scopes:
        towns = [m.place for m in gaz.matches(city, cc, skeleton=False)
                 if m.tier < TIER_SKELETON and m.place.country_code == cc
                 and (area is None or m.place.admin1 == area)]
        if towns:
            best = max(towns, key=lambda p: p.population)
            return Location(city, best.latitude, best.longitude, 1, best.country, best.admin1,
                            -1, -1, best.geonameid)
    if not scopes:
        return None
    cc, area = scopes[0]
    info = gaz.country(cc)
    return Location(city, None, None, 1, info["name"] if info else None, area, -1, -1, None)
