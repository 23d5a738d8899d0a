"""``warlog group show / split / join``: a reviewer's view and edits of event groups
(:mod:`warlog.store.groups`) from the command line, through the same store calls the web app's
record view makes (``Store.group``, ``Store.split_report``, ``Store.join_reports``): audited
under the reviewer's name and kept through re-extraction like the web app's edits."""

import getpass
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

USER_OPTION = typer.Option(
    "--user", help="The reviewer's name in the audit log (default: the login name).")


def _reviewer(user: str | None) -> str:
    try:
        return user or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli"


def _fail(message: str) -> typer.Exit:
    from warlog.cli import err_console

    err_console.print(f"[red]error[/red] {escape(message)}")
    return typer.Exit(2)


def _print_group(store, event_id: int) -> None:  # noqa: ANN001 (a Store)
    from warlog.cli import out_console
    from warlog.store import groups

    reports = store.group(event_id)
    with store.read.connect() as conn:
        record = groups.record_of_group(conn, event_id)
    title = (f"event group of #{event_id}: {len(reports)} reports"
             + (f", fatalities {record['fatalities']}" if record
                and record["fatalities"] is not None else ""))
    table = Table(title=title, show_edge=False)
    for col in ("report", "document", "date", "sub-event type", "location", "fatalities"):
        table.add_column(col, justify="right" if col in ("report", "fatalities") else "left")
    for r in reports:
        table.add_row(f"#{r['id']}", r["doc"], r["event_date"] or "", r["sub_event_type"],
                      r["location"] or "", "" if r["fatalities"] is None else str(r["fatalities"]))
    out_console.print(table)


def register(group_app: typer.Typer) -> None:
    """Add the commands to ``warlog group``."""
    from warlog.cli import DB_OPTION, _existing_store

    @group_app.command("show")
    def show(event_id: Annotated[int, typer.Argument(help="A report's event id.")],
             db: Annotated[str, DB_OPTION] = "warlog.db") -> None:
        """Every report of the event's group (the record view's list)."""
        with _existing_store(db) as store:
            if store.event(event_id) is None:
                raise _fail(f"no event {event_id}")
            _print_group(store, event_id)

    @group_app.command("split")
    def split(event_id: Annotated[int, typer.Argument(help="The wrongly linked report.")],
              db: Annotated[str, DB_OPTION] = "warlog.db",
              user: Annotated[str | None, USER_OPTION] = None) -> None:
        """Take a wrongly linked report out of its event group, for good (audited)."""
        with _existing_store(db) as store:
            try:
                store.split_report(event_id, _reviewer(user))
            except KeyError:
                raise _fail(f"no event {event_id}") from None
            _print_group(store, event_id)

    @group_app.command("join")
    def join(event_id: Annotated[int, typer.Argument(help="A report.")],
             other_id: Annotated[int, typer.Argument(help="A report of the same event.")],
             db: Annotated[str, DB_OPTION] = "warlog.db",
             user: Annotated[str | None, USER_OPTION] = None) -> None:
        """Put two reports' event groups together: they report one event (audited)."""
        if event_id == other_id:
            raise _fail("a report is already in its own group")
        with _existing_store(db) as store:
            try:
                store.join_reports(event_id, other_id, _reviewer(user))
            except KeyError as e:
                raise _fail(f"no event {e.args[0]}") from None
            _print_group(store, event_id)
