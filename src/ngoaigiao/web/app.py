"""The web application: HTML pages for analysts and a JSON API under /api/.

`create_app(store)` builds it around any object with the store's methods
(`ngoaigiao.store.open_store(url)` in production, a fake in tests). The app is
read-only unless a write token is configured; then POST /import and
POST /api/import accept uploads that carry the token.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ngoaigiao import __version__
from ngoaigiao.store.db import StoreError
from ngoaigiao.store.integrity import DB_ERRORS
from ngoaigiao.web.guards import HeadMiddleware, upload_refusal
from ngoaigiao.web.responses import JSONOut
from ngoaigiao.web.upload import Limits
from ngoaigiao.web.view import ViewRepo

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

# No inline script or style anywhere, nothing from another origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
UPLOAD_PATHS = ("/import", "/api/import")


def create_app(store: Any = None, db_url: str | None = None, write_token: str | None = None,
               upload_dir: str | os.PathLike | None = None, limits: Limits | None = None) -> FastAPI:
    if store is None:
        from ngoaigiao.store import open_store  # imported late: tests pass their own store
        store = open_store(db_url)
    app = FastAPI(
        title="ngoaigiao API",
        version=__version__,
        description="Events, persons and articles extracted from Vietnamese diplomatic news. "
                    "Read-only unless the server was started with a write token.",
        # Swagger UI would load from a CDN, which we never do: clients read /openapi.json.
        docs_url=None, redoc_url=None,
    )
    app.state.repo = ViewRepo(store)
    app.state.write_token = write_token or None
    app.state.upload_dir = Path(upload_dir) if upload_dir else Path(tempfile.gettempdir()) / "ngoaigiao-uploads"
    app.state.limits = limits or Limits()

    from ngoaigiao.web import api, pages, statements_web  # noqa: PLC0415 - routers need the app state names above
    app.include_router(api.router)
    app.include_router(statements_web.api)
    app.include_router(pages.router)
    from ngoaigiao.web import sources_page  # noqa: PLC0415 - /sources and the dashboard's freshness line
    app.include_router(sources_page.router)
    app.include_router(statements_web.pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False), name="static")

    app.add_middleware(GuardMiddleware, limits=app.state.limits)
    app.add_middleware(HeadMiddleware)  # outermost: HEAD runs as GET through everything else

    @app.on_event("startup")
    def warm_event_index():
        # Facets and filtered lists read an in-memory index of the events (store/facets.py):
        # build it before the first request rather than during it; templates too (web/warm.py).
        from ngoaigiao.web.warm import warm_up  # noqa: PLC0415
        warm_up(app)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        details = [{"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return error_response(request, 422, f"invalid request: {message}", details=details)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        # The store rejects values it cannot use (an unknown sort key, a bad date...).
        return error_response(request, 400, f"bad request: {exc}")

    async def database_error(request: Request, exc: Exception):
        # the database is unreachable, locked, full, or its file is damaged (a driver error
        # raised outside the store's own mapping, in fetchall say): 503, one line.
        first = (str(exc).splitlines() or [type(exc).__name__])[0].split(" with text '", 1)[0][:300]
        return error_response(request, 503, f"database unavailable: {first}")

    # Registered per class so that the exception ends here (a catch-all handler re-raises
    # into the server, which then drops the keep-alive connection).
    for cls in (StoreError, *DB_ERRORS):
        app.add_exception_handler(cls, database_error)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        if type(exc).__name__ == "StoreError":  # a test double's own StoreError
            return error_response(request, 503, f"database unavailable: {exc}")
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    return app


_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class GuardMiddleware:
    """Adds the security headers to every response, and refuses an upload whose
    size is unknown or over the limit before a byte of its body is read.
    (Plain ASGI: cheaper per request than a BaseHTTPMiddleware.)"""

    def __init__(self, app, limits: Limits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] == "POST" and scope["path"] in UPLOAD_PATHS:
            length = dict(scope["headers"]).get(b"content-length", b"").decode()
            refusal = upload_refusal(scope)  # the token first: 403 before anything else
            if refusal:
                pass
            elif not length.isdigit():
                refusal = (411, "uploads must state their size (Content-Length)")
            elif int(length) > self.limits.max_total + 1024 * 1024:
                refusal = (413, f"upload too large (limit {self.limits.max_total // 1024 // 1024} MB)")
            if refusal:
                response = error_response(Request(scope), *refusal)
                return await response(scope, receive, self._with_headers(send))
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in _HEADERS if h[0] not in present]
            await send(message)
        return wrapped


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str, details: list | None = None, headers=None):
    if is_api(request):
        body: dict[str, Any] = {"error": message, "status": status}
        if details:
            body["details"] = details
        return JSONOut(body, status_code=status, headers=headers)
    from ngoaigiao.web.pages import render_error  # noqa: PLC0415
    return render_error(request, status, message)


def app_from_env() -> FastAPI:
    """The app as `ngoaigiao serve --workers N` starts it in each worker process:
    configuration comes from the environment the command set."""
    return create_app(db_url=os.environ.get("NGOAIGIAO_DB") or None,
                      write_token=os.environ.get("NGOAIGIAO_WRITE_TOKEN") or None,
                      upload_dir=os.environ.get("NGOAIGIAO_UPLOAD_DIR") or None)
