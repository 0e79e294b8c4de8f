"""The application factory: one process owns the store, serves the API and the dashboard.

``create_app`` opens the store once and shares that one ``Store`` object between all request
threads and the ingest worker (see docs/API.md, "Concurrency").
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lagebild.api.context import WEB, AppContext
from lagebild.api.errors import install_error_handlers
from lagebild.api.html import Templates
from lagebild.api.ingest import IngestQueue, ProcessFunction
from lagebild.api.routes_api import router as api_router
from lagebild.api.routes_stories import router as stories_router
from lagebild.api.routes_ui import router as ui_router
from lagebild.pipeline import WarmProcessor
from lagebild.query.vocabulary import load_vocabulary
from lagebild.settings import Settings, store_location
from lagebild.store import SchemaVersionError, Store, open_store

TITLE = "lagebild"
STRICT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class ArticleIn(BaseModel):
    """One article for ``POST /articles``: the fields of the JSON Lines input."""

    id: str | None = Field(None, description="Stable id; derived from the text when missing.")
    text: str = Field(description="The article text.")
    published: str | None = Field(
        None, description="Publication date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`); alias `date`."
    )
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code; detected when missing.")


def default_process_factory(settings: Settings) -> Callable[[], ProcessFunction]:
    """Build the real pipeline on first use (imported late: it loads language data)."""

    def build() -> ProcessFunction:
        from lagebild.pipeline import Processor

        # Each language's pipeline is built before its first article's time budget starts.
        return WarmProcessor(Processor(settings))

    return build


def open_server_store(db: Path | str, settings: Settings) -> tuple[Store, bool]:
    """Open the store for the server; return it and whether it is writable.

    Without a token nothing can be written, so an existing store is opened read-only, which
    lets other read-only processes (``lagebild events``) use the file at the same time.
    ``db`` is a DuckDB file or a PostgreSQL address (``postgresql://...``).
    """
    db = store_location(db)
    memory = settings.store_memory_limit
    if settings.api_token is None and (isinstance(db, str) or db.exists()):
        try:
            return open_store(db, read_only=True, memory_limit=memory), False
        except SchemaVersionError:
            pass  # an older store: open it writable once so it is migrated
    return open_store(db, memory_limit=memory), True


def create_app(db: Path | str, settings: Settings, process: ProcessFunction | None = None) -> FastAPI:
    """The HTTP API and dashboard over the store at ``db``.

    ``process`` turns an article into a coded document (default: the lagebild pipeline, built
    when the first article arrives). The store is opened now and closed when the app shuts down.
    """
    store, writable = open_server_store(db, settings)
    factory = (lambda: process) if process is not None else default_process_factory(settings)
    ingest = IngestQueue(store, factory, settings.batch_size, time_budget=settings.time_budget)
    context = AppContext(
        store=store,
        settings=settings,
        ingest=ingest,
        templates=Templates(WEB / "templates"),
        max_body_bytes=max_body_bytes(settings),
        writable=writable,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The names filters understand take a second to load: do it before the first request.
        threading.Thread(target=load_vocabulary, name="lagebild-vocabulary", daemon=True).start()
        ingest.start()
        try:
            yield
        finally:
            ingest.stop()
            store.close()

    app = FastAPI(
        title=TITLE,
        summary="Coded political events from German and English news.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.lagebild = context
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(stories_router)
    app.include_router(ui_router)
    app.add_api_route("/", _dashboard, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.mount("/vendor", StaticFiles(directory=WEB / "vendor"), name="vendor")
    _add_docs(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(SecurityHeaders)
    return app


def _dashboard() -> RedirectResponse:
    """The address the server announces opens the dashboard."""
    return RedirectResponse("/ui/events")


def max_body_bytes(settings: Settings) -> int:
    """Largest accepted ``POST /articles`` body: one maximal article even with JSON escapes, or
    many ordinary ones (twice ``max_document_bytes`` plus 64 KiB for the other fields)."""
    return 2 * settings.max_document_bytes + 64 * 1024


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lagebild")
    except PackageNotFoundError:
        return "0"


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
            description=_DESCRIPTION,
        )
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ArticleIn"] = ArticleIn.model_json_schema()
        schemas["Error"] = ErrorOut.model_json_schema()
        # Validation errors are answered with 400 and an ``Error`` body, never FastAPI's 422.
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                _document_errors(path, method, operation)
        post = schema["paths"]["/articles"]["post"]
        post["security"] = [{"bearer": []}]
        post["responses"]["200"] = {
            "description": "With `wait=true`: the job once it is done, with its stored `event_ids`.",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
        app.openapi_schema = schema
    return app.openapi_schema


class ErrorOut(BaseModel):
    """The body of every error response."""

    error: str = Field(description="What is wrong, naming the parameter.")
    status: int = Field(description="The HTTP status code.")


_ERRORS = {
    400: "A parameter or the body is malformed.",
    401: "Missing or wrong bearer token.",
    403: "Writes are disabled (no LAGEBILD_API_TOKEN configured).",
    404: "No such id.",
    500: "The server failed; the body says so in JSON.",
    413: "The body or an article's text is too large.",
    503: "The ingest queue is full; retry later.",
}


def _document_errors(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    codes = [400]
    if "{" in path:
        codes.append(404)
    if method == "post":
        codes += [401, 403, 413, 500, 503]
    for code in codes:
        responses[str(code)] = {
            "description": _ERRORS[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }


_DESCRIPTION = (
    "Read endpoints are open. `POST /articles` needs `Authorization: Bearer <token>` (the server's "
    '`LAGEBILD_API_TOKEN`). Errors are JSON `{"error": message, "status": code}`; bad parameters get 400.'
)


def _add_docs(app: FastAPI) -> None:
    """Swagger UI from the vendored files, with a CSP that allows only its own inline start-up script."""
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{TITLE} API",
        swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"validatorUrl": None},
    )
    html = bytes(page.body).decode("utf-8")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
        for script in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    )
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {hashes}",
            # Swagger UI sets style attributes from its scripts.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(html, headers={"Content-Security-Policy": csp})


logger = logging.getLogger("lagebild.api")


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (no inline scripts) and related headers to every response.

    It also answers an exception no handler caught with a JSON 500 (logged with its traceback),
    so that even a failure gets a JSON body and these headers: Starlette's own last-resort
    handler sits outside every middleware and answers in plain text without them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = {"content-security-policy": STRICT_CSP, **SECURITY_HEADERS}
                headers += [(k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in present]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            logger.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            message = "internal error: the server could not answer this request (logged)"
            body = {"error": message, "status": 500}
            await JSONResponse(body, status_code=500)(scope, receive, send_with_headers)
