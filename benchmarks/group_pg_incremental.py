"""PostgreSQL's incremental link, measured and explained: a throwaway cluster (tests/pgserver.py),
N synthetic reports (``group_bench.populate``) linked from scratch, then 1,000 more, then 1,000
of them edited, each link's client and server CPU seconds; with ``--explain`` the pair queries
of one more incremental link are run under EXPLAIN (ANALYZE, BUFFERS) and their plans written.

    .venv/bin/python benchmarks/group_pg_incremental.py 125000 [--explain plans.txt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from group_bench import edit_reports, populate, server_cpu  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

import pgserver  # noqa: E402
from warlog.store import schema as s  # noqa: E402
from warlog.store.database import open_store  # noqa: E402


def group_counts(store: Any) -> tuple[int, int, int]:
    """Reports stored, the groups they make (each report alone is one) and the groups of two
    or more reports, as ``group_bench.py`` reports them."""
    with store.read.connect() as conn:
        reports = conn.execute(select(func.count()).select_from(s.events)).scalar_one()
        multi, grouped = conn.execute(select(
            func.count(), func.coalesce(func.sum(s.event_groups.c.n_reports), 0))).one()
    return int(reports), int(reports) - int(grouped) + int(multi), int(multi)


def timed(store: Any, label: str) -> None:
    t, s0 = time.process_time(), server_cpu(store)
    res = store.link_groups()
    client, server = time.process_time() - t, server_cpu(store) - s0
    reports, groups, multi = group_counts(store)
    print(f"{label}: client {client:.2f} + server {server:.2f} = {client + server:.2f} CPU s; "
          f"{reports} reports -> {groups} groups ({multi} of 2+ reports), {res['pairs']} pairs",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="synthetic reports linked from scratch first")
    ap.add_argument("--explain", help="write the plans of one more incremental link here")
    args = ap.parse_args(argv)
    bindir = pgserver.find_bindir()
    if bindir is None:
        print("no PostgreSQL binaries", file=sys.stderr)
        return 2
    cluster = pgserver.PgCluster(bindir, Path(tempfile.mkdtemp(prefix=pgserver.PREFIX)))
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("warlog")
        store = open_store(cluster.url("warlog"))
        areas = max(20, args.n // 2500)
        populate(store, args.n, seed=1, docs=max(10, args.n // 20), areas=areas)
        timed(store, f"link {args.n} from scratch")
        populate(store, 1000, seed=2, docs=10, areas=areas)
        timed(store, "+1,000 reports")
        edit_reports(store, 1000, seed=3)
        timed(store, "1,000 reports edited")
        if args.explain:
            populate(store, 1000, seed=4, docs=10, areas=areas)
            plans: list[tuple[str, list[str], float]] = []

            def hook(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
                     executemany: bool) -> None:
                if (executemany or "pending" not in statement
                        or not statement.lstrip().upper().startswith("SELECT")):
                    return
                t0 = time.perf_counter()
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                plans.append((statement, [r[0] for r in cursor.fetchall()],
                              time.perf_counter() - t0))

            event.listen(store.engine, "before_cursor_execute", hook)
            store.link_groups()
            event.remove(store.engine, "before_cursor_execute", hook)
            with open(args.explain, "w") as f:
                for sql, rows, secs in plans:
                    f.write(f"===== {secs:.3f} s\n{sql}\n----\n" + "\n".join(rows) + "\n")
            print("pair queries (s, under EXPLAIN ANALYZE):",
                  " / ".join(f"{p[2]:.3f}" for p in plans))
        store.close()
    finally:
        cluster.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
