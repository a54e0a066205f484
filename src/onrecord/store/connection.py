"""Opening a SQLite database: check it is onrecord's, then create or upgrade its schema."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from onrecord import settings
from onrecord.errors import StoreError
from onrecord.store.dialect import SQLITE, Dialect
from onrecord.store.errors import translated
from onrecord.store.schema import APPLICATION_ID, SCHEMA_VERSION, upgrade_steps


class SQLiteConnection(sqlite3.Connection):
    """A sqlite3 connection that says which dialect it speaks and runs write transactions."""

    @property
    def dialect(self) -> Dialect:
        return SQLITE

    def listing(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        """Run a long listing: SQLite's cursor already reads rows as they are fetched."""
        return self.execute(sql, parameters)

    @contextmanager
    def write_transaction(self) -> Iterator[SQLiteConnection]:
        """Run the block in one write transaction, taking the write lock at once."""
        self.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.execute("COMMIT")
        except BaseException:
            if self.in_transaction:  # SQLite may have rolled back on its own (disk full)
                self.execute("ROLLBACK")
            raise


# A file's identity read in one statement, so in one snapshot: read apart, another process
# creating the schema between the reads looked like another program's database.
IDENTITY = (
    "SELECT (SELECT application_id FROM pragma_application_id),"
    " (SELECT user_version FROM pragma_user_version),"
    " (SELECT count(*) FROM sqlite_schema)"
)
# How long to wait between tries to switch a busy new file to WAL mode.
WAL_RETRY_SECONDS = 0.02


def _casefold(value: str | None) -> str:
    return value.casefold() if value is not None else ""


def connect(path: str | Path, *, write: bool = True) -> SQLiteConnection:
    """Open `path`, check it is an onrecord database, and create or upgrade its schema.

    With `write` false the file is opened read-only: it must exist and hold onrecord's
    current schema, and nothing (not even the schema) is written to it.
    """
    conn = _open(path) if write else _open_readonly(path)
    conn.row_factory = sqlite3.Row
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    return conn


def _open(path: str | Path) -> SQLiteConnection:
    try:
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            factory=SQLiteConnection,
            timeout=settings.get_float("busy_timeout"),
        )
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot open database {str(path)!r}: {exc}",
            hint="check that the directory exists and is writable",
        ) from exc
    try:
        with translated():
            _check_identity(conn, path)
            _use_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            _upgrade(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _open_readonly(path: str | Path) -> SQLiteConnection:
    """Open an existing onrecord database for reading only; never create or change it."""
    file = Path(path)
    if not file.is_file() or file.stat().st_size == 0:
        raise StoreError(
            f"no database at {str(path)!r}",
            hint="run `onrecord ingest` first (with the same --db), or give the path of "
            "an onrecord database",
        )
    try:
        conn = sqlite3.connect(
            f"{file.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            factory=SQLiteConnection,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {str(path)!r}: {exc}") from exc
    try:
        with translated():
            _check_identity(conn, path)
            _check_current(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_current(conn: sqlite3.Connection, path: str | Path) -> None:
    """Refuse, for reading, a database whose schema is not this onrecord's (nothing is written)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise StoreError(
            f"no onrecord database at {str(path)!r} (the SQLite file holds no tables)",
            hint="run `onrecord ingest` first (with the same --db)",
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{str(path)!r} has schema version {version}, older than this onrecord's "
            f"({SCHEMA_VERSION}); reading commands do not change the file",
            hint=f"upgrade it with `onrecord repair --db {path}`, then retry",
        )


def _check_identity(conn: sqlite3.Connection, path: str | Path) -> None:
    """Refuse a database that another program made or a newer onrecord wrote."""
    try:
        application_id, version, objects = conn.execute(IDENTITY).fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc):
            raise
        raise StoreError(
            f"{str(path)!r} is not a SQLite database",
            hint="give the path of an onrecord database, or a new file name",
        ) from exc
    # Another program's id is refused even with no tables yet: the file is theirs.
    if application_id != APPLICATION_ID and (application_id or version or objects):
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


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode, waiting while another process holds it.

    Changing the journal mode of a new file answers "database is locked" at once, without
    SQLite's busy wait, when another process has the file open: several ingests starting
    together on a new database would fail for no reason. So wait here, up to busy_timeout.
    """
    deadline = time.monotonic() + settings.get_float("busy_timeout")
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


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
