"""How warlog scales past one process: Dask workers, bulk PostgreSQL writes, growing input.

Prints one Markdown table per measurement (numbers for ``docs/scale.md`` and
``docs/performance.md``):

1. **Fresh worker**: a new process with the gazetteer index in its cache folder, from start to
   its first document's events (seconds, peak memory); with ``--cold``, also the index build
   that a worker without it would pay.
2. **Throughput**: the corpus through a ``LocalCluster`` of 1 and of 2 worker processes:
   documents/s and tokens/s (whitespace tokens of the cleaned text), in total and per worker
   (after the workers' start-up and warm-up, which the table gives apart).
3. **PostgreSQL writes**: the same extracted documents stored with ``Store.write_file`` (row
   inserts, one transaction per file) and with ``warlog.store.bulk`` (COPY, one transaction per
   shard): events/s.
4. **Growth**: ``--subset`` corpus documents ×1, ×4 and ×16 (distinct copies: each copy gets a
   comment line, so content hashes differ) through 2 workers into PostgreSQL: seconds per
   document and each worker's peak resident memory.
5. ``--web-events N``: ``benchmarks/web_bench.py`` against PostgreSQL with N synthetic events.

The PostgreSQL server is a throwaway one (``tests/pgserver.py``). The load average is printed
with each table: the machine is shared.

    python benchmarks/scale.py [--shared ../shared] [--subset 40] [--web-events 1000000]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil
from distributed import Client, LocalCluster

from warlog import cluster as dask_cluster
from warlog.ingest.reader import iter_files, skip_by_name
from warlog.settings import Settings
from warlog.store import bulk
from warlog.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

FRESH = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t0 = time.perf_counter()
from warlog.pipeline import warm_up
from warlog.pipeline import _process
warm_up()  # what WarlogWorker.setup does: gazetteer index and language model
ready = (time.perf_counter() - t0, cpu())
item = _process(sys.argv[1])
assert item.docs and not item.error, item.error
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(*ready, time.perf_counter() - t0, cpu(), peak)
"""


# A plain extraction process for the control run: loads, says so, waits for "go", extracts the
# files given on its input (one path a line), prints its wall and CPU seconds for them.
PLAIN = """
import resource, sys, time
from warlog.pipeline import _process, warm_up
warm_up()
files = sys.stdin.readline().rstrip("\\n").split("\\0")
_process(files.pop(0))  # the lexicons and automata every first file loads
print("ready", flush=True)
sys.stdin.readline()
t0, r = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
c0 = r.ru_utime + r.ru_stime
for f in files:
    _process(f)
r = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t0, r.ru_utime + r.ru_stime - c0, flush=True)
"""


def load() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


# The throwaway server's settings for these runs: a production server's memory rather than the
# test server's 32 MB of shared buffers (the web queries read a 1 GB table and its indexes).
PG_SETTINGS = "-c shared_buffers=1GB -c effective_cache_size=8GB -c work_mem=32MB"


@contextmanager
def postgres() -> Iterator[Any]:
    import pgserver
    from pgserver import PREFIX, PgCluster, find_bindir

    pgserver.SERVER_SETTINGS = f"{pgserver.SERVER_SETTINGS} {PG_SETTINGS}"

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries: bash scripts/ci-postgres-deps.sh")
    pg = PgCluster(bindir, Path(tempfile.mkdtemp(prefix=PREFIX)))
    (pg.root / "owner.pid").write_text(str(os.getpid()))
    try:
        pg.init()
        pg.start()
        yield pg
    finally:
        pg.remove()


@contextmanager
def local_cluster(n: int) -> Iterator[tuple[Client, float]]:
    t0 = time.perf_counter()
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as lc, \
            Client(lc) as client:
        settings = Settings()
        client.register_plugin(dask_cluster.WarlogWorker(settings), name=dask_cluster.PLUGIN)
        yield client, time.perf_counter() - t0


