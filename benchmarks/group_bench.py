"""Time and memory of event grouping (warlog.store.groups.link) on synthetic stores.

    .venv/bin/python benchmarks/group_bench.py                       # SQLite, 250k/500k/1M
    .venv/bin/python benchmarks/group_bench.py --sizes 250000 --pg postgresql://…
    .venv/bin/python benchmarks/group_bench.py --db corpus.db        # an extracted store

Synthetic events: occurrences spread over 10 countries x N/2,500 admin areas x 5 years (the
places grow with the reports, as a real collection's do: the reports per place and day stay
about the same, which is what the date-and-place blocking relies on), each reported
by 1 to 5 documents (about 2.5 on average: many near-duplicates) with the differences real
reports have: a day earlier or later, the event type's generic sub-event type, the place named
another way a few hundred metres off, one side unnamed, another fatality count. Each report has
an evidence sentence (so the evidence terms are built and looked up as for real reports): the
first report's sentence, copied word for word by some later reports (wire copy), reworded by
others, and some later reports are coded at a neighbouring village their sentence also names
(the place told by the words). Each size runs
in its own process (peak memory is that process's): the events are written in batches, then
linked from scratch (every report new), then 1,000 more reports are linked (incremental).
Prints a table: reports, groups, seconds to link all, seconds per 100k, incremental seconds,
peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from warlog.store import schema as s
from warlog.store.database import open_store

BATCH = 20000
SUBS = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Violence against civilians", "Attack")]
ACTORS = [f"Actor {i}" for i in range(40)]
START = date(2018, 1, 1)


VERBS = ["attacked", "shelled", "struck", "stormed", "raided", "ambushed"]
WHO = ["officials said", "a monitor reported", "the ministry stated", "residents said"]


SYLLABLES = ["ka", "lo", "mi", "ra", "ve", "do", "su", "ne", "ti", "zo", "ba", "ju"]


def _name(*parts: int) -> str:
    """A place name of letters (a name in a sentence is a run of capitalised words)."""
    out = ""
    for p in parts:
        while True:
            out += SYLLABLES[p % len(SYLLABLES)]
            p //= len(SYLLABLES)
            if not p:
                break
        out += "n"
    return out.capitalize()


def _sentence(rng: random.Random, row: dict[str, Any], place: str, also: str | None) -> str:
    where = f"{place} and {also}" if also else place
    return (f"On {row['event_date']:%d %B}, {row['actor1']} {rng.choice(VERBS)} positions of "
            f"{row['actor2'] or 'the other side'} near {where}, killing "
            f"{row['fatalities'] or 'several'} people, {rng.choice(WHO)}.")


def _occurrences(rng: random.Random, n_reports: int, areas: int) -> Any:
    """Reports of synthetic occurrences, as event rows (without document ids), each with its
    evidence sentence under ``"_text"``."""
    made = 0
    k = 0
    while made < n_reports:
        k += 1
        country = rng.randrange(10)
        area = rng.randrange(areas)
        lat = 10 + country * 3 + area * 0.01 + rng.random() * 0.009
        lon = 20 + country * 3 + rng.random() * 2
        day = START + timedelta(days=rng.randrange(5 * 365))
        et, sub = SUBS[rng.randrange(len(SUBS))]
        a1, a2 = rng.sample(ACTORS, 2)
        fat = rng.choice([None, 0, 1, 3, 10, 25])
        place = _name(country, area, k % 997)
        first = ""
        for r in range(min(rng.choice([1, 1, 2, 3, 3, 4, 5]), n_reports - made)):
            jitter = rng.choice([0, 0, 0, 1, -1]) if r else 0
            vague = r and et == "Battles" and rng.random() < 0.3
            d = day + timedelta(days=jitter)
            village = _name(country, area, k % 991, 1)
            told = r and rng.random() < 0.2  # coded at a village its sentence names
            row = {
                "event_key": f"{k}-{r}", "event_date": d, "date_end": d, "time_precision": 1,
                "event_type": et, "sub_event_type": "Armed clash" if vague else sub,
                "actor1": a1, "actor2": None if r and rng.random() < 0.3 else a2,
                "location": place + (" town" if r % 2 else ""),
                "latitude": lat + rng.random() * 0.002 * r, "longitude": lon,
                "geo_precision": 1, "country": f"Country {country}",
                "admin1": f"Area {country}-{area}",
                "fatalities": None if fat is None else fat + r, "review_state": "unreviewed",
            }
            copy = r and rng.random() < 0.3
            text = first if copy else _sentence(rng, row, place, village if told else None)
            if told:
                row.update(location=village, latitude=row["latitude"] + 0.05)
            first = first or text
            row["_text"] = text
            yield row
            made += 1


def populate(store: Any, n: int, seed: int, docs: int, areas: int) -> None:
    rng = random.Random(seed)
    with store.engine.begin() as conn:
        first = conn.execute(select(func.coalesce(func.max(s.documents.c.id), 0))).scalar_one()
        conn.execute(insert(s.documents), [
            {"id": first + i + 1, "name": f"synthetic-{seed}-{i}.txt", "path": "-",
             "content_hash": f"{seed}-{i}", "format": "text", "raw_text": "",
             "clean_text": "", "n_events": 0} for i in range(docs)])
    with store.engine.begin() as conn:
        next_id = conn.execute(select(func.coalesce(func.max(s.events.c.id), 0))).scalar_one() + 1
    batch: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []

    def flush() -> None:
        with store.engine.begin() as conn:
            conn.execute(insert(s.events), batch)
            conn.execute(insert(s.evidence), evidence)
        batch.clear()
        evidence.clear()

    for i, row in enumerate(_occurrences(rng, n, areas)):
        text = row.pop("_text")
        row.update(id=next_id + i, document_id=first + 1 + rng.randrange(docs),
                   event_key=f"{seed}-{i}")
        batch.append(row)
        evidence.append({"event_id": row["id"], "position": 0, "text": text, "raw_start": 0,
                         "raw_end": len(text)})
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_cpu(store: Any) -> float:
    """CPU seconds of the PostgreSQL backend serving the store's (pooled, reused) connection,
    and of the server's processes that ended (:func:`_backend_cpu`), from /proc (the machine
    must be the server's); 0 on SQLite or where it cannot be read."""
    if store.engine.dialect.name != "postgresql":
        return 0.0
    with store.engine.connect() as conn:
        _BACKEND_PID[id(store)] = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return _backend_cpu(store)


