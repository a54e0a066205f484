"""A small web site on 127.0.0.1 for tests: fixed routes, every request recorded.

No test reaches any other address: the pages, feeds and robots.txt files are served here.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Route:
    """What the site answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    delay: float = 0.0  # seconds before answering (to test time-outs)


@dataclass
class Site:
    """The routes served and the requests received, as (path, user agent)."""

    routes: dict[str, Route]
    base: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def redirect(to: str, status: int = 301) -> Route:
    """A route that redirects to `to`."""
    return Route(status=status, content_type=None, headers={"Location": to})


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    """Serve `routes` on 127.0.0.1 (a free port) for the duration of the block."""
    site = Site(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path, Route(b"not here", 404, "text/plain"))
            if route.delay:
                time.sleep(route.delay)
            body = gzip.compress(route.body) if route.gzip else route.body
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
