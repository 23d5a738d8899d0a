"""Extraction on a Dask cluster (``dask.distributed``): ``warlog extract … --cluster ADDRESS``.

The client (this process) walks the paths, groups the files into *shards* of a few MB
(:func:`shards`) and submits one task per shard; each worker reads and extracts a shard's files
exactly as :func:`warlog.pipeline._process` does in a local worker process and sends the
documents and events back. The client stores each shard as it arrives (PostgreSQL: one
``COPY``-based transaction, :mod:`warlog.store.bulk`; SQLite: file by file as today), so the
progress bar and the end-of-run table work as for a local run.

- ``cluster``: ``"local"`` starts a ``LocalCluster`` of ``workers`` processes on this machine;
  ``"tcp://host:8786"`` connects to a running scheduler (``dask scheduler``, ``dask worker``);
  a ``distributed.Client`` (or a cluster object) is used as it is.
- Each worker loads the settings, the gazetteer, the lexicons and the language model once, in
  :class:`WarlogWorker` (a ``WorkerPlugin``), not per shard: into its extraction child
  process (:mod:`warlog.cluster_budget`), which the worker can stop when a file goes over the
  per-file budget (``file_timeout``, as in a local run: "took longer than 60 s: stopped"),
  the shard's other files going on in a fresh child. The gazetteer index is built once,
  by the client (or ``warlog gazetteer build``); a worker whose cache folder lacks it receives
  the file from the client (compressed) instead of spending a minute and 1.2 GB building it.
- A shard whose worker dies is run again on another worker (Dask reschedules it; after
  ``distributed.scheduler.allowed-failures`` deaths its files are reported as failed). A file
  that fails is reported and the others go on.
- Paths must be readable from the workers: a shared folder (the same path everywhere; they are
  sent as absolute paths) or a URL that every worker can read through fsspec
  (``s3://bucket/archive/``, :mod:`warlog.remote`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from distributed import WorkerPlugin

from warlog import remote
from warlog import settings as _settings
from warlog.budget import Budget
from warlog.cluster_budget import Child
from warlog.geo import index_file
from warlog.pipeline import FileResult, _budget, _Extracted, _size, _skipped_parts, _store
from warlog.profile import remember as remember_profile

SHARD_BYTES = 4_000_000  # at most a few MB of files per task: big enough to amortise
MIN_SHARD_BYTES = 100_000  # the tail's shards: a fraction of a CPU second each
TAIL = 4  # a shard takes at most 1 / (TAIL x workers) of the bytes left
PLUGIN = "warlog"

_one_at_a_time = threading.Lock()  # the extractor's caches are per process, not per thread


# ----------------------------------------------------------------------------- worker side
class WarlogWorker(WorkerPlugin):
    """Loads what extraction needs once per worker process (a Dask ``WorkerPlugin``).

    ``index`` is ``(file name, zlib-compressed bytes)`` of the client's gazetteer index, or
    ``None`` when every worker already had it; a worker lacking it writes it to its cache
    folder before loading."""

    idempotent = False

    def __init__(self, settings: _settings.Settings,
                 index: tuple[str, bytes] | None = None) -> None:
        self.settings = settings
        self.index = index

    def setup(self, worker: Any = None) -> None:
        global _child
        _quiet(worker)
        with _one_at_a_time:
            index_file.install(self.settings, self.index)
            _settings.activate(self.settings)
            if _child is None or not _child.alive():
                _child = Child(self.settings)  # loads the gazetteer and the model, once

    def teardown(self, worker: Any = None) -> None:
        """Stop the extraction child when the worker closes. A plugin replaced on a running
        worker (the next run on the same cluster registers its own) leaves the child to the
        next one: it takes the new settings with its next file, rather than every run on a
        long-lived cluster loading the gazetteer and the model again in every worker."""
        global _child
        if _running(worker):
            return
        with _one_at_a_time:
            if _child is not None:
                _child.stop()
                _child = None


def _quiet(worker: Any) -> None:
    """Stop the worker's statistical profiler (``distributed.worker.profile``: a stack sample
    of the task thread every 10 ms): a warlog task's thread only waits for its extraction
    child, so the samples say nothing, and they cost the worker a few per cent of a core that
    the child could use (a worker's own CPU for 120 corpus files, at load 6: 1.3–1.4 s with
    it, 0.4–0.8 s without)."""
    for name in ("profile", "profile-cycle"):
        pc = getattr(worker, "periodic_callbacks", {}).get(name)
        if pc is not None:
            pc.stop()


def _running(worker: Any) -> bool:
    from distributed.core import Status

    return getattr(worker, "status", None) in (Status.running, Status.paused)


_child: Child | None = None  # this worker's extraction process (warlog.cluster_budget)


def extract_shard(paths: Sequence[str], known: frozenset[tuple[str, str]],
                  settings: _settings.Settings) -> list[_Extracted | bytes]:
    """Read and extract the files of one shard (on a worker), each in the worker's child
    process under the per-file budget; never raises for a file. A file's result is the
    child's pickle of it, passed on as it came (the worker does not load and pickle it again
    for the client; :func:`unpack` loads it), or the reason it was stopped."""
    with _one_at_a_time:
        _settings.activate(settings)
        budget = _budget()
        return [_in_child(p, known, settings, budget) for p in paths]


def _in_child(path: str, known: frozenset[tuple[str, str]], settings: _settings.Settings,
              budget: Budget) -> _Extracted | bytes:
    """One file in the child: its result, or the one-line reason it was stopped (the shard's
    next file goes to a fresh child)."""
    global _child
    if _child is None or not _child.alive():
        _child = Child(settings)
    _child.use(settings, known)
    size = _size(path)
    result, reason = _child.run(path, budget, size)
    if reason is None:
        return result
    _child = None
    limit = budget.limit(size) or 0.0
    return _Extracted(path, error=reason, seconds=limit, cpu=limit)


def unpack(items: Sequence[_Extracted | bytes]) -> list[_Extracted]:
    """A shard's results as :func:`extract_shard` sent them, loaded."""
    return [pickle.loads(it) if isinstance(it, bytes) else it  # noqa: S301 - our workers'
            for it in items]


