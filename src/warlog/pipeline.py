"""The whole job as plain functions: files in, stored events and records out.

``extract(paths)`` is what a notebook user calls; ``run(paths, store=…)`` is what the CLI calls.
Each file is read and extracted on its own (in a worker process when ``workers > 1``); a file
that fails is reported by name with its problem and the run goes on; each document is stored
in its own transaction, so nothing is half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.errors import IngestError, SkippedFile
from warlog.events.extract import extract_events
from warlog.ingest.reader import iter_files, read_path
from warlog.model import Document, Event


@dataclass
class FileResult:
    path: str
    status: str  # stored | replaced | unchanged | skipped | failed
    documents: int = 0
    events: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    doc_names: list[str] = field(default_factory=list)


@dataclass
class _Extracted:
    path: str
    docs: list[tuple[Document, list[Event]]] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None


def _process(path: str, known: frozenset[tuple[str, str]] = frozenset()) -> _Extracted:
    """Read and extract one file; never raises (a worker's exception would end the run).
    A document whose (name, content hash) is in ``known`` is not extracted again."""
    out = _Extracted(path)
    try:
        for doc in read_path(Path(path)):
            done = (doc.name, doc.content_hash) in known
            out.docs.append((doc, [] if done else extract_events(doc)))
    except SkippedFile as e:
        out.skipped = e.reason
    except IngestError as e:
        out.error = e.problem
    except Exception as e:  # a bug must not lose the other files' work
        out.error = f"internal error while extracting: {type(e).__name__}: {e}"
    return out


def _results(paths: list[str], workers: int,
             known: frozenset[tuple[str, str]]) -> Iterator[_Extracted]:
    if workers <= 1 or len(paths) < 4:
        for p in paths:
            yield _process(p, known)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_process, paths, [known] * len(paths), chunksize=1)


def run(paths: Iterable[str | Path], store: Any | None = None, *, workers: int = 1,
        force: bool = False,
        on_file: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Extract every file under ``paths`` and store what was found.

    ``store`` is a :class:`warlog.store.database.Store` (or ``None`` to only extract). A
    document already stored with the same content is skipped unless ``force`` is set.
    """
    files = [str(p) for p in iter_files(paths)]
    known = frozenset(store.known_documents()) if store is not None and not force else frozenset()
    results: list[FileResult] = []
    for item in _results(files, workers, known):
        res = _store(item, store, force)
        results.append(res)
        if on_file:
            on_file(res)
    return results


def _store(item: _Extracted, store: Any | None, force: bool) -> FileResult:
    if item.skipped:
        return FileResult(item.path, "skipped", message=item.skipped)
    if item.error:
        if store is not None:
            store.record_problem(item.path, item.error)
        return FileResult(item.path, "failed", message=item.error)
    res = FileResult(item.path, "stored")
    statuses = []
    for doc, events in item.docs:
        res.documents += 1
        res.doc_names.append(doc.name)
        res.warnings.extend(doc.warnings)
        if store is None:
            res.events += len(events)
            statuses.append("stored")
            continue
        try:
            w = store.write_document(doc, events, replace_same=force)
        except Exception as e:  # a database error on one file must not stop the run
            return FileResult(item.path, "failed", message=f"could not store: {e}")
        statuses.append(w.status)
        res.events += w.n_events
    if statuses and all(s == "unchanged" for s in statuses):
        res.status = "unchanged"
    elif "replaced" in statuses:
        res.status = "replaced"
    return res


def extract(paths: Iterable[str | Path], workers: int = 1) -> list[dict[str, Any]]:
    """Extract events from files or folders without storing them; one record per event.

    Files that are not documents (README, MANIFEST.csv, images) are skipped; a file that cannot
    be read raises :class:`~warlog.errors.IngestError` naming it and the problem.
    """
    records: list[dict[str, Any]] = []
    for item in _results([str(p) for p in iter_files(paths)], workers, frozenset()):
        if item.error:
            raise IngestError(item.path, item.error)
        for _doc, events in item.docs:
            records.extend(e.as_record() for e in events)
    return records


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
