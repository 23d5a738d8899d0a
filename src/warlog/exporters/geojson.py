"""GeoJSON: a FeatureCollection; events without coordinates get a null geometry (valid)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from warlog.exporters.jsonl import json_default
from warlog.plugins import Exporter


def feature(rec: dict[str, Any]) -> dict[str, Any]:
    lat, lon = rec.get("latitude"), rec.get("longitude")
    geom = ({"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None else None)
    props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": geom, "properties": props}


def stream(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": [\n'
    for n, rec in enumerate(records):
        yield ("" if n == 0 else ",\n") + json.dumps(feature(rec), ensure_ascii=False,
                                                     default=json_default)
    yield "\n]}\n"


EXPORTER = Exporter("geojson", (".geojson",), "application/geo+json", stream)
