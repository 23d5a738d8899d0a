"""The geography word lists of ``data/geo.yaml``, loaded once into sets and dicts.

Everything a geo module needs to *know* (articles, stop-names, feature words, directions,
region suffixes, demonyms, region capitals, population thresholds) is data; this module only
turns the YAML into hashable lookups so callers never scan a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from warlog import lang
from warlog.data import DataLoader, cached, resolve
from warlog.geo.canonical import normalize

GEO_YAML = "geo.yaml"


def _load_yaml() -> Any:
    """Parse ``geo.yaml`` with libyaml when available (5x faster than the pure-Python loader)."""
    return yaml.load(geo_yaml_bytes(), Loader=DataLoader)  # noqa: S506 - a safe loader


def _words(values: Any) -> frozenset[str]:
    """Lower-cased word set (YAML lists may hold ``null`` from stray dashes: skipped)."""
    return frozenset(str(v).lower() for v in values or () if v is not None)


@dataclass(frozen=True, slots=True)
class RegionSuffix:
    """A word that turns a place name into a region ("Idlib Governorate")."""

    kind: str  # admin1 | region
    precision: int


@dataclass(frozen=True, slots=True)
class GeoLexicon:
    """All geo word lists, as sets/dicts keyed by lower-case (raw, not normalised) words."""

    articles: frozenset[str]
    name_qualifiers: frozenset[str]
    particles: frozenset[str]
    stop_names: frozenset[str]  # never a place on their own (normalised)
    common_words: frozenset[str]  # English words: a place only with a strong cue
    non_place_words: frozenset[str]  # capitalised words known not to be names (not "unknown")
    toponym_heads: frozenset[str]
    person_titles: frozenset[str]
    months: frozenset[str]
    region_suffixes: dict[str, RegionSuffix]
    region_prefixes: dict[str, RegionSuffix]
    region_capitals: dict[str, tuple[str, str]]  # normalised region name -> (capital, cc)
    settlement_words: frozenset[str]
    facility_words: frozenset[str]
    facility_modifiers: frozenset[str]
    named_feature_words: frozenset[str]
    water_words: frozenset[str]
    area_words: frozenset[str]
    part_words: frozenset[str]
    near_part_words: frozenset[str]
    directions: dict[str, float]  # "north-east" -> bearing in degrees
    direction_adjectives: dict[str, float]
    distance_units: dict[str, float]  # unit -> kilometres
    near_phrases: tuple[str, ...]
    inside_phrases: tuple[str, ...]
    bare_inside_prepositions: frozenset[str]
    locative_cue_endings: frozenset[str]
    place_cues: frozenset[str]
    strong_place_cues: frozenset[str]
    country_aliases: dict[str, str]  # normalised alias -> ISO code
    demonyms: dict[str, str]  # normalised demonym -> ISO code
    thresholds: dict[str, int]
    section_types: frozenset[str] = frozenset()  # feature types that are parts of a town
    road_words: frozenset[str] = frozenset()  # "road", "highway": "the X-Y road"


def _suffixes(raw: dict[str, Any]) -> dict[str, RegionSuffix]:
    out: dict[str, RegionSuffix] = {}
    for kind_name, spec in raw.items():
        for word in spec["words"]:
            out[str(word).lower()] = RegionSuffix(
                kind=spec["kind"], precision=int(spec["precision"])
            )
        del kind_name
    return out


@cached
def geo_lexicon() -> GeoLexicon:
    """Parse ``data/geo.yaml`` once per process (and per data folder)."""
    y = _load_yaml()
    directions = {str(k).lower(): float(v) for k, v in y["directions"].items()}
    adjectives = {str(k).lower(): float(v) for k, v in y["direction_adjectives"].items()}
    capitals = {
        normalize(str(region)): (str(spec[0]), str(spec[1]).upper())
        for region, spec in y["region_capitals"].items()
    }
    aliases: dict[str, str] = {}
    for code, names in y["country_aliases"].items():
        for name in names:
            aliases[normalize(str(name))] = str(code).upper()
    demonyms: dict[str, str] = {}
    for code, names in y["demonyms"].items():
        for name in names:
            demonyms[normalize(str(name))] = str(code).upper()
    language = lang.language()
    titles = lang.words("titles")
    calendar = (*language.months, *language.weekdays, *language.month_abbreviations)
    return GeoLexicon(
        articles=_words(y["articles"]),
        name_qualifiers=_words(y["name_qualifiers"]),
        particles=_words(y["particles"]),
        stop_names=frozenset(normalize(str(w)) for w in y["stop_names"] if w is not None)
        | frozenset(normalize(w) for w in calendar),
        common_words=frozenset(normalize(str(w)) for w in y["common_words"] if w is not None),
        non_place_words=_words(y["non_place_words"]),
        toponym_heads=_words(y["toponym_heads"]),
        person_titles=_words((*titles["titles"], *titles["honorifics"])),
        months=_words(language.months),
        region_suffixes=_suffixes(y["region_suffixes"]),
        region_prefixes=_suffixes(y["region_prefixes"]),
        region_capitals=capitals,
        settlement_words=_words(y["settlement_words"]),
        facility_words=_words(y["facility_words"]),
        facility_modifiers=_words(y["facility_modifiers"]),
        named_feature_words=_words(y["named_feature_words"]),
        water_words=_words(y["water_words"]),
        area_words=_words(y["area_words"]),
        part_words=_words(y["part_words"]),
        near_part_words=_words(y["near_part_words"]),
        directions=directions,
        direction_adjectives=adjectives,
        distance_units={str(k).lower(): float(v) for k, v in y["distance_units"].items()},
        near_phrases=tuple(sorted((str(p).lower() for p in y["near_phrases"]), key=len)[::-1]),
        inside_phrases=tuple(sorted((str(p).lower() for p in y["inside_phrases"]), key=len)[::-1]),
        bare_inside_prepositions=_words(y["bare_inside_prepositions"]),
        locative_cue_endings=_words(y["locative_cue_endings"]),
        place_cues=_words(y["place_cues"]),
        strong_place_cues=_words(y["strong_place_cues"]),
        country_aliases=aliases,
        demonyms=demonyms,
        thresholds={str(k): int(v) for k, v in y["thresholds"].items()},
        section_types=_words(y.get("section_types")),
        road_words=_words(y.get("road_words")),
    )


def geo_yaml_bytes() -> bytes:
    """The raw YAML (its hash keys the on-disk gazetteer cache)."""
    return resolve(GEO_YAML).read_bytes()
