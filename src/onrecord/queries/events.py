"""One speech event as its page shows it: every article's report side by side, and the drift."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onrecord.models import EventView, StatementView
from onrecord.queries.drift import DriftReport, event_drifts
from onrecord.store import Store


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of the event: where and when it appeared, and its statements."""

    article: str
    doc: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    statements: tuple[StatementView, ...]


@dataclass(frozen=True, slots=True)
class EventDetail:
    """A speech event, its reports (earliest published first) and each quote's drift."""

    event: EventView
    reports: tuple[EventReport, ...]
    drifts: tuple[DriftReport, ...]


def event_detail(store: Store, event_id: int) -> EventDetail:
    """Return speech event `event_id` with its reports side by side and its quotes' drift."""
    event = store.speech_event(event_id)
    return EventDetail(event, event_reports(event), tuple(event_drifts(store, event)))


def event_reports(event: EventView) -> tuple[EventReport, ...]:
    """Return the articles that report `event`, earliest published first, then by doc."""
    by_article: dict[str, list[StatementView]] = {}
    for view in event.statements:
        by_article.setdefault(view.article, []).append(view)
    reports = [
        EventReport(
            article=article,
            doc=views[0].doc,
            title=views[0].title,
            outlet=views[0].outlet,
            published=views[0].published,
            statements=tuple(views),
        )
        for article, views in by_article.items()
    ]
    return tuple(sorted(reports, key=lambda r: (r.published or dt.date.max, r.doc)))
