"""The ``warlog`` command: a thin shell over :mod:`warlog.pipeline` and the store."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from warlog import __version__
from warlog.errors import IngestError
from warlog.settings import Settings, using

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn narrative reporting on armed conflict into event data, offline.")
# soft_wrap: a problem is reported on ONE line, however long the path, so it can be grepped
out_console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

DB_OPTION = typer.Option("--db", help="SQLite file or a SQLAlchemy URL (postgresql+psycopg://…).")
DATA_DIR_OPTION = typer.Option(
    "--data-dir", help="A folder whose files override warlog's data files of the same name "
    "(triggers.yaml, actors.yaml, en/numbers.yaml …).")


def _print_version(value: bool) -> None:
    if value:
        out_console.print(f"warlog {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", help="Print the version.", is_eager=True, callback=_print_version)] = False
          ) -> None:
    """Turn narrative reporting on armed conflict into event data, offline."""


def _existing_store(db: str):
    """The store a read-only command works on; a SQLite file that does not exist is an error
    (opening it would silently create an empty database and report nothing)."""
    from warlog.store.database import open_store

    if "://" not in db and not Path(db).expanduser().is_file():
        err_console.print(f"[red]error[/red] {escape(db)}: no such database "
                          "(create it with 'warlog extract PATH --db …')")
        raise typer.Exit(2)
    return open_store(db)


REPORTS_OPTION = typer.Option(
    "--reports", help="Every report, not one row per event group (the same event reported by "
    "several documents).")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders (read recursively), or URLs read through fsspec "
        "(s3://bucket/prefix/, file:///shared/archive).")],
    db: Annotated[str, DB_OPTION] = "warlog.db",
    out: Annotated[Path | None, typer.Option(
        "--out", help="Also write this run's events: .jsonl, .csv, .geojson or .parquet "
        "(or an installed exporter's suffix).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (0: one per core).")] = 0,
    force: Annotated[bool, typer.Option(
        "--force", help="Extract stored documents again (reviewed events are kept).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")
                     ] = False,
    data_dir: Annotated[Path | None, DATA_DIR_OPTION] = None,
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", envvar="WARLOG_CACHE_DIR",
        help="Where the gazetteer index is kept (default ~/.cache/warlog).")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0.001,
        help="CPU seconds one file may take, plus --timeout-per-mb for each MB of it "
        "(default 60).")] = None,
    timeout_per_mb: Annotated[float | None, typer.Option(
        "--timeout-per-mb", min=0.0,
        help="CPU seconds a file may take for each MB of it, on top of --timeout (default 30)."
    )] = None,
    geocoder: Annotated[str | None, typer.Option(
        "--geocoder", help="An installed geocoder (default: geonames).")] = None,
    anchor_date: Annotated[str | None, typer.Option(
        "--date", help="Publication day (YYYY-MM-DD) of documents that carry none (no "
        "dateline day, no date field): 'yesterday', 'on Monday' count from it.")] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Run on Dask: 'local' (a LocalCluster of --workers processes) or a "
        "scheduler address (tcp://host:8786); paths must be readable from the workers.")
                       ] = None,
) -> None:
    """Read documents, extract events, store them in the database and optionally export them."""
    from warlog.exporters.writers import write_records
    from warlog.pipeline import run
    from warlog.store.database import open_store

    settings = _settings(data_dir=data_dir, cache_dir=cache_dir, workers=workers,
                         file_timeout=timeout, file_seconds_per_mb=timeout_per_mb,
                         geocoder=geocoder, anchor_date=anchor_date)
    _check_geocoder(settings.geocoder)
    _check_output(out)

    from warlog import remote

    for p in paths:
        try:
            if not remote.exists(p):
                raise IngestError(str(p), "no such file or folder")
        except IngestError as e:
            err_console.print(f"[red]error[/red] {escape(str(e))}")
            raise typer.Exit(2) from None
    store = open_store(db)
    t0 = time.perf_counter()
    show = not quiet and sys.stderr.isatty()
    files = list(remote.iter_files(paths))  # walked once: the bar's total and the run's input
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, disable=not show) as progress:
        task = progress.add_task("extracting", total=len(files))

        def on_file(res) -> None:
            progress.advance(task)
            if res.status == "failed":
                err_console.print(f"[red]error[/red] {escape(res.path)}: {escape(res.message)}")
            elif res.status == "skipped":
                err_console.print(f"[yellow]skipped[/yellow] {escape(res.path)}: "
                                  f"{escape(res.message)}")
            for w in res.warnings:
                err_console.print(f"[yellow]warning[/yellow] {escape(w)}")

        results = run(files, store, settings=settings, force=force, on_file=on_file,
                      cluster=cluster)
    store.link_groups()  # reports of one event from several documents: one group
    elapsed = time.perf_counter() - t0
    if out is not None:
        names = [n for r in results for n in r.doc_names]
        with using(settings):  # the exporters read the data files too (disorder types)
            n = write_records(store.iter_event_records(documents=names), out)
        err_console.print(f"wrote {n} events to {out}")
    _summary(results, elapsed, store.url, quiet)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _settings(**options) -> Settings:
    """One Settings from the command's options (an option not given keeps its default)."""
    try:
        return Settings.from_options(**options)
    except ValueError as e:
        err_console.print(f"[red]error[/red] {escape(str(e))}")
        raise typer.Exit(2) from e


def _check_geocoder(name: str) -> None:
    """An unknown geocoder is an error before the run, not a failure of every file."""
    from warlog.plugins import geocoders

    try:
        geocoders.get(name)
    except LookupError as e:
        err_console.print(f"[red]error[/red] {escape(str(e))}")
        raise typer.Exit(2) from e


