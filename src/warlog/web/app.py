"""``create_app``: the FastAPI application behind ``warlog serve``.

The page (``/``), its static files (``/static/…``, from memory, see :mod:`warlog.web.assets`),
the JSON API (``/api/…``) and the OpenAPI page (``/docs``, with a vendored Swagger UI so it works
offline), all behind :class:`warlog.web.security.Guard`.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from starlette.middleware.gzip import GZipMiddleware

from warlog import __version__
from warlog.store.cache import ResultCache
from warlog.store.database import open_store
from warlog.store.places import PlaceSearch, gazetteer_search
from warlog.store.review import ReviewError
from warlog.web.api import review_error_response, router
from warlog.web.assets import Assets
from warlog.web.security import (
    MAX_BODY,
    Guard,
    allow_inline_scripts,
    content_security_policy,
)

SWAGGER = "/static/vendor/swagger-ui/"


def _default_user() -> str:
    try:
        return getpass.getuser() or "reviewer"
    except Exception:
        return "reviewer"


def create_app(
    db: str,
    token: str | None = None,
    *,
    allowed_hosts: Iterable[str] | None = None,
    place_search: PlaceSearch | None = None,
    max_body: int = MAX_BODY,
    tile_url: str | None = None,
    cache_entries: int = 256,
) -> FastAPI:
    """The web app on the database ``db`` (a SQLite path or SQLAlchemy URL).

    ``token``: required on every request when set. ``allowed_hosts``: host names the app
    answers to (``None``: any). ``place_search``: replaces the gazetteer search (tests).
    ``tile_url``: an online tile server's URL template offered as an extra base layer.
    ``cache_entries``: aggregate answers kept (0: none; see :mod:`warlog.store.cache`).
    """
    database = open_store(db)
    database.ensure_search()
    assets = Assets.load()
    cache = ResultCache(database.read, entries=cache_entries)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        cache.close()
        database.close()

    app = FastAPI(
        title="warlog",
        version=__version__,
        description="Explore, review and export ACLED-style events extracted by warlog.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.cache = cache
    app.state.place_search = place_search or gazetteer_search
    app.state.default_user = _default_user()
    app.state.config = {"tile_url": tile_url, "database": database.url}
    app.include_router(router)
    app.add_exception_handler(ReviewError, review_error_response)

    @app.get("/", include_in_schema=False)
    def index(request: Request) -> Response:
        return assets.response("index.html", request)

    @app.get("/static/{rel:path}", include_in_schema=False)
    def static(rel: str, request: Request) -> Response:
        return assets.response(rel, request)

    @app.get("/api/config", summary="Settings the page needs (tile server, database label)")
    def config() -> dict[str, Any]:
        return app.state.config

    policy = content_security_policy(tile_url)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="warlog API",
            swagger_js_url=SWAGGER + "swagger-ui-bundle.js",
            swagger_css_url=SWAGGER + "swagger-ui.css",
            swagger_favicon_url=SWAGGER + "favicon-32x32.png",
        )
        # Its one inline script (Swagger UI's set-up) is allowed by hash, nothing else inline.
        page.headers["Content-Security-Policy"] = allow_inline_scripts(
            policy, bytes(page.body).decode()
        )
        return page

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(
        Guard, token=token, allowed_hosts=allowed_hosts, max_body=max_body, policy=policy
    )
    return app