def table(title: str, head: list[str], rows: list[list[Any]]) -> None:
    print(f"\n### {title} ({load()})\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")
    sys.stdout.flush()


# ----------------------------------------------------------------------------- 1. fresh worker
def fresh_worker(doc: Path, cold: bool) -> None:
    rows = []
    cases = [("index in the cache folder (built once, or shipped)", {})]
    cache = tempfile.mkdtemp()
    if cold:
        cases.append(("no index: built first (today's first run)", {"WARLOG_CACHE_DIR": cache}))
    for case, env in cases:
        out = subprocess.run([sys.executable, "-c", FRESH, str(doc)], capture_output=True,
                             text=True, check=True, env={**os.environ, **env}).stdout.split()
        rows.append([case, *(f"{float(x):.1f}" for x in out[:4]), f"{float(out[4]):.0f}"])
    subprocess.run(["rm", "-rf", cache], check=False)
    table("A fresh worker process: loaded (gazetteer, model), then its first document done",
          ["case", "ready s", "ready CPU s", "first doc s", "first doc CPU s", "peak MB"], rows)


class TreeMemory:
    """Peak resident (RSS) and proportional (PSS: a page shared by k processes counts 1/k)
    memory of a process and its descendants, sampled every 0.1 s: in total and per process
    name (the Dask worker, its extraction child)."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak_rss = self.peak_pss = 0
        self.per: dict[str, int] = {}  # name -> peak RSS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        rss = pss = 0
        for q in family(self.root):
            with suppress(psutil.Error):
                m = q.memory_full_info()
                rss, pss = rss + m.rss, pss + m.pss
                name = "worker" if q.pid == self.root.pid else "extraction child"
                self.per[name] = max(self.per.get(name, 0), m.rss)
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(0.1)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def fresh_dask_worker(doc: Path) -> None:
    """A fresh Dask worker (``LocalCluster`` of one, as ``dask worker`` under its nanny):
    started, the warlog plugin set up (its extraction child loads the gazetteer and the
    model), then one shard of one document extracted; the worker's and its child's CPU
    seconds and peak memory (the nanny, which lives in this process for a ``LocalCluster``,
    is not counted; a ``dask worker`` nanny is a further ~100 MB process)."""
    t0 = time.perf_counter()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as lc, \
            Client(lc) as client:
        pid = next(iter(client.run(os.getpid).values()))
        started = time.perf_counter() - t0
        with TreeMemory(pid) as mem:
            settings = Settings()
            client.register_plugin(dask_cluster.WarlogWorker(settings), name=dask_cluster.PLUGIN)
            ready = time.perf_counter() - t0
            ready_cpu = sum(tree_cpu(psutil.Process(pid)))
            out = dask_cluster.unpack(client.submit(dask_cluster.extract_shard, [str(doc)],
                                                    frozenset(), settings, pure=False).result())
            assert out[0].docs and not out[0].error, out[0].error
            done = time.perf_counter() - t0
            done_cpu = sum(tree_cpu(psutil.Process(pid)))
    per = " / ".join(f"{name} {m / 1e6:.0f}" for name, m in sorted(mem.per.items(),
                                                                     reverse=True))
    table("A fresh Dask worker: started, plugin set up (child loaded), first document done "
          "(CPU s: the worker and its extraction child)",
          ["started s", "ready s", "ready CPU s", "first doc s", "first doc CPU s",
           "peak RSS MB (worker + child)", "peak PSS MB", "peak RSS MB per process"],
          [[f"{started:.1f}", f"{ready:.1f}", f"{ready_cpu:.1f}", f"{done:.1f}",
            f"{done_cpu:.1f}", f"{mem.peak_rss / 1e6:.0f}", f"{mem.peak_pss / 1e6:.0f}", per]])


# ----------------------------------------------------------------------------- 2. throughput
def family(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return [proc]


def tree_cpu(proc: psutil.Process) -> tuple[float, float]:
    """CPU seconds of a worker process itself and of its extraction child
    (``warlog.cluster_budget``)."""
    own, child = 0.0, 0.0
    for p in family(proc):
        with suppress(psutil.Error):
            if p.pid == proc.pid:
                own += sum(p.cpu_times()[:2])
            else:
                child += sum(p.cpu_times()[:2])
    return own, child


def self_cpu() -> float:
    """This process's CPU seconds: the client and, on a ``LocalCluster``, the scheduler."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def warm(client: Client, files: list[str]) -> None:
    """Each worker's first file (its child loads the lexicons and automata the first file
    needs, ~1 CPU s): the smallest one, outside the timed run."""
    smallest = min(files, key=os.path.getsize)
    for address in client.run(os.getpid):
        client.submit(dask_cluster.extract_shard, [smallest], frozenset(), Settings(),
                      workers=[address], pure=False).result()


