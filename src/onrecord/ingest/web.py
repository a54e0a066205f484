"""Web pages and feeds: fetched politely, read into raw documents, kept byte for byte.

`Fetcher` asks each host for its robots.txt before anything else and honours it (RFC
9309), sends onrecord's user agent, waits between two requests to one host (the longer
of the `fetch_delay` setting and the site's Crawl-delay), follows redirects itself so
each hop is checked the same way, and reads at most `MAX_PAGE_BYTES`. Every refusal or
failure is an `InputError` that says why, for the caller to report against the URL.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3

from onrecord import settings
from onrecord.errors import InputError
from onrecord.ingest.decoding import decode
from onrecord.ingest.html import declared_charset, extract_html
from onrecord.models import FetchedPage, RawDocument

# The most a page or feed may weigh; a larger one is refused, not cut.
MAX_PAGE_BYTES = 20 * 1024 * 1024
# Redirects followed per URL (RFC 9309 asks robots.txt readers to follow at least five).
MAX_REDIRECTS = 5
# A site's Crawl-delay is honoured up to this many seconds; longer ones are capped.
MAX_CRAWL_DELAY = 60.0
URL_SCHEMES = ("http", "https")
PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Extensions dropped from a URL's last path segment when it names the document.
DOC_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.IGNORECASE)
CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def is_url(text: str) -> bool:
    """Return whether an input names a web page (http or https) rather than a file."""
    return urlsplit(text.strip()).scheme.lower() in URL_SCHEMES and "//" in text


@dataclass
class Fetcher:
    """A polite HTTP client: one user agent, a pause per host, robots.txt honoured."""

    user_agent: str = field(default_factory=lambda: settings.get("user_agent"))
    delay: float = field(default_factory=lambda: float(settings.get("fetch_delay")))
    timeout: float = field(default_factory=lambda: float(settings.get("fetch_timeout")))
    max_bytes: int = MAX_PAGE_BYTES
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _pool: urllib3.PoolManager = field(default_factory=urllib3.PoolManager, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)  # host → when its last request began

    def fetch(self, url: str, kinds: tuple[str, ...] | None = PAGE_TYPES) -> FetchedPage:
        """Fetch `url` (following redirects) and return the page; raise InputError saying why not.

        `kinds` are the content types accepted (None: any; a missing type is accepted).
        """
        current = url.strip()
        for _ in range(MAX_REDIRECTS + 1):
            self._check_allowed(current)
            status, headers, body = self._get(current)
            if status in REDIRECTS and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise InputError(f"HTTP {status} {_reason(status)}")
            content_type = headers.get("content-type")
            media = (content_type or "").split(";")[0].strip().lower()
            if kinds is not None and media and media not in kinds:
                raise InputError(f"not a web page: the content type is {content_type!r}")
            fetched_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            return FetchedPage(url.strip(), current, fetched_at, status, content_type, body)
        raise InputError(f"more than {MAX_REDIRECTS} redirects")

    def _check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in URL_SCHEMES or not parts.hostname:
            raise InputError(f"not a web address onrecord can fetch: {url!r} (http or https)")
        robots = self._robots_of(f"{parts.scheme}://{parts.netloc}")
        if robots is not None and not robots.can_fetch(self.user_agent, url):
            raise InputError(
                f"the site's robots.txt does not allow fetching it ({parts.scheme}://"
                f"{parts.netloc}/robots.txt)"
            )

    def _robots_of(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """Return the rules of `origin`'s robots.txt (None: everything allowed)."""
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        where = f"{origin}/robots.txt"
        # A site that cannot be reached fails here with the same reason its page would.
        status, _, body = self._get(where, redirects=MAX_REDIRECTS)
        if 400 <= status < 500:
            return None  # no robots.txt: everything is allowed (RFC 9309, 2.3.1.3)
        if status >= 300:  # a server error or a redirect loop: assume nothing is allowed
            raise InputError(f"cannot read {where} (HTTP {status}), so nothing there is fetched")
        parser = urllib.robotparser.RobotFileParser(where)
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser

    def _get(self, url: str, redirects: int = 0) -> tuple[int, dict[str, str], bytes]:
        """One GET request, after the host's pause; return status, headers and body."""
        host = urlsplit(url).netloc.lower()
        self._pause(host)
        try:
            response = self._pool.request(
                "GET",
                url,
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                redirect=redirects > 0,
                # Redirects only: a failed connection or answer is reported, not tried again.
                retries=urllib3.Retry(
                    total=None,
                    connect=0,
                    read=0,
                    other=0,
                    status=0,
                    redirect=redirects,
                    raise_on_redirect=False,
                )
                if redirects
                else False,
                timeout=self.timeout,
                preload_content=False,
            )
            try:
                body = self._read(response)
            finally:
                response.release_conn()
        except urllib3.exceptions.HTTPError as error:
            raise InputError(_network_reason(error, self.timeout)) from error
        headers = {key.lower(): value for key, value in response.headers.items()}
        return response.status, headers, body

    def _pause(self, host: str) -> None:
        """Wait until the host's pause since its last request is over, then note the time."""
        robots = self._robots.get(f"http://{host}") or self._robots.get(f"https://{host}")
        crawl_delay = robots.crawl_delay(self.user_agent) if robots else None
        pause = max(self.delay, min(float(crawl_delay or 0), MAX_CRAWL_DELAY))
        last = self._last.get(host)
        if last is not None:
            wait = last + pause - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _read(self, response: urllib3.BaseHTTPResponse) -> bytes:
        chunks, size = [], 0
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(f"larger than {self.max_bytes:,} bytes: not read")
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _network_reason(error: urllib3.exceptions.HTTPError, timeout: float) -> str:
    """Say in words why a request failed."""
    if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
        error = error.reason  # type: ignore[assignment]
    if isinstance(error, urllib3.exceptions.NameResolutionError):
        return f"cannot resolve the host name {error.conn.host!r}"
    # A NewConnectionError is also a TimeoutError in urllib3: it is told apart first.
    if isinstance(error, urllib3.exceptions.NewConnectionError):
        detail = str(error).rsplit("]", 1)[-1].strip() or str(error)
        return f"cannot connect ({detail.lower()})"
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(error, urllib3.exceptions.SSLError):
        return f"TLS error: {error}"
    if isinstance(error, urllib3.exceptions.LocationValueError):
        return f"not a valid web address ({error})"
    if isinstance(error, urllib3.exceptions.ProtocolError):
        return f"the connection broke off ({error})"
    return f"{type(error).__name__}: {error}"


