"""The front end's files, read once into memory and served from there.

At start-up every file under ``static/`` is loaded into a table keyed by its relative path
(with a gzip copy of the compressible ones and an ETag). A request's path is only ever a key
into that table: it never reaches the file system, so no ``..`` or absolute path can read
anything else. The whole payload is a few megabytes.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from starlette.requests import Request
from starlette.responses import Response

COMPRESSIBLE = (".js", ".css", ".json", ".html", ".svg", ".txt", ".map")
LONG_CACHE_PREFIX = "vendor/"
EXTRA_TYPES = {".json": "application/json", ".js": "text/javascript", ".png": "image/png"}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    gzipped: bytes | None
    media_type: str
    etag: str


def _media_type(name: str) -> str:
    for ext, kind in EXTRA_TYPES.items():
        if name.endswith(ext):
            return kind
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def _walk(node: Traversable, prefix: str = "") -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for child in node.iterdir():
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            out.update(_walk(child, rel + "/"))
        elif child.is_file():
            out[rel] = child.read_bytes()
    return out


class Assets:
    """Every static file of the app by relative path (``"app.js"``, ``"vendor/…"``)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self._table: dict[str, Asset] = {}
        for rel, body in files.items():
            gz = gzip.compress(body, 6) if rel.endswith(COMPRESSIBLE) and len(body) > 512 else None
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            self._table[rel] = Asset(body, gz, _media_type(rel), etag)

    @classmethod
    def load(cls) -> Assets:
        return cls(_walk(resources.files("warlog.web").joinpath("static")))

    def __contains__(self, rel: str) -> bool:
        return rel in self._table

    def names(self) -> list[str]:
        return sorted(self._table)

    def response(self, rel: str, request: Request) -> Response:
        """The file's response (304 when the browser's copy is current, 404 if unknown)."""
        asset = self._table.get(rel)
        if asset is None:
            return Response("not found", status_code=404, media_type="text/plain")
        cache = "public, max-age=86400" if rel.startswith(LONG_CACHE_PREFIX) else "no-cache"
        headers = {"ETag": asset.etag, "Cache-Control": cache, "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == asset.etag:
            return Response(status_code=304, headers=headers)
        body = asset.body
        if asset.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            body = asset.gzipped
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type=asset.media_type, headers=headers)
