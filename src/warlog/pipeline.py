"""The whole job as plain functions: files in, stored events and records out.

``extract(paths)`` is what a notebook user calls; ``run(paths, store=…)`` is what the CLI calls.
Each file is read and extracted on its own (in a worker process when ``workers > 1``) under
the per-file budget (CPU seconds: ``Settings.file_timeout`` plus ``file_seconds_per_mb`` per
MB; ``file_memory_mb``; see :mod:`warlog.budget`): a file over it is stopped and reported
("took longer than 60 s: stopped"). What every file shares (the gazetteer index, the language
model) is loaded once by :func:`warm_up` before the first file, outside any file's budget.
A file that fails is reported by name with its problem and the run goes on. All of a file's
documents are stored in ONE transaction with its problems (a JSON Lines file is one unit: its
good records together, each skipped line a ``problems`` row), so a file is stored whole or not
at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog import remote
from warlog import settings as _settings
from warlog.budget import Budget, OverBudget, in_process_budget, run_budgeted
from warlog.errors import IngestError, SkippedFile, internal_problem
from warlog.events.extract import extract_events
from warlog.ingest.reader import read_path
from warlog.model import Document, Event
from warlog.profile import profile_of
from warlog.profile import remember as remember_profile


@dataclass
class FileResult:
    path: str
    status: str  # stored | replaced | unchanged | skipped | failed
    documents: int = 0
    events: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    doc_names: list[str] = field(default_factory=list)
    seconds: float = 0.0  # reading and extracting it (the budget when it was stopped)
    cpu: float = 0.0  # CPU seconds of that (the budget when it was stopped)
    undated: int = 0  # documents with an event no date anchored (see ``warlog extract --date``)


@dataclass
class _Extracted:
    path: str
    docs: list[tuple[Document, list[Event]]] = field(default_factory=list)
    profiles: dict[int, Any] = field(default_factory=dict)  # docs[i]'s, read by extraction
    error: str | None = None
    skipped: str | None = None
    seconds: float = 0.0
    cpu: float = 0.0


def _process(path: str, known: frozenset[tuple[str, str]] = frozenset()) -> _Extracted:
    """Read and extract one file; never raises (a worker's exception would end the run).
    A document whose (name, content hash) is in ``known`` is not extracted again."""
    out = _Extracted(path)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        with remote.local(path) as local:  # a URL (fsspec) is read from a local copy
            for doc in read_path(local):
                doc.path = doc.path.replace(str(local), path, 1)
                done = (doc.name, doc.content_hash) in known
                out.docs.append((doc, [] if done else extract_events(doc)))
                if not done:
                    out.profiles[len(out.docs) - 1] = profile_of(doc)  # read once, above
    except SkippedFile as e:
        out.skipped = e.reason
    except IngestError as e:
        out.error = e.problem
    except Exception as e:  # a bug must not lose the other files' work
        out.docs = []
        out.error = internal_problem(e)
    out.seconds = time.perf_counter() - t0
    out.cpu = time.process_time() - c0
    return out


def warm_up() -> None:
    """Load what every file shares and a cold start would otherwise charge to the first file's
    budget: the geocoder's index (built on the first run on a machine) and the language
    model. Loaded before worker processes are forked, they share it."""
    from warlog.nlp.entities import available
    from warlog.plugins import geocoders

    geocoders.get(_settings.current().geocoder)()
    available()
    _freeze_loaded()


_frozen = False


def _freeze_loaded() -> None:
    """Move what is loaded (lexicons, indexes, the model; about 180,000 objects) out of the
    cyclic collector's reach, once per process: an extraction makes and frees millions of
    objects, and each oldest-generation collection then traversed every loaded one again
    (the corpus's one such collection: 0.26 -> 0.09 CPU s). Loaded before worker processes
    are forked, the frozen objects' pages are not written by the workers' collections
    either. Collected first, so no garbage is frozen; objects frozen and freed later are
    still freed by reference counting, only a reference cycle among them is never collected."""
    global _frozen
    if _frozen:
        return
    import gc

    gc.collect()
    gc.freeze()
    _frozen = True


def _budget() -> Budget:
    active = _settings.current()
    return Budget(active.file_timeout, active.file_memory_mb, active.file_seconds_per_mb)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _process_budgeted(path: str, known: frozenset[tuple[str, str]], budget: Budget) -> _Extracted:
    """:func:`_process` in this process, stopped (nothing kept) when over ``budget``."""
    try:
        with in_process_budget(budget, _size(path)):
            return _process(path, known)
    except OverBudget as e:
        from warlog.data import clear_caches

        clear_caches()  # stopped mid-way, a data cache may be half built: build it again
        limit = budget.limit(_size(path)) or 0.0
        return _Extracted(path, error=str(e), seconds=limit, cpu=limit)


def _over(task: tuple[str, ...], reason: str) -> _Extracted:
    limit = _budget().limit(_size(task[0])) or 0.0
    return _Extracted(task[0], error=reason, seconds=limit, cpu=limit)


def _results(paths: list[str], workers: int,
             known: frozenset[tuple[str, str]]) -> Iterator[_Extracted]:
    """Each file read and extracted under the per-file budget (settings ``file_timeout``):
    a file over it is stopped and reported, its worker replaced, and the run goes on."""
    budget = _budget()
    if paths:
        warm_up()
    if workers <= 1 or len(paths) < 4:
        for p in paths:
            yield _process_budgeted(p, known, budget)
        return
    # `known` goes to each worker once, not with every task (pickled per task, a re-run of
    # n stored files would cost the parent n x n)
    yield from run_budgeted(_process_known, [(p,) for p in paths], _over, workers=workers,
                            budget=budget, initializer=_worker_init,
                            initargs=(_settings.current(), known),
                            sizes=[_size(p) for p in paths])


_KNOWN: frozenset[tuple[str, str]] = frozenset()


def _worker_init(settings: _settings.Settings, known: frozenset[tuple[str, str]]) -> None:
    global _KNOWN
    _settings.activate(settings)
    _KNOWN = known


def _process_known(path: str) -> _Extracted:
    return _process(path, _KNOWN)


def _workers(workers: int | None, settings: _settings.Settings | None) -> int:
    """An explicit count wins; else the settings' (0: one per core); else one."""
    if workers is not None:
        return workers
    return settings.worker_count if settings is not None else 1


def run(paths: Iterable[str | Path], store: Any | None = None, *,
        settings: _settings.Settings | None = None, workers: int | None = None,
        force: bool = False,
        on_file: Callable[[FileResult], None] | None = None,
        cluster: Any | None = None) -> list[FileResult]:
    """Extract every file under ``paths`` and store what was found.

    ``store`` is a :class:`warlog.store.database.Store` (or ``None`` to only extract). A
    document already stored with the same content is skipped unless ``force`` is set.
    ``settings`` (a :class:`~warlog.settings.Settings`) is active during the run, here and
    in every worker process; ``None`` keeps the active ones. ``cluster`` (``"local"``, a
    scheduler address or a ``distributed.Client``) runs it on Dask (:mod:`warlog.cluster`).
    """
    with _settings.using(settings or _settings.current()) as active:
        files = [str(p) for p in remote.iter_files(paths)]
        known = (frozenset(store.known_documents()) if store is not None and not force
                 else frozenset())
        if cluster is not None:
            from warlog import cluster as dask_cluster

            return dask_cluster.run(files, store, known, force, cluster, active,
                                    _workers(workers, settings), on_file)
        results: list[FileResult] = []
        for item in _results(files, _workers(workers, settings), known):
            res = _store(item, store, force)
            res.seconds, res.cpu = item.seconds, item.cpu
            results.append(res)
            if on_file:
                on_file(res)
    return results


def _store(item: _Extracted, store: Any | None, force: bool,
           write: Callable[..., Any] | None = None) -> FileResult:
    """Store one file's result (``write``: instead of ``store.write_file``, e.g. the outcome
    of a bulk write of its shard)."""
    if item.skipped:
        return FileResult(item.path, "skipped", message=item.skipped)
    if item.error:
        if store is not None:
            store.record_problem(item.path, item.error)
        return FileResult(item.path, "failed", message=item.error)
    res = FileResult(item.path, "stored")
    for i, prof in item.profiles.items():  # a worker's reading: the store keeps it
        remember_profile(item.docs[i][0], prof)
    statuses = []
    for doc, events in item.docs:
        res.documents += 1
        res.doc_names.append(doc.name)
        res.warnings.extend(doc.warnings)
        res.events += len(events)
        res.undated += any(ev.event_date is None for ev in events)
        statuses.append("stored")
    if store is not None:
        # one transaction per file: stored whole (every good JSON Lines record) or not at all;
        # its skipped records are its `problems`
        try:
            written = (write or store.write_file)(item.path, item.docs,
                                                  _skipped_parts(res.warnings),
                                                  replace_same=force)
        except Exception as e:  # a database error on one file must not stop the run
            message = f"could not store ({type(e).__name__}): {_first_line(e)}"
            with suppress(Exception):  # the database itself is broken: reported below
                store.record_problem(item.path, message)
            return FileResult(item.path, "failed", message=message)
        statuses = [w.status for w in written]
        res.events = sum(w.new_events for w in written)
    if statuses and all(s == "unchanged" for s in statuses):
        res.status = "unchanged"
    elif "replaced" in statuses:
        res.status = "replaced"
    return res


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [""])[0][:300]


def _skipped_parts(warnings: list[str]) -> list[str]:
    """The warnings that say a part of the file (a JSON Lines line, a record) was not stored."""
    return [w for w in warnings if w.endswith(("line skipped", "record skipped", "; skipped"))]


def extract(paths: Iterable[str | Path], workers: int | None = None, *,
            settings: _settings.Settings | None = None,
            cluster: Any | None = None) -> list[dict[str, Any]]:
    """Extract events from files or folders without storing them; one record per event.

    Files that are not documents (README, MANIFEST.csv, images) are skipped; a file that cannot
    be read raises :class:`~warlog.errors.IngestError` naming it and the problem.
    ``settings`` and ``cluster`` as for :func:`run`.
    """
    records: list[dict[str, Any]] = []
    with _settings.using(settings or _settings.current()) as active:
        files = [str(p) for p in remote.iter_files(paths)]
        if cluster is not None:
            from warlog import cluster as dask_cluster

            items = iter(dask_cluster.extract(files, cluster, active, _workers(workers, settings)))
        else:
            items = _results(files, _workers(workers, settings), frozenset())
        for item in items:
            if item.error:
                raise IngestError(item.path, item.error)
            for _doc, events in item.docs:
                records.extend(e.as_record() for e in events)
    return records


default_workers = _settings.default_workers  # kept: the CLI and scripts import it from here
