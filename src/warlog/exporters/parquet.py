"""Parquet with the ACLED columns (one table, so the whole file is one chunk)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from warlog.exporters.acled import HEADER, acled_row
from warlog.plugins import Exporter


def stream(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(rec, i) for i, rec in enumerate(records, start=1)]
    cols = {h: [r.get(h) for r in rows] for h in HEADER}
    for h in ("event_id_cnty", "year"):
        cols[h] = [None if v is None else str(v) for v in cols[h]]
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(cols), sink)
    yield sink.getvalue().to_pybytes()


EXPORTER = Exporter("parquet", (".parquet",), "application/vnd.apache.parquet", stream,
                    binary=True)