def _check_output(out: Path | None) -> None:
    """An --out file of no known format is an error before the run, not after it stored all."""
    from warlog.plugins import export_suffixes, exporter_for

    if out is not None and exporter_for(Path(out).name) is None:
        err_console.print(f"[red]error[/red] {escape(str(out))}: unknown output format "
                          f"{Path(out).suffix!r} (use one of {', '.join(export_suffixes())})")
        raise typer.Exit(2)


def _summary(results, elapsed: float, url: str, quiet: bool) -> None:
    by_status = Counter(r.status for r in results)
    docs = sum(r.documents for r in results)
    events = sum(r.events for r in results)
    undated = sum(r.undated for r in results)
    if undated:
        err_console.print(f"[yellow]note[/yellow] {undated} documents have events with no date "
                          "(no dateline day, date field or date in the text): give their "
                          "publication day with --date YYYY-MM-DD")
    if quiet:
        err_console.print(f"{len(results)} files, {docs} documents, {events} new events "
                          f"in {elapsed:.1f}s")
        return
    table = Table(title=f"warlog extract → {url}", show_edge=False)
    table.add_column("files")
    table.add_column("documents", justify="right")
    table.add_column("new events", justify="right")
    for status in ("stored", "replaced", "unchanged", "skipped", "failed"):
        if by_status[status]:
            d = sum(r.documents for r in results if r.status == status)
            e = sum(r.events for r in results if r.status == status)
            table.add_row(f"{status}: {by_status[status]}", str(d), str(e))
    table.add_row("[b]total[/b]", f"[b]{docs}[/b]", f"[b]{events}[/b]")
    err_console.print(table)
    err_console.print(f"{elapsed:.1f}s, {docs / elapsed if elapsed else 0:.1f} documents/s")


from warlog.profile.commands import register as _register_profile  # noqa: E402

_register_profile(app)  # warlog profile, warlog chronology


@app.command()
def export(
    out: Annotated[Path, typer.Argument(
        help="Output file: .jsonl, .csv, .geojson or .parquet (or an installed exporter's).")],
    db: Annotated[str, DB_OPTION] = "warlog.db",
    include_rejected: Annotated[bool, typer.Option(help="Keep events a reviewer rejected.")
                                ] = False,
    data_dir: Annotated[Path | None, DATA_DIR_OPTION] = None,
    reports: Annotated[bool, REPORTS_OPTION] = False,
) -> None:
    """Write every stored event to a file (one row per event group unless --reports)."""
    from warlog.exporters.writers import write_records

    store = _existing_store(db)
    try:
        with using(_settings(data_dir=data_dir)):
            n = write_records(store.iter_event_records(include_rejected=include_rejected,
                                                       grouped=not reports), out)
    except ValueError as e:
        err_console.print(f"[red]error[/red] {escape(str(e))}")
        raise typer.Exit(2) from e
    err_console.print(f"wrote {n} events to {out}")


gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline gazetteer's index.")
app.add_typer(gazetteer_app, name="gazetteer")
from warlog.geo.commands import register as _register_gazetteer  # noqa: E402

_register_gazetteer(gazetteer_app)  # warlog gazetteer add / remove / status

group_app = typer.Typer(no_args_is_help=True, help="Event groups: one event reported by "
                        "several documents (show, split a report out, join two groups).")
app.add_typer(group_app, name="group")
from warlog.group_commands import register as _register_group  # noqa: E402

_register_group(group_app)  # warlog group show / split / join


@gazetteer_app.command("build")
def gazetteer_build(
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", envvar="WARLOG_CACHE_DIR",
        help="Where the gazetteer index is kept (default ~/.cache/warlog).")] = None,
) -> None:
    """Build the gazetteer index once (a minute, ~1.2 GB) so runs and workers start at once."""
    from warlog.geo import index_file

    t0 = time.perf_counter()
    path = index_file.ensure(_settings(cache_dir=cache_dir))
    err_console.print(f"gazetteer index: {path} ({time.perf_counter() - t0:.1f}s)")


@app.command()
def stats(db: Annotated[str, DB_OPTION] = "warlog.db",
          reports: Annotated[bool, REPORTS_OPTION] = False) -> None:
    """Count what the database holds, by event type (one per event group unless --reports)."""
    store = _existing_store(db)
    records = store.iter_event_records(include_rejected=True, grouped=not reports)
    table = Table(title=f"{store.url}: {store.count('documents')} documents, "
                        f"{len(records)} events", show_edge=False)
    table.add_column("event type")
    table.add_column("sub-event type")
    table.add_column("events", justify="right")
    table.add_column("fatalities", justify="right")
    counts = Counter((r["event_type"], r["sub_event_type"]) for r in records)
    deaths: Counter[tuple[str, str]] = Counter()
    for r in records:
        deaths[(r["event_type"], r["sub_event_type"])] += r["fatalities"] or 0
    for (et, st), n in sorted(counts.items()):
        table.add_row(et, st, str(n), str(deaths[(et, st)]))
    out_console.print(table)


@app.command()
def serve(
    db: Annotated[str, DB_OPTION] = "warlog.db",
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs a token."
                                      )] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="WARLOG_TOKEN", help="Access token (required when not on 127.0.0.1).")] = None,
    tile_url: Annotated[str | None, typer.Option(
        envvar="WARLOG_TILE_URL",
        help="Online map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
             "(default: the offline base map only).")] = None,
) -> None:
    """Start the local web app: map, timeline, table, source text and review."""
    from warlog.web.server import serve as serve_app

    _existing_store(db)
    serve_app(db=db, host=host, port=port, token=token, tile_url=tile_url)


if __name__ == "__main__":
    app()
