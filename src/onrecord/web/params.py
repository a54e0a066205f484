"""What a request asks for, read the way the CLI reads its options: filters and pages.

Pages and API routes take the same filters as `onrecord statements` and `search`
(speaker, outlet, since, until, include_undated, article, topic, stance, kind, q). Query
strings come from HTML forms too, where an empty field means "no filter".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Query

from onrecord.errors import UsageError
from onrecord.queries.statements import KINDS, STANCES, StatementQuery

MAX_LIMIT = 1000  # the most rows one page of the API returns


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _day(name: str, value: str | None) -> dt.date | None:
    value = _text(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date", hint="give it as YYYY-MM-DD") from None


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of a statement listing, as given (strings; empty means none)."""

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    include_undated: str | None = None
    article: str | None = None
    topic: str | None = None
    stance: str | None = None
    kind: str | None = None

    def query(self) -> StatementQuery:
        """Return the library's query for these filters (UsageError for a bad value)."""
        return StatementQuery(
            text=_text(self.q),
            speaker=_text(self.speaker),
            outlet=_text(self.outlet),
            since=_day("since", self.since),
            until=_day("until", self.until),
            include_undated=_flag(self.include_undated),
            article=_text(self.article),
            topic=_text(self.topic),
            stance=_text(self.stance),
            kind=_text(self.kind),
        )

    def given(self) -> dict[str, str]:
        """Return the filters that are set, for building links that keep them."""
        return {
            name: value.strip()
            for name in self.__slots__
            if (value := getattr(self, name)) and value.strip()
        }


def filters(
    q: str | None = Query(None, description='Full-text search: words, "a phrase", prefix*.'),
    speaker: str | None = Query(None, description="A speaker's number, name, alias or part."),
    outlet: str | None = Query(None, description="Part of the outlet's name (any case)."),
    since: str | None = Query(None, description="Said (else published) on or after YYYY-MM-DD."),
    until: str | None = Query(None, description="Said (else published) on or before YYYY-MM-DD."),
    include_undated: str | None = Query(
        None, description="1: with since/until, also statements with no date at all."
    ),
    article: str | None = Query(None, description="Only this article (id, id prefix, doc)."),
    topic: str | None = Query(None, description="Only statements on this stored topic."),
    stance: str | None = Query(None, description=f"One of {', '.join(STANCES)}."),
    kind: str | None = Query(None, description=f"One of {', '.join(KINDS)}."),
) -> Filters:
    """Read the statement filters of a request (a FastAPI dependency)."""
    return Filters(q, speaker, outlet, since, until, include_undated, article, topic, stance, kind)


@dataclass(frozen=True, slots=True)
class Pager:
    """A page of a listing: where it starts, how long it is, and links to its neighbours."""

    path: str
    params: dict[str, str]
    limit: int
    offset: int
    count: int | None = None  # None: not counted (the next page exists when this one is full)
    shown: int = 0  # rows on this page

    def url(self, offset: int) -> str:
        """Return the address of the page starting at `offset`, with the same filters."""
        params = {**self.params, "offset": str(offset)} if offset else dict(self.params)
        if self.limit != DEFAULT_PAGE:
            params["limit"] = str(self.limit)
        return self.path + ("?" + urlencode(params) if params else "")

    @property
    def previous(self) -> str | None:
        return self.url(max(0, self.offset - self.limit)) if self.offset > 0 else None

    @property
    def next(self) -> str | None:
        more = (
            self.offset + self.limit < self.count
            if self.count is not None
            else self.shown >= self.limit > 0
        )
        return self.url(self.offset + self.limit) if more else None

    @property
    def first(self) -> int:
        return self.offset + 1 if self.shown else 0

    @property
    def last(self) -> int:
        return self.offset + self.shown


DEFAULT_PAGE = 20  # rows on a page of the web UI


def page_numbers(
    limit: str | None, offset: str | None, default: int = DEFAULT_PAGE
) -> tuple[int, int]:
    """Return (limit, offset) from a query string, checked: whole numbers, not negative."""
    try:
        size = default if not _text(limit) else int(str(limit))
        start = 0 if not _text(offset) else int(str(offset))
    except ValueError:
        raise UsageError(
            "limit and offset must be whole numbers", hint="e.g. ?limit=20&offset=40"
        ) from None
    if size < 0 or start < 0:
        raise UsageError("a limit or offset cannot be negative", hint="give 0 or more")
    return min(size, MAX_LIMIT), start
