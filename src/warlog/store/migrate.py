"""A store made by an older warlog gets the columns added since: each missing column is added
(nullable: the rows already stored read it as unknown), so opening an old store never fails and
never loses what it holds."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, inspect, text
from sqlalchemy.engine import Connection


def add_missing_columns(conn: Connection, tables: Iterable[Table]) -> list[str]:
    """Add to each existing table the columns its definition has and the database lacks;
    ``table.column`` of each one added."""
    insp = inspect(conn)
    added = []
    for table in tables:
        if not insp.has_table(table.name):
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name in have:
                continue
            kind = col.type.compile(dialect=conn.dialect)
            conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{col.name}" {kind}'))
            added.append(f"{table.name}.{col.name}")
    return added
