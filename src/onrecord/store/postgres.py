"""The PostgreSQL store: the same store as SQLite's, on a server several machines share."""

from __future__ import annotations

from onrecord.store.pg_connection import connect, redacted
from onrecord.store.sqlite import SQLStore


class PostgresStore(SQLStore):
    """A corpus of processed articles in a PostgreSQL database (`postgresql://…`)."""

    @classmethod
    def open(cls, url: str, *, write: bool = True) -> PostgresStore:
        """Connect to the database at `url`, creating or upgrading its schema unless read-only."""
        return cls(connect(url, write=write), redacted(url))
