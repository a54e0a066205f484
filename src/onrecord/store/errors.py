"""Turning sqlite3 errors into StoreErrors with a hint, for every module of the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from onrecord.errors import StoreError


def hint_for(exc: sqlite3.Error) -> str | None:
    """Return what a user can do about a sqlite3 error, when there is something."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "another process is writing to this database; try again when it is done"
    if "readonly" in text:
        return "the database was opened read-only, or the file or its folder is not writable"
    if "not a database" in text:
        return "give the path of an onrecord database, or a new file name"
    return None


@contextmanager
def translated(doing: str = "database error", hint: str | None = None) -> Iterator[None]:
    """Turn any sqlite3 error raised inside into a StoreError with a hint."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{doing}: {exc}", hint=hint_for(exc) or hint) from exc
