"""The store, written once for both databases: SQLite (one file) and PostgreSQL (a server).

`SQLStore` owns a connection and runs the SQL that lives beside it, a module per part
(`writes`, `views`, `listings`, `speakers`, `edits`, and through `CorpusQueries`
`clusters` and `topics`), in the dialect both databases share (`dialect`). `SQLiteStore`
opens a file (`connection`), `postgres.PostgresStore` a server (`pg_connection`); each
connection runs its own write transactions. No database object leaves the store package:
callers get records from `onrecord.models`, and every database error becomes a `StoreError`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from onrecord.errors import StoreError
from onrecord.models import (
    ArticleView,
    Assign,
    Edit,
    EditAction,
    FetchedPage,
    MentionKind,
    OutletSummary,
    ProcessedArticle,
    Span,
    Speaker,
    SpeakerEdit,
    SpeakerRows,
    SpeakerSummary,
    StatementDate,
    StatementFilter,
    StatementView,
)
from onrecord.store import edits as edit_sql
from onrecord.store import fetches as fetch_sql
from onrecord.store import listings as listing_sql
from onrecord.store import speakers as speaker_sql
from onrecord.store import views as view_sql
from onrecord.store import writes as write_sql
from onrecord.store.connection import connect
from onrecord.store.corpus import CorpusQueries
from onrecord.store.dialect import Connection, WritingConnection
from onrecord.store.errors import ServerError, translated
from onrecord.store.speaker_keys import KeyedSpeakers

_NOTHING = "nothing of the batch was stored"
T = TypeVar("T")


def _assigned(assign: Assign, processed: ProcessedArticle, rows: SpeakerRows) -> ProcessedArticle:
    """The article with its speakers assigned; a failure to do so names the article."""
    try:
        return assign(processed, rows)
    except (StoreError, sqlite3.Error, ServerError):
        raise
    except Exception as exc:  # noqa: BLE001 - one article's failure, named
        raise StoreError(
            f"could not match its speakers ({type(exc).__name__}: {exc})",
            hint=_NOTHING,
        ) from exc


class SQLStore(CorpusQueries):
    """A corpus of processed articles in a SQL database (`SQLiteStore`, `PostgresStore`)."""

    def __init__(self, conn: WritingConnection, path: str) -> None:
        self._conn: WritingConnection | None = conn
        self.path = path
        self._held = False  # inside writing(): transactions join the one open

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def _db(self) -> WritingConnection:
        if self._conn is None:
            raise StoreError(f"the store {self.path!r} is closed")
        return self._conn

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with translated():
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """Run the block in one write transaction: all of it is stored, or none.

        Inside `writing()` the block joins the transaction already open.
        """
        if self._held:
            yield self._db
            return
        with self._db.write_transaction() as db:
            yield db

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock over the block: what it reads, no other writer changes before
        it writes (another process waits up to the `busy_timeout` setting)."""
        if self._held:
            yield
            return
        with translated("cannot write to the database"), self._transaction():
            self._held = True
            try:
                yield
            finally:
                self._held = False

    # --- writing ---------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return bool(self._rows("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def save(self, batch: Sequence[ProcessedArticle], *, assign: Assign | None = None) -> list[str]:
        """Store a batch in one transaction, skipping stored ids; return the ids inserted.

        With `assign`, each article not yet stored gets its statements' canonical speakers
        from `assign(article, speakers)` inside the transaction (a statement it leaves
        without one is stored without a speaker); without, a statement's speaker is its
        `canonical`, else a speaker named as mentioned.
        """
        items = list(batch)
        for processed in items:
            write_sql.validate(processed)
        inserted: list[str] = []
        try:
            with translated("cannot store the batch", _NOTHING), self._transaction() as db:
                speakers: dict[object, int] = {}
                for processed in items:
                    article_id = processed.article.id
                    if (
                        article_id in inserted
                        or db.execute(
                            "SELECT 1 FROM articles WHERE id = ?", (article_id,)
                        ).fetchone()
                    ):
                        continue
                    if assign is not None:
                        processed = _assigned(assign, processed, KeyedSpeakers(db))
                    write_sql.insert_article(db, processed, speakers, by_mention=assign is None)
                    inserted.append(article_id)
        except (TypeError, ValueError, OverflowError) as exc:
            # A value the driver cannot bind: the transaction was rolled back.
            raise StoreError(f"cannot store the batch: {exc}", hint=_NOTHING) from exc
        return inserted

    def pending_articles(self) -> list[str]:
        """Return the stored articles whose clusters and topic scores are not yet written."""
        with translated():
            return write_sql.pending_articles(self._db)

    def clear_pending(self, article_ids: Sequence[str]) -> None:
        """Mark `article_ids` up to date: their clusters and topic scores are written."""
        with translated("cannot clear the pending marks"), self._transaction() as db:
            write_sql.clear_pending(db, article_ids)

    # --- reading ---------------------------------------------------------------

    def _select(
        self, where: str = "", params: Sequence[Any] = (), order: str = "", join: str = ""
    ) -> list[StatementView]:
        """Return the statement views the SQL of `views.select` finds."""
        with translated():
            return view_sql.select(self._db, where, params, order, join)

    def statements(
        self,
        filters: StatementFilter | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[StatementView]:
        """Yield the statements `filters` keeps, read as they are asked for.

        Full-text matches come best first; other listings by speaker, then date.
        """
        chosen = filters or StatementFilter()
        if chosen.topic is not None:
            self.require_topic(chosen.topic)
        return self._streamed(listing_sql.statements(self._db, chosen, (limit, offset)))

    def statement_count(self, filters: StatementFilter | None = None) -> int:
        """Return how many statements `filters` keeps."""
        with translated():
            return listing_sql.count(self._db, filters or StatementFilter())

    def undated_count(self, filters: StatementFilter) -> int:
        """Return how many statements `filters` keeps but for its date range, having no date."""
        with translated():
            return listing_sql.undated_count(self._db, filters)

    def _streamed(self, rows: Iterator[T]) -> Iterator[T]:
        """Yield `rows`, turning database errors raised while reading into StoreErrors."""
        with translated():
            yield from rows

    def speakers(self, *, limit: int | None = None, offset: int = 0) -> Iterator[SpeakerSummary]:
        """Yield speakers with counts, outlets and aliases, most quoted first."""
        return self._streamed(speaker_sql.summaries(self._db, page=(limit, offset)))

    def speaker(self, ref: str) -> SpeakerSummary:
        """Return the one speaker `ref` names: its number, its name or one of its aliases."""
        with translated():
            speaker_id, _ = speaker_sql.find_speaker(self._db, ref)
            return next(speaker_sql.summaries(self._db, "sp.id = ?", (speaker_id,)))

    def speakers_named(self, part: str) -> list[SpeakerSummary]:
        """Return the speakers with `part` in their name or one of their aliases (any case)."""
        wanted = " ".join(part.split()).casefold()
        with translated():
            return list(speaker_sql.summaries(self._db, listing_sql.NAMED, (wanted, wanted)))

    def speaker_records(self) -> list[Speaker]:
        """Return every canonical speaker with its aliases, for the corpus stage to match."""
        with translated():
            return speaker_sql.speaker_records(self._db)

    def speaker_edits(self) -> list[SpeakerEdit]:
        """Return the user's merges and renames, in order."""
        with translated():
            return speaker_sql.speaker_edits(self._db)

    def merge_speakers(self, target: str, other: str, *, by: str | None = None) -> SpeakerSummary:
        """Merge speaker `other` into `target` (each a number, name or alias) and keep the edit."""
        with translated("cannot merge the speakers"), self._transaction() as db:
            target_id = speaker_sql.merge(db, target, other)
            speaker_sql.record_edit(db, SpeakerEdit("merge", target, other), target_id, by)
        return self.speaker(str(target_id))

    def rename_speaker(self, ref: str, new_name: str, *, by: str | None = None) -> SpeakerSummary:
        """Rename speaker `ref` to `new_name` for good and keep the edit."""
        with translated("cannot rename the speaker"), self._transaction() as db:
            speaker_id = speaker_sql.rename(db, ref, new_name)
            speaker_sql.record_edit(db, SpeakerEdit("rename", ref, new_name), speaker_id, by)
        return self.speaker(str(speaker_id))

    def replay_speaker_edits(self) -> int:
        """Re-apply the kept merges and renames to speakers added since; return the changes."""
        with translated("cannot re-apply speaker edits"), self._transaction() as db:
            return speaker_sql.replay(db)

    def _resolve(self, ref: str) -> str:
        """Return the id of the one article `ref` names: an id, id prefix, doc name or its start."""
        with translated():
            return view_sql.resolve_article(self._db, ref)

    def article(self, ref: str) -> ArticleView:
        """Return one article with its statements, by id, id prefix (>= 6) or doc name."""
        article_id = self._resolve(ref)
        row = self._rows(
            f"SELECT {view_sql.ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        )[0]
        statements = self._select("s.article_id = ?", (article_id,), "s.position")
        captions = self._rows(
            "SELECT start, end_ FROM article_captions WHERE article_id = ? ORDER BY seq",
            (article_id,),
        )
        view = view_sql.article_view(row, tuple(statements))
        return replace(view, captions=tuple(Span(start, end) for start, end in captions))

    def articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[ArticleView]:
        """Yield articles, by publication date then doc, without statements."""
        return self._streamed(listing_sql.articles(self._db, (limit, offset)))

    def statement(self, statement_id: int) -> StatementView:
        """Return one statement by its number."""
        with translated():
            edit_sql.statement_row(self._db, statement_id)
        return self._select("s.id = ?", (statement_id,))[0]

    # --- corrections and the edit log --------------------------------------------

    def edits(
        self,
        *,
        article: str | None = None,
        statement: int | None = None,
        speaker: int | None = None,
    ) -> list[Edit]:
        """Return the edit log of an article (with its statements'), a statement or a speaker."""
        with translated():
            return edit_sql.edits(self._db, article=article, statement=statement, speaker=speaker)

    def fixed_fields(self, article_id: str) -> set[str]:
        """Return the fields of an article a user set by hand (re-ingests leave them alone)."""
        with translated():
            return edit_sql.fixed_fields(self._db, article_id)

    def set_article(
        self,
        article_id: str,
        values: Mapping[str, str | dt.date | None],
        *,
        by: str | None = None,
        dates: Mapping[int, StatementDate | None] | None = None,
    ) -> list[Edit]:
        """Set an article's fields by hand, and its statements' recomputed dates, in one go."""
        with translated("cannot correct the article"), self._transaction() as db:
            changed = edit_sql.set_article_fields(
                db, article_id, values, action=EditAction.SET, evidence="set by hand", made_by=by
            )
            return self._settled(
                db, article_id, changed + self._redate(db, article_id, dates, changed, made_by=by)
            )

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
        with translated("cannot update the article"), self._transaction() as db:
            fixed = edit_sql.fixed_fields(db, article_id)
            kept = {field: value for field, value in values.items() if field not in fixed}
            changed = edit_sql.set_article_fields(
                db, article_id, kept, action=EditAction.UPDATE, evidence=evidence, origin=origin
            )
            redated = self._redate(db, article_id, dates, changed, origin=origin)
            return self._settled(db, article_id, changed + redated)

    @staticmethod
    def _settled(db: Connection, article_id: str, edits: list[Edit]) -> list[Edit]:
        """Mark the events of the article's speakers for rebuilding when an edit moves them."""
        if any(edit.field in edit_sql.EVENT_FIELDS for edit in edits):
            edit_sql.unsettle(db, edit_sql.article_speakers(db, article_id), [article_id])
        return edits

    @staticmethod
    def _redate(
        db: Connection,
        article_id: str,
        dates: Mapping[int, StatementDate | None] | None,
        changed: list[Edit],
        **log: object,
    ) -> list[Edit]:
        """Write recomputed statement dates when the article's date or URL changed."""
        cause = next((e.id for e in changed if e.field in ("published", "url")), None)
        if not dates or cause is None:
            return []
        return edit_sql.redate(db, article_id, dates, cause=cause, **log)

    def reassign_statement(
        self,
        statement_id: int,
        speaker: str,
        *,
        by: str | None = None,
        new_kind: MentionKind | None = None,
    ) -> tuple[Edit | None, list[int]]:
        """Give a statement to another speaker (a new one of `new_kind`); keep the edit.

        Return the edit (None: nothing changed) and the speakers that lost or gained it.
        """
        with translated("cannot reassign the statement"), self._transaction() as db:
            edit, new, old = edit_sql.reassign(
                db, statement_id, speaker, new_kind=new_kind, made_by=by
            )
            speakers = sorted({new} | ({old} if old is not None else set()))
            if edit is not None:
                edit_sql.unsettle(db, speakers)
        return edit, speakers

    def delete_statement(
        self, statement_id: int, *, by: str | None = None
    ) -> tuple[Edit, list[int]]:
        """Delete one statement and keep the edit; return it and the speaker that lost it."""
        with translated("cannot delete the statement"), self._transaction() as db:
            edit, speaker = edit_sql.delete(db, statement_id, made_by=by)
            speakers = [speaker] if speaker is not None else []
            edit_sql.unsettle(db, speakers, [edit.article] if edit.article else [])
        return edit, speakers

    def replay_statement_edits(self) -> list[int]:
        """Re-apply kept reassignments that a later ingest undid; return the speakers touched."""
        with translated("cannot re-apply statement edits"), self._transaction() as db:
            return edit_sql.replay_reassigns(db)

    # --- fetched pages -----------------------------------------------------------

    def save_pages(self, pages: Sequence[FetchedPage]) -> None:
        """Keep fetched pages (the bytes received), each linked to its article."""
        with translated("cannot store the fetched pages"), self._transaction() as db:
            fetch_sql.save_pages(db, pages)

    def fetched_page(self, url: str) -> FetchedPage | None:
        """Return the latest page fetched from `url` whose article is stored, else None."""
        with translated():
            return fetch_sql.fetched_page(self._db, url)

    def article_pages(self, article_id: str) -> list[FetchedPage]:
        """Return the pages an article was read from, oldest first."""
        with translated():
            return fetch_sql.article_pages(self._db, article_id)

    def outlets(self) -> list[OutletSummary]:
        """Return every outlet with its counts of articles and statements, most quoted first."""
        with translated():
            return listing_sql.outlets(self._db)

    def counts(self) -> dict[str, int]:
        """Return the number of articles, statements and speakers stored."""
        return {
            table: int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
            for table in ("articles", "statements", "speakers")
        }

    def data_version(self) -> int | None:
        """Return None: this database cannot say cheaply whether another connection wrote."""
        return None


class SQLiteStore(SQLStore):
    """A corpus of processed articles in one SQLite file (WAL mode, FTS5 over content)."""

    @classmethod
    def open(cls, path: str | Path, *, write: bool = True) -> SQLiteStore:
        """Open (creating if new) the database at `path`; read-only unless `write`."""
        return cls(connect(path, write=write), str(path))

    def data_version(self) -> int | None:
        """Return SQLite's data_version: it changes when another connection commits."""
        return int(self._rows("PRAGMA data_version")[0][0])
