"""The pages: search, speakers, speech events, articles, outlets and about.

Each handler reads with one library call (`onrecord.queries`, or the store's own
listings), renders with `onrecord.render` and a template, and nothing else. Every page
has a stable address built from numbers and ids, so it can be shared.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from onrecord import __version__
from onrecord.errors import NotFoundError, OnrecordError
from onrecord.queries.events import event_detail
from onrecord.queries.profiles import SpeakerProfile, speaker_profile
from onrecord.queries.speakers import find_speaker
from onrecord.queries.statements import (
    KINDS,
    STANCES,
    StatementQuery,
    count_statements,
    find_statements,
)
from onrecord.render.chart import outline_svg, speaker_chart_title
from onrecord.render.edits import describe
from onrecord.render.labels import change_text, role_text
from onrecord.render.marks import article_html, highlighted
from onrecord.render.versions import differences, version_columns
from onrecord.store import Store, database_name
from onrecord.web.app import render, web_of
from onrecord.web.params import Filters, Pager, filters, page_numbers

router = APIRouter(include_in_schema=False)

EVENTS_LISTED = 50  # the speaker page lists this many events; /events?speaker=N lists all


def _page(request: Request, template: str, *, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(render(request, template, **context), status_code=status)


def statement_href(article: str, statement: int) -> str:
    """Return the address of a statement's words in its article (its stable link)."""
    return f"/articles/{article}?s={statement}#s{statement}"


def event_href(event_id: int) -> str:
    """Return the address of a speech event's page."""
    return f"/events/{event_id}"


@router.get("/")
def home() -> Response:
    """The search page is the front page."""
    return RedirectResponse("/search", status_code=307)


