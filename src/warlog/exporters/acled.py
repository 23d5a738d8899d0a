"""ACLED's export columns and the row a warlog record fills (shared by CSV and Parquet)."""

from __future__ import annotations

from typing import Any

from warlog.geo.admin_names import areas_at
from warlog.taxonomy import disorder_type

# ACLED's public export columns, in ACLED's order, and where warlog's record fills each.
ACLED_COLUMNS: list[tuple[str, str | None]] = [
    ("event_id_cnty", "id"),
    ("event_date", "event_date"),
    ("year", None),
    ("time_precision", "time_precision"),
    ("disorder_type", None),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("actor1", "actor1"),
    ("assoc_actor_1", "assoc_actor_1"),
    ("inter1", "inter1"),
    ("actor2", "actor2"),
    ("assoc_actor_2", "assoc_actor_2"),
    ("inter2", "inter2"),
    ("interaction", None),
    ("civilian_targeting", None),
    ("iso", None),
    ("region", None),
    ("country", "country"),
    ("admin1", "admin1"),
    ("admin2", None),
    ("admin3", None),
    ("location", "location"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("geo_precision", "geo_precision"),
    ("source", "source"),
    ("source_scale", None),
    ("notes", "notes"),
    ("fatalities", "fatalities"),
    ("tags", None),
    ("timestamp", None),
]
# warlog's own columns after ACLED's: the span end, disputed-figure range, provenance.
EXTRA_COLUMNS = ["date_end", "fatalities_low", "fatalities_high", "doc", "evidence"]
HEADER = [c for c, _ in ACLED_COLUMNS] + EXTRA_COLUMNS


def evidence_text(rec: dict[str, Any]) -> str:
    ev = rec.get("evidence")
    if isinstance(ev, list):
        return " ".join(e.get("text", "") if isinstance(e, dict) else str(e) for e in ev)
    return ev or ""


def acled_row(rec: dict[str, Any], n: int) -> dict[str, Any]:
    """The ACLED-column row of record ``rec``, the ``n``-th written (1-based)."""
    row: dict[str, Any] = {}
    for col, src in ACLED_COLUMNS:
        row[col] = rec.get(src) if src else None
    row["event_id_cnty"] = rec.get("id") or f"WL{n:06d}"
    d = rec.get("event_date")
    row["year"] = str(d)[:4] if d else None
    row["disorder_type"] = disorder_type(rec.get("event_type"))  # from data/taxonomy.yaml
    # ACLED's iso and admin spellings (admin2/admin3 only with a GeoNames country file added)
    areas = areas_at(rec.get("country"), rec.get("admin1"), rec.get("latitude"),
                     rec.get("longitude"))
    row.update(iso=areas.iso, admin1=areas.admin1, admin2=rec.get("admin2") or areas.admin2,
               admin3=rec.get("admin3") or areas.admin3)
    row["civilian_targeting"] = (
        "Civilian targeting" if "Civilians" in (rec.get("actor2") or "") else None)
    i1, i2 = rec.get("inter1"), rec.get("inter2")
    if i1 is not None:
        pair = sorted(x for x in (i1, i2 or 0) if x is not None)
        row["interaction"] = int("".join(str(x) for x in pair)) if pair[0] else int(pair[-1])
    if not row.get("notes"):
        row["notes"] = evidence_text(rec)[:500]
    for col in EXTRA_COLUMNS:
        row[col] = evidence_text(rec) if col == "evidence" else rec.get(col)
    return row
