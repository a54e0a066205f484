"""Opening a PostgreSQL database: connect, check it is onrecord's, create or upgrade its schema.

`PostgresConnection` gives the store's SQL modules what a sqlite3 connection gives them
(`execute`, `executemany`, rows read by index or by name) and rewrites the few spellings
only SQLite reads (`translate`). Every write runs in one transaction holding a
transaction-level advisory lock, PostgreSQL's form of SQLite's `BEGIN IMMEDIATE`: writers
on any number of machines take turns, readers never wait. psycopg is imported only here,
when a PostgreSQL URL is opened (the `postgres` extra).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from onrecord.errors import StoreError
from onrecord.store import pg_schema
from onrecord.store.dialect import POSTGRESQL, Dialect
from onrecord.store.errors import ServerError, translated
from onrecord.store.schema import APPLICATION_ID, SCHEMA_VERSION

WRITE_LOCK = APPLICATION_ID
"""The advisory lock every write transaction holds (a schema upgrade too)."""

_CONNECT_HINT = (
    "check that the server is running and that the URL's host, port, database, user and "
    "password are right (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)"
)
_LITERAL = re.compile(r"('(?:[^']|'')*')")
_NOCASE = re.compile(r"([\w.]+) COLLATE NOCASE")
_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")


def redacted(url: str) -> str:
    """Return `url` without its password, to name the database in messages."""
    return _PASSWORD.sub(r"\1:***@", url)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """Return the PostgreSQL spelling of one of the store's statements.

    `?` placeholders become `%s` (and a literal `%` becomes `%%`), `X COLLATE NOCASE`
    becomes `lower(X)` (the speakers_listing index is on it) and `CROSS JOIN ... ON`,
    SQLite's way of fixing the join order, a plain `JOIN`. String literals are kept.
    """
    parts = _LITERAL.split(sql)
    for index in range(0, len(parts), 2):  # the text between literals
        part = parts[index].replace("%", "%%").replace("?", "%s")
        part = _NOCASE.sub(r"lower(\1)", part)
        parts[index] = part.replace("CROSS JOIN", "JOIN")
    for index in range(1, len(parts), 2):
        parts[index] = parts[index].replace("%", "%%")
    return "".join(parts)


def _bound(parameters: Sequence[Any]) -> list[Any]:
    """Return the parameters as the schema stores them: booleans are integers, as in SQLite."""
    return [int(value) if isinstance(value, bool) else value for value in parameters]


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like sqlite3.Row."""

    names: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            key = self.names[key]
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self.names)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"names": {name: i for i, name in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    """psycopg's row factory: rows of this cursor's columns."""
    columns = tuple(column.name for column in cursor.description or ())
    return _row_class(columns)


@contextmanager
def _server_errors() -> Iterator[None]:
    """Turn psycopg's errors into ServerErrors (which `translated` makes StoreErrors)."""
    import psycopg

    try:
        yield
    except psycopg.OperationalError as exc:
        raise ServerError(str(exc).strip(), hint=_CONNECT_HINT) from exc
    except psycopg.Error as exc:
        raise ServerError(str(exc).strip()) from exc


_LISTINGS = itertools.count(1)


class _Listing:
    """A server-side cursor's rows in chunks; closed (freeing the server) once read to the end.

    A listing left unread is freed when its connection closes: closing it from a garbage
    collector could run inside another query of the same connection.
    """

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def fetchmany(self, size: int = 500) -> list[Any]:
        with _server_errors():
            rows: list[Any] = self._cursor.fetchmany(size)
            if not rows:
                self._cursor.close()
        return rows


class PostgresConnection:
    """A psycopg connection speaking the store's SQL, in autocommit but for write transactions."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    @property
    def dialect(self) -> Dialect:
        return POSTGRESQL

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        """Run one statement of the store's SQL; return its cursor (rows fetched already)."""
        cursor = self._conn.cursor()
        with _server_errors():
            cursor.execute(translate(sql), _bound(parameters))
        return cursor

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        """Run one statement for each parameter row."""
        cursor = self._conn.cursor()
        rows = [_bound(row) for row in parameters]
        if rows:
            with _server_errors():
                cursor.executemany(translate(sql), rows)
        return cursor

    def listing(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        """Run a query whose rows may be many, handing them out in chunks as fetched.

        A query without a LIMIT is read through a server-side cursor (WITH HOLD, as the
        connection is in autocommit), so the client never holds every row of a long
        listing; a page is read at once like any other query.
        """
        if re.search(r"\bLIMIT\b", sql):
            return self.execute(sql, parameters)
        cursor = self._conn.cursor(name=f"onrecord_listing_{next(_LISTINGS)}", withhold=True)
        with _server_errors():
            cursor.execute(translate(sql), _bound(parameters))
        return _Listing(cursor)

    def run_ddl(self, ddl: str) -> None:
        """Run DDL as written (no placeholders: `%` and `$$` bodies are left alone)."""
        with _server_errors():
            self._conn.execute(ddl)

    @contextmanager
    def write_transaction(self) -> Iterator[PostgresConnection]:
        """Run the block in one transaction, holding the write lock from its start."""
        with _server_errors(), self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield self

    def close(self) -> None:
        self._conn.close()


def connect(url: str, *, write: bool = True) -> PostgresConnection:
    """Connect to the database at `url`, check it is onrecord's, and create or upgrade it.

    With `write` false the session is read-only: the database must hold onrecord's
    current schema, and nothing (not even the schema) is written.
    """
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            f"cannot open {redacted(url)}: PostgreSQL needs the psycopg driver",
            hint="install it with `pip install 'onrecord[postgres]'`",
        ) from exc
    try:
        raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
    except (psycopg.Error, ValueError) as exc:
        raise StoreError(
            f"cannot connect to {redacted(url)}: {str(exc).strip()}", hint=_CONNECT_HINT
        ) from exc
    conn = PostgresConnection(raw)
    try:
        with translated(f"cannot open {redacted(url)}"):
            if write:
                _upgrade(conn, url)
            else:
                _check_current(_version(conn, url), url)
                conn.execute("SET default_transaction_read_only = on")
    except BaseException:
        raw.close()
        raise
    return conn


def _version(conn: PostgresConnection, url: str) -> int:
    """Return the schema version of onrecord's tables (0: none), refusing another's tables."""
    schema, ours, tables = conn.execute(
        "SELECT current_schema(), to_regclass('onrecord_schema') IS NOT NULL, "
        "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())"
    ).fetchone()
    if schema is None:
        raise StoreError(
            f"{redacted(url)}: no schema of the search_path exists to keep onrecord's tables",
            hint="create the schema, or leave search_path at its default",
        )
    if not ours:
        if tables:
            raise StoreError(
                f"{redacted(url)}: schema {schema!r} holds tables onrecord did not make",
                hint="give an empty database, or another schema "
                "(postgresql://…/DB?options=-csearch_path%3DSCHEMA)",
            )
        return 0
    application, version = conn.execute(
        "SELECT application_id, version FROM onrecord_schema"
    ).fetchone()
    if application != APPLICATION_ID:
        raise StoreError(f"{redacted(url)}: its onrecord_schema table is not onrecord's")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{redacted(url)} has schema version {version}, newer than this onrecord "
            f"understands ({SCHEMA_VERSION})",
            hint="upgrade onrecord (pip install -U onrecord) to open it",
        )
    return int(version)