def page_document(page: FetchedPage) -> RawDocument:
    """Read a fetched HTML page into a raw document (main text and hints), named by its URL."""
    header = CHARSET.search(page.content_type or "")
    declared = header.group(1) if header else declared_charset(page.body)
    text, hints = extract_html(decode(page.body, declared=declared))
    canonical = hints.get("url", "")
    if not (is_url(canonical) and urlsplit(canonical).hostname):
        hints["url"] = page.final_url
    return RawDocument(doc_name(page.final_url), page.url, "html", text, hints)


def doc_name(url: str) -> str:
    """Name a document after its URL: the last path segment without extension, or the host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    name = DOC_SUFFIX.sub("", segments[-1]) if segments else ""
    return name or parts.hostname or url


def feed_links(page: FetchedPage) -> list[str]:
    """Return the links of a fetched RSS or Atom feed's entries, in feed order, once each."""
    import feedparser  # only feeds need it

    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or ""})
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f": {problem}" if parsed.get("bozo") and problem else ""
        raise InputError(f"not an RSS or Atom feed with entries{why}")
    links: list[str] = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link:
            absolute = urljoin(page.final_url, link)
            if absolute not in links:
                links.append(absolute)
    return links


def _entry_link(entry: dict[str, object]) -> str | None:
    """The page an entry points to: its link, else its first alternate link."""
    link = entry.get("link")
    if isinstance(link, str) and link.strip():
        return link.strip()
    for candidate in entry.get("links") or ():  # type: ignore[attr-defined]
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return str(candidate["href"]).strip()
    return None


def feed_urls(fetcher: Fetcher, feed: str) -> Iterator[str]:
    """Fetch the feed at `feed` and yield the URLs of its entries."""
    # Feeds are served under many types (text/html too): the parser judges the body.
    yield from feed_links(fetcher.fetch(feed, None))