class Phases:
    """CPU seconds (client + PostgreSQL backend) of each step of ``groups.link`` and of each
    pair query of ``_pending_pairs`` (``--phases``): the module's functions are wrapped, the
    link itself is unchanged. A pair query's time runs from its ``execute`` to the next one (its
    rows are read in between): [1] admin area, [2] place name, [3] a name the evidence names
    that is the other's place, [4] the other way round; the MinHash band look-up in four,
    [5] the pending reports' bands sorted, each with the region it is looked up in, [6] the
    pairs sharing a band that is not boilerplate among the country's reports without an
    admin1 (for a report with one), [7] the same in a whole country (a report without an
    admin1), [8] the rule on those pairs."""

    STEPS = ("drop_stale", "_add_members", "_pending_pairs", "_pinned_pairs", "union",
             "_write_groups")

    def __init__(self, store: Any) -> None:
        from warlog.store import groups

        self.store, self.groups, self.times = store, groups, {}
        self.originals = {name: getattr(groups, name) for name in self.STEPS}
        for name, fn in self.originals.items():
            setattr(groups, name, self._timed(name, fn))

    def now(self) -> float:
        return time.process_time() + _backend_cpu(self.store)

    def _timed(self, name: str, fn: Any) -> Any:
        phases = self

        class Timed:  # the pair queries one by one: execute to execute
            def __init__(self, conn: Any) -> None:
                self.conn, self.n, self.t = conn, 0, None

            def __getattr__(self, attr: str) -> Any:
                return getattr(self.conn, attr)

            def execute(self, *a: Any, **k: Any) -> Any:
                self.lap()
                self.n += 1
                self.t = phases.now()
                return self.conn.execute(*a, **k)

            def lap(self) -> None:
                if self.t is not None:
                    key = f"{name}[{self.n}]"
                    phases.times[key] = phases.times.get(key, 0.0) + phases.now() - self.t

        def wrapper(conn: Any, *a: Any, **k: Any) -> Any:
            t0 = phases.now()
            if name == "_pending_pairs":
                timed = Timed(conn)
                out = fn(timed, *a, **k)
                timed.lap()
            else:
                out = fn(conn, *a, **k)
            phases.times[name] = phases.times.get(name, 0.0) + phases.now() - t0
            return out

        return wrapper

    def take(self) -> dict[str, float]:
        out = {k: round(v, 2) for k, v in self.times.items()}
        self.times = {}
        return out


