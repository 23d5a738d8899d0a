"""``warlog profile`` and ``warlog chronology``: registered on the ``warlog`` command by
:func:`register` (called from :mod:`warlog.cli`)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

DOCS = typer.Argument(help="Stored documents (name or id) or, for 'profile', files to read.")
OUT = typer.Option("--out", help="Write to this file instead of standard output.")
DB = typer.Option("--db", help="SQLite file or a SQLAlchemy URL (postgresql+psycopg://…).")


class Format(StrEnum):
    md = "md"
    html = "html"


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        out.write_text(text, encoding="utf-8")


def _fail(message: str) -> None:
    typer.echo(f"error {message}", err=True)
    raise typer.Exit(2)


def _store(db: str, required: bool) -> Any:
    from warlog.store.database import open_store

    if "://" not in db and not Path(db).expanduser().is_file():
        if required:
            _fail(f"{db}: no such database (create it with 'warlog extract PATH --db …')")
        return None
    return open_store(db)


def _from_file(ref: str) -> dict[str, Any]:
    from warlog.ingest.reader import read_path
    from warlog.profile import profile_dict

    out = []
    for doc in read_path(Path(ref)):
        out.append({"doc": doc.name, "profile": profile_dict(doc.raw, doc.format, doc.meta)})
    return out[0] if len(out) == 1 else {"doc": ref, "documents": out}


def profile_command(
    docs: Annotated[list[str], DOCS],
    db: Annotated[str, DB] = "warlog.db",
    out: Annotated[Path | None, OUT] = None,
) -> None:
    """The conflict profile (infobox) of documents, as JSON: belligerents with their actors,
    commanders, strength, losses as numbers, result, dates, each value with its offsets."""
    from warlog.chronology import find_document
    from warlog.errors import IngestError, SkippedFile

    store = _store(db, required=False)
    results = []
    try:
        for ref in docs:
            found = find_document(store, ref) if store is not None else None
            if found is not None:
                prof = store.profile(found["id"])
                results.append({"doc": found["name"], "document_id": found["id"],
                                "profile": prof})
            elif Path(ref).is_file():
                try:
                    results.append(_from_file(ref))
                except (IngestError, SkippedFile) as err:
                    _fail(str(err))
            else:
                _fail(f"{ref}: no such document in {db} and no such file")
    finally:
        if store is not None:
            store.close()
    data = results[0] if len(results) == 1 else results
    _emit(json.dumps(data, ensure_ascii=False, indent=1) + "\n", out)


def chronology_command(
    docs: Annotated[list[str], DOCS],
    db: Annotated[str, DB] = "warlog.db",
    fmt: Annotated[Format, typer.Option("--format", help="md or html")] = Format.md,
    out: Annotated[Path | None, OUT] = None,
) -> None:
    """A dated, day-by-day account of documents' events (type, place, actors, fatalities,
    evidence with a link to the source), with the profile and the reconciliation of reported
    losses with coded fatalities. HTML: one self-contained page with a map and a timeline."""
    from warlog.chronology import chronology, to_html, to_markdown

    store = _store(db, required=True)
    try:
        chrons = []
        for ref in docs:
            c = chronology(store, ref)
            if c is None:
                _fail(f"{ref}: no such document in {db}")
            chrons.append(c)
    finally:
        store.close()
    if fmt is Format.html:
        _emit(to_html(chrons), out)
    else:
        _emit("\n".join(to_markdown(c) for c in chrons), out)


def register(app: typer.Typer) -> None:
    app.command("profile")(profile_command)
    app.command("chronology")(chronology_command)
