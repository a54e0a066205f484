"""Web pages and feeds among the inputs: fetched once, each page kept with its article.

A URL whose page is stored with its article is not fetched again (re-ingesting a URL is
idempotent); any other is fetched politely (`ingest.web.Fetcher`), and the bytes received
are kept in the store beside the article read from them. A URL that cannot be fetched or
read is that input's failure, with the reason; the other inputs go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from onrecord.errors import InputError
from onrecord.ingest import read_paths
from onrecord.ingest.web import Fetcher, feed_urls, is_url, page_document
from onrecord.models import Failure, FetchedPage, RawDocument
from onrecord.store import Store


class WebInputs:
    """The URLs and feeds of one run: what was fetched, until each page is kept."""

    def __init__(self, store: Store | None = None, fetcher: Fetcher | None = None) -> None:
        self.store = store
        self._fetcher = fetcher
        self.pages: dict[str, FetchedPage] = {}  # by the URL as given, until kept
        self.known = 0  # URLs not fetched because their page and article are stored

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher()
        return self._fetcher

    def documents(self, url: str) -> Iterator[RawDocument | Failure]:
        """Yield the document of the page at `url`, or a Failure naming why there is none."""
        url = url.strip()
        if self.store is not None and self.store.fetched_page(url) is not None:
            self.known += 1
            return
        try:
            page = self.fetcher.fetch(url)
            document = page_document(page)
        except InputError as error:
            yield Failure(url, error.message)
            return
        self.pages[url] = page
        yield document

    def feed(self, url: str) -> Iterator[RawDocument | Failure]:
        """Yield the document of every page an RSS or Atom feed lists."""
        try:
            links = list(feed_urls(self.fetcher, url))
        except InputError as error:
            yield Failure(url, f"cannot read the feed: {error.message}")
            return
        for link in links:
            yield from self.documents(link)

    def keep(self, source: str, article_id: str) -> None:
        """Store the page fetched for input `source` with the id of the article read from it."""
        page = self.pages.pop(source, None)
        if page is not None and self.store is not None:
            self.store.save_pages([replace(page, article=article_id)])


def read_inputs(
    inputs: Iterable[str | Path], web: WebInputs, feeds: Iterable[str] = ()
) -> Iterator[RawDocument | Failure]:
    """Yield the documents of files, folders and URLs, in order, then of the feeds' pages."""
    for given in inputs:
        if is_url(str(given)):
            yield from web.documents(str(given))
        else:
            yield from read_paths([given])
    for feed in feeds:
        yield from web.feed(feed)
