"""The app's gatekeeper: access token, host check, request-body rules, security headers.

One ASGI middleware, in front of everything (the page, static files, the API, ``/docs``):

- **Token.** When the app has a token (it must when bound beyond loopback), a request needs it
  as ``Authorization: Bearer …``, an ``X-Warlog-Token`` header, the ``warlog_token`` cookie, or
  once as ``?token=…`` in a browser's address: that answer sets the cookie (HttpOnly,
  SameSite=Strict) and redirects to the same address without the token.
- **Host.** With ``allowed_hosts`` (loopback names when bound to loopback) a request naming
  another ``Host`` is refused, which stops DNS-rebinding pages from reaching a local server.
- **Writes.** POST/PUT/PATCH/DELETE must send JSON (so a browser on another site must ask
  first, and we never allow it) and, when they carry an ``Origin``, it must be this server
  (``Origin: null``, what a sandboxed frame or a local file sends, is refused too).
- **Body.** A body over ``max_body`` bytes is refused with 413 before the app sees it. A write's
  body must be strict JSON: UTF-8, no ``NaN``/``Infinity`` (nor ``1e400``, which reads as
  infinity), no number too long to convert, no nesting too deep and no lone surrogate
  (``"\\ud800"``) or NUL in any string; otherwise 400 with the reason, so such values never
  reach the review code or the database (PostgreSQL refuses NUL in text; a query string holding
  ``%00`` is refused for the same reason).
- **Headers.** Every answer carries ``X-Frame-Options: DENY``, a ``Content-Security-Policy``
  (only this server's scripts, styles and data; ``frame-ancestors 'none'``; see
  :func:`content_security_policy`), ``X-Content-Type-Options: nosniff`` and
  ``Referrer-Policy: strict-origin-when-cross-origin`` (another site, such as an online tile
  server that asks for a referrer, learns only the origin, never a path or query). A route may
  send its own policy (the API docs page allows its one inline script by hash,
  :func:`allow_inline_scripts`); the Guard then keeps it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import math
import re
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
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(tile_url: str | None = None) -> str:
    """The policy every page gets: scripts, styles, fetches and fonts from this server only;
    images also as ``data:`` URLs and from the online tile server when one is configured;
    no plugins, no ``<base>``, forms post here only, and no site may frame the app."""
    images = ["'self'", "data:"]
    tiles = _tile_source(tile_url)
    if tiles:
        images.append(tiles)
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {' '.join(images)}",
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _tile_source(tile_url: str | None) -> str | None:
    """The CSP source for a tile URL template: ``https://{s}.tile.example.org/{z}/{x}/{y}.png``
    → ``https://*.tile.example.org``; a template whose host is not a plain name → its scheme."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = re.sub(r"\{[a-z]\}", "*", parts.netloc.lower(), count=1)
    if not re.fullmatch(r"(\*\.)?[a-z0-9.-]+(:\d+)?", host):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def allow_inline_scripts(policy: str, html: str) -> str:
    """``policy`` with the hashes of the inline ``<script>`` blocks of ``html`` (a page the app
    generates itself) added to ``script-src``: exactly those scripts run, no other inline one."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    ]
    if not hashes:
        return policy
    return policy.replace("script-src 'self'", "script-src 'self' " + " ".join(hashes), 1)


def security_headers(policy: str) -> tuple[tuple[bytes, bytes], ...]:
    """The headers the Guard adds to every answer (unless the answer sets one itself)."""
    return (
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy", policy.encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    )


class _NotJson(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 reads as infinity
        raise _NotJson(f"{text[:24]} is beyond the range of a number")
    return value


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_body_problem(body: bytes) -> str | None:
    """Why a write request's body is not strict JSON (see the module docstring), or ``None``."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the request body is not UTF-8"
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except _NotJson as e:
        return f"the request body is not valid JSON: {e} (NaN and Infinity are not allowed)"
    except RecursionError:
        return "the request body is nested too deeply"
    except json.JSONDecodeError as e:
        return f"the request body is not valid JSON: {e}"
    except ValueError:  # an integer over Python's digit limit
        return "the request body holds a number too long to read"
    stack = [data]
    while stack:  # iterative: a deep (but valid) body must not exhaust the stack here
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                return "the request body holds a NUL character in a text"
            if not item.isascii() and not _is_unicode(item):
                return "the request body holds text that is not valid Unicode (a lone surrogate)"
    return None


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
        policy: str | None = None,
    ) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.allowed = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
        self.max_body = max_body
        self.headers = security_headers(policy or content_security_policy())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._secured(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"].upper()
        host = headers.get("host", "")
        if self.allowed is not None and _hostname(host) not in self.allowed:
            await _error(send, 400, "this server does not answer to that host name")
            return
        if b"%00" in scope.get("query_string", b""):
            await _error(send, 400, "the query holds a NUL character")
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
            if origin is not None and (
                origin.strip().lower() == "null" or urlsplit(origin).netloc.lower() != host.lower()
            ):
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
            problem = json_body_problem(body) if method in WRITE_METHODS and body else None
            if problem:
                await _error(send, 400, problem)
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    def _secured(self, send: Send) -> Send:
        """``send`` adding the security headers to the response's start."""

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        return secured

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
