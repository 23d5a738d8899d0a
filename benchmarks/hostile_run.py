"""The hostile-input benchmark (issue 8): thousands of malformed files and the corpus in one run.

    .venv/bin/python benchmarks/hostile_run.py --count 10000 --scale 0.01 --full 60 \
        --corpus /work/shared/corpus --work /tmp/hostile

Generates ``--count`` files with :mod:`warlog.testing.hostile` at ``--scale`` plus ``--full``
files at full size (the sizes issue 8 measured), runs them with the corpus through
:func:`warlog.pipeline.run` into a fresh SQLite store (worker processes, the per-file budget),
and prints a table: tracebacks on stderr, "internal error" messages, files over the budget
without a message, corpus documents stored, documents stored for a failed file, peak memory of
the process tree, total time, and the slowest file per kind (files of 100 kB or more) as
seconds per MB against the corpus average. Then an identical re-run (no table may change) and
the kill -9 test: ``warlog extract`` on the corpus and part of the batch is killed mid-run,
run again, and its tables compared with an uninterrupted run's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

import warlog
from warlog import pipeline
from warlog.budget import Budget, rss_bytes
from warlog.pipeline import run
from warlog.settings import Settings, default_cache_dir
from warlog.store import schema as s
from warlog.store.database import open_store
from warlog.testing.hostile import write_cases

ROOT = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in task.read_text().split()]
    return out


def _pss(pid: int) -> int:
    """Proportional resident bytes (a page shared by n processes counts 1/n in each)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_rss(pid: int) -> dict[int, int]:
    """Resident bytes of ``pid`` and of every process under it."""
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        out[p] = rss_bytes(p) or 0
        todo += _children(p)
    return out


class PeakMemory:
    """Polls the resident memory of this process and its workers every 0.2 s: the peak of
    each process and the peak of their sum (which counts pages the forked workers share with
    the parent once per process, so it overstates)."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_pss = 0
        self.each: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        ticks = 0
        while not self._stop.wait(0.2):
            now = _tree_rss(os.getpid())
            self.peak = max(self.peak, sum(now.values()))
            ticks += 1
            if ticks % 25 == 0:  # every 5 s: the kernel walks every page of each process for
                # it (every 0.2 s it cost the parent more CPU than a worker on a loaded machine)
                self.peak_pss = max(self.peak_pss, sum(_pss(p) for p in now))
            for pid, rss in now.items():
                self.each[pid] = max(self.each.get(pid, 0), rss)

    def summary(self) -> str:
        parent = self.each.get(os.getpid(), 0)
        workers = sorted((v for k, v in self.each.items() if k != os.getpid()), reverse=True)
        top = ", ".join(f"{w / 1e6:.0f}" for w in workers[:4])
        return (f"parent {parent / 1e6:.0f} MB; {len(workers)} worker processes (replaced ones "
                f"included), the largest {top} MB; sum over the tree {self.peak / 1e6:.0f} MB "
                f"resident, {self.peak_pss / 1e6:.0f} MB proportional (shared pages once)")

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def tables(db: Path) -> dict[str, list]:
    """Every table's content that a run writes, in a fixed order (ids and times left out)."""
    store = open_store(db)
    with store.engine.connect() as conn:
        return {
            "documents": conn.execute(select(
                s.documents.c.name, s.documents.c.path, s.documents.c.content_hash,
                s.documents.c.n_events).order_by(s.documents.c.name)).all(),
            "events": conn.execute(select(s.events.c.event_key, s.events.c.review_state)
                                   .order_by(s.events.c.event_key)).all(),
            "evidence": conn.execute(select(s.events.c.event_key, s.evidence.c.position,
                                            s.evidence.c.raw_start, s.evidence.c.raw_end)
                                     .join(s.events, s.events.c.id == s.evidence.c.event_id)
                                     .order_by(s.events.c.event_key, s.evidence.c.position)
                                     ).all(),
            "problems": conn.execute(select(s.problems.c.path, s.problems.c.message)
                                     .order_by(s.problems.c.path, s.problems.c.message)).all(),
        }


def _kind(path: str, kinds: dict[str, str], corpus: Path | None) -> str:
    name = Path(path).name
    if name in kinds:
        return kinds[name]
    return "corpus" if corpus and path.startswith(str(corpus)) else "other"


