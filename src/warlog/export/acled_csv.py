"""CSV with ACLED's public columns in ACLED's order, then warlog's own."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from warlog.export.acled import HEADER, acled_row
from warlog.plugins import Exporter


def stream(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then one chunk per record (CSV line ends are ``\\r\\n``)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=HEADER, extrasaction="ignore")
    w.writeheader()
    for n, rec in enumerate(records, start=1):
        w.writerow({k: ("" if v is None else v) for k, v in acled_row(rec, n).items()})
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


EXPORTER = Exporter("csv", (".csv",), "text/csv; charset=utf-8", stream)