def throughput(files: list[str], workers: list[int]) -> list[Any]:
    rows, items = [], []
    base = None
    for n in workers:
        with local_cluster(n) as (client, start_s):
            t0 = time.perf_counter()
            warm(client, files)
            start_s += time.perf_counter() - t0
            procs = [psutil.Process(p) for p in client.run(os.getpid).values()]
            before = [tree_cpu(p) for p in procs]
            t0, c0 = time.perf_counter(), self_cpu()
            got = [it for shard in dask_cluster.results(files, frozenset(), client, Settings())
                   for _i, it in shard]
            secs, client_cpu = time.perf_counter() - t0, self_cpu() - c0
            after = [tree_cpu(p) for p in procs]
        own = sum(a[0] - b[0] for a, b in zip(after, before, strict=True))
        child = sum(a[1] - b[1] for a, b in zip(after, before, strict=True))
        cpu = own + child
        docs = sum(len(it.docs) for it in got)
        tokens = sum(len(d.text.split()) for it in got for d, _e in it.docs)
        events = sum(len(e) for it in got for _d, e in it.docs)
        rate = docs / secs
        base = base or rate * 1 / n
        rows.append([n, f"{start_s:.1f}", docs, events, f"{secs:.1f}", f"{rate:.2f}",
                     f"{tokens / secs:,.0f}", f"{rate / n:.2f}", f"{tokens / secs / n:,.0f}",
                     f"{rate / base:.2f}x", f"{cpu:.1f}", f"{child:.1f}", f"{own:.1f}",
                     f"{client_cpu:.1f}", f"{docs / cpu:.1f}", f"{tokens / cpu:,.0f}"])
        items = got
    table("Throughput on a LocalCluster (the corpus, no store)",
          ["workers", "start+warm s", "docs", "events", "s", "docs/s", "tokens/s",
           "docs/s/worker", "tokens/s/worker", "vs 1 worker", "worker CPU s",
           "of it extraction children", "of it Dask workers", "client+scheduler CPU s",
           "docs/CPU s", "tokens/CPU s"], rows)
    return items


def control(files: list[str]) -> None:
    """What the machine itself gives from 1 to 2 processes: the same files extracted by one
    plain process (no Dask, no pool), then by two at once (each all of them). On two real,
    idle cores each of the two takes the single one's time; when both cores share one
    physical core (SMT on the host) or its caches and memory bandwidth, each takes longer,
    and no scheduler can scale past ``2 x single / pair``."""
    rows = []
    for n in (1, 2):
        procs = [subprocess.Popen([sys.executable, "-c", PLAIN], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True) for _ in range(n)]
        for p in procs:
            assert p.stdin is not None and p.stdout is not None
            p.stdin.write("\0".join(files) + "\n")
            p.stdin.flush()
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            p.stdin.write("go\n")  # type: ignore[union-attr]
            p.stdin.flush()  # type: ignore[union-attr]
        out = [p.communicate()[0].split() for p in procs]
        wall = max(float(o[0]) for o in out)
        cpu = [float(o[1]) for o in out]
        rows.append([n, (len(files) - 1) * n, f"{wall:.1f}", " / ".join(f"{c:.1f}" for c in cpu)])
    single, pair = float(rows[0][2]), float(rows[1][2])
    rows[1].append(f"{2 * single / pair:.2f}x")
    rows[0].append("1.00x")
    table("Control: plain extraction processes, 1 alone then 2 at once (each the same files)",
          ["processes", "docs", "wall s", "CPU s per process", "throughput vs 1"], rows)


