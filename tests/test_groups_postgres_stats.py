"""PostgreSQL's planner must see, after a link, that no report is pending (issue #9): the next
incremental link's pair queries start from the few new reports only if their statistics say
"pending = 1" is rare. A link from scratch analyses the member table while every row is
pending (so its queries plan as for a whole store) and then sets them all to 0; without a
second ANALYZE the statistics still read every row as pending, and the name-in-evidence
queries of the next incremental link walk every name of the term table (at 1 M reports about
40 CPU s per 1,000 new ones, against 2-4 on SQLite). A real server (tests/pgserver.py) and
the corpus's own sentences (test_group_occasions.py)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from conftest import write_reports
from test_group_occasions import SIEGE, TIMELINE, _rec
from warlog.store.database import open_store

pytest_plugins = ["pgserver"]


def _estimate(store, where: str) -> int:
    with store.read.connect() as conn:
        plan = conn.execute(text(f"EXPLAIN (FORMAT JSON) SELECT * FROM group_members "
                                 f"WHERE {where}")).scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def test_after_a_link_the_planner_reads_no_report_as_pending(pg_url: str,
                                                             tmp_path: Path) -> None:
    store = open_store(pg_url)
    try:
        for n in range(20):  # 60 reports, all new: a link from scratch
            write_reports(store, tmp_path, f"siege_{n}.md", SIEGE, _rec)
            write_reports(store, tmp_path, f"timeline_{n}.md", [TIMELINE], _rec)
        store.link_groups()
        assert _estimate(store, "pending = 0") >= 50
        assert _estimate(store, "pending = 1") <= 5  # was 60: every row, as analysed
        # an incremental link of a few reports keeps them right (no ANALYZE of its own)
        write_reports(store, tmp_path, "later.md", [TIMELINE], _rec)
        store.link_groups()
        assert _estimate(store, "pending = 1") <= 5
    finally:
        store.close()
