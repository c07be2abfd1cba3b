"""`create_app`: one FastAPI application over one event store.

Errors are JSON everywhere — `{"error": "<one line naming what is wrong>", "detail": ...}` — and
never carry a traceback. The interactive docs (/docs) and the dashboard (/) load their scripts
from installed packages, not from a CDN: frontwatch works with no internet.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from frontwatch import __version__
from frontwatch.api import events, reports, watching
from frontwatch.ingest import DEFAULT_MAX_REPORT_BYTES
from frontwatch.monitor import WatchConfig
from frontwatch.store import Store

_log = logging.getLogger(__name__)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES,
    cors_origins: Sequence[str] = (),
    watch: WatchConfig | None = None,
) -> FastAPI:
    """An app serving the store at `db` (a SQLite path or a database URL; tables made if missing).

    `token` enables writes (an empty token counts as none); `max_report_bytes` bounds a posted
    report; `cors_origins` lists the other sites whose pages may call the API (none by default);
    `watch` names sources to follow while the app serves (see `frontwatch.api.watching`).
    """
    if max_report_bytes < 1:
        raise ValueError(f"max_report_bytes must be positive, not {max_report_bytes}")
    store = Store(db)
    coder = reports.SerialCoder()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            async with watching.following(watch, store, coder.code_sync):
                yield
        finally:
            coder.close()
            store.close()

    app = FastAPI(
        title="frontwatch",
        version=__version__,
        summary="ACLED-style conflict events coded from news reports.",
        description="Read endpoints are open. `POST /api/reports` needs `Authorization: Bearer TOKEN`.",
        docs_url=None,  # served below from the swagger-ui-bundle package, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or None
    app.state.max_report_bytes = max_report_bytes
    app.state.coder = coder
    app.state.watching = watch is not None

    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
    app.include_router(events.router)
    app.include_router(reports.router)
    app.include_router(watching.router)
    _add_docs(app)
    _add_dashboard(app)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    return app


def _add_docs(app: FastAPI) -> None:
    assets = "/docs/assets"
    app.mount(assets, StaticFiles(directory=Path(str(swagger_ui_path))), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="frontwatch API",
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon-32x32.png",
        )


def _add_dashboard(app: FastAPI) -> None:
    """`/` is the dashboard page, `/static/...` its scripts and data, shipped in the package."""
    static = Path(str(resources.files("frontwatch") / "web" / "static"))
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        index = static / "index.html"
        if not index.is_file():
            return _error(503, f"the dashboard is not installed ({index} is missing); the API is at /api "
                               "and its documentation at /docs")
        return HTMLResponse(index.read_bytes())


# -- errors ------------------------------------------------------------------------------------


def _error(status: int, message: str, detail: Any = None, headers: dict[str, str] | None = None
           ) -> JSONResponse:
    return JSONResponse({"error": message, "detail": message if detail is None else detail},
                        status_code=status, headers=headers)


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return _error(exc.status_code, str(exc.detail), exc.detail, exc.headers)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's list of errors, led by one line a person can read: "limit: ... ; bbox: ..."."""
    errors = exc.errors()
    message = "; ".join(f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors)
    return _error(422, message, jsonable_encoder(errors, custom_encoder={Exception: str}))


def _where(loc: Sequence[Any]) -> str:
    """("query", "limit") → "limit"; ("body", "text") → "text"; ("body",) → "body"."""
    inner = [str(part) for part in loc[1:]]
    return ".".join(inner) if inner else ".".join(str(part) for part in loc)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    _log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "internal server error; the server's log has the details")
