"""The OpenAPI description of the JSON shapes of `onrecord.queries.shapes`.

The shapes are defined once, in `queries/shapes.py`, for the CLI and the API; these
models only describe them for the schema at /api/v1/openapi.json. The models of records
that mirror a dataclass (statements, speakers, articles, edits) are built from that
dataclass's fields, the key lists of `shapes`; the others are written out, and the
tests check every response against its model, with no key missing or extra.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from onrecord import models
from onrecord.queries import shapes

STRICT = ConfigDict(extra="forbid")


def _model_of(name: str, record: type, fields: Sequence[str]) -> type[BaseModel]:
    """Build the model of a shape that lists some fields of a dataclass, in that order."""
    hints = typing.get_type_hints(record)
    declared: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        if field.name in fields:
            default = field.default if field.default is not dataclasses.MISSING else ...
            if field.default_factory is not dataclasses.MISSING:
                default = None
            declared[field.name] = (hints[field.name], default)
    missing = set(fields) - set(declared)
    assert not missing, f"{name}: {missing} are not fields of {record.__name__}"
    ordered = {key: declared[key] for key in fields}
    return create_model(name, __config__=STRICT, **ordered)


Statement = _model_of("Statement", models.StatementView, shapes.STATEMENT_FIELDS)
Speaker = _model_of("Speaker", models.SpeakerSummary, shapes.SPEAKER_FIELDS)
Article = _model_of("Article", models.ArticleView, shapes.ARTICLE_FIELDS)
Edit = _model_of("Edit", models.Edit, shapes.EDIT_FIELDS)


class _Strict(BaseModel):
    model_config = STRICT


class ArticleDetail(Article):  # type: ignore[valid-type, misc]
    """An article with its text and statements (`show --format json`)."""

    text: str
    statements: list[Statement]  # type: ignore[valid-type]


class Topic(_Strict):
    name: str
    proposition: str
    description: str
    statements: int
    stances: dict[str, int]
    definition_hash: str


class ClusterMembers(_Strict):
    cluster_id: int
    statements: list[int]


class EventStatement(_Strict):
    id: int
    doc: str
    outlet: str | None
    kind: str
    content: str


class Event(_Strict):
    """A stored speech event (`clusters --format json`)."""

    event_id: int
    speaker: str
    speaker_id: int
    date: dt.date | None
    occasion: str | None
    clusters: list[ClusterMembers]
    statements: list[EventStatement]
    outlets: list[str]


class Period(_Strict):
    position: str
    first: dt.date
    last: dt.date
    statements: list[int]


class PositionChange(_Strict):
    speaker: str
    topic: str
    before: Period
    after: Period


class Report(_Strict):
    outlet: str | None
    doc: str
    article: str
    published: dt.date | None
    statements: list[int]


class TimelineEvent(_Strict):
    """One event of a timeline (`timeline --format jsonl`)."""

    event_id: int
    speaker: str
    speaker_id: int
    date: dt.date | None
    date_precision: str | None
    date_basis: str | None
    occasion: str | None
    stance: str | None
    stances: dict[str, str]
    statements: list[int]
    clusters: list[list[int]]
    outlets: list[Report]
    position_changes: list[PositionChange]


class StanceCue(_Strict):
    text: str
    start: int
    end: int
    role: str


class StatementStance(_Strict):
    score: float
    relevant: bool
    stance: str
    qualifier: str | None
    position: str
    confidence: float
    cues: list[StanceCue]


class TimelineStatement(_Strict):
    id: int
    event_id: int
    cluster_id: int
    doc: str
    article: str
    outlet: str | None
    published: dt.date | None
    said_on: dt.date | None
    said_on_precision: str | None
    kind: str
    source: str
    cue: str
    content: str
    spans: dict[str, list[list[int]]]
    stance: str | None
    topics: dict[str, StatementStance]


class Timeline(_Strict):
    """A speaker's timeline (`timeline --format json`)."""

    speaker: str
    speaker_id: int | None
    topic: str | None
    proposition: str | None
    events: list[TimelineEvent]
    undated: list[int]
    undated_events: list[TimelineEvent]
    position_changes: list[PositionChange]
    statements: list[TimelineStatement]


class DriftVersion(_Strict):
    label: str
    outlet: str | None
    doc: str
    article: str
    statements: list[int]


class DriftVariant(_Strict):
    text: str
    outlets: list[str]


class DriftSegment(_Strict):
    status: str
    text: str
    carried_by: list[str]
    variants: list[DriftVariant]
    omitted_by: list[str]


class Drift(_Strict):
    """One quote's drift across outlets (`drift --format json`)."""

    cluster_id: int
    event_id: int
    speaker: str
    said_on: dt.date | None
    occasion: str | None
    reference: str
    versions: list[DriftVersion]
    segments: list[DriftSegment]
    unaligned: list[DriftVariant]


class EventDetail(Event):
    """A speech event with the drift of each of its quotes that several articles carry."""

    drift: list[Drift]


class Outlet(_Strict):
    name: str | None
    articles: int
    statements: int
    first_published: dt.date | None
    last_published: dt.date | None


class About(_Strict):
    version: str
    counts: dict[str, int]
    topics: list[str]
    editable: bool


def page_of(item: type[BaseModel], name: str) -> type[BaseModel]:
    """Return the model of one page of a listing of `item`."""
    return create_model(
        name,
        __config__=STRICT,
        items=(list[item], ...),  # type: ignore[valid-type]
        count=(int | None, None),
        limit=(int, ...),
        offset=(int, ...),
        next=(str | None, None),
    )


class StatementPage(_Strict):
    """A page of statements; `undated_left_out` counts those a date range left out."""

    items: list[Statement]  # type: ignore[valid-type]
    count: int
    limit: int
    offset: int
    next: str | None
    undated_left_out: int


SpeakerPage = page_of(Speaker, "SpeakerPage")
ArticlePage = page_of(Article, "ArticlePage")
EventPage = page_of(Event, "EventPage")
TimelineEventPage = page_of(TimelineEvent, "TimelineEventPage")
DriftPage = page_of(Drift, "DriftPage")
TopicPage = page_of(Topic, "TopicPage")
EditPage = page_of(Edit, "EditPage")


class Problem(_Strict):
    """An error: what went wrong and how to fix it."""

    error: str
    hint: str | None


# The shapes the tests check against the key lists of `onrecord.queries.shapes`.
FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Statement: shapes.STATEMENT_FIELDS,
    Speaker: shapes.SPEAKER_FIELDS,
    Article: shapes.ARTICLE_FIELDS,
    Edit: shapes.EDIT_FIELDS,
    Topic: shapes.TOPIC_FIELDS,
    Event: shapes.EVENT_FIELDS,
    TimelineEvent: shapes.TIMELINE_EVENT_FIELDS,
    Drift: shapes.DRIFT_FIELDS,
}
