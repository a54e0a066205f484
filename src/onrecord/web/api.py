"""The REST API under /api/v1: the records of the CLI's `--format json`, a page at a time.

Every listing takes `limit` and `offset` (and gives the address of the next page in
`next`), and `format=jsonl|csv` streams every row instead, in the CLI's formats. The
records are those of `onrecord.queries.shapes`; docs/api.md documents each route.
Edits need the token (`Authorization: Bearer TOKEN`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from onrecord import __version__
from onrecord.queries import shapes
from onrecord.queries.drift import drift_reports, event_drifts
from onrecord.queries.speakers import find_speaker
from onrecord.queries.statements import count_statements, find_statements, statement_filter
from onrecord.queries.timeline import timeline_of
from onrecord.store import Store
from onrecord.web import schemas
from onrecord.web.app import Web, web_of
from onrecord.web.params import MAX_LIMIT, Filters, filters
from onrecord.web.streams import export

router = APIRouter()

DEFAULT_LIMIT = 50  # rows of a JSON page when no limit is given
FORMAT = Query(
    "json",
    pattern="^(json|jsonl|csv)$",
    description="json: one page; jsonl or csv: every row (or `limit` rows), streamed.",
)
LIMIT = Query(None, ge=0, le=MAX_LIMIT, description=f"Rows per page (json: {DEFAULT_LIMIT}).")
OFFSET = Query(0, ge=0, description="Rows to skip first.")
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.Problem, "description": "A filter or value that cannot be used."},
    404: {"model": schemas.Problem, "description": "No such speaker, article, event or topic."},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": schemas.Problem, "description": "No token given."},
    403: {"model": schemas.Problem, "description": "Wrong token, or a read-only server."},
}


def _page(
    request: Request,
    records: Iterable[dict[str, Any]],
    limit: int,
    offset: int,
    count: int | None = None,
    **more: Any,
) -> JSONResponse:
    items = list(records)
    full = count is None and len(items) >= limit > 0
    more_rows = full or (count is not None and offset + limit < count)
    following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    body = {
        "items": items,
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": following if more_rows else None,
        **more,
    }
    return JSONResponse(body)


def _listing(
    request: Request,
    fmt: str,
    limit: int | None,
    offset: int,
    *,
    read: Callable[[Store, int | None, int], Iterable[Any]],
    shape: Callable[[Any], dict[str, Any]],
    fields: tuple[str, ...],
    name: str,
    count: Callable[[Store], int] | None = None,
) -> Response:
    """Answer a listing: a JSON page, or every row (up to `limit`) streamed as jsonl or csv."""
    web = web_of(request)
    if fmt != "json":
        return export(
            web.db, lambda store: map(shape, read(store, limit, offset)), fmt, fields, name
        )
    store = web.store()
    size = DEFAULT_LIMIT if limit is None else limit
    records = [shape(item) for item in read(store, size, offset)]
    return _page(request, records, size, offset, count(store) if count else None)


# --- statements and search ----------------------------------------------------------


@router.get("/statements", response_model=schemas.StatementPage, responses=ERRORS)
def statements(
    request: Request,
    given: Filters = Depends(filters),
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002 - the CLI's --format
) -> Response:
    """Statements matching the filters (the CLI's `statements` and `search`)."""
    web = web_of(request)
    query = given.query()
    store = web.store()
    chosen = statement_filter(store, query)  # names resolved now: errors before streaming
    if format != "json":
        return export(
            web.db,
            lambda s: map(
                shapes.statement_record, s.statements(chosen, limit=limit, offset=offset)
            ),
            format,
            shapes.STATEMENT_FIELDS,
            "statements",
        )
    size = DEFAULT_LIMIT if limit is None else limit
    found = find_statements(store, query, limit=size, offset=offset)
    records = [shapes.statement_record(v) for v in found.rows]
    count = count_statements(store, query)
    return _page(request, records, size, offset, count, undated_left_out=found.undated_left_out)


@router.get("/search", response_model=schemas.StatementPage, responses=ERRORS)
def search(
    request: Request,
    given: Filters = Depends(filters),
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Full-text search (`q`: words, "a phrase", prefix*), best matches first."""
    if not (given.q or "").strip():
        from onrecord.errors import UsageError

        raise UsageError("give the words to search for in q", hint='e.g. ?q="no talks"')
    return statements(request, given, limit, offset, format)


@router.get("/statements/{statement_id}", response_model=schemas.Statement, responses=ERRORS)
def statement(request: Request, statement_id: int) -> JSONResponse:
    """One statement by its number."""
    return JSONResponse(shapes.statement_record(web_of(request).store().statement(statement_id)))


# --- speakers, articles, outlets, topics, edits -----------------------------------------


@router.get("/speakers", response_model=schemas.SpeakerPage, responses=ERRORS)
def speakers(
    request: Request,
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Speakers with their counts, outlets and aliases, most quoted first."""
    return _listing(
        request,
        format,
        limit,
        offset,
        read=lambda store, size, start: store.speakers(limit=size, offset=start),
        shape=shapes.speaker_record,
        fields=shapes.SPEAKER_FIELDS,
        name="speakers",
        count=lambda store: store.counts()["speakers"],
    )


@router.get("/speakers/{ref}", response_model=schemas.Speaker, responses=ERRORS)
def speaker(request: Request, ref: str) -> JSONResponse:
    """One speaker by number, name, alias or part of a name (as every command reads it)."""
    return JSONResponse(shapes.speaker_record(find_speaker(web_of(request).store(), ref)))


@router.get("/articles", response_model=schemas.ArticlePage, responses=ERRORS)
def articles(
    request: Request,
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Articles (without their text), by publication date."""
    return _listing(
        request,
        format,
        limit,
        offset,
        read=lambda store, size, start: store.articles(limit=size, offset=start),
        shape=shapes.article_record,
        fields=shapes.ARTICLE_FIELDS,
        name="articles",
        count=lambda store: store.counts()["articles"],
    )


@router.get("/articles/{ref}", response_model=schemas.ArticleDetail, responses=ERRORS)
def article(request: Request, ref: str) -> JSONResponse:
    """One article (id, id prefix or doc name) with its text and statements."""
    return JSONResponse(shapes.article_detail_record(web_of(request).store().article(ref)))


@router.get("/outlets", response_model=list[schemas.Outlet], responses=ERRORS)
def outlets(request: Request) -> JSONResponse:
    """Every outlet with its counts of articles and statements, most quoted first."""
    return JSONResponse(
        [
            {
                "name": o.name,
                "articles": o.articles,
                "statements": o.statements,
                "first_published": _day(o.first_published),
                "last_published": _day(o.last_published),
            }
            for o in web_of(request).store().outlets()
        ]
    )


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/topics", response_model=schemas.TopicPage, responses=ERRORS)
def topics(
    request: Request,
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Stored topics with their counts of statements by stance."""
    return _listing(
        request,
        format,
        limit,
        offset,
        read=lambda store, size, start: store.topic_summaries(limit=size, offset=start),
        shape=shapes.topic_record,
        fields=shapes.TOPIC_FIELDS,
        name="topics",
        count=lambda store: len(store.topics()),
    )


@router.get("/edits", response_model=schemas.EditPage, responses=ERRORS)
def edits(
    request: Request,
    article: str | None = None,
    statement: int | None = None,
    speaker: str | None = None,
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """The edit log (of one article, statement or speaker), oldest first."""
    store = web_of(request).store()
    article_id = store.article(article).id if article else None
    speaker_id = find_speaker(store, speaker).id if speaker else None

    def read(s: Store, size: int | None, start: int) -> Iterable[Any]:
        found = s.edits(article=article_id, statement=statement, speaker=speaker_id)
        return found[start : None if size is None else start + size]

    return _listing(
        request, format, limit, offset, read=read, shape=shapes.edit_record,
        fields=shapes.EDIT_FIELDS, name="edits",
    )  # fmt: skip


# --- speech events, timelines, drift --------------------------------------------------


@router.get("/events", response_model=schemas.EventPage, responses=ERRORS)
def events(
    request: Request,
    speaker: str | None = Query(None, description="Only this speaker's events."),
    all: bool = Query(False, description="Also events one article reports."),  # noqa: A002
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Speech events (the CLI's `clusters`): several articles' unless `speaker` or `all`."""
    store = web_of(request).store()
    speaker_id = find_speaker(store, speaker).id if speaker else None
    several = not (speaker or all)
    return _listing(
        request,
        format,
        limit,
        offset,
        read=lambda s, size, start: s.speech_events(
            speaker_id, several=several, limit=size, offset=start
        ),
        shape=shapes.event_record,
        fields=shapes.EVENT_FIELDS,
        name="events",
    )


@router.get("/events/{event_id}", response_model=schemas.EventDetail, responses=ERRORS)
def event(request: Request, event_id: int) -> JSONResponse:
    """One speech event, with the drift of each quote several articles carry."""
    store = web_of(request).store()
    found = store.speech_event(event_id)
    drift = [shapes.drift_record(d) for d in event_drifts(store, found)]
    return JSONResponse({**shapes.event_record(found), "drift": drift})


@router.get(
    "/timeline",
    response_model=schemas.Timeline,
    responses={**ERRORS, 200: {"description": "json: the timeline; jsonl, csv: its events."}},
)
def timeline(
    request: Request,
    speaker: str = Query(..., description="A speaker's number, name, alias or part."),
    topic: str | None = Query(None, description="Stance toward this stored topic."),
    limit: int | None = Query(None, ge=0, description="Events per page (default: all)."),
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """A speaker's speech events in date order, undated ones apart (the CLI's `timeline`)."""
    web = web_of(request)
    found = timeline_of(web.store(), speaker, topic, limit, offset)
    if format == "json":
        return JSONResponse(shapes.timeline_record(found))
    rows = [shapes.timeline_event_record(e) for e in (*found.events, *found.undated)]
    return export(web.db, lambda _store: rows, format, shapes.TIMELINE_EVENT_FIELDS, "timeline")


@router.get("/drift", response_model=schemas.DriftPage, responses=ERRORS)
def drift(
    request: Request,
    speaker: str | None = Query(None, description="Only this speaker's quotes."),
    omissions: bool = Query(False, description="Also quotes that outlets only trimmed."),
    limit: int | None = LIMIT,
    offset: int = OFFSET,
    format: str = FORMAT,  # noqa: A002
) -> Response:
    """Quotes whose wording differs between outlets, word by word (the CLI's `drift`)."""
    if speaker:
        find_speaker(web_of(request).store(), speaker)  # an unknown name: 404 before streaming

    def read(store: Store, size: int | None, start: int) -> Iterable[Any]:
        found = drift_reports(store, speaker, omissions=omissions)
        return itertools.islice(found, start, None if size is None else start + size)

    return _listing(
        request, format, limit, offset, read=read, shape=shapes.drift_record,
        fields=shapes.DRIFT_FIELDS, name="drift",
    )  # fmt: skip


@router.get("/about", response_model=schemas.About)
def about(request: Request) -> JSONResponse:
    """The version, the database's counts and topics, and whether edits are possible."""
    web = web_of(request)
    store = web.store()
    return JSONResponse(
        {
            "version": __version__,
            "counts": store.counts(),
            "topics": [t.name for t in store.topics()],
            "editable": web.access.editable,
        }
    )


# --- edits (with the token) -----------------------------------------------------------


def _writer(request: Request) -> Web:
    web = web_of(request)
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    web.access.check_token(token.strip() if scheme.lower() == "bearer" else None)
    return web


@router.post("/speakers/{ref}/rename", response_model=schemas.Speaker, responses=WRITE_ERRORS)
def rename_speaker(
    request: Request, ref: str, name: str = Body(..., embed=True, min_length=1)
) -> JSONResponse:
    """Rename a speaker for good (`speakers rename`)."""
    web = _writer(request)
    with web.writing() as store:
        renamed = store.rename_speaker(ref, " ".join(name.split()), by=web.by)
    return JSONResponse(shapes.speaker_record(renamed))


@router.post("/speakers/{ref}/merge", response_model=schemas.Speaker, responses=WRITE_ERRORS)
def merge_speaker(
    request: Request, ref: str, other: str = Body(..., embed=True, min_length=1)
) -> JSONResponse:
    """Merge speaker `other` into this one (`speakers merge`)."""
    from onrecord.pipeline.corpus import merge_speakers

    web = _writer(request)
    with web.writing() as store:
        merged = merge_speakers(store, ref, other, by=web.by)
    return JSONResponse(shapes.speaker_record(merged))


@router.post(
    "/statements/{statement_id}/reassign",
    response_model=schemas.Edit | None,  # type: ignore[valid-type]
    responses=WRITE_ERRORS,
)
def reassign(
    request: Request, statement_id: int, speaker: str = Body(..., embed=True, min_length=1)
) -> JSONResponse:
    """Give a statement to another speaker (`statements reassign`); null: nothing changed."""
    from onrecord.pipeline.corrections import reassign_statement

    web = _writer(request)
    with web.writing() as store:
        edit = reassign_statement(store, statement_id, speaker, by=web.by)
    return JSONResponse(shapes.edit_record(edit) if edit else None)


@router.delete("/statements/{statement_id}", response_model=schemas.Edit, responses=WRITE_ERRORS)
def delete_statement(request: Request, statement_id: int) -> JSONResponse:
    """Delete a statement; the edit log keeps it (`statements delete`)."""
    from onrecord.pipeline.corrections import delete_statement as delete

    web = _writer(request)
    with web.writing() as store:
        edit = delete(store, statement_id, by=web.by)
    return JSONResponse(shapes.edit_record(edit))


@router.patch(
    "/articles/{ref}",
    response_model=list[schemas.Edit],  # type: ignore[valid-type]
    responses=WRITE_ERRORS,
)
def set_article(
    request: Request,
    ref: str,
    values: dict[str, str | None] = Body(
        ...,
        examples=[{"published": "2019-09-17", "outlet": "Tehran Times"}],
        description="Any of published (YYYY-MM-DD or null), outlet, title, url; null: unknown.",
    ),
) -> JSONResponse:
    """Correct an article's date, outlet, title or URL (`articles set`); returns the edits."""
    from onrecord.pipeline.corrections import correct_article
    from onrecord.web.forms import published_value

    web = _writer(request)
    fields: dict[str, str | dt.date | None] = dict(values)
    if "published" in values:
        fields["published"] = published_value(values["published"] or "")
    with web.writing() as store:
        correction = correct_article(store, ref, fields, by=web.by)
    return JSONResponse([shapes.edit_record(e) for e in correction.edits])
