"""The SQLite store: one file, WAL mode, FTS5 over statement content.

This module and `schema` are the only places in onrecord that speak SQL. No sqlite3
object leaves it: callers get records from `onrecord.models`, and every sqlite3 error
becomes a `StoreError`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    ArticleView,
    Attribution,
    Kind,
    MentionKind,
    ProcessedArticle,
    Span,
    Speaker,
    SpeakerEdit,
    SpeakerSummary,
    Statement,
    StatementView,
)
from onrecord.store import speakers as speaker_sql
from onrecord.store import topics as topic_sql
from onrecord.store.corpus import CorpusQueries
from onrecord.store.errors import translated
from onrecord.store.schema import APPLICATION_ID, SCHEMA_VERSION, upgrade_steps

ROLES = ("source", "cue", "content")
JOINER = " … "  # between the texts of the spans of one role
MIN_PREFIX = 6  # shortest article id prefix accepted as a reference
_CHUNK = 500  # statement ids per `IN (...)` when loading spans
_LIST_HINT = "list articles with `onrecord articles`"
_NOTHING = "nothing of the batch was stored"

_VIEW_SELECT = """
SELECT s.id, s.article_id, a.doc, a.outlet, a.published, a.title, sp.name AS speaker,
       s.speaker_kind, s.kind, s.source_text, s.cue_text, s.content_text, s.speaker_id,
       s.speaker_mention, s.said_on, s.said_on_precision, s.said_on_expression,
       s.said_on_start, s.said_on_end, s.said_on_method, s.occasion_text
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers sp ON sp.id = s.speaker_id
"""
_STATEMENT_ORDER = """
sp.name IS NULL, sp.name COLLATE NOCASE, sp.name, a.published IS NULL, a.published,
a.id, s.position
"""


def match_expression(query: str) -> str:
    """Return an FTS5 MATCH expression requiring every whitespace-separated term of `query`."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in query.split())


def _casefold(value: str | None) -> str:
    return value.casefold() if value is not None else ""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _connect(path: str | Path) -> sqlite3.Connection:
    """Open `path`, check it is an onrecord database, and create or upgrade its schema."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot open database {str(path)!r}: {exc}",
            hint="check that the directory exists and is writable",
        ) from exc
    try:
        with translated():
            _check_identity(conn, path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            _upgrade(conn)
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    return conn


def _check_identity(conn: sqlite3.Connection, path: str | Path) -> None:
    """Refuse a database that another program made or a newer onrecord wrote."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc):
            raise
        raise StoreError(
            f"{str(path)!r} is not a SQLite database",
            hint="give the path of an onrecord database, or a new file name",
        ) from exc
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    if application_id != APPLICATION_ID and (version or objects):
        raise StoreError(
            f"{str(path)!r} is a SQLite database, but not one onrecord made",
            hint="give the path of an onrecord database, or a new file name",
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{str(path)!r} has schema version {version}, newer than this onrecord "
            f"understands ({SCHEMA_VERSION})",
            hint="upgrade onrecord (pip install -U onrecord) to open it",
        )


def _upgrade(conn: sqlite3.Connection) -> None:
    """Create the schema in a new database, or bring an older one up to date."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the write lock: another process may have just done it.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for ddl in upgrade_steps(current):
            conn.execute(ddl)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _validate(processed: ProcessedArticle) -> None:
    """Raise StoreError unless every offset of the article lies inside its text."""
    article = processed.article
    size = len(article.text)
    where = f"article {article.id} ({article.doc})"
    if not article.id:
        raise StoreError(f"{where}: empty article id", hint="ids come from models.article_id")
    for seq, segment in enumerate(article.segments):
        end = segment.clean_start + segment.length
        if min(segment.clean_start, segment.raw_start, segment.length) < 0 or end > size:
            raise StoreError(
                f"{where}: segment {seq} [{segment.clean_start}, {end}) is outside the text "
                f"(length {size})",
                hint="this is a bug in the stage that made the segment; nothing was stored",
            )
    for index, statement in enumerate(processed.statements):
        spans: list[tuple[str, Span]] = [
            (role, span) for role in ROLES for span in getattr(statement.attribution, role)
        ]
        if statement.speaker_span is not None:
            spans.append(("speaker", statement.speaker_span))
        if statement.said_on is not None and statement.said_on.span is not None:
            spans.append(("said_on", statement.said_on.span))
        if statement.occasion is not None:
            spans.append(("occasion", statement.occasion.span))
        for role, span in spans:
            if not 0 <= span.start <= span.end <= size:
                raise StoreError(
                    f"{where}: statement {index}: {role} span [{span.start}, {span.end}) "
                    f"is outside the text (length {size})",
                    hint="this is a bug in the stage that made the span; nothing was stored",
                )
        try:
            Kind(statement.attribution.kind)
            MentionKind(statement.speaker_kind)
        except ValueError as exc:
            raise StoreError(f"{where}: statement {index}: {exc}") from exc


def _anchor(attribution: Attribution, size: int) -> int:
    """Return where a statement sits in the text: its content's start, else any span's."""
    spans = attribution.content or attribution.source + attribution.cue
    return min((span.start for span in spans), default=size)


def _evidence(row: sqlite3.Row) -> dict[str, Any] | None:
    """Return the said_on evidence of a statement row: expression, span and method."""
    if row["said_on_expression"] is None:
        return None
    start, end = row["said_on_start"], row["said_on_end"]
    return {
        "expression": row["said_on_expression"],
        "span": [start, end] if start is not None else None,
        "method": row["said_on_method"],
    }


def _views(
    rows: Sequence[sqlite3.Row], spans: dict[int, dict[str, list[list[int]]]]
) -> list[StatementView]:
    """Build StatementViews from rows of _VIEW_SELECT and their spans."""
    return [
        StatementView(
            id=row["id"],
            article=row["article_id"],
            doc=row["doc"],
            outlet=row["outlet"],
            published=_date(row["published"]),
            speaker=row["speaker"],
            speaker_kind=row["speaker_kind"],
            kind=row["kind"],
            source=row["source_text"],
            cue=row["cue_text"],
            content=row["content_text"],
            spans=spans.get(row["id"]) or {role: [] for role in ROLES},
            title=row["title"],
            speaker_id=row["speaker_id"],
            said_on=_date(row["said_on"]),
            said_on_precision=row["said_on_precision"],
            said_on_evidence=_evidence(row),
            occasion=row["occasion_text"],
            speaker_mention=row["speaker_mention"],
        )
        for row in rows
    ]


def _article_view(row: sqlite3.Row, statements: tuple[StatementView, ...]) -> ArticleView:
    return ArticleView(
        id=row["id"],
        doc=row["doc"],
        source=row["source"],
        title=row["title"],
        outlet=row["outlet"],
        published=_date(row["published"]),
        published_evidence=row["published_evidence"],
        url=row["url"],
        text=row["text"],
        statements=statements,
    )


class SQLiteStore(CorpusQueries):
    """A corpus of processed articles in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> SQLiteStore:
        """Open (creating if new) the database at `path`."""
        return cls(_connect(path), str(path))

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path!r} is closed")
        return self._conn

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with translated():
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction: all of it is stored, or none."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite may have rolled back on its own (disk full)
                db.execute("ROLLBACK")
            raise

    # --- writing ---------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return bool(self._rows("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def save(self, batch: Sequence[ProcessedArticle]) -> list[str]:
        """Store a batch in one transaction, skipping stored ids; return the ids inserted."""
        items = list(batch)
        for processed in items:
            _validate(processed)
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
                    self._insert(db, processed, speakers)
                    inserted.append(article_id)
        except (TypeError, ValueError, OverflowError) as exc:
            # A value sqlite3 cannot bind: the transaction was rolled back.
            raise StoreError(f"cannot store the batch: {exc}", hint=_NOTHING) from exc
        return inserted

    def _insert(
        self,
        db: sqlite3.Connection,
        processed: ProcessedArticle,
        speakers: dict[object, int],
    ) -> None:
        """Insert one validated article with its segments, statements and spans."""
        article, meta = processed.article, processed.article.metadata
        db.execute(
            "INSERT INTO articles (id, doc, source, outlet, title, published, "
            "published_evidence, url, language, text, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.doc,
                article.source,
                meta.outlet,
                meta.title,
                meta.published.isoformat() if meta.published else None,
                meta.published_evidence,
                meta.url,
                meta.language,
                article.text,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        db.executemany(
            "INSERT INTO article_segments (article_id, seq, clean_start, raw_start, length) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (article.id, seq, seg.clean_start, seg.raw_start, seg.length)
                for seq, seg in enumerate(article.segments)
            ],
        )
        size = len(article.text)
        ordered = sorted(
            enumerate(processed.statements),
            key=lambda item: (_anchor(item[1].attribution, size), item[0]),
        )
        for position, (_, statement) in enumerate(ordered):
            self._insert_statement(db, article.id, article.text, position, statement, speakers)

    def _insert_statement(
        self,
        db: sqlite3.Connection,
        article_id: str,
        text: str,
        position: int,
        statement: Statement,
        speakers: dict[object, int],
    ) -> None:
        """Insert one statement and its spans, creating or updating its speaker."""
        attribution = statement.attribution
        speaker_kind = MentionKind(statement.speaker_kind).value
        mention = speaker_sql.collapse(statement.speaker)
        speaker = statement.canonical
        if speaker is None and mention is not None:
            speaker = Speaker(mention, MentionKind(speaker_kind))
        speaker_id = None
        if speaker is not None:
            if speaker not in speakers:  # a speaker written once per batch and state
                speakers[speaker] = speaker_sql.write_speaker(db, speaker)
            speaker_id = speakers[speaker]
            if mention is not None:
                speaker_sql.add_aliases(db, speaker_id, [mention])
        said_on, occasion = statement.said_on, statement.occasion
        joined = {
            role: JOINER.join(span.text(text) for span in getattr(attribution, role))
            for role in ROLES
        }
        content = attribution.content
        speaker_span = statement.speaker_span
        cursor = db.execute(
            "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, "
            "speaker_start, speaker_end, kind, confidence, source_text, cue_text, "
            "content_text, content_start, content_end, speaker_mention, said_on, "
            "said_on_precision, said_on_expression, said_on_start, said_on_end, said_on_method, "
            "occasion_text, occasion_start, occasion_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                speaker_id,
                speaker_kind,
                speaker_span.start if speaker_span else None,
                speaker_span.end if speaker_span else None,
                Kind(attribution.kind).value,
                attribution.confidence,
                joined["source"],
                joined["cue"],
                joined["content"],
                min(span.start for span in content) if content else None,
                max(span.end for span in content) if content else None,
                mention,
                said_on.value.isoformat() if said_on and said_on.value else None,
                said_on.precision.value if said_on and said_on.precision else None,
                said_on.expression if said_on else None,
                said_on.span.start if said_on and said_on.span else None,
                said_on.span.end if said_on and said_on.span else None,
                said_on.method if said_on else None,
                occasion.text if occasion else None,
                occasion.span.start if occasion else None,
                occasion.span.end if occasion else None,
            ),
        )
        db.executemany(
            "INSERT INTO statement_spans (statement_id, role, seq, start, end_) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (cursor.lastrowid, role, seq, span.start, span.end)
                for role in ROLES
                for seq, span in enumerate(getattr(attribution, role))
            ],
        )

    # --- reading ---------------------------------------------------------------

    def _select(
        self, where: str = "", params: Sequence[Any] = (), order: str = "", join: str = ""
    ) -> list[StatementView]:
        """Return StatementViews for rows of _VIEW_SELECT filtered by `where`."""
        sql = _VIEW_SELECT + join
        if where:
            sql += " WHERE " + where
        if order:
            sql += " ORDER BY " + order
        rows = self._rows(sql, params)
        return _views(rows, self._spans([row["id"] for row in rows]))

    def _spans(self, ids: list[int]) -> dict[int, dict[str, list[list[int]]]]:
        """Return the spans of the given statements, by statement id and role."""
        spans: dict[int, dict[str, list[list[int]]]] = {}
        for offset in range(0, len(ids), _CHUNK):
            chunk = ids[offset : offset + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in self._rows(
                "SELECT statement_id, role, start, end_ FROM statement_spans "
                f"WHERE statement_id IN ({marks}) ORDER BY statement_id, role, seq",
                chunk,
            ):
                by_role = spans.setdefault(row[0], {role: [] for role in ROLES})
                by_role[row[1]].append([row[2], row[3]])
        return spans

    def statements(
        self,
        speaker: str | None = None,
        outlet: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        topic: str | None = None,
    ) -> list[StatementView]:
        """Return statements filtered by speaker/outlet substring, published dates, article ref."""
        where: list[str] = []
        params: list[Any] = []
        if topic is not None:
            self.require_topic(topic)
            where.append(topic_sql.on_topic_clause("s"))
            params.append(topic)
        if speaker is not None:
            where.append(
                "s.speaker_id IN (SELECT id FROM speakers WHERE instr(casefold(name), ?) > 0 "
                "UNION SELECT speaker_id FROM speaker_aliases WHERE instr(casefold(alias), ?) > 0)"
            )
            params.extend([speaker.casefold()] * 2)
        if outlet is not None:
            where.append("instr(casefold(a.outlet), ?) > 0")
            params.append(outlet.casefold())
        if since is not None:
            where.append("a.published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("a.published <= ?")
            params.append(until.isoformat())
        if article is not None:
            where.append("s.article_id = ?")
            params.append(self._resolve(article))
        return self._select(" AND ".join(where), params, _STATEMENT_ORDER)

    def search(self, query: str) -> list[StatementView]:
        """Return statements whose content has every word of `query`, best bm25 first."""
        expression = match_expression(query)
        if not expression:
            return []
        join = (
            "JOIN (SELECT rowid AS statement_id, bm25(statements_fts) AS score "
            "FROM statements_fts WHERE statements_fts MATCH ?) m ON m.statement_id = s.id"
        )
        return self._select("", (expression,), "m.score, s.id", join=join)

    def speakers(self) -> list[SpeakerSummary]:
        """Return every speaker with counts, outlets and aliases, most quoted first."""
        with translated():
            return speaker_sql.summaries(self._db)

    def speaker(self, ref: str) -> SpeakerSummary:
        """Return the one speaker `ref` names: its number, its name or one of its aliases."""
        with translated():
            speaker_id, _ = speaker_sql.find_speaker(self._db, ref)
            return speaker_sql.summaries(self._db, "sp.id = ?", (speaker_id,))[0]

    def speaker_records(self) -> list[Speaker]:
        """Return every canonical speaker with its aliases, for the corpus stage to match."""
        with translated():
            return speaker_sql.speaker_records(self._db)

    def speaker_edits(self) -> list[SpeakerEdit]:
        """Return the user's merges and renames, in order."""
        with translated():
            return speaker_sql.speaker_edits(self._db)

    def merge_speakers(self, target: str, other: str) -> SpeakerSummary:
        """Merge speaker `other` into `target` (each a number, name or alias) and keep the edit."""
        with translated("cannot merge the speakers"), self._transaction() as db:
            speaker_sql.merge(db, target, other)
            speaker_sql.record_edit(db, SpeakerEdit("merge", target, other))
        return self.speaker(target)

    def rename_speaker(self, ref: str, new_name: str) -> SpeakerSummary:
        """Rename speaker `ref` to `new_name` for good and keep the edit."""
        with translated("cannot rename the speaker"), self._transaction() as db:
            speaker_sql.rename(db, ref, new_name)
            speaker_sql.record_edit(db, SpeakerEdit("rename", ref, new_name))
        return self.speaker(new_name)

    def replay_speaker_edits(self) -> int:
        """Re-apply the kept merges and renames to speakers added since; return the changes."""
        with translated("cannot re-apply speaker edits"), self._transaction() as db:
            return speaker_sql.replay(db)

    def _resolve(self, ref: str) -> str:
        """Return the id of the one article `ref` names: an id, id prefix, doc name or its start."""
        ref = ref.strip()
        if self._rows("SELECT 1 FROM articles WHERE id = ?", (ref,)):
            return ref
        matches = {
            row["id"]: row["doc"]
            for row in self._rows("SELECT id, doc FROM articles WHERE doc = ?", (ref,))
        }
        prefix = ref.lower()
        if len(prefix) >= MIN_PREFIX:
            for row in self._rows(
                "SELECT id, doc FROM articles WHERE id >= ? AND id < ? ORDER BY id",
                (prefix, prefix + "\U0010ffff"),
            ):
                matches[row["id"]] = row["doc"]
        if not matches:  # "002" for doc "002_c0bd221de4d48497"
            matches = {
                row["id"]: row["doc"]
                for row in self._rows(
                    "SELECT id, doc FROM articles WHERE substr(doc, 1, ?) = ?", (len(ref), ref)
                )
            }
        if len(matches) == 1:
            return next(iter(matches))
        if not matches:
            raise NotFoundError(
                f"no article matches {ref!r}",
                hint=f"{_LIST_HINT}; give an id, an id prefix of at least "
                f"{MIN_PREFIX} characters, or a doc name or its start",
            )
        listed = ", ".join(f"{aid} ({doc})" for aid, doc in sorted(matches.items())[:5])
        raise NotFoundError(
            f"{ref!r} matches {len(matches)} articles: {listed}",
            hint=f"give more characters of the id; {_LIST_HINT}",
        )

    def article(self, ref: str) -> ArticleView:
        """Return one article with its statements, by id, id prefix (>= 6) or doc name."""
        article_id = self._resolve(ref)
        row = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))[0]
        statements = self._select("s.article_id = ?", (article_id,), "s.position")
        return _article_view(row, tuple(statements))

    def articles(self) -> list[ArticleView]:
        """Return every article, by publication date then doc, without statements."""
        rows = self._rows("SELECT * FROM articles ORDER BY published IS NULL, published, doc, id")
        return [_article_view(row, ()) for row in rows]

    def counts(self) -> dict[str, int]:
        """Return the number of articles, statements and speakers stored."""
        return {
            table: int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
            for table in ("articles", "statements", "speakers")
        }