def _check_current(version: int, url: str) -> None:
    """Refuse, for reading, a database without onrecord's current schema."""
    if version == 0:
        raise StoreError(
            f"no onrecord database at {redacted(url)} (it holds no onrecord tables)",
            hint="run `onrecord ingest` first (with the same --db)",
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{redacted(url)} has schema version {version}, older than this onrecord's "
            f"({SCHEMA_VERSION}); reading commands do not change the database",
            hint="upgrade it with `onrecord repair --db URL`, then retry",
        )


def _upgrade(conn: PostgresConnection, url: str) -> None:
    """Create the schema in an empty database, or bring an older one up to date."""
    if _version(conn, url) == SCHEMA_VERSION:
        return
    with conn.write_transaction():
        # Read again under the write lock: another process may have just done it.
        current = _version(conn, url)
        for ddl in pg_schema.upgrade_steps(current, SCHEMA_VERSION):
            conn.run_ddl(ddl)
        if current == 0:
            conn.run_ddl(
                "CREATE TABLE onrecord_schema (application_id BIGINT NOT NULL, "
                "version BIGINT NOT NULL)"
            )
            conn.execute("INSERT INTO onrecord_schema VALUES (?, ?)", (APPLICATION_ID, 0))
        conn.execute("UPDATE onrecord_schema SET version = ?", (SCHEMA_VERSION,))