# ----------------------------------------------------------------------------- 3. writes
def writes(pg: Any, items: list[Any]) -> None:
    good = [(it.path, it.docs, []) for it in items if not it.error and not it.skipped]
    events = sum(len(e) for _p, docs, _pr in good for _d, e in docs)
    rows = []
    for how in ("Store.write_file (row inserts, a transaction per file)",
                "bulk.write_files (COPY + set-based INSERT, a transaction per shard)"):
        name = pg.create_database()
        with open_store(pg.url(name)) as store:
            t0 = time.perf_counter()
            if how.startswith("Store"):
                for p, docs, pr in good:
                    store.write_file(p, docs, pr)
            else:
                for group in dask_cluster.shards([p for p, _d, _pr in good], 2):
                    bulk.write_files(store, [good[i] for i in group])
            secs = time.perf_counter() - t0
            assert store.count("events") > 0
        pg.drop_database(name)
        rows.append([how, len(good), events, f"{secs:.2f}", f"{events / secs:,.0f}"])
    table("PostgreSQL writes of the extracted corpus", ["path", "files", "events", "s",
                                                        "events/s"], rows)


# ----------------------------------------------------------------------------- 4. growth
def copies(files: list[str], times: int, folder: Path) -> list[str]:
    out = []
    for k in range(times):
        for f in files:
            target = folder / f"copy{k:02d}_{Path(f).name}"
            text = Path(f).read_text(encoding="utf-8")
            target.write_text(f"{text}\n\n<!-- copy {k} -->\n", encoding="utf-8")
            out.append(str(target))
    return out


class PeakRss:
    """Each worker's peak resident memory, its extraction child's included, while a run goes
    on (sampled, 0.2 s)."""

    def __init__(self, pids: list[int]) -> None:
        self.procs = [psutil.Process(p) for p in pids]
        self.peak = [0] * len(pids)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for i, p in enumerate(self.procs):  # the worker and its extraction child
                rss = 0
                for q in family(p):
                    with suppress(psutil.Error):
                        rss += q.memory_info().rss
                self.peak[i] = max(self.peak[i], rss)
            time.sleep(0.2)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def growth(pg: Any, files: list[str], sizes: list[int]) -> None:
    rows = []
    with local_cluster(2) as (client, _start), tempfile.TemporaryDirectory() as tmp:
        pids = list(client.run(os.getpid).values())
        for times in sizes:
            folder = Path(tmp) / f"x{times}"
            folder.mkdir()
            batch = copies(files, times, folder)
            name = pg.create_database()
            store = open_store(pg.url(name))
            with PeakRss(pids) as rss:
                t0 = time.perf_counter()
                results = dask_cluster.run(batch, store, frozenset(), False, client, Settings())
                secs = time.perf_counter() - t0
            docs = sum(r.documents for r in results)
            events = store.count("events")
            store.close()
            pg.drop_database(name)
            rows.append([f"x{times}", docs, events, f"{secs:.1f}", f"{secs / docs * 1000:.0f}",
                         " / ".join(f"{m / 1e6:.0f}" for m in rss.peak)])
    table("Growth: distinct copies through 2 workers into PostgreSQL (bulk writes)",
          ["corpus", "docs", "events", "s", "ms/doc (2 workers)", "peak MB per worker"], rows)


