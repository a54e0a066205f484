"""The SQL that reads statements and articles back as views, and finds an article by reference.

Functions here take an open connection; the store (`sqlite.SQLiteStore`) turns sqlite3
errors into StoreErrors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from onrecord.errors import NotFoundError
from onrecord.models import ArticleView, StatementView
from onrecord.store.dialect import NO_LIMIT, Connection
from onrecord.store.writes import ROLES

MIN_PREFIX = 6  # shortest article id prefix accepted as a reference
_CHUNK = 500  # statement ids per `IN (...)` when loading spans
_LIST_HINT = "list articles with `onrecord articles`"

# An article's columns and the count of its rows in the edit log (its statements' too).
ARTICLE_COLUMNS = (
    "*, (SELECT count(*) FROM edits e WHERE e.article_id = articles.id) AS edits"
)

_VIEW_COLUMNS = """
SELECT s.id, s.article_id, a.doc, a.outlet, a.published, a.title, sp.name AS speaker,
       s.speaker_kind, s.kind, s.source_text, s.cue_text, s.content_text, s.speaker_id,
       s.speaker_mention, s.said_on, s.said_on_precision, s.said_on_expression,
       s.said_on_start, s.said_on_end, s.said_on_method, s.occasion_text,
       s.channel_text, s.channel_start, s.channel_end,
       (SELECT count(*) FROM edits e
        WHERE e.statement_id = s.id AND e.article_id = s.article_id) AS edits
"""
VIEW_FROM = """
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers sp ON sp.id = s.speaker_id
"""
# Statements with a speaker, the speakers read first in name order (speakers_listing), then
# each one's statements in the order of the statements_listing index: no sort at all.
SPOKEN_FROM = """
FROM speakers sp
CROSS JOIN statements s ON s.speaker_id = sp.id
JOIN articles a ON a.id = s.article_id
"""
# Within one speaker: by publication date (undated last), article and position; the
# order of the statements_listing index (s.published is the article's publication date).
SPEAKER_ORDER = "s.published IS NULL, s.published, s.article_id, s.position"
# Every listing without a text search: by speaker (those without one last), then as above.
STATEMENT_ORDER = f"sp.name IS NULL, sp.name COLLATE NOCASE, sp.name, sp.id, {SPEAKER_ORDER}"
SPOKEN_ORDER = f"sp.name COLLATE NOCASE, sp.name, sp.id, {SPEAKER_ORDER}"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def select(
    db: Connection,
    where: str = "",
    params: Sequence[Any] = (),
    order: str = "",
    join: str = "",
) -> list[StatementView]:
    """Return StatementViews for the rows of VIEW_FROM that `where` keeps."""
    return list(stream(db, where, params, order, join))


def stream(
    db: Connection,
    where: str = "",
    params: Sequence[Any] = (),
    order: str = "",
    join: str = "",
    page: tuple[int | None, int] = (None, 0),
    source: str = VIEW_FROM,
) -> Iterator[StatementView]:
    """Yield StatementViews for the rows `source` (default VIEW_FROM) and `where` give,
    read and completed _CHUNK at a time.

    `page` is (limit, offset), pushed into the SQL; a limit of None reads every row.
    """
    sql = _VIEW_COLUMNS + source + join
    if where:
        sql += " WHERE " + where
    if order:
        sql += " ORDER BY " + order
    limit, offset = page
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, NO_LIMIT if limit is None else limit, offset]
    cursor = db.listing(sql, params)
    while rows := cursor.fetchmany(_CHUNK):
        yield from _views(rows, _spans(db, [row[0] for row in rows]))


def _spans(db: Connection, ids: list[int]) -> dict[int, dict[str, list[list[int]]]]:
    """Return the spans of the given statements, by statement id and role."""
    spans: dict[int, dict[str, list[list[int]]]] = {}
    for offset in range(0, len(ids), _CHUNK):
        chunk = ids[offset : offset + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for statement_id, role, start, end in db.execute(
            "SELECT statement_id, role, start, end_ FROM statement_spans "
            f"WHERE statement_id IN ({marks}) ORDER BY statement_id, role, seq",
            chunk,
        ):
            by_role = spans.get(statement_id)
            if by_role is None:
                by_role = spans[statement_id] = {role: [] for role in ROLES}
            by_role[role].append([start, end])
    return spans


def _evidence(
    expression: str | None, start: int | None, end: int | None, method: str | None
) -> dict[str, Any] | None:
    """Return the said_on evidence of a statement: expression, span and method."""
    if expression is None:
        return None
    return {
        "expression": expression,
        "span": [start, end] if start is not None else None,
        "method": method,
    }


def _views(
    rows: Sequence[Any], spans: dict[int, dict[str, list[list[int]]]]
) -> list[StatementView]:
    """Build StatementViews from rows of _VIEW_COLUMNS (read by position) and their spans."""
    return [_view(row, spans) for row in rows]


def _view(row: Any, spans: dict[int, dict[str, list[list[int]]]]) -> StatementView:
    (
        id_, article, doc, outlet, published, title, speaker, speaker_kind, kind, source,
        cue, content, speaker_id, mention, said_on, precision, expression, said_start,
        said_end, method, occasion, channel, channel_start, channel_end, edits,
    ) = row  # fmt: skip
    return StatementView(
        id=id_,
        article=article,
        doc=doc,
        outlet=outlet,
        published=_date(published),
        speaker=speaker,
        speaker_kind=speaker_kind,
        kind=kind,
        source=source,
        cue=cue,
        content=content,
        spans=spans.get(id_) or {role: [] for role in ROLES},
        title=title,
        speaker_id=speaker_id,
        said_on=_date(said_on),
        said_on_precision=precision,
        said_on_evidence=_evidence(expression, said_start, said_end, method),
        occasion=occasion,
        speaker_mention=mention,
        edits=edits,
        channel=channel,
        channel_span=[channel_start, channel_end] if channel_start is not None else None,
    )


def article_view(row: Any, statements: tuple[StatementView, ...]) -> ArticleView:
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
        language=row["language"],
        edits=row["edits"],
    )


def resolve_article(db: Connection, ref: str) -> str:
    """Return the id of the one article `ref` names: an id, id prefix, doc name or its start."""
    ref = ref.strip()
    if db.execute("SELECT 1 FROM articles WHERE id = ?", (ref,)).fetchone():
        return ref
    matches = {
        row["id"]: row["doc"]
        for row in db.execute("SELECT id, doc FROM articles WHERE doc = ?", (ref,))
    }
    prefix = ref.lower()
    if len(prefix) >= MIN_PREFIX:
        for row in db.execute(
            "SELECT id, doc FROM articles WHERE id >= ? AND id < ? ORDER BY id",
            (prefix, prefix + "\U0010ffff"),
        ):
            matches[row["id"]] = row["doc"]
    if not matches:  # "002" for doc "002_c0bd221de4d48497"
        matches = {
            row["id"]: row["doc"]
            for row in db.execute(
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
