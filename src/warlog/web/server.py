"""``serve``: what ``warlog serve`` runs: build the app, print its address, run uvicorn.

Binds to 127.0.0.1 by default. Bound to any other address the app requires a token: the given
one, or a fresh random one that is printed in the address (``…/?token=…``; opening it once sets
a cookie). Bound to loopback, the app only answers requests that name a loopback host. A token
given to ``warlog serve`` must have at least :data:`MIN_TOKEN` characters: a short one is
refused with a message instead of guarding the app with something guessable.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
from typing import TextIO

from warlog.web.security import LOOPBACK_NAMES, is_loopback

TILE_URL_ENV = "WARLOG_TILE_URL"
MIN_TOKEN = 16
_NOT_IN_TOKEN = frozenset(' ",;\\')


def token_problem(token: str | None) -> str | None:
    """Why ``token`` cannot guard the app (too short, or a character a header or a cookie
    cannot carry), or ``None``."""
    if token is None:
        return None
    if len(token) < MIN_TOKEN:
        return (
            f"the access token must have at least {MIN_TOKEN} characters (it has {len(token)}); "
            "leave out --token to get a random one"
        )
    if not all(c.isascii() and c.isprintable() and c not in _NOT_IN_TOKEN for c in token):
        return (
            "the access token must be printable ASCII without spaces, quotes, commas, "
            "semicolons or backslashes (it travels in headers and a cookie)"
        )
    return None


def address(host: str, port: int, token: str | None = None) -> str:
    """The URL a person opens (with the token when there is one)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    url = f"http://{shown}:{port}/"
    return f"{url}?token={token}" if token else url


def plan(host: str, token: str | None) -> tuple[str | None, list[str] | None]:
    """The token the app will require and the host names it will answer to."""
    if is_loopback(host):
        return token, sorted(LOOPBACK_NAMES | {host.lower()})
    return token or secrets.token_urlsafe(24), None


def serve(
    db: str = "warlog.db",
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    tile_url: str | None = None,
    out: TextIO | None = None,
) -> None:
    """Run the web app on ``db`` until interrupted, printing its address first."""
    import uvicorn

    from warlog.store.places import warm_up
    from warlog.web.app import create_app

    out = out or sys.stdout
    problem = token_problem(token)
    if problem:
        print(f"warlog serve: {problem}", file=sys.stderr)
        raise SystemExit(2)
    if "://" not in db and not os.path.exists(db):
        print(
            f"warlog serve: no database at {db}; starting with an empty one "
            f"(fill it with `warlog extract FILES --db {db}`)",
            file=out,
        )
    token, allowed = plan(host, token)
    app = create_app(
        db, token, allowed_hosts=allowed, tile_url=tile_url or os.environ.get(TILE_URL_ENV) or None
    )
    threading.Thread(target=warm_up, name="gazetteer-warm-up", daemon=True).start()
    print(f"warlog serve: {app.state.db.url}", file=out)
    if not is_loopback(host):
        print("  listening beyond this computer: every request needs the token below", file=out)
    print(f"  open {address(host, port, token)}", file=out)
    print(f"  API docs {address(host, port)}docs   (Ctrl+C stops)", file=out, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
