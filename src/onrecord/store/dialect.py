"""What differs between the store's two databases, SQLite and PostgreSQL, in one place.

The store's SQL is written once, in the subset both databases agree on (`ON CONFLICT`,
`RETURNING`, `coalesce`, `?` placeholders). What has no common form lives here: full-text
search (FTS5 with bm25 against a tsvector column with a GIN index) and the parameter a
search takes. The PostgreSQL connection (`pg_connection`) rewrites the few remaining
SQLite spellings as it runs a statement (placeholders, `COLLATE NOCASE`, `CROSS JOIN`),
and its schema defines `casefold` and `instr` as SQL functions, so the query modules never
ask which database they talk to except for a search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

SERVER_SCHEMES = ("postgresql://", "postgres://")
"""A database given by a URL with one of these schemes is a PostgreSQL server's."""

NO_LIMIT = 2**62
"""A LIMIT that keeps every row: SQLite reads -1 so and PostgreSQL refuses it."""


def is_server_url(target: object) -> bool:
    """Return whether `target` (a --db value) names a PostgreSQL database rather than a file."""
    return isinstance(target, str) and target.startswith(SERVER_SCHEMES)


@dataclass(frozen=True, slots=True)
class Dialect:
    """The SQL one database needs where the two do not agree."""

    name: str
    # A join of statements `s` to their full-text matches `m` (statement_id, score: lower
    # is better); one `?`: the search parameter.
    search_join: str
    # The same, choosing a page of the best matches first; `?`s: search, limit, offset.
    search_page: str

    def search_parameter(self, query: str) -> object:
        """Return what `search_join`'s `?` takes for a user's query: every term required.

        A term is a word, a "phrase in double quotes" or a `prefix*`; operators, brackets
        and a lone quote mark are plain words, never search syntax.
        """
        terms = search_terms(query)
        if self.name == "postgresql":
            # onrecord_tsquery(text[]) requires each as a phrase; a prefix as its word.
            return [text for text, _ in terms]
        return " ".join(
            '"' + text.replace('"', '""') + '"' + ("*" if prefix else "") for text, prefix in terms
        )


# A search's terms: a "phrase in double quotes", else a run of non-blanks (`talk*`: a prefix).
_TERMS = re.compile(r'"([^"]*)"|(\S+)')


def search_terms(query: str) -> list[tuple[str, bool]]:
    """Return the terms of a user's search, each (text, whether it is a prefix)."""
    terms = []
    for match in _TERMS.finditer(query):
        phrase, word = match.groups()
        if phrase is not None:
            if phrase.split():
                terms.append((" ".join(phrase.split()), False))
        elif word.endswith("*") and word.rstrip("*"):
            terms.append((word.rstrip("*"), True))
        else:
            terms.append((word, False))
    return terms


SQLITE = Dialect(
    name="sqlite",
    search_join=(
        "JOIN (SELECT rowid AS statement_id, bm25(statements_fts) AS score "
        "FROM statements_fts WHERE statements_fts MATCH ?) m ON m.statement_id = s.id"
    ),
    # The best matches are chosen inside the full-text index before anything is joined.
    search_page=(
        "JOIN (SELECT rowid AS statement_id, bm25(statements_fts) AS score "
        "FROM statements_fts WHERE statements_fts MATCH ? ORDER BY score, rowid "
        "LIMIT ? OFFSET ?) m ON m.statement_id = s.id"
    ),
)

_PG_MATCHES = (
    "SELECT t.id AS statement_id, -ts_rank(t.content_tsv, q) AS score "
    "FROM statements t, onrecord_tsquery(CAST(? AS text[])) q WHERE t.content_tsv @@ q"
)
POSTGRESQL = Dialect(
    name="postgresql",
    search_join=f"JOIN ({_PG_MATCHES}) m ON m.statement_id = s.id",
    search_page=(
        f"JOIN ({_PG_MATCHES} ORDER BY score, statement_id LIMIT ? OFFSET ?) m "
        "ON m.statement_id = s.id"
    ),
)


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """An open database as the store's SQL modules use it, whichever database it is."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def listing(self, sql: str, parameters: Any = ..., /) -> Any:
        """Run a query whose rows may be many; its cursor hands them out as fetched."""
        ...


class WritingConnection(Connection, Protocol):
    """A connection the store owns: it runs write transactions and is closed by the store."""

    def write_transaction(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...