def main_run(args: argparse.Namespace, folders: list[Path], kinds: dict[str, str]) -> None:
    db = args.work / "run.db"
    for f in args.work.glob("run.db*"):
        f.unlink()
    settings = Settings(workers=args.workers, file_timeout=args.timeout)
    budget = Budget(settings.file_timeout, settings.file_memory_mb, settings.file_seconds_per_mb)
    store_cpu: dict[str, float] = {}
    real_store = pipeline._store

    def timed_store(item: pipeline._Extracted, *a: object, **kw: object) -> pipeline.FileResult:
        c0 = time.thread_time()  # the parent's CPU on this file: its store step
        try:
            return real_store(item, *a, **kw)  # type: ignore[arg-type]
        finally:
            store_cpu[item.path] = time.thread_time() - c0

    pipeline._store = timed_store  # type: ignore[assignment]
    stderr_file = args.work / "stderr.txt"
    saved = os.dup(2)
    with open(stderr_file, "wb") as err:
        os.dup2(err.fileno(), 2)  # worker processes inherit it: their tracebacks land here
        try:
            t0, r0 = time.perf_counter(), _cpu()
            with PeakMemory() as mem:
                results = run(folders, open_store(db), settings=settings,
                              on_file=_progress(t0, mem))
            total, cpu = time.perf_counter() - t0, _cpu() - r0
        finally:
            os.dup2(saved, 2)
            pipeline._store = real_store
    tracebacks = stderr_file.read_text(errors="replace").count("Traceback")
    internal = [r for r in results if "internal error" in r.message]
    sizes = {r.path: Path(r.path).stat().st_size for r in results}
    # over its budget (CPU seconds, growing with the file) by a tick's margin, yet not stopped
    unreported = [r for r in results if r.cpu > (budget.limit(sizes[r.path]) or 0) * 1.05 + 1
                  and "stopped" not in r.message]
    stopped = [r for r in results if r.message.endswith(": stopped")]
    failed = {r.path for r in results if r.status == "failed"}
    snap = tables(db)
    stored_failed = [d for d in snap["documents"] if d.path in failed]
    corpus = [r for r in results if _kind(r.path, kinds, args.corpus) == "corpus"]
    corpus_bad = [r for r in corpus if r.status == "failed"]
    corpus_docs = sum(r.documents for r in corpus if r.status != "failed")

    c_secs = sum(r.cpu for r in corpus)
    c_mb = sum(sizes[r.path] for r in corpus) / 1e6
    average = c_secs / c_mb if c_mb else float("nan")
    slowest: dict[str, tuple[float, str, float]] = {}
    for r in results:
        mb = sizes[r.path] / 1e6
        if mb < 0.1:
            continue
        kind = _kind(r.path, kinds, args.corpus)
        rate = r.cpu / mb
        if rate > slowest.get(kind, (0.0, "", 0.0))[0]:
            slowest[kind] = (rate, Path(r.path).name, mb)
    by_status: dict[str, int] = defaultdict(int)
    for r in results:
        by_status[r.status] += 1

    print(f"\n## One run: {len(results)} files ({dict(by_status)})\n")
    print("| check | result |\n|---|---|")
    print(f"| tracebacks on stderr | {tracebacks} |")
    print(f"| \"internal error\" messages | {len(internal)} |")
    print(f"| files over their budget ({args.timeout:g} s + {budget.seconds_per_mb:g} s/MB CPU) "
          f"without a message | {len(unreported)} |")
    print(f"| files stopped by the budget (with the message) | {len(stopped)} |")
    print(f"| corpus files failed | {len(corpus_bad)} ({corpus_docs} corpus documents stored) |")
    print(f"| documents stored for a failed file | {len(stored_failed)} |")
    print(f"| problems rows | {len(snap['problems'])} |")
    print(f"| peak memory (resident) | {mem.summary()} |")
    print(f"| total time | {total:.0f} s wall, {cpu:.0f} s CPU (parent and workers); load "
          f"average at the end {os.getloadavg()[0]:.1f} |")
    slow_store = max(store_cpu.items(), key=lambda kv: kv[1], default=("", 0.0))
    print(f"| the parent's store step | {sum(store_cpu.values()):.0f} CPU s in all; slowest "
          f"{slow_store[1]:.2f} s ({Path(slow_store[0]).name}, "
          f"{sizes.get(slow_store[0], 0) / 1e6:.2f} MB) |")
    for r in internal[:5] + unreported[:5]:
        print(f"  ! {r.path}: {r.message}", file=sys.stderr)
    print(f"\n## Slowest file per kind (files >= 100 kB), CPU s/MB; corpus average "
          f"{average:.1f} s/MB\n")
    print("| kind | file | MB | s/MB | x corpus average |\n|---|---|---|---|---|")
    for kind, (rate, name, mb) in sorted(slowest.items()):
        print(f"| {kind} | {name} | {mb:.2f} | {rate:.1f} | {rate / average:.1f} |")

    t0 = time.perf_counter()
    again = run(folders, open_store(db), settings=settings)
    after = tables(db)
    print(f"\n## Identical re-run ({time.perf_counter() - t0:.0f} s)\n")
    for name in snap:
        print(f"- {name}: {len(snap[name])} rows, "
              f"{'unchanged' if after[name] == snap[name] else 'CHANGED'}")
    print(f"- new events reported: {sum(r.events for r in again)}")