# ----------------------------------------------------------------------------- client side
def _index_for(client: Any, settings: _settings.Settings) -> tuple[str, bytes] | None:
    """The index to ship: only when some worker lacks it (a shared cache folder, or a worker
    that ran before, has it already)."""
    path = index_file.ensure(settings)
    if path is None:
        return None
    having = client.run(index_file.has, settings, path.name)
    return None if all(having.values()) else index_file.pack(path)


def shards(paths: Sequence[str], workers: int = 1,
           shard_bytes: int = SHARD_BYTES) -> list[list[int]]:
    """Indices of ``paths`` grouped into shards, in the order to submit them: longest files
    first, each shard at most a ``TAIL`` * ``workers``-th of the bytes not yet sharded (and
    at most ``shard_bytes``), so shards shrink as the run nears its end (guided
    self-scheduling): the end of a run is decided by its last shards, and in file order a
    shard of long articles submitted last kept one worker busy while the others idled. A file
    larger than its shard's target is a shard alone; the smallest target is
    ``MIN_SHARD_BYTES`` (for a small run, a ``TAIL``-th of its even share), so a run of many
    tiny files is not thousands of tasks."""
    sizes = []
    for p in paths:
        try:
            sizes.append(os.path.getsize(p))
        except OSError:  # a URL (read by the worker) or a file gone: it counts as small
            sizes.append(0)
    order = sorted(range(len(paths)), key=lambda i: (-sizes[i], i))
    remaining = sum(sizes)
    parts = TAIL * max(1, workers)
    floor = max(1, min(MIN_SHARD_BYTES, remaining // (parts * TAIL), shard_bytes))
    out: list[list[int]] = []
    current: list[int] = []
    size = target = 0
    for i in order:
        if current and size + sizes[i] > target:
            out.append(current)
            current, size = [], 0
        if not current:
            target = max(floor, min(shard_bytes, remaining // parts))
        current.append(i)
        size += sizes[i]
        remaining -= sizes[i]
    if current:
        out.append(current)
    return out


@contextlib.contextmanager
def connect(cluster: Any, workers: int = 0) -> Iterator[Any]:
    """A ``distributed.Client`` for ``cluster`` (see the module notes); one this function
    started is closed at the end (with its ``LocalCluster``)."""
    from distributed import Client, LocalCluster

    if isinstance(cluster, Client):
        yield cluster
        return
    if cluster == "local":
        n = workers or _settings.default_workers()
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=":0", silence_logs=logging.ERROR
                          ) as local, Client(local) as client:
            yield client
        return
    with Client(cluster) as client:
        yield client


def _lost(paths: Sequence[str], err: BaseException) -> list[_Extracted]:
    reason = f"{type(err).__name__}: {err}".strip().splitlines()[0][:300]
    return [_Extracted(p, error=f"not extracted on the cluster ({reason})") for p in paths]


def results(files: Sequence[str], known: frozenset[tuple[str, str]], cluster: Any,
            settings: _settings.Settings, workers: int = 0,
            shard_bytes: int = SHARD_BYTES) -> Iterator[list[tuple[int, _Extracted]]]:
    """Extract ``files`` on ``cluster``; one list of ``(index in files, result)`` per shard,
    as shards finish."""
    from distributed import as_completed

    if not files:
        return
    with connect(cluster, workers) as client:
        n_workers = max(1, len(client.nthreads()))  # scheduler_info() lists at most 5
        client.register_plugin(WarlogWorker(settings, _index_for(client, settings)),
                               name=PLUGIN)
        shipped: Any = client.scatter(known, broadcast=True) if known else known
        absolute = [f if remote.is_url(f) else os.path.abspath(f) for f in files]
        groups = shards(absolute, n_workers, shard_bytes)
        futures = {client.submit(extract_shard, [absolute[i] for i in g], shipped, settings,
                                 pure=False): g for g in groups}
        try:
            for fut in as_completed(futures):
                group = futures.pop(fut)
                try:
                    items = unpack(fut.result())
                except Exception as e:  # noqa: BLE001 - the shard's worker died too often
                    items = _lost([files[i] for i in group], e)
                for i, item in zip(group, items, strict=True):
                    item.path = files[i]
                yield list(zip(group, items, strict=True))
                fut.release()
        finally:
            client.cancel(list(futures))


def run(files: Sequence[str], store: Any | None, known: frozenset[tuple[str, str]],
        force: bool, cluster: Any, settings: _settings.Settings, workers: int = 0,
        on_file: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """:func:`warlog.pipeline.run` over a cluster: every shard stored as it arrives (in bulk on
    PostgreSQL); the results in the order of ``files``."""
    from warlog.store import bulk

    out: dict[int, FileResult] = {}
    for shard in results(files, known, cluster, settings, workers):
        good = [(i, it) for i, it in shard if not it.error and not it.skipped]
        for _i, it in good:  # the workers' readings: the store does not read them again
            for k, prof in it.profiles.items():
                remember_profile(it.docs[k][0], prof)
        outcomes: dict[int, Any] = {}
        if store is not None and good and bulk.supports_bulk(store):
            written = bulk.write_files(store, [(it.path, it.docs, _problems(it))
                                               for _i, it in good], force)
            outcomes = {i: w for (i, _it), w in zip(good, written, strict=True)}
        for i, item in shard:
            write = _precomputed(outcomes[i]) if i in outcomes else None
            res = _store(item, store, force, write)
            res.seconds = item.seconds
            out[i] = res
            if on_file:
                on_file(res)
    return [out[i] for i in range(len(files))]


def _problems(item: _Extracted) -> list[str]:
    return _skipped_parts([w for doc, _e in item.docs for w in doc.warnings])


def _precomputed(outcome: Any) -> Callable[..., Any]:
    def write(*_args: Any, **_kwargs: Any) -> Any:
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return write


def extract(files: Sequence[str], cluster: Any, settings: _settings.Settings,
            workers: int = 0) -> list[_Extracted]:
    """Every file's result, in the order of ``files`` (no store)."""
    out: dict[int, _Extracted] = {}
    for shard in results(files, frozenset(), cluster, settings, workers):
        out.update(shard)
    return [out[i] for i in range(len(files))]
