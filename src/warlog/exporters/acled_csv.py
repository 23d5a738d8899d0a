"""CSV with ACLED's public columns in ACLED's order, then warlog's own.

A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading ``'`` (OWASP's CSV-injection advice): an extracted
document is untrusted text. Numbers are written as they are. ``warlog export`` and the web
app's download both write through :func:`stream`, so both are protected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from warlog.exporters.acled import HEADER, acled_row
from warlog.plugins import Exporter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A value as written in the CSV: ``None`` as empty, formula-like text made inert."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def stream(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then one chunk per record (CSV line ends are ``\\r\\n``)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=HEADER, extrasaction="ignore")
    w.writeheader()
    for n, rec in enumerate(records, start=1):
        w.writerow({k: cell(v) for k, v in acled_row(rec, n).items()})
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


EXPORTER = Exporter("csv", (".csv",), "text/csv; charset=utf-8", stream)