def _progress(t0: float, mem: PeakMemory) -> Callable[[pipeline.FileResult], None]:
    """A line every 500 files (the log shows how far a long run got)."""
    seen: dict[str, int] = defaultdict(int)

    def on_file(r: pipeline.FileResult) -> None:
        seen[r.status] += 1
        seen["internal error"] += "internal error" in r.message
        if sum(v for k, v in seen.items() if k != "internal error") % 500 == 0:
            print(f"  {time.strftime('%H:%M:%S', time.gmtime())} {time.perf_counter() - t0:6.0f} s "
                  f"{dict(seen)}; peak resident sum {mem.peak / 1e6:.0f} MB", flush=True)

    return on_file


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (the workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def kill_test(args: argparse.Namespace, folders: list[Path]) -> None:
    """Kill ``warlog extract`` (and its workers) mid-run, run it again; compare the tables with
    an uninterrupted run of the same files."""
    cmd = [sys.executable, "-m", "warlog.cli", "extract", *map(str, folders), "--quiet",
           "--workers", str(args.workers), "--timeout", str(args.timeout)]
    ref, killed = args.work / "ref.db", args.work / "killed.db"
    source = subprocess.run([sys.executable, "-c", "import warlog; print(warlog.__file__)"],
                            capture_output=True, text=True, check=False).stdout.strip()
    print(f"\nkill -9 test from {time.strftime('%H:%M:%S UTC', time.gmtime())}; the CLI runs "
          f"warlog from {source}", flush=True)
    for f in [*args.work.glob("ref.db*"), *args.work.glob("killed.db*")]:
        f.unlink()
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--db", str(ref)], capture_output=True, check=False)
    full = time.perf_counter() - t0
    kills = 0
    for frac in args.kill_at:
        p = subprocess.Popen([*cmd, "--db", str(killed)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(full * frac)
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            kills += 1
        p.wait()
    subprocess.run([*cmd, "--db", str(killed)], capture_output=True, check=False)
    print(f"\n## kill -9 test ({kills} kills at {args.kill_at} of a {full:.0f} s run)\n")
    a, b = tables(ref), tables(killed)
    for name in a:
        print(f"- {name}: {len(a[name])} rows uninterrupted, {len(b[name])} after the kills, "
              f"{'identical' if a[name] == b[name] else 'DIFFERENT'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--scale", type=float, default=0.01)
    ap.add_argument("--full", type=int, default=60, help="files generated at full size")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/warlog-hostile"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--kill-at", type=float, nargs="*", default=[0.2, 0.45, 0.7])
    ap.add_argument("--kill-count", type=int, default=300,
                    help="hostile files in the kill -9 test (with the corpus)")
    ap.add_argument("--kill-corpus", type=int, default=0,
                    help="only this many corpus files in the kill -9 test (0: all)")
    ap.add_argument("--skip-main", action="store_true")
    ap.add_argument("--skip-kill", action="store_true")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if not args.corpus.is_dir():
        args.corpus = None
    real = sorted((args.corpus or ROOT / "tests" / "fixtures" / "corpus").rglob("*.*"))
    documents = [p.read_bytes() for p in real if p.suffix in (".md", ".txt", ".html")][:100]
    hostile, full, small = args.work / "hostile", args.work / "full", args.work / "kill"
    kinds = write_cases(hostile, args.seed, args.count, args.scale, documents)
    kinds.update(write_cases(full, args.seed + 1, args.full, 1.0, documents, prefix="full_"))
    kinds.update(write_cases(small, args.seed + 2, args.kill_count, args.scale, documents,
                             prefix="kill_"))
    corpus = [args.corpus] if args.corpus else []
    print(f"generated {len(kinds)} files in {args.work}; warlog from {warlog.__file__}; "
          f"started {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}", flush=True)
    # A cache folder of the run's own: on a shared machine, an engineer whose geo.yaml differs
    # builds an index of another name and removes ours, and the run's parent would build it
    # again (1.2 GB, then forked into every worker). The index already built is copied in.
    cache = args.work / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    for built in default_cache_dir().glob("gazetteer-*.marshal"):
        if not (cache / built.name).exists():
            shutil.copy(built, cache / built.name)
    os.environ["WARLOG_CACHE_DIR"] = str(cache)
    # the gazetteer index is built once per machine (a minute and 1.2 GB, docs/scale.md): build
    # it before the measured runs, as `make setup` does, so they load it like any later run
    subprocess.run([sys.executable, "-c", "from warlog.pipeline import warm_up; warm_up()"],
                   check=True)
    if not args.skip_main:
        main_run(args, [hostile, full, *corpus], kinds)
    if not args.skip_kill:
        kill_test(args, [small, *_corpus_part(args)])


def _corpus_part(args: argparse.Namespace) -> list[Path]:
    if args.corpus is None or not args.kill_corpus:
        return [args.corpus] if args.corpus else []
    return sorted(p for p in args.corpus.rglob("*") if p.is_file())[: args.kill_corpus]


if __name__ == "__main__":
    main()
