"""The web app: pages and a REST API over the same library calls as the CLI.

`create_app(db, token=...)` returns a FastAPI app. Reads go through one read-only store
per worker thread (SQLite in WAL mode: readers never wait for the writer); every edit
opens the database for writing under one lock, through `onrecord.pipeline.corrections`.
Nothing is loaded from the network: the CSS ships in `web/static`, and the pages run
no script (the Content-Security-Policy allows none).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord import __version__, settings
from onrecord.errors import NotFoundError, OnrecordError, StoreError
from onrecord.store import Store, database_target, open_store
from onrecord.web.access import Access, Refused
from onrecord.web.cache import Recent

T = TypeVar("T")
STATIC = Path(__file__).parent / "static"
API_PREFIX = "/api/v1"
# No script, style or image from anywhere but this server; no framing; forms post here only.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; "
        "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class Web:
    """What every route needs: the database, the access rules and the templates."""

    def __init__(self, db: str | Path, access: Access, by: str | None) -> None:
        self.db = db
        self.access = access
        self.by = by
        self.templates = Environment(
            loader=PackageLoader("onrecord.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._local = threading.local()
        self._writer = threading.Lock()
        self.recent = Recent(settings.get_float("page_cache"))

    def store(self) -> Store:
        """Return this thread's read-only store (opened on first use).

        Each call asks the database whether another connection wrote since this thread
        last asked; if one did, the answers kept a while are forgotten (see web.cache).
        """
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, write=False)
            self._local.store = store
            self._local.version = None
        version = store.data_version()
        if version is None or version != self._local.version:
            self.recent.clear()  # a write this thread has not seen, or cannot be told of
            self._local.version = version
        return store

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the answer kept for `key`, or compute it (with this thread's store)."""
        if self.store().data_version() is None:  # a server database: writes go unseen
            return compute()
        return self.recent.get(key, compute)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Open the database for one edit; edits wait for each other. The answers kept
        for a while are forgotten once it is made."""
        try:
            with self._writer, open_store(self.db, write=True) as store:
                yield store
        finally:
            self.recent.clear()


def web_of(request: Request) -> Web:
    """Return the app's `Web` from a request."""
    web: Web = request.app.state.web
    return web


# How `onrecord serve --workers N` hands the key its cookies are signed with to each worker
# process (the database and token go as the `db` and `token` settings).
KEY_VARIABLE = "ONRECORD_SERVE_KEY"


def app_from_environment() -> FastAPI:
    """Return the app of one worker process of `onrecord serve --workers N`."""
    key = os.environ.get(KEY_VARIABLE)
    return create_app(
        settings.get("db"), token=settings.get("token") or None, key=bytes.fromhex(key or "")
    )


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    by: str | None = None,
    key: bytes | None = None,
) -> FastAPI:
    """Return the app serving the database at `db`; read-only unless `token` is given.

    The database is opened once here, so a missing or foreign file is refused at start.
    `key` signs the session cookies (default: a fresh random key).
    """
    with open_store(db, write=False):
        pass
    from onrecord.web import api, forms, pages

    app = FastAPI(
        title="onrecord",
        version=__version__,
        description="Who said what, when, as reported by whom: the REST API (docs/api.md).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the interactive docs load scripts from the network
        redoc_url=None,
    )
    access = Access.of(token, key)
    app.state.web = Web(database_target(db), access, by or settings.get("user_name") or None)
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.include_router(forms.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handle_errors(app)
    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response (cheaper than an
    `http` middleware, which wraps each response in another stream)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, sending)


_STATUS = {NotFoundError: 404, StoreError: 500}


def _status(error: OnrecordError) -> int:
    return next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(OnrecordError)
    async def library_error(request: Request, error: OnrecordError) -> Response:
        return error_response(request, _status(error), error.message, error.hint)

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        return error_response(request, error.status, error.reason)


def error_response(
    request: Request, status: int, message: str, hint: str | None = None
) -> Response:
    """Return an error as JSON under /api, else as a page."""
    if request.url.path.startswith(API_PREFIX):
        return JSONResponse({"error": message, "hint": hint}, status_code=status)
    return HTMLResponse(
        render(request, "error.html", status=status, message=message, hint=hint),
        status_code=status,
    )


def render(request: Request, template: str, **context: Any) -> str:
    """Render a page template with what every page shows (version, login state)."""
    web = web_of(request)
    session = web.access.session(request.cookies.get("onrecord_session"))
    return web.templates.get_template(template).render(
        request=request,
        version=__version__,
        editable=web.access.editable,
        editor=session is not None,
        csrf=web.access.csrf(session) if session else "",
        **context,
    )
