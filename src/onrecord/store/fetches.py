"""The SQL of fetched web pages: the bytes received, kept for provenance, and looked up by URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from onrecord.models import FetchedPage
from onrecord.store.dialect import Connection

_COLUMNS = "url, final_url, fetched_at, status, content_type, body, article_id"


def save_pages(db: Connection, pages: Sequence[FetchedPage]) -> None:
    """Insert fetched pages, each linked to the article read from it."""
    db.executemany(
        f"INSERT INTO fetched_pages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                page.url,
                page.final_url,
                page.fetched_at,
                page.status,
                page.content_type,
                page.body,
                page.article,
            )
            for page in pages
        ],
    )


def fetched_page(db: Connection, url: str) -> FetchedPage | None:
    """Return the latest page fetched from `url` (asked or redirected to) with its article."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM fetched_pages WHERE (url = ? OR final_url = ?) "
        "AND article_id IS NOT NULL ORDER BY id DESC LIMIT 1",
        (url, url),
    ).fetchone()
    return _page(row) if row else None


def article_pages(db: Connection, article_id: str) -> list[FetchedPage]:
    """Return the pages an article was read from, oldest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM fetched_pages WHERE article_id = ? ORDER BY id", (article_id,)
    )
    return [_page(row) for row in rows]


def _page(row: Any) -> FetchedPage:
    return FetchedPage(
        url=row[0],
        final_url=row[1],
        fetched_at=row[2],
        status=row[3],
        content_type=row[4],
        body=bytes(row[5]),
        article=row[6],
    )
