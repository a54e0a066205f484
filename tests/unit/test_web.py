"""Fetching pages and feeds politely, from a site served on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest
from tests.local_web import Route, redirect, serve

from onrecord.errors import InputError
from onrecord.ingest.web import Fetcher, doc_name, feed_links, is_url, page_document
from onrecord.models import FetchedPage

AGENT = "onrecord-test (tests@example.org)"
PAGE = (
    "<html><head><title>Harbour reopens</title>"
    '<meta property="og:site_name" content="The Selden Post"></head><body><article>'
    "<p>The harbour master said on Monday that the port would reopen within a week.</p>"
    "<p>Fishing crews welcomed the news, the mayor said, after months of delays.</p>"
    "</article></body></html>"
)
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class FakeTime:
    """A clock that moves only when slept on: the pauses asked for are recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def fetcher(delay: float = 0.0, **kwargs: object) -> Fetcher:
    return Fetcher(user_agent=AGENT, delay=delay, timeout=5, **kwargs)  # type: ignore[arg-type]


def _robots(text: str = ROBOTS) -> Route:
    return Route(text.encode(), content_type="text/plain")


def test_a_page_is_fetched_with_the_user_agent_after_robots_txt() -> None:
    with serve({"/robots.txt": _robots(), "/news/harbour.html": Route(PAGE.encode())}) as site:
        page = fetcher().fetch(site.url("/news/harbour.html"))
    assert site.requests == [("/robots.txt", AGENT), ("/news/harbour.html", AGENT)]
    assert (page.url, page.final_url, page.status) == (
        site.url("/news/harbour.html"),
        site.url("/news/harbour.html"),
        200,
    )
    assert page.body == PAGE.encode() and page.content_type == "text/html; charset=utf-8"
    assert page.fetched_at.endswith("+00:00")


def test_robots_txt_is_honoured_and_read_once_per_site() -> None:
    with serve({"/robots.txt": _robots(), "/a.html": Route(PAGE.encode())}) as site:
        polite = fetcher()
        with pytest.raises(InputError) as caught:
            polite.fetch(site.url("/private/b.html"))
        polite.fetch(site.url("/a.html"))
    assert caught.value.message == (
        f"the site's robots.txt does not allow fetching it ({site.base}/robots.txt)"
    )
    assert site.paths() == ["/robots.txt", "/a.html"]  # the private page was never asked for


def test_no_robots_txt_allows_everything_but_a_failing_one_allows_nothing() -> None:
    with serve({"/a.html": Route(PAGE.encode())}) as site:
        assert fetcher().fetch(site.url("/a.html")).status == 200  # robots.txt is a 404
    failing = {"/robots.txt": Route(b"", 503), "/a.html": Route(PAGE.encode())}
    with serve(failing) as site, pytest.raises(InputError) as caught:
        fetcher().fetch(site.url("/a.html"))
    assert caught.value.message == (
        f"cannot read {site.base}/robots.txt (HTTP 503), so nothing there is fetched"
    )
    assert site.paths() == ["/robots.txt"]


def test_requests_to_one_site_are_paced_by_the_delay_or_its_crawl_delay() -> None:
    pages = {f"/{n}.html": Route(PAGE.encode()) for n in range(3)}
    with serve({"/robots.txt": _robots(), **pages}) as site:
        time = FakeTime()
        paced = fetcher(delay=2.5, clock=time.clock, sleep=time.sleep)
        for n in range(3):
            paced.fetch(site.url(f"/{n}.html"))
    assert time.slept == [2.5, 2.5, 2.5]  # before each page: robots.txt came first
    slow = "User-agent: *\nCrawl-delay: 7\n"
    with serve({"/robots.txt": _robots(slow), **pages}) as site:
        time = FakeTime()
        paced = fetcher(delay=2.5, clock=time.clock, sleep=time.sleep)
        for n in range(2):
            paced.fetch(site.url(f"/{n}.html"))
    assert time.slept == [7.0, 7.0]


