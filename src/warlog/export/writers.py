"""Event records out: JSON Lines, ACLED-column CSV, GeoJSON and Parquet.

Every writer takes records as produced by ``Event.as_record()`` or ``Store.iter_event_records()``
(one dict per event) and writes them atomically (a temporary file renamed into place), so an
interrupted run never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

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


@contextmanager
def _atomic(path: Path, mode: str = "w", newline: str | None = None):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8",
                       newline=newline) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _evidence_text(rec: dict[str, Any]) -> str:
    ev = rec.get("evidence")
    if isinstance(ev, list):
        return " ".join(e.get("text", "") if isinstance(e, dict) else str(e) for e in ev)
    return ev or ""


def acled_row(rec: dict[str, Any], n: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for col, src in ACLED_COLUMNS:
        row[col] = rec.get(src) if src else None
    row["event_id_cnty"] = rec.get("id") or f"WL{n:06d}"
    d = rec.get("event_date")
    row["year"] = str(d)[:4] if d else None
    row["disorder_type"] = disorder_type(rec.get("event_type"))  # from data/taxonomy.yaml
    row["civilian_targeting"] = (
        "Civilian targeting" if "Civilians" in (rec.get("actor2") or "") else None)
    i1, i2 = rec.get("inter1"), rec.get("inter2")
    if i1 is not None:
        pair = sorted(x for x in (i1, i2 or 0) if x is not None)
        row["interaction"] = int("".join(str(x) for x in pair)) if pair[0] else int(pair[-1])
    if not row.get("notes"):
        row["notes"] = _evidence_text(rec)[:500]
    for col in EXTRA_COLUMNS:
        row[col] = _evidence_text(rec) if col == "evidence" else rec.get(col)
    return row


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> int:
    n = 0
    with _atomic(path) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, default=_default) + "\n")
            n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], path: Path) -> int:
    header = [c for c, _ in ACLED_COLUMNS] + EXTRA_COLUMNS
    n = 0
    with _atomic(path, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        for n, rec in enumerate(records, start=1):
            w.writerow({k: ("" if v is None else v) for k, v in acled_row(rec, n).items()})
    return n


def write_geojson(records: Iterable[dict[str, Any]], path: Path) -> int:
    """A FeatureCollection; events without coordinates get a null geometry (valid GeoJSON)."""
    n = 0
    with _atomic(path) as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        for rec in records:
            lat, lon = rec.get("latitude"), rec.get("longitude")
            geom = ({"type": "Point", "coordinates": [lon, lat]}
                    if lat is not None and lon is not None else None)
            props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
            feat = {"type": "Feature", "geometry": geom, "properties": props}
            fh.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False,
                                                             default=_default))
            n += 1
        fh.write("\n]}\n")
    return n


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(rec, i) for i, rec in enumerate(records, start=1)]
    header = [c for c, _ in ACLED_COLUMNS] + EXTRA_COLUMNS
    cols = {h: [r.get(h) for r in rows] for h in header}
    for h in ("event_id_cnty", "year"):
        cols[h] = [None if v is None else str(v) for v in cols[h]]
    table = pa.table(cols)
    with _atomic(path, mode="wb") as fh:
        pq.write_table(table, fh)
    return len(rows)


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Path], int]] = {
    ".jsonl": write_jsonl,
    ".csv": write_csv,
    ".geojson": write_geojson,
    ".parquet": write_parquet,
}


def write_records(records: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write by the file's extension: .jsonl, .csv, .geojson or .parquet."""
    p = Path(path)
    writer = WRITERS.get(p.suffix.lower())
    if writer is None:
        raise ValueError(f"{p}: unknown output format {p.suffix!r} "
                         f"(use one of {', '.join(sorted(WRITERS))})")
    return writer(records, p)


def _default(o: Any) -> Any:
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dump(records: Iterable[dict[str, Any]], fh: IO[str]) -> None:
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False, default=_default) + "\n")


# -- streams, for HTTP responses (the web app's export of a filtered view) -----------------
STREAM_MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
}


def stream_records(records: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """The text of a ``.jsonl``, ``.csv`` or ``.geojson`` file, in chunks, without a file.

    Each chunk is one record (or the header/footer), formatted exactly as the file writers
    above do, so a download from ``warlog serve`` equals ``warlog export`` of the same events.
    """
    if fmt == "jsonl":
        for rec in records:
            yield json.dumps(rec, ensure_ascii=False, default=_default) + "\n"
    elif fmt == "csv":
        header = [c for c, _ in ACLED_COLUMNS] + EXTRA_COLUMNS
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        for n, rec in enumerate(records, start=1):
            w.writerow({k: ("" if v is None else v) for k, v in acled_row(rec, n).items()})
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()
    elif fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": [\n'
        for n, rec in enumerate(records):
            lat, lon = rec.get("latitude"), rec.get("longitude")
            geom = ({"type": "Point", "coordinates": [lon, lat]}
                    if lat is not None and lon is not None else None)
            props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
            feat = {"type": "Feature", "geometry": geom, "properties": props}
            yield ("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False,
                                                         default=_default)
        yield "\n]}\n"
    else:
        raise ValueError(f"unknown stream format {fmt!r} (use one of "
                         f"{', '.join(sorted(STREAM_MEDIA_TYPES))})")
