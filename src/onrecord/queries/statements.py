"""Listing statements: what a user asks for, in their words, to the statements that match.

`find_statements` resolves names (a speaker, an article) once, through the same lookups
every command uses, and streams the matches from the store: nothing is read before it is
asked for. It also says how many undated statements a date range left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.errors import UsageError
from onrecord.models import Kind, StanceLabel, StatementFilter, StatementView
from onrecord.queries.speakers import find_speaker
from onrecord.store import Store

KINDS = tuple(str(k) for k in Kind)
STANCES = tuple(str(s) for s in StanceLabel)


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """Which statements a user asks for, in their words (names and references, not ids).

    A statement's date is the day it was said, else its article's publication date.
    """

    speaker: str | None = None  # a number, name, alias or part of a name
    outlet: str | None = None  # part of the outlet's name, any case
    since: dt.date | None = None
    until: dt.date | None = None
    include_undated: bool = False  # keep statements with no date inside a date range
    article: str | None = None  # an article id, id prefix or doc name
    topic: str | None = None  # on this stored topic: relevant to it, or taking a side
    stance: str | None = None  # "for" | "against" | "neutral" (toward `topic`, or any)
    kind: str | None = None  # "direct" | "indirect" | "mixed" | "transcript"
    text: str | None = None  # full-text search: every word, best matches first


@dataclass(frozen=True, slots=True)
class StatementListing:
    """The statements a query found, streamed, and the undated ones its date range left out."""

    rows: Iterator[StatementView]
    undated_left_out: int  # 0 without a date range, or with `include_undated`
    filters: StatementFilter


def statement_filter(store: Store, query: StatementQuery) -> StatementFilter:
    """Return the store's filter for `query`: the speaker and article resolved to ids."""
    if query.kind is not None and query.kind not in KINDS:
        raise UsageError(f"unknown kind {query.kind!r}", hint=f"give one of {', '.join(KINDS)}")
    if query.stance is not None and query.stance not in STANCES:
        raise UsageError(
            f"unknown stance {query.stance!r}", hint=f"give one of {', '.join(STANCES)}"
        )
    if query.since and query.until and query.since > query.until:
        raise UsageError(
            f"the date range ends ({query.until}) before it starts ({query.since})",
            hint="give --since a day on or before --until",
        )
    return StatementFilter(
        speaker_id=find_speaker(store, query.speaker).id if query.speaker else None,
        outlet=query.outlet,
        since=query.since,
        until=query.until,
        include_undated=query.include_undated,
        article_id=store.article(query.article).id if query.article else None,
        topic=query.topic,
        stance=query.stance,
        kind=query.kind,
        text=query.text,
    )


def find_statements(
    store: Store, query: StatementQuery, *, limit: int | None = None, offset: int = 0
) -> StatementListing:
    """Return the statements `query` asks for (a page of them), streamed from the store."""
    check_page(limit, offset)
    filters = statement_filter(store, query)
    dated = filters.since is not None or filters.until is not None
    left_out = store.undated_count(filters) if dated and not filters.include_undated else 0
    rows = store.statements(filters, limit=limit, offset=offset)
    return StatementListing(rows, left_out, filters)


def count_statements(store: Store, query: StatementQuery) -> int:
    """Return how many statements `query` finds (for a page's "n of N")."""
    return store.statement_count(statement_filter(store, query))


def check_page(limit: int | None, offset: int) -> None:
    """Raise UsageError unless `limit` (None: no limit) and `offset` are not negative."""
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError(
            "a limit or offset cannot be negative", hint="give 0 or more (no limit: leave it out)"
        )
