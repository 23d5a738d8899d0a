"""The app's gatekeeper: access token, host check, request-body limit, write-request rules.

One ASGI middleware, in front of everything (the page, static files, the API, ``/docs``):

- **Token.** When the app has a token (it must when bound beyond loopback), a request needs it
  as ``Authorization: Bearer …``, an ``X-Warlog-Token`` header, the ``warlog_token`` cookie, or
  once as ``?token=…`` in a browser's address: that answer sets the cookie (HttpOnly,
  SameSite=Strict) and redirects to the same address without the token.
- **Host.** With ``allowed_hosts`` (loopback names when bound to loopback) a request naming
  another ``Host`` is refused, which stops DNS-rebinding pages from reaching a local server.
- **Writes.** POST/PUT/PATCH/DELETE must send JSON (so a browser on another site must ask
  first, and we never allow it) and, when they carry an ``Origin``, it must be this server.
- **Size.** A body over ``max_body`` bytes is refused with 413 before the app sees it.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, Iterable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "warlog_token"
MAX_BODY = 256 * 1024
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip("[]").lower() in LOOPBACK_NAMES or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _hostname(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware applying the rules in the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        token: str | None = None,
        allowed_hosts: Iterable[str] | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"].upper()
        host = headers.get("host", "")
        if self.allowed is not None and _hostname(host) not in self.allowed:
            await _error(send, 400, "this server does not answer to that host name")
            return
        if self.token is not None:
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
            via_query = next((v for k, v in query if k == "token"), None)
            if via_query is not None and method == "GET" and self._ok(via_query):
                await _redirect_with_cookie(send, scope, query, via_query)
                return
            if not self._ok(_supplied_token(headers)):
                await _error(
                    send,
                    401,
                    "an access token is required: open the address "
                    "that `warlog serve` printed, or send "
                    "'Authorization: Bearer <token>'",
                )
                return
        if method in WRITE_METHODS:
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                await _error(send, 415, "send the request body as application/json")
                return
            origin = headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc.lower() != host.lower():
                await _error(send, 403, "cross-site requests are not allowed")
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _error(send, 413, f"request body over {self.max_body} bytes")
            return
        if method in WRITE_METHODS or headers.get("transfer-encoding"):
            body = await _read_body(receive, self.max_body)
            if body is None:
                await _error(send, 413, f"request body over {self.max_body} bytes")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    def _ok(self, supplied: str | None) -> bool:
        return (
            bool(supplied)
            and self.token is not None
            and hmac.compare_digest(supplied.encode(), self.token)
        )


def _supplied_token(headers: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if "x-warlog-token" in headers:
        return headers["x-warlog-token"].strip()
    if "cookie" in headers:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:
            return None
        if COOKIE in jar:
            return jar[COOKIE].value
    return None


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(
    send: Send, scope: Scope, query: list[tuple[str, str]], token: str
) -> None:
    rest = urlencode([(k, v) for k, v in query if k != "token"])
    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if raw else scope["path"]
    location = scope.get("root_path", "") + path + (f"?{rest}" if rest else "")
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1", "replace")),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