_BACKEND_PID: dict[int, int] = {}


def _backend_cpu(store: Any) -> float:
    """CPU seconds of the PostgreSQL backend :func:`server_cpu` read last (inside a link the
    pool's connection is taken: asking for the pid would open another one), plus those of the
    server's processes that ended, which the postmaster (the backend's parent) counts as its
    children's: the parallel workers a statement starts (a parallel scan's share of the work)
    and autovacuum's workers (the writes' upkeep). A difference of two readings is then the
    server's CPU in between, whichever process spent it."""
    pid = _BACKEND_PID.get(id(store))
    if pid is None:
        return 0.0
    try:
        fields = _stat(pid)
        parent = _stat(int(fields[1]))
    except (OSError, ValueError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + int(parent[13]) + int(parent[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state, ppid, …: field 3 on)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def edit_reports(store: Any, n: int, seed: int) -> int:
    """Change ``n`` linked reports as a review edit does (another fatality figure, the version
    up), spread over the store; how many."""
    with store.engine.begin() as conn:
        top = conn.execute(select(func.max(s.events.c.id))).scalar_one()
        ids = sorted(random.Random(seed).sample(range(1, top + 1), min(n, top)))
        conn.execute(s.events.update().where(s.events.c.id.in_(ids)).values(
            fatalities=func.coalesce(s.events.c.fatalities, 0) + 1,
            version=s.events.c.version + 1))
    return len(ids)


def one(target: str, n: int, phases: bool = False) -> dict[str, Any]:
    """Populate ``target`` with ``n`` reports, link them all, then 1,000 more, then 1,000 of
    the reports edited."""
    store = open_store(target)
    timer = Phases(store) if phases else None
    t0 = time.perf_counter()
    areas = max(20, n // 2500)
    populate(store, n, seed=1, docs=max(10, n // 20), areas=areas)
    written = time.perf_counter() - t0
    before = peak_mb()
    load = os.getloadavg()[0]
    s0 = server_cpu(store)
    t0, c0 = time.perf_counter(), time.process_time()
    res = store.link_groups()
    linked, cpu = time.perf_counter() - t0, time.process_time() - c0
    server = server_cpu(store) - s0
    link_phases = timer.take() if timer else {}
    load_end = os.getloadavg()[0]
    populate(store, 1000, seed=2, docs=10, areas=areas)
    t0, c0 = time.perf_counter(), time.process_time()
    s0 = server_cpu(store)
    store.link_groups()
    incremental, inc_cpu = time.perf_counter() - t0, time.process_time() - c0
    inc_server = server_cpu(store) - s0
    inc_phases = timer.take() if timer else {}
    edited = edit_reports(store, 1000, seed=3)
    t0, c0 = time.perf_counter(), time.process_time()
    s0 = server_cpu(store)
    relinked = store.link_groups()["relinked_groups"]
    edit_s, edit_cpu = time.perf_counter() - t0, time.process_time() - c0
    edit_server = server_cpu(store) - s0
    edit_phases = timer.take() if timer else {}
    with store.read.connect() as conn:
        groups = conn.execute(select(func.count()).select_from(s.event_groups)).scalar_one()
    store.close()
    return {"reports": n, "multi_groups": groups, "pairs": res["pairs"], "write_s": written,
            "link_s": linked, "cpu_s": cpu, "server_cpu_s": server,
            "incremental_s": incremental, "incremental_cpu_s": inc_cpu + inc_server,
            "edited": edited, "edit_relinked_groups": relinked, "edit_s": edit_s,
            "edit_cpu_s": edit_cpu + edit_server, "phases": {
                "link": link_phases, "incremental": inc_phases, "edit": edit_phases},
            "rss_before_mb": before, "peak_mb": peak_mb(), "load": [load, load_end]}


def existing(target: str) -> dict[str, Any]:
    """Link an extracted store from scratch (its member rows removed first)."""
    store = open_store(target)
    with store.engine.begin() as conn:
        conn.execute(s.group_members.delete())
        conn.execute(s.group_terms.delete())
        conn.execute(s.event_groups.delete())
        n = conn.execute(select(func.count()).select_from(s.events)).scalar_one()
    before = peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    res = store.link_groups()
    linked, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    store.link_groups()
    again = time.perf_counter() - t0
    store.close()
    return {"reports": n, "multi_groups": res["groups_written"], "pairs": res["pairs"],
            "write_s": 0.0, "link_s": linked, "cpu_s": cpu, "server_cpu_s": 0.0,
            "incremental_s": again, "incremental_cpu_s": 0.0, "rss_before_mb": before,
            "peak_mb": peak_mb(), "load": list(os.getloadavg()[:1]) * 2}


def _pg_database(url: str, name: str) -> str:
    """A fresh database ``name`` on the server of ``url`` (dropped first if it exists)."""
    from sqlalchemy import create_engine, text

    from warlog.store.engine import database_url

    base = database_url(url)
    eng = create_engine(base, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return base.rsplit("/", 1)[0] + "/" + name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="250000,500000,1000000")
    ap.add_argument("--pg", help="a PostgreSQL URL: also run there (a database per size)")
    ap.add_argument("--pg-only", action="store_true", help="with --pg: only PostgreSQL")
    ap.add_argument("--db", help="link this extracted store instead (e.g. the corpus)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--phases", action="store_true",
                    help="also CPU s of each step of the link and each pair query (JSON)")
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.n, args.phases)))
        return 0
    runs: list[tuple[str, dict[str, Any]]] = []
    if args.db:
        runs.append(("store", existing(args.db)))
    else:
        for n in (int(x) for x in args.sizes.split(",")):
            targets = [] if args.pg and args.pg_only else [
                ("sqlite", str(Path(tempfile.mkdtemp()) / f"bench{n}.db"))]
            if args.pg:
                targets.append(("postgresql", _pg_database(args.pg, f"warlog_bench_{n}")))
            for backend, target in targets:
                cmd = [sys.executable, __file__, "--one", target, "--n", str(n)]
                out = subprocess.run(cmd + (["--phases"] if args.phases else []),
                                     check=True, capture_output=True, text=True).stdout
                line = out.strip().splitlines()[-1]
                print(backend, line, flush=True)  # each size as it ends (a long run's log)
                runs.append((backend, json.loads(line)))
    # cpu s: this process's CPU seconds; srv s: the PostgreSQL backend's (SQLite: 0); +1000:
    # wall and CPU (both processes) seconds of linking 1,000 more; edit cpu: CPU (both) of the
    # link after 1,000 stored reports were edited (their groups relinked); wall seconds depend
    # on what else the machine runs, the load is the 1-minute load average at the link's start
    # and end
    print(f"{'backend':<11}{'reports':>9}{'groups>1':>10}{'pairs':>9}{'link s':>9}"
          f"{'cpu s':>8}{'srv s':>8}{'cpu/100k':>9}{'+1000 s':>9}{'+1000 cpu':>10}"
          f"{'edit cpu':>9}{'peak MB':>9}{'load':>12}")
    for backend, r in runs:
        total = r["cpu_s"] + r.get("server_cpu_s", 0.0)
        per = total / r["reports"] * 100000 if r["reports"] else 0
        load = "–".join(f"{x:.1f}" for x in r.get("load", []))
        print(f"{backend:<11}{r['reports']:>9}{r['multi_groups']:>10}{r['pairs']:>9}"
              f"{r['link_s']:>9.1f}{r['cpu_s']:>8.1f}{r.get('server_cpu_s', 0.0):>8.1f}"
              f"{per:>9.1f}{r['incremental_s']:>9.2f}{r.get('incremental_cpu_s', 0.0):>10.2f}"
              f"{r.get('edit_cpu_s', 0.0):>9.2f}{r['peak_mb']:>9.0f}{load:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
