"""A throwaway PostgreSQL server for the tests: a real cluster, started and removed by pytest.

Load it with ``pytest_plugins = ["pgserver"]`` in a test module. It gives two fixtures:

- ``pg_cluster`` (session): ``initdb`` into a fresh folder under the system temp dir, then
  ``pg_ctl start`` listening on a unix socket in that folder and on 127.0.0.1 at a free port,
  with a database ``warlog``. Stopped and deleted at the end of the session.
- ``pg_url`` (per test): a new, empty database in that cluster, as a SQLAlchemy URL
  (``postgresql+psycopg://…``); dropped after the test, so tests never see each other's rows.
  Like a typical shared server, it sorts text by a natural-language locale (ICU ``en-US``,
  where ``b`` < ``B`` < ``c``) rather than byte order, when the server supports ICU (15+).

The binaries are found through ``WARLOG_PG_BINDIR``, then ``initdb`` on ``PATH``, then Debian's
``/usr/lib/postgresql/<version>/bin`` (newest first). Without them, or without psycopg, the
tests that use these fixtures are skipped with the reason (they fail instead when
``WARLOG_REQUIRE_POSTGRES`` is set, so a CI that must test PostgreSQL cannot skip silently).
PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` system user (which the Debian package creates) and the folder is handed to it.

A run killed before its teardown leaves its cluster behind; the next session stops and deletes
the clusters whose owner process is gone (never one that a running session still uses).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SUPERUSER = "warlog"
SERVER_SETTINGS = (
    # A test cluster needs no crash safety: these make it start and write faster.
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=50 -c shared_buffers=32MB"
)
START_TRIES = 3  # a free port can be taken by someone else before the server binds it
PREFIX = "warlog-pg-"  # the clusters' folders in the system temp dir
OWNER_FILE = "owner.pid"  # the pid of the pytest process that started the cluster


def find_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None."""
    candidates: list[Path] = []
    if os.environ.get("WARLOG_PG_BINDIR"):
        candidates.append(Path(os.environ["WARLOG_PG_BINDIR"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [p for p in debian.iterdir() if p.name.split(".")[0].isdigit()]
        versions.sort(
            key=lambda p: [int(x) for x in p.name.split(".") if x.isdigit()], reverse=True
        )
        candidates.extend(p / "bin" for p in versions)
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> list[str]:
    """The command prefix that runs a server tool as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    return [shutil.which("sudo") or "sudo", "-u", "postgres", "--"]


@dataclass
class PgCluster:
    """One running test cluster; ``url(db)`` is a SQLAlchemy URL for a database in it."""

    bindir: Path
    root: Path
    port: int = 0
    icu: bool = True  # False once the server refused an ICU database (older or no ICU)
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def url(self, database: str = "warlog") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def socket_url(self, database: str = "warlog") -> str:
        """The same database reached through the unix socket instead of TCP."""
        return (
            f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"
        )

    def _tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [*_run_as(), str(self.bindir / name), *args]
        res = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, timeout=120)
        if res.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{name} failed ({res.returncode}): {res.stderr.strip()}\n{tail}")
        return res

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._tool(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        for attempt in range(START_TRIES):
            self.port = _free_port()
            opts = f"-p {self.port} -h 127.0.0.1 -k {self.socket_dir} {SERVER_SETTINGS}"
            try:
                self._tool(
                    "pg_ctl",
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.root / "server.log"),
                    "-o",
                    opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                )
                return
            except RuntimeError:
                if attempt == START_TRIES - 1:
                    raise

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self._tool("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop the server (if it runs) and delete the folder."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def create_database(self, name: str | None = None, icu_locale: str | None = None) -> str:
        """A new database; with ``icu_locale`` its default collation is that ICU locale when
        the server can (PostgreSQL 15+ built with ICU), else the cluster's default."""
        import psycopg

        name = name or f"warlog_test_{next(self._names)}"
        if icu_locale and self.icu:
            try:
                self.execute(
                    f'CREATE DATABASE "{name}" TEMPLATE template0 '
                    f"LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'"
                )
                return name
            except psycopg.Error:
                self.icu = False
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_clusters(bindir: Path) -> int:
    """Stop and delete the clusters of test runs that were killed before their teardown
    (their owner pid is gone); a running session's cluster is left alone. Returns how many."""
    swept = 0
    for root in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            owner = int((root / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if not _alive(owner):
            PgCluster(bindir, root).remove()
            swept += 1
    return swept


def _skip_reason() -> str | None:
    if find_bindir() is None:
        return (
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found: install them "
            "(Debian: scripts/ci-postgres-deps.sh) or set WARLOG_PG_BINDIR"
        )
    if importlib_missing("psycopg"):
        return 'psycopg is not installed: pip install "psycopg[binary]>=3.1"'
    if os.geteuid() == 0 and not _user_exists("postgres"):
        return "running as root and there is no 'postgres' user to run the server as"
    return None


def importlib_missing(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is None


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    reason = _skip_reason()
    if reason and os.environ.get("WARLOG_REQUIRE_POSTGRES"):
        pytest.fail(f"WARLOG_REQUIRE_POSTGRES is set but {reason}")
    if reason:
        pytest.skip(reason)
    bindir = find_bindir()
    assert bindir is not None
    # Not under pytest's tmp_path: its parents are private to root, and the server's user
    # must reach the folder (and a unix socket path must stay under ~100 bytes).
    sweep_stale_clusters(bindir)
    cluster = PgCluster(bindir, Path(tempfile.mkdtemp(prefix=PREFIX)))
    (cluster.root / OWNER_FILE).write_text(str(os.getpid()))
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("warlog")
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    name = pg_cluster.create_database(icu_locale="en-US")
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)