def test_redirects_are_followed_and_the_final_url_kept() -> None:
    routes = {"/old": redirect("/new"), "/new": Route(PAGE.encode())}
    with serve(routes) as site:
        page = fetcher().fetch(site.url("/old"))
    assert (page.url, page.final_url) == (site.url("/old"), site.url("/new"))
    loop = {"/a": redirect("/b"), "/b": redirect("/a")}
    with serve(loop) as site, pytest.raises(InputError, match="more than 5 redirects"):
        fetcher().fetch(site.url("/a"))


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"gone", 404, "text/plain"), "HTTP 404 Not Found"),
        (Route(b"busy", 503, "text/plain"), "HTTP 503 Service Unavailable"),
        (Route(b"%PDF", content_type="application/pdf"), "not a web page: the content type is "
         "'application/pdf'"),
        (Route(b"x" * 2048), "larger than 1,000 bytes: not read"),
    ],
)
def test_a_refused_page_says_why(route: Route, reason: str) -> None:
    with serve({"/p": route}) as site, pytest.raises(InputError) as caught:
        fetcher(max_bytes=1000).fetch(site.url("/p"))
    assert caught.value.message == reason


def test_an_unreachable_or_silent_site_says_why() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(InputError) as caught:
        fetcher().fetch(f"http://127.0.0.1:{port}/a.html")
    assert caught.value.message == "cannot connect (connection refused)"
    with serve({"/robots.txt": Route(b"", 404, delay=1.0)}) as site:
        silent = Fetcher(user_agent=AGENT, delay=0, timeout=0.2)
        with pytest.raises(InputError) as caught:
            silent.fetch(site.url("/a.html"))
    assert caught.value.message == "no answer within 0.2 seconds"
    with pytest.raises(InputError, match="not a web address onrecord can fetch"):
        fetcher().fetch("ftp://127.0.0.1/a")


def test_a_compressed_page_is_kept_as_its_decompressed_bytes() -> None:
    with serve({"/z": Route(PAGE.encode(), gzip=True)}) as site:
        assert fetcher().fetch(site.url("/z")).body == PAGE.encode()


def test_a_page_reads_into_a_document_named_by_its_url() -> None:
    body = PAGE.replace("welcomed", "welcomed “at last”").encode("cp1252")
    page = FetchedPage(
        "http://127.0.0.1:9/news/2025/06/16/harbour-reopens.html?ref=rss",
        "http://127.0.0.1:9/news/2025/06/16/harbour-reopens.html",
        "2025-06-16T10:00:00+00:00",
        200,
        "text/html; charset=windows-1252",
        body,
    )
    document = page_document(page)
    assert (document.doc, document.source, document.format) == (
        "harbour-reopens",
        page.url,
        "html",
    )
    assert "welcomed “at last”" in document.text  # decoded with the header's charset
    assert document.hints["url"] == page.final_url
    assert document.hints["title"] == "Harbour reopens"
    assert document.hints["outlet"] == "The Selden Post"


def test_doc_names_and_urls() -> None:
    assert doc_name("https://a.example/") == "a.example"
    assert doc_name("https://a.example/x/story.php") == "story"
    assert is_url("https://a.example/x") and is_url("HTTP://a.example")
    assert not is_url("a.example/x") and not is_url("notes/http.txt")


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Post</title>
<item><title>One</title><link>/news/one.html</link></item>
<item><title>Two</title><link>http://127.0.0.1:9/news/two.html</link></item>
<item><title>One again</title><link>/news/one.html</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Post</title><id>urn:x</id><updated>2025-06-16T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><updated>2025-06-16T00:00:00Z</updated>
<link rel="alternate" href="http://127.0.0.1:9/a"/></entry>
<entry><title>B</title><id>urn:b</id><updated>2025-06-16T00:00:00Z</updated>
<link href="b.html"/></entry></feed>"""


def _feed(body: str) -> FetchedPage:
    base = "http://127.0.0.1:9/feeds/all.xml"
    return FetchedPage(base, base, "t", 200, "application/xml", body.encode())


def test_feeds_give_their_entries_links_in_order_once_each() -> None:
    assert feed_links(_feed(RSS)) == [
        "http://127.0.0.1:9/news/one.html",
        "http://127.0.0.1:9/news/two.html",
    ]
    assert feed_links(_feed(ATOM)) == ["http://127.0.0.1:9/a", "http://127.0.0.1:9/feeds/b.html"]
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        feed_links(_feed(PAGE))
