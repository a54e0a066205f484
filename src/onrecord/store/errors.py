"""Turning database errors into StoreErrors with a hint, for every module of the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from onrecord.errors import StoreError


class ServerError(Exception):
    """A PostgreSQL error, as the PostgreSQL connection raises it (psycopg stays inside)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def hint_for(exc: Exception) -> str | None:
    """Return what a user can do about a database error, when there is something."""
    if isinstance(exc, ServerError):
        return exc.hint
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            "another process held the database for longer than the busy_timeout setting "
            "allows (ONRECORD_BUSY_TIMEOUT seconds); what was stored before stays stored: "
            "run the same command again when it is done, or raise the setting"
        )
    if "readonly" in text:
        return "the database was opened read-only, or the file or its folder is not writable"
    if "not a database" in text:
        return "give the path of an onrecord database, or a new file name"
    return None


@contextmanager
def translated(doing: str = "database error", hint: str | None = None) -> Iterator[None]:
    """Turn any sqlite3 or PostgreSQL error raised inside into a StoreError with a hint."""
    try:
        yield
    except (sqlite3.Error, ServerError) as exc:
        raise StoreError(f"{doing}: {exc}", hint=hint_for(exc) or hint) from exc
