"""Pages of a listing: LIMIT and OFFSET in the SQL, and listings read in parts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from onrecord.store.dialect import NO_LIMIT

Page = tuple[int | None, int]  # (limit, offset); a limit of None: every row


def limited(sql: str, params: list[Any], page: Page) -> tuple[str, list[Any]]:
    """Return `sql` with the page's LIMIT and OFFSET pushed into it."""
    limit, offset = page
    if limit is None and not offset:
        return sql, params
    return f"{sql} LIMIT ? OFFSET ?", [*params, NO_LIMIT if limit is None else limit, offset]


T = TypeVar("T")
# One part of a listing read in parts: its rows for a page, and how many rows it has.
Part = tuple[Callable[[Page], Iterator[T]], Callable[[], int]]


def chained(parts: Sequence[Part[T]], page: Page) -> Iterator[T]:
    """Yield one page of the parts' rows, read one part after the other.

    A listing whose order no single index gives (undated rows last, say) is read as parts
    that each have one; a part is counted only when the offset skips all of it.
    """
    limit, offset = page
    for rows, count in parts:
        if limit == 0:
            return
        got = 0
        for row in rows((limit, offset)):
            got += 1
            yield row
        if got:
            offset = 0
        elif offset:
            offset = max(0, offset - count())
        limit = None if limit is None else limit - got