@router.get("/search")
def search(
    request: Request,
    given: Filters = Depends(filters),
    limit: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:
    """Statements matching a full-text query and filters, a page at a time, with the count."""
    store = web_of(request).store()
    context: dict[str, Any] = {
        "f": given.given(),
        "topics": store.topics(),
        "kinds": KINDS,
        "stances": STANCES,
        "highlight": lambda text: Markup(highlighted(text, given.q)),
    }
    try:
        size, start = page_numbers(limit, offset)
        query = given.query()
        found = find_statements(store, query, limit=size, offset=start)
        rows = list(found.rows)
        count = count_statements(store, query)
    except OnrecordError as error:
        status = 404 if isinstance(error, NotFoundError) else 400
        return _page(request, "search.html", status=status, error=error, rows=[], **context)
    pager = Pager("/search", given.given(), size, start, count, len(rows))
    return _page(
        request,
        "search.html",
        rows=rows,
        pager=pager,
        undated_left_out=found.undated_left_out,
        with_undated=Pager("/search", {**given.given(), "include_undated": "1"}, size, 0).url(0),
        **context,
    )


@router.get("/speakers")
def speakers(request: Request, limit: str | None = None, offset: str | None = None) -> HTMLResponse:
    """Every speaker, most quoted first."""
    store = web_of(request).store()
    size, start = page_numbers(limit, offset, 50)
    rows = list(store.speakers(limit=size, offset=start))
    pager = Pager("/speakers", {}, size, start, store.counts()["speakers"], len(rows))
    return _page(request, "speakers.html", rows=rows, pager=pager)


@router.get("/speakers/{ref}")
def speaker(
    request: Request,
    ref: str,
    topic: str | None = None,
    limit: str | None = None,
    offset: str | None = None,
) -> Response:
    """A speaker: names, counts by outlet and year, the timeline chart, stance, statements."""
    store = web_of(request).store()
    if not ref.isdigit():  # a name: the page's stable address is the speaker's number
        found = find_speaker(store, ref)
        return RedirectResponse(f"/speakers/{found.id}", status_code=307)
    profile, chart = web_of(request).cached(
        ("speaker", ref, topic or None), lambda: _speaker_read(store, ref, topic or None)
    )
    size, start = page_numbers(limit, offset)
    query = StatementQuery(speaker=ref, topic=topic or None)
    rows = list(find_statements(store, query, limit=size, offset=start).rows)
    params = {"topic": topic} if topic else {}
    count = profile.speaker.statements if not topic else count_statements(store, query)
    pager = Pager(f"/speakers/{ref}", params, size, start, count, len(rows))
    return _page(
        request,
        "speaker.html",
        p=profile,
        s=profile.speaker,
        chart=chart,
        events=profile.events[:EVENTS_LISTED],
        more_events=max(0, len(profile.events) - EVENTS_LISTED),
        changes=[change_text(c) for c in profile.changes],
        roles=[role_text(r) for r in profile.roles],
        rows=rows,
        pager=pager,
        topic=topic or "",
        edits=[(e, describe(e)) for e in profile.edits],
    )


def _speaker_read(store: Store, ref: str, topic: str | None) -> tuple[SpeakerProfile, Markup]:
    """Read a speaker's profile and draw their chart (kept a while: see web.cache)."""
    profile = speaker_profile(store, ref, topic)
    dated = sum(1 for e in profile.events if e.date is not None)
    title = speaker_chart_title(profile.speaker.name, dated, profile.topic)
    chart = outline_svg(
        title, profile.events, profile.changes, profile.topic is not None, event_href
    )
    return profile, Markup(chart)


@router.get("/events")
def events(
    request: Request,
    speaker: str | None = None,
    all: str | None = None,  # noqa: A002 - the CLI's --all
    limit: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:
    """Speech events (of one speaker), those reported by several articles unless `all`."""
    store = web_of(request).store()
    size, start = page_numbers(limit, offset, 50)
    who = find_speaker(store, speaker) if speaker else None
    several = not (who or all)
    rows = list(
        store.speech_events(who.id if who else None, several=several, limit=size, offset=start)
    )
    params = {k: v for k, v in (("speaker", speaker), ("all", all)) if v}
    pager = Pager("/events", params, size, start, None, len(rows))
    return _page(request, "events.html", rows=rows, pager=pager, who=who, several=several)


@router.get("/events/{event_id}")
def event(request: Request, event_id: int) -> HTMLResponse:
    """One speech event: every report side by side, and where their wordings differ."""
    web = web_of(request)
    detail = web.cached(("event", event_id), lambda: event_detail(web.store(), event_id))
    drifts = [
        (d, [(c, Markup(c.words)) for c in version_columns(d)], differences(d.drift))
        for d in detail.drifts
    ]
    return _page(request, "event.html", d=detail, e=detail.event, drifts=drifts)


@router.get("/articles")
def articles(request: Request, limit: str | None = None, offset: str | None = None) -> HTMLResponse:
    """Stored articles by publication date."""
    store = web_of(request).store()
    size, start = page_numbers(limit, offset, 50)
    rows = list(store.articles(limit=size, offset=start))
    pager = Pager("/articles", {}, size, start, store.counts()["articles"], len(rows))
    return _page(request, "articles.html", rows=rows, pager=pager)


@router.get("/articles/{ref}")
def article(request: Request, ref: str, s: str | None = None) -> Response:
    """An article's text with every statement's source, cue and content marked.

    `s` names the statement whose words must be wrapped whole (`#s<number>` lands on them
    and outlines them) when statements overlap in part and not every one can be.
    """
    store = web_of(request).store()
    found = store.article(ref)
    if ref != found.id:
        query = f"?s={s}" if s else ""
        return RedirectResponse(f"/articles/{found.id}{query}", status_code=307)
    focus = int(s) if s and s.isdigit() else None
    edits = store.edits(article=found.id)
    return _page(
        request,
        "article.html",
        a=found,
        text=Markup(article_html(found.text, found.statements, focus=focus)),
        edits=[(e, describe(e)) for e in edits],
    )


@router.get("/statements/{statement_id}")
def statement(request: Request, statement_id: int) -> Response:
    """A statement's address: its words, marked in its article."""
    view = web_of(request).store().statement(statement_id)
    return RedirectResponse(statement_href(view.article, view.id), status_code=307)


@router.get("/outlets")
def outlets(request: Request) -> HTMLResponse:
    """Every outlet with its counts of articles and statements."""
    web = web_of(request)
    rows = web.cached(("outlets",), lambda: web.store().outlets())
    return _page(request, "outlets.html", rows=rows)


@router.get("/about")
def about(request: Request) -> HTMLResponse:
    """What the database holds, and the version."""
    store = web_of(request).store()
    return _page(
        request,
        "about.html",
        counts=store.counts(),
        topics=store.topic_summaries(),
        onrecord_version=__version__,
        db=database_name(web_of(request).db),
    )
