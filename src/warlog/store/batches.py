"""Items in batches of a bounded size: one statement per batch, never one per row, and never a
parameter list longer than a database allows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

CHUNK = 5000


def chunks(items: Iterable[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch
