"""The SQL of listings: filtered statements, counts, and pages of speakers and articles.

Every listing streams: rows are read from a cursor as the caller asks for them, and a
limit and offset go into the SQL. Functions here take an open connection; the store
(`sqlite.SQLiteStore`) turns sqlite3 errors into StoreErrors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from onrecord.models import ArticleView, OutletSummary, StatementFilter, StatementView
from onrecord.store import views as view_sql
from onrecord.store.dialect import NO_LIMIT, SQLITE, Connection, Dialect
from onrecord.store.paging import Page, Part, chained, limited
from onrecord.store.topics import on_topic_clause

# A statement's date: the day it was said, else the day its article was published.
STATEMENT_DATE = "s.dated"  # the generated coalesce(said_on, published), indexed
_DATED_ORDER = "published, doc, id"  # articles: dated ones first, then undated ones
_UNDATED_ORDER = "doc, id"
# Speakers with a part of a name in their name or an alias (two `?`: the casefolded part).
NAMED = (
    "sp.id IN (SELECT id FROM speakers WHERE instr(casefold(name), ?) > 0 "
    "UNION SELECT speaker_id FROM speaker_aliases WHERE instr(casefold(alias), ?) > 0)"
)


def match_expression(query: str) -> str:
    """Return an FTS5 MATCH expression requiring every term of `query`.

    A term is a word, a `prefix*` or a "phrase in double quotes"; anything else (operators,
    brackets, a lone quote mark) is taken as plain words, never as FTS5 syntax.
    """
    return str(SQLITE.search_parameter(query))


@dataclass
class Clauses:
    """The SQL a statement filter becomes: a join, WHERE conditions and their parameters."""

    join: str = ""
    join_params: list[Any] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    articles: bool = False  # whether a condition reads the article (alias `a`)

    def add(self, condition: str, *params: Any) -> None:
        self.where.append(condition)
        self.params.extend(params)

    def sql(self) -> tuple[str, list[Any]]:
        """Return the WHERE text (without the keyword) and every parameter, join's first."""
        return " AND ".join(self.where), [*self.join_params, *self.params]


def clauses(dialect: Dialect, f: StatementFilter, *, dates: bool = True) -> Clauses:
    """Return the SQL of every condition of `f` (without its date range unless `dates`)."""
    found = Clauses()
    if f.text is not None:
        found.join = dialect.search_join
        found.join_params.append(dialect.search_parameter(f.text))
    if f.speaker_id is not None:
        found.add("s.speaker_id = ?", f.speaker_id)
    if f.outlet is not None:
        found.add("instr(casefold(a.outlet), ?) > 0", f.outlet.casefold())
        found.articles = True
    if f.article_id is not None:
        found.add("s.article_id = ?", f.article_id)
    if f.kind is not None:
        found.add("s.kind = ?", f.kind)
    if f.topic is not None:
        found.add(on_topic_clause("s"), f.topic)
    if f.stance is not None:
        topic = "" if f.topic is None else " AND topic = ?"
        found.add(
            f"s.id IN (SELECT statement_id FROM statement_topics WHERE stance = ?{topic})",
            *([f.stance] if f.topic is None else [f.stance, f.topic]),
        )
    if dates:
        _date_range(found, f)
    return found


def _date_range(found: Clauses, f: StatementFilter) -> None:
    bounds, params = [], []
    if f.since is not None:
        bounds.append(f"{STATEMENT_DATE} >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        bounds.append(f"{STATEMENT_DATE} <= ?")
        params.append(f.until.isoformat())
    if not bounds:
        return
    condition = " AND ".join(bounds)
    if f.include_undated:
        condition = f"({condition} OR {STATEMENT_DATE} IS NULL)"
    found.add(condition, *params)


def statements(db: Connection, f: StatementFilter, page: Page) -> Iterator[StatementView]:
    """Yield the statements `f` keeps: best matches first with a text, else by speaker."""
    if f.text is not None and not f.text.split():
        return iter(())
    found = clauses(db.dialect, f)
    where, params = found.sql()
    if f.text is not None and not where and db.dialect.name == "sqlite":
        return _searched(db, str(params[0]), page)
    if f.text is not None and not where:
        limit, offset = page
        params = [*params, NO_LIMIT if limit is None else limit, offset]
        return view_sql.stream(db, "", params, "m.score, s.id", db.dialect.search_page)
    if f.text is not None:
        return view_sql.stream(db, where, params, "m.score, s.id", found.join, page)
    if f.speaker_id is not None:  # one speaker: its own order, straight from the index
        return view_sql.stream(db, where, params, view_sql.SPEAKER_ORDER, found.join, page)
    if where:  # other filters: the planner picks the index that narrows them most
        return view_sql.stream(db, where, params, view_sql.STATEMENT_ORDER, found.join, page)
    return _every_statement(db, page)


# A search ranks by relevance (bm25) the `SEARCH_CANDIDATES` most recently stored statements
# that match, then lists any older matches newest first. Ranking every match costs time in
# proportion to the matches: a word found in a third of a million statements took 480 ms
# to rank in full (docs/scaling.md); 10,000 candidates take about 15 ms, and a word with
# fewer matches is ranked exactly as before.
SEARCH_CANDIDATES = 10_000
_RANKED = (
    "JOIN (SELECT statement_id, score FROM (SELECT rowid AS statement_id, "
    "bm25(statements_fts) AS score FROM statements_fts WHERE statements_fts MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) ORDER BY score, statement_id LIMIT ? OFFSET ?) m "
    "ON m.statement_id = s.id"
)
_OLDER = (
    "JOIN (SELECT rowid AS statement_id FROM statements_fts WHERE statements_fts MATCH ? "
    "ORDER BY rowid DESC LIMIT ? OFFSET ?) m ON m.statement_id = s.id"
)


def _searched(db: Connection, expression: str, page: Page) -> Iterator[StatementView]:
    """A page of a search with no other filter: the newest matches ranked, then the rest."""
    if not expression:
        return iter(())

    def matches() -> int:
        return int(db.execute(_FTS_COUNT, (expression,)).fetchone()[0])

    def ranked(part: Page) -> Iterator[StatementView]:
        limit, offset = part
        params = [expression, SEARCH_CANDIDATES, NO_LIMIT if limit is None else limit, offset]
        return view_sql.stream(db, "", params, "m.score, s.id", _RANKED)

    def older(part: Page) -> Iterator[StatementView]:
        limit, offset = part
        params = [expression, NO_LIMIT if limit is None else limit, SEARCH_CANDIDATES + offset]
        return view_sql.stream(db, "", params, "s.id DESC", _OLDER)

    return chained(
        [
            (ranked, lambda: min(SEARCH_CANDIDATES, matches())),
            (older, lambda: max(0, matches() - SEARCH_CANDIDATES)),
        ],
        page,
    )


def _every_statement(db: Connection, page: Page) -> Iterator[StatementView]:
    """Every statement in listing order, read in index order: those with a speaker (the
    speakers in name order), then those without."""

    def part(where: str, order: str, source: str) -> Part[StatementView]:
        def rows(part_page: Page) -> Iterator[StatementView]:
            return view_sql.stream(db, where, [], order, "", part_page, source)

        def count() -> int:
            sql = f"SELECT count(*) {source}" + (f" WHERE {where}" if where else "")
            return int(db.execute(sql).fetchone()[0])

        return rows, count

    return chained(
        [
            part("", view_sql.SPOKEN_ORDER, view_sql.SPOKEN_FROM),
            part("s.speaker_id IS NULL", view_sql.SPEAKER_ORDER, view_sql.VIEW_FROM),
        ],
        page,
    )


# A full-text search with no other filter is counted inside SQLite's index: every row of it
# is a statement (triggers keep the two in step), and joining 10,000 matches to their
# statements only to count them took 250 ms where this takes 1 ms.
_FTS_COUNT = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?"


def count(db: Connection, f: StatementFilter) -> int:
    """Return how many statements `f` keeps."""
    found = clauses(db.dialect, f)
    if found.join and not found.where and db.dialect.name == "sqlite":
        expression = found.join_params[0]
        return int(db.execute(_FTS_COUNT, (expression,)).fetchone()[0]) if expression else 0
    return _count(db, found)


def undated_count(db: Connection, f: StatementFilter) -> int:
    """Return how many statements match `f` but for its date range, having no date at all."""
    found = clauses(db.dialect, f, dates=False)
    found.add(f"{STATEMENT_DATE} IS NULL")
    return _count(db, found)


def _count(db: Connection, found: Clauses) -> int:
    if found.join and not found.join_params[0]:  # a search without a term finds nothing
        return 0
    where, params = found.sql()
    # Every statement has its article: the join is needed only to read the article.
    articles = " JOIN articles a ON a.id = s.article_id" if found.articles else ""
    sql = (
        f"SELECT count(*) FROM statements s{articles} "
        + found.join
        + (f" WHERE {where}" if where else "")
    )
    return int(db.execute(sql, params).fetchone()[0])


def articles(db: Connection, page: Page) -> Iterator[ArticleView]:
    """Yield articles without statements, by publication date then doc, a page at a time.

    Dated articles are read in the order of the articles_published index, then undated
    ones: a page of 50 reads 50 rows, where one ORDER BY over both sorted every article
    (25 ms on 33,000 articles).
    """

    def part(where: str, order: str) -> Part[ArticleView]:
        def rows(part_page: Page) -> Iterator[ArticleView]:
            select = (
                f"SELECT {view_sql.ARTICLE_COLUMNS} FROM articles WHERE {where} ORDER BY {order}"
            )
            sql, params = limited(select, [], part_page)
            cursor = db.listing(sql, params)
            while found := cursor.fetchmany(200):
                yield from (view_sql.article_view(row, ()) for row in found)

        def count() -> int:
            return int(db.execute(f"SELECT count(*) FROM articles WHERE {where}").fetchone()[0])

        return rows, count

    return chained(
        [part("published IS NOT NULL", _DATED_ORDER), part("published IS NULL", _UNDATED_ORDER)],
        page,
    )


# Outlets with their counts: articles counted once, statements through their article.
_OUTLETS = (
    "SELECT a.outlet, count(*) AS articles, sum(coalesce(n.statements, 0)) AS statements, "
    "min(a.published), max(a.published) FROM articles a LEFT JOIN "
    "(SELECT article_id, count(*) AS statements FROM statements GROUP BY article_id) n "
    "ON n.article_id = a.id GROUP BY a.outlet ORDER BY statements DESC, a.outlet IS NULL, a.outlet"
)


def outlets(db: Connection) -> list[OutletSummary]:
    """Return every outlet (None: unknown) with its counts of articles and statements."""
    return [
        OutletSummary(
            name=row[0],
            articles=int(row[1]),
            statements=int(row[2]),
            first_published=_day(row[3]),
            last_published=_day(row[4]),
        )
        for row in db.execute(_OUTLETS)
    ]


def _day(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
