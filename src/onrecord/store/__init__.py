"""Storage of processed articles and the queries over them — the only place with SQL.

`open_store(path)` returns a `Store`. The interface below is what every backend
provides (SQLite now, PostgreSQL later); it speaks only records from `onrecord.models`
and raises only `StoreError` and `NotFoundError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from onrecord.models import (
    ArticleView,
    ProcessedArticle,
    Speaker,
    SpeakerEdit,
    SpeakerSummary,
    StatementView,
)
from onrecord.store.schema import SCHEMA_VERSION
from onrecord.store.sqlite import SQLiteStore

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]


class Store(Protocol):
    """A corpus of processed articles: written in batches, read as views."""

    def close(self) -> None:
        """Release the database; the store cannot be used afterwards."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        ...

    def save(self, batch: Sequence[ProcessedArticle]) -> list[str]:
        """Store a batch in one transaction, skipping stored ids; return the ids inserted."""
        ...

    def statements(
        self,
        speaker: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
    ) -> list[StatementView]:
        """Return statements filtered by speaker (name or alias), outlet, dates and article."""
        ...

    def speakers(self) -> list[SpeakerSummary]:
        """Return every speaker with counts of statements and articles, outlets and aliases."""
        ...

    def speaker(self, ref: str) -> SpeakerSummary:
        """Return the one speaker `ref` names: its number, its name or one of its aliases."""
        ...

    def speaker_records(self) -> list[Speaker]:
        """Return every canonical speaker with its aliases, for the corpus stage to match."""
        ...

    def speaker_edits(self) -> list[SpeakerEdit]:
        """Return the user's merges and renames, in order."""
        ...

    def merge_speakers(self, target: str, other: str) -> SpeakerSummary:
        """Merge speaker `other` into `target` (each a number, name or alias) and keep the edit."""
        ...

    def rename_speaker(self, ref: str, new_name: str) -> SpeakerSummary:
        """Rename speaker `ref` to `new_name` for good and keep the edit."""
        ...

    def replay_speaker_edits(self) -> int:
        """Re-apply the kept merges and renames to speakers added since; return the changes."""
        ...

    def search(self, query: str) -> list[StatementView]:
        """Return statements whose content has every word of `query`, best first."""
        ...

    def article(self, ref: str) -> ArticleView:
        """Return one article with its statements, by id, id prefix (>= 6) or doc name."""
        ...

    def articles(self) -> list[ArticleView]:
        """Return every article, by publication date then doc, without statements."""
        ...

    def counts(self) -> dict[str, int]:
        """Return the number of articles, statements and speakers stored."""
        ...


def open_store(path: str | Path) -> Store:
    """Open the database at `path`, creating the file and its schema if new."""
    return SQLiteStore.open(path)
