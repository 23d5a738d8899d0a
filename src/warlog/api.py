"""The Python API: the CLI's commands as functions (``warlog.extract``, ``warlog.export``,
``warlog.open_store``), for notebooks and scripts. See ``docs/api.md``.

Every function takes the same :class:`~warlog.settings.Settings` the CLI builds from its
options, either whole (``settings=``) or as keyword options (``data_dir=``, ``workers=`` …)
applied over it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.settings import Settings, current, using

if TYPE_CHECKING:
    from warlog.pipeline import FileResult
    from warlog.store.database import Store


def _settings(settings: Settings | None, options: dict[str, Any]) -> Settings:
    base = settings if settings is not None else current()
    return base.with_(**options) if options else base


def open_store(url_or_path: str | Path = "warlog.db") -> Store:
    """The event store: a SQLite file (created when missing) or a SQLAlchemy URL
    (``postgresql+psycopg://…``). Use it as a context manager to close it."""
    from warlog.store.database import open_store as _open

    return _open(url_or_path)


def extract(
    paths: str | Path | Iterable[str | Path],
    *,
    db: str | Path | Store | None = None,
    out: str | Path | None = None,
    force: bool = False,
    settings: Settings | None = None,
    on_file: Callable[[FileResult], None] | None = None,
    cluster: Any | None = None,
    **options: Any,
) -> list[dict[str, Any]]:
    """Extract events from files and folders, as ``warlog extract`` does; their records.

    Without ``db`` nothing is stored and a file that cannot be read raises
    :class:`~warlog.errors.IngestError`. With ``db`` (a path, a URL or an open store) the
    documents are stored (a document already stored unchanged is not extracted again unless
    ``force``), a file that fails is recorded in the store's problems and reported to
    ``on_file``, and the records returned are this run's documents' events as stored. ``out``
    also writes them to a file (its suffix picks the exporter). ``cluster`` runs the
    extraction on Dask, as ``--cluster`` does: ``"local"`` (a ``LocalCluster`` on this
    machine), a scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``.
    """
    from warlog import pipeline
    from warlog.plugins import geocoders

    if isinstance(paths, (str, Path)):
        paths = [paths]
    active = _settings(settings, options)
    geocoders.get(active.geocoder)  # an unknown name: LookupError now, not in every file
    if db is None:
        records = pipeline.extract(paths, settings=active, cluster=cluster)
    else:
        store = db if hasattr(db, "iter_event_records") else open_store(db)  # type: ignore[arg-type]
        results = pipeline.run(paths, store, settings=active, force=force, on_file=on_file,
                               cluster=cluster)
        store.link_groups()  # type: ignore[union-attr]
        names = [n for r in results for n in r.doc_names]
        records = list(store.iter_event_records(documents=names))  # type: ignore[union-attr]
    if out is not None:
        export(out, records=records, settings=active)
    return records


def export(
    out: str | Path,
    *,
    db: str | Path | Store | None = None,
    records: Iterable[dict[str, Any]] | None = None,
    include_rejected: bool = False,
    settings: Settings | None = None,
    **options: Any,
) -> int:
    """Write events to ``out`` (``.jsonl``, ``.csv``, ``.geojson``, ``.parquet`` or an
    installed exporter's suffix), as ``warlog export`` does: every stored event of ``db``, or
    the given ``records``. Returns the number written."""
    from warlog.exporters.writers import write_records

    if (db is None) == (records is None):
        raise TypeError("export() takes either db= or records=")
    if records is None:
        store = db if hasattr(db, "iter_event_records") else open_store(db)  # type: ignore[arg-type]
        records = store.iter_event_records(include_rejected=include_rejected)  # type: ignore[union-attr]
    with using(_settings(settings, options)):
        return write_records(records, out)
