"""`onrecord ingest URL` and `--feed URL` on the example pages, served from 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.local_web import Route, serve
from tests.shared_data import EXAMPLES

from onrecord.cli import main
from onrecord.models import StatementFilter
from onrecord.store import open_store

pytestmark = pytest.mark.slow

LEDGER = (EXAMPLES / "html" / "northern_ledger_kestrel_speech.html").read_bytes()
SENTINEL = (EXAMPLES / "html" / "vellmouth_sentinel_first_talks.html").read_bytes()


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between requests to the test site, the lexical paraphrase rule."""
    monkeypatch.setenv("ONRECORD_FETCH_DELAY", "0")
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


def _ingest(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db), "--silent"])
    return result.exit_code, result.output


def _feed(*links: str) -> Route:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    channel = f"<channel><title>f</title>{items}</channel>"
    body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return Route(body.encode(), content_type="application/rss+xml")


def test_a_url_is_fetched_kept_as_received_and_not_fetched_again(tmp_path: Path) -> None:
    db = tmp_path / "web.db"
    routes = {"/2025/03/16/kestrel-speech.html": Route(LEDGER)}
    with serve(routes) as site:
        url = site.url("/2025/03/16/kestrel-speech.html")
        code, output = _ingest(db, url)
        assert code == 0, output
        assert "ingested 1 article(s)" in output
        asked = len(site.requests)
        code, output = _ingest(db, url)
        assert (code, len(site.requests)) == (0, asked)  # nothing fetched the second time
        assert "ingested 0 article(s) with 0 statement(s); updated 0; skipped 1 duplicate(s)" in (
            output
        )
    assert site.requests[0][1].startswith("onrecord")  # the user agent
    with open_store(db) as store:
        (article,) = store.articles()
        assert (article.source, article.doc, article.outlet) == (
            url,
            "kestrel-speech",
            "The Northern Ledger",
        )
        (page,) = store.article_pages(article.id)
        assert (page.body, page.final_url, page.status) == (LEDGER, url, 200)
        assert list(store.statements(StatementFilter(article_id=article.id)))


def test_a_feed_reads_its_pages_and_a_failed_one_is_named_with_its_reason(
    tmp_path: Path,
) -> None:
    db = tmp_path / "feed.db"
    routes = {
        "/feed.xml": _feed("/ledger.html", "/missing.html", "/sentinel.html"),
        "/ledger.html": Route(LEDGER),
        "/sentinel.html": Route(SENTINEL),
    }
    with serve(routes) as site:
        code, output = _ingest(db, site.url("/ledger.html"))
        assert code == 0, output
        code, output = _ingest(db, "--feed", site.url("/feed.xml"))
    assert code == 1
    assert f"  failed: {site.url('/missing.html')}: HTTP 404 Not Found" in output
    assert "ingested 1 article(s)" in output and "skipped 1 duplicate(s); failed 1" in output
    with open_store(db) as store:
        assert sorted(a.doc for a in store.articles()) == ["ledger", "sentinel"]


def test_a_bad_feed_or_an_unreachable_site_is_that_inputs_failure(tmp_path: Path) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with serve({"/page.html": Route(SENTINEL), "/feed.xml": Route(b"<html></html>")}) as site:
        code, output = _ingest(
            tmp_path / "bad.db",
            f"http://127.0.0.1:{port}/a.html",
            site.url("/page.html"),
            "--feed",
            site.url("/feed.xml"),
        )
    assert code == 1
    assert f"  failed: http://127.0.0.1:{port}/a.html: cannot connect (connection refused)" in (
        output
    )
    assert f"  failed: {site.url('/feed.xml')}: cannot read the feed: not an RSS or Atom feed" in (
        output
    )
    assert "ingested 1 article(s)" in output


def test_a_web_address_without_its_scheme_gets_a_hint(tmp_path: Path) -> None:
    code, output = _ingest(tmp_path / "x.db", "www.northern-ledger.example/2025/03/16/x")
    assert code == 1
    assert (
        "failed: www.northern-ledger.example/2025/03/16/x: no such file or directory (to fetch "
        "a web page, give its whole address, starting with https:// or http://)"
    ) in output


def test_ingest_needs_an_input() -> None:
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2
    assert "give at least one file, folder or URL, or --feed URL" in result.output
