"""What kind of place a gazetteer entry is, from its GeoNames feature class and code.

Every :class:`~warlog.model.Place` the gazetteer returns carries ``feature``: GeoNames'
``"class.code"`` ("P.PPL", "S.AIRP", "T.MT", "H.LK", "R.RD"). ``data/features.yaml`` maps
classes and codes to a broad *kind* (settlement, admin, country, site, terrain, water, road,
area…), a finer *type* ("airport", "base", "dam", "crossing", "oil", "mountain", "lake",
"river", "road"…) and the ``geo_precision`` ACLED gives an event located there. The bundled
``cities500`` has no feature codes (all its records are class P), so its places are "P.PPL".
"""

from __future__ import annotations

from dataclasses import dataclass

from warlog.data import cached, load_yaml
from warlog.model import Place

POPULATED = "P.PPL"  # the code given to cities500 records, which carry none


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    kind: str
    type: str
    precision: int


@cached
def _table() -> tuple[dict[str, FeatureSpec], dict[str, FeatureSpec]]:
    raw = load_yaml("features.yaml")
    classes = {
        str(c): FeatureSpec(str(v["kind"]), str(v.get("type") or ""), int(v["precision"]))
        for c, v in (raw.get("classes") or {}).items()
    }
    codes: dict[str, FeatureSpec] = {}
    for code, v in (raw.get("codes") or {}).items():
        base = classes.get(str(code).split(".", 1)[0], FeatureSpec("other", "", 2))
        v = v or {}
        codes[str(code)] = FeatureSpec(
            str(v.get("kind") or base.kind),
            str(v.get("type") or base.type),
            int(v.get("precision") or base.precision),
        )
    return classes, codes


def spec(feature: str) -> FeatureSpec:
    """The kind, type and precision of a GeoNames ``"class.code"`` (or a bare class)."""
    classes, codes = _table()
    hit = codes.get(feature)
    if hit is not None:
        return hit
    return classes.get(feature.split(".", 1)[0]) or classes.get("P") or FeatureSpec(
        "settlement", "", 1)


_PLACE_KINDS = {"country": "country", "admin1": "admin", "region": "admin"}


def kind(place: Place) -> str:
    """``"settlement"``, ``"admin"``, ``"country"``, ``"site"``, ``"terrain"``, ``"water"``,
    ``"road"``, ``"area"``… (a country or region Place built by the resolver: its own kind)."""
    if place.kind in _PLACE_KINDS and not place.feature.startswith("A."):
        return _PLACE_KINDS[place.kind]
    return spec(place.feature or POPULATED).kind


def type_of(place: Place) -> str:
    """The finer type ("airport", "base", "mountain", "lake", "road"…), "" when none."""
    if place.kind == "country":
        return ""
    return spec(place.feature or POPULATED).type


def precision(place: Place) -> int:
    """The geo_precision ACLED gives an event located at ``place`` (1, 2 or 3)."""
    if place.kind in _PLACE_KINDS:
        return 3
    return spec(place.feature or POPULATED).precision