# ----------------------------------------------------------------------------- 5. web bench
def web_bench(pg: Any, events: int, built: int, repeat: int) -> None:
    """web_bench.py's queries on PostgreSQL: ``built`` synthetic events written by web_bench's
    own builder, then copied in SQL (new ids and keys, same documents, dates and places) up
    to ``events``, so a large table is reached in minutes."""
    import web_bench as wb

    t0 = time.perf_counter()
    url, n = web_database(pg, events, built)
    base, srv = wb.start_server(url)  # creates the read indexes
    build_s = time.perf_counter() - t0
    api = wb.bench_api(base, repeat)
    srv.should_exit = True
    rows = [[r["name"], f"{r['p50']:.1f}", f"{r['p95']:.1f}", f"{r['max']:.1f}"] for r in api]
    table(f"benchmarks/web_bench.py queries on PostgreSQL, {n:,} events (built and indexed "
          f"in {build_s:.0f} s, {repeat} runs each, result cache off)",
          ["query", "p50 ms", "p95 ms", "max ms"], rows)


def web_database(pg: Any, events: int, built: int) -> tuple[str, int]:
    """A database of ``events`` synthetic events (see :func:`web_bench`): its URL and size."""
    import web_bench as wb
    from sqlalchemy import create_engine, text

    from warlog.store import schema as s

    url = pg.url(pg.create_database())
    wb.build_database(url, min(built, events))
    engine = create_engine(url)
    cols = [c.name for c in s.events.columns if c.name not in ("id", "event_key")]
    ecols = ["position", "text", "raw_start", "raw_end"]
    with engine.begin() as conn:
        n = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        while n < events:
            k = min(n, events - n)
            m = conn.execute(text("SELECT max(id) FROM evidence")).scalar_one()
            conn.execute(text(f"INSERT INTO events (id, event_key, {', '.join(cols)}) "
                              f"SELECT id + {n}, md5(event_key || '{n}'), {', '.join(cols)} "
                              f"FROM events WHERE id <= {k}"))
            conn.execute(text(f"INSERT INTO evidence (id, event_id, {', '.join(ecols)}) "
                              f"SELECT id + {m}, event_id + {n}, {', '.join(ecols)} "
                              f"FROM evidence WHERE event_id <= {k}"))
            n += k
        for table_name in ("events", "evidence"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                              f"(SELECT max(id) FROM {table_name}))"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    return url, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--subset", type=int, default=40, help="documents for the growth runs")
    ap.add_argument("--docs", type=int, default=0,
                    help="only the first N corpus documents for throughput (0: all)")
    ap.add_argument("--control-docs", type=int, default=100,
                    help="documents each control process extracts (--only control)")
    ap.add_argument("--sizes", default="1,4,16")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--cold", action="store_true", help="also time a worker building the index")
    ap.add_argument("--web-events", type=int, default=0)
    ap.add_argument("--web-built", type=int, default=100_000,
                    help="events web_bench's builder writes before the SQL copies")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--only", default="fresh,control,throughput,writes,growth,web")
    args = ap.parse_args()
    only = set(args.only.split(","))
    corpus = args.shared / "corpus"
    files = [str(f) for f in iter_files([corpus]) if f.suffix == ".md" and not skip_by_name(f)]
    print(f"# benchmarks/scale.py: {len(files)} corpus documents, {os.cpu_count()} cores, "
          f"{load()}")
    if "fresh" in only:
        fresh_worker(Path(files[0]), args.cold)
        fresh_dask_worker(Path(files[0]))
    with postgres() as pg:
        if "control" in only:
            control(files[: args.control_docs])
        if "throughput" in only or "writes" in only:
            items = throughput(files[: args.docs or None],
                               [int(n) for n in args.workers.split(",")])
            if "writes" in only:
                writes(pg, items)
        if "growth" in only:
            growth(pg, files[: args.subset], [int(n) for n in args.sizes.split(",")])
        if "web" in only and args.web_events:
            web_bench(pg, args.web_events, args.web_built, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
