"""Storage of processed articles and the queries over them — the only place with SQL.

`open_store(target)` returns a `Store`: a SQLite file for a path, a PostgreSQL database
for a `postgresql://` URL. The interface below is what both backends provide; it speaks
only records from `onrecord.models` and raises only `StoreError` and `NotFoundError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from onrecord.models import (
    ArticleView,
    Assign,
    BandProbe,
    ClusterInput,
    ClusterLink,
    ClusterUpdate,
    Edit,
    EventDating,
    EventOutline,
    EventStance,
    EventView,
    FetchedPage,
    MentionKind,
    OutletSummary,
    ProcessedArticle,
    Speaker,
    SpeakerEdit,
    SpeakerRole,
    SpeakerSummary,
    StatementDate,
    StatementFilter,
    StatementTopic,
    StatementView,
    Topic,
    TopicSummary,
)
from onrecord.store.dialect import is_server_url
from onrecord.store.schema import SCHEMA_VERSION
from onrecord.store.sqlite import SQLiteStore

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "database_name",
    "database_target",
    "is_server_url",
    "open_store",
]


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

    def save(self, batch: Sequence[ProcessedArticle], *, assign: Assign | None = None) -> list[str]:
        """Store a batch in one transaction, skipping stored ids; return the ids inserted.

        With `assign`, each new article's canonical speakers are assigned inside that
        transaction, through the store's `SpeakerRows` (speakers looked up by key).
        """
        ...

    def writing(self) -> AbstractContextManager[None]:
        """Hold the write lock over a block of reads and writes (transactions inside join it)."""
        ...

    def pending_articles(self) -> list[str]:
        """Return the stored articles whose clusters and topic scores are not yet written."""
        ...

    def clear_pending(self, article_ids: Sequence[str]) -> None:
        """Mark `article_ids` up to date: their clusters and topic scores are written."""
        ...

    def unscored_topics(self) -> list[str]:
        """Return the stored topics the whole corpus has not been scored against yet."""
        ...

    def statements(
        self,
        filters: StatementFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[StatementView]:
        """Yield the statements `filters` keeps, as they are read (full-text matches best first)."""
        ...

    def statement_count(self, filters: StatementFilter | None = None) -> int:
        """Return how many statements `filters` keeps."""
        ...

    def undated_count(self, filters: StatementFilter) -> int:
        """Return how many statements `filters` keeps but for its date range, having no date."""
        ...

    def speakers(self, *, limit: int | None = None, offset: int = 0) -> Iterator[SpeakerSummary]:
        """Yield speakers with counts of statements and articles, outlets and aliases."""
        ...

    def speaker(self, ref: str) -> SpeakerSummary:
        """Return the one speaker `ref` names: its number, its name or one of its aliases."""
        ...

    def speakers_named(self, part: str) -> list[SpeakerSummary]:
        """Return the speakers with `part` in their name or one of their aliases (any case)."""
        ...

    def speaker_records(self) -> list[Speaker]:
        """Return every canonical speaker with its aliases, for the corpus stage to match."""
        ...

    def speaker_edits(self) -> list[SpeakerEdit]:
        """Return the user's merges and renames, in order."""
        ...

    def merge_speakers(self, target: str, other: str, *, by: str | None = None) -> SpeakerSummary:
        """Merge speaker `other` into `target` (each a number, name or alias) and keep the edit."""
        ...

    def rename_speaker(self, ref: str, new_name: str, *, by: str | None = None) -> SpeakerSummary:
        """Rename speaker `ref` to `new_name` for good and keep the edit."""
        ...

    def replay_speaker_edits(self) -> int:
        """Re-apply the kept merges and renames to speakers added since; return the changes."""
        ...

    def article(self, ref: str) -> ArticleView:
        """Return one article with its statements, by id, id prefix (>= 6) or doc name."""
        ...

    def articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[ArticleView]:
        """Yield articles, by publication date then doc, without statements."""
        ...

    def counts(self) -> dict[str, int]:
        """Return the number of articles, statements and speakers stored."""
        ...

    def data_version(self) -> int | None:
        """Return a number that changes when another connection writes (None: not known)."""
        ...

    def outlets(self) -> list[OutletSummary]:
        """Return every outlet with its counts of articles and statements, most quoted first."""
        ...

    def statement(self, statement_id: int) -> StatementView:
        """Return one statement by its number."""
        ...

    # --- corrections and the edit log ---

    def edits(
        self,
        *,
        article: str | None = None,
        statement: int | None = None,
        speaker: int | None = None,
    ) -> list[Edit]:
        """Return the edit log of an article (with its statements'), a statement or a speaker."""
        ...

    def fixed_fields(self, article_id: str) -> set[str]:
        """Return the fields of an article a user set by hand (re-ingests leave them alone)."""
        ...

    def set_article(
        self,
        article_id: str,
        values: Mapping[str, str | dt.date | None],
        *,
        by: str | None = None,
        dates: Mapping[int, StatementDate | None] | None = None,
    ) -> list[Edit]:
        """Set an article's fields by hand, and its statements' recomputed dates, in one go."""
        ...

    def update_article(
        self,
        article_id: str,
        values: Mapping[str, str | dt.date | None],
        *,
        origin: str,
        evidence: str | None = None,
        dates: Mapping[int, StatementDate | None] | None = None,
    ) -> list[Edit]:
        """Take a re-ingest's new values of an article's fields, except ones set by hand."""
        ...

    def reassign_statement(
        self,
        statement_id: int,
        speaker: str,
        *,
        by: str | None = None,
        new_kind: MentionKind | None = None,
    ) -> tuple[Edit | None, list[int]]:
        """Give a statement to another speaker (a new one of `new_kind`); keep the edit."""
        ...

    def delete_statement(
        self, statement_id: int, *, by: str | None = None
    ) -> tuple[Edit, list[int]]:
        """Delete one statement and keep the edit; return it and the speaker that lost it."""
        ...

    def replay_statement_edits(self) -> list[int]:
        """Re-apply kept reassignments that a later ingest undid; return the speakers touched."""
        ...

    # --- fetched pages ---

    def save_pages(self, pages: Sequence[FetchedPage]) -> None:
        """Keep fetched pages (the bytes received), each linked to its article."""
        ...

    def fetched_page(self, url: str) -> FetchedPage | None:
        """Return the latest page fetched from `url` whose article is stored, else None."""
        ...

    def article_pages(self, article_id: str) -> list[FetchedPage]:
        """Return the pages an article was read from, oldest first."""
        ...

    # --- the corpus stage: clusters, speech events, topics and stances ---

    def unclustered_statements(self) -> list[int]:
        """Return the statements with a speaker not yet in a cluster (reads every statement)."""
        ...

    def cluster_backlog(self) -> bool:
        """Return whether statements with a speaker exist but no cluster does (an upgrade)."""
        ...

    def article_statements(self, articles: Collection[str]) -> list[int]:
        """Return the ids of the statements of `articles`, in order."""
        ...

    def cluster_inputs(
        self, speakers: Collection[int] = (), statements: Collection[int] = ()
    ) -> list[ClusterInput]:
        """Return the statements of `speakers`, or the given `statements`, as clustering inputs."""
        ...

    def cluster_neighbours(
        self,
        windows: Collection[tuple[int, dt.date, dt.date]],
        probes: Collection[BandProbe] = (),
        articles: Collection[tuple[int, str]] = (),
        *,
        exact: bool = False,
    ) -> set[int]:
        """Return clustered statements by (speaker, first day, last day), band probe or article.

        Each look-up is one indexed query: a window finds the speaker's statements placed
        on those days (said on them, with `exact`), a probe the statements sharing one of
        its LSH band keys on compatible days, a (speaker, article) pair the speaker's
        statements in that article.
        """
        ...

    def cluster_members(self, statements: Collection[int]) -> dict[int, tuple[int, bool]]:
        """Return every member of the clusters of `statements`: id -> (cluster, ambiguous)."""
        ...

    def events_of(self, statements: Collection[int]) -> dict[int, list[int]]:
        """Return the stored events of `statements`, each with all of its statement ids."""
        ...

    def save_clusters(self, update: ClusterUpdate) -> None:
        """Write a clustering update and replace the events it redid, in one transaction."""
        ...

    def forget_clusters(self, speakers: Collection[int]) -> None:
        """Delete the clusters, links and events of `speakers`, so the next update rebuilds them."""
        ...

    def speech_events(
        self,
        speaker: int | None = None,
        *,
        several: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[EventView]:
        """Yield the stored speech events (of one speaker), in date order, undated last.

        With `several`, only events reported by more than one article.
        """
        ...

    def event_datings(
        self, speaker_id: int, topic: str | None = None, *, limit: int | None = None
    ) -> list[EventDating]:
        """Return a speaker's events with a statement (on `topic`) and what dates each one:
        those with a day of their own by day (only the first `limit` of them, given a
        limit), then the others by number."""
        ...

    def speech_events_by_id(self, events: Sequence[int]) -> list[EventView]:
        """Return the stored speech events numbered `events`, in that order."""
        ...

    def event_stances(self, speaker_id: int, topic: str | None = None) -> list[EventStance]:
        """Return the on-topic scores of a speaker's event statements (one topic, or all),
        by event, statement and topic."""
        ...

    def event_outlines(self, speaker_id: int, topic: str | None = None) -> list[EventOutline]:
        """Return a speaker's events in brief (counts, positions toward `topic`), by date."""
        ...

    def speaker_roles(self, speaker_id: int) -> list[SpeakerRole]:
        """Return the offices the corpus names a speaker by, the most recently seen first."""
        ...

    def speaker_counts(
        self, speaker_id: int
    ) -> tuple[list[tuple[str | None, int]], list[tuple[int | None, int]]]:
        """Return a speaker's statements counted by outlet (most first) and by year."""
        ...

    def speech_event(self, event_id: int) -> EventView:
        """Return one stored speech event by its number (NotFoundError if there is none)."""
        ...

    def cluster_links(self, statements: Collection[int]) -> list[ClusterLink]:
        """Return the links stored between the given statements."""
        ...

    def save_topics(self, topics: Sequence[Topic]) -> list[str]:
        """Store topic definitions; return the names that are new or whose definition changed."""
        ...

    def topics(self) -> list[Topic]:
        """Return the stored topics, by name."""
        ...

    def topic_summaries(self, *, limit: int | None = None, offset: int = 0) -> list[TopicSummary]:
        """Return the stored topics (a page of them) with their on-topic counts by stance."""
        ...

    def remove_topic(self, name: str) -> None:
        """Delete topic `name` and every statement's score for it."""
        ...

    def require_topic(self, name: str) -> None:
        """Raise NotFoundError unless topic `name` is stored."""
        ...

    def save_statement_topics(
        self, rows: Sequence[StatementTopic], *, scored: Collection[str] = ()
    ) -> None:
        """Store statements' scores and stances (validated) in one transaction."""
        ...

    def statement_topics(
        self, statements: Collection[int], topic: str | None = None
    ) -> list[StatementTopic]:
        """Return the stored scores and stances of `statements` (for one topic, or every one)."""
        ...


def database_target(path: str | Path) -> str | Path:
    """Return a --db value as `open_store` takes it: a URL kept as text, a file as a Path."""
    return str(path) if is_server_url(path) else Path(path)


def database_name(path: str | Path) -> str:
    """Return how to name a database to its user: a file's name, a server's URL (no password)."""
    if not is_server_url(path):
        return Path(path).name
    from onrecord.store.pg_connection import redacted

    return redacted(str(path))


def open_store(path: str | Path, *, write: bool = True) -> Store:
    """Open the database at `path`, creating the file (or tables) and its schema if new.

    `path` is a SQLite file, or a PostgreSQL URL (`postgresql://USER@HOST:PORT/DATABASE`).
    With `write=False` the database is opened read-only: a missing database, another
    program's or an older schema is refused with a StoreError, and nothing is written.
    """
    if is_server_url(path):
        # imported here: a SQLite user's every command would load the PostgreSQL module
        from onrecord.store.postgres import PostgresStore

        return PostgresStore.open(str(path), write=write)
    return SQLiteStore.open(path, write=write)
