"""A speaker's timeline: speech events in date order, with stances, reports and changes.

An event's date is the day its statements were said (the day most of its clusters are
dated to); failing that, the month or year they were said in; failing that, the earliest
publication date of the articles that report it, marked as such (`basis` "published").
An event with none of these is listed apart, never placed at a guessed date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from onrecord.models import (
    EventStance,
    EventView,
    PositionChange,
    SpeakerSummary,
    StanceItem,
    StatementTopic,
    StatementView,
    Topic,
)
from onrecord.queries.speakers import find_speaker
from onrecord.store import Store
from onrecord.topics import group_position, position_changes


@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of a speech event."""

    outlet: str | None
    doc: str
    article: str
    published: dt.date | None
    statements: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TimelineStatement:
    """A statement as the timeline shows it: the stored view and its topic scores."""

    view: StatementView
    event_id: int
    cluster_id: int
    topics: tuple[StatementTopic, ...]  # the topics it is on (relevant, or taking a side)
    stance: StatementTopic | None  # toward the chosen topic, else its best-scoring topic


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A speech event on the timeline."""

    id: int
    speaker: str
    speaker_id: int
    date: dt.date | None
    precision: str | None  # "day" | "month" | "year"
    basis: str | None  # "said" | "published"
    occasion: str | None
    stance: str | None  # position toward the chosen topic (None: no statement on it)
    stances: dict[str, str]  # position per topic the event's statements are on
    statements: tuple[TimelineStatement, ...]
    reports: tuple[Report, ...]
    clusters: tuple[tuple[int, ...], ...]
    changes: tuple[PositionChange, ...] = ()  # changes whose new position starts here


@dataclass(frozen=True, slots=True)
class Timeline:
    """A speaker's speech events (toward one topic, or all), dated ones in order, undated apart."""

    speaker: SpeakerSummary
    topic: Topic | None
    events: tuple[TimelineEvent, ...]
    undated: tuple[TimelineEvent, ...]
    changes: tuple[PositionChange, ...]


def build_timeline(store: Store, speaker: str, topic: str | None = None) -> Timeline:
    """Return the timeline of `speaker` (a number, name, alias or name part), toward `topic`."""
    who = find_speaker(store, speaker)
    chosen = _topic(store, topic)
    placed = _entries(store, list(store.speech_events(who.id)), topic)
    dated = sorted((e for e in placed if e.date is not None), key=_order)
    changes = position_changes([item for e in dated for item in _stance_items(e)])
    dated = [_flag(e, changes) for e in dated]
    undated = tuple(e for e in placed if e.date is None)
    return Timeline(who, chosen, tuple(dated), undated, tuple(changes))


def timeline_of(
    store: Store,
    speaker: str,
    topic: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Timeline:
    """Return a page of the timeline of `speaker`, as `timeline_page(build_timeline(...))`
    would, building only the page's events.

    The events are ordered from their dates alone (`Store.event_datings`: an event's own
    day, else its statements' days and publication dates); the page's events are then read
    whole. The position changes are found over every dated event from the speaker's
    on-topic scores (`Store.event_stances`), no statement view read. Without any such
    score, of the events with a day of their own only the first `offset + limit` are
    dated: they come in timeline order, and no later one can be on the page.
    """
    who = find_speaker(store, speaker)
    if limit is None or who.id is None:
        return timeline_page(build_timeline(store, speaker, topic), limit, offset)
    chosen = _topic(store, topic)
    stances = store.event_stances(who.id, topic)
    found = store.event_datings(who.id, topic, limit=None if stances else offset + limit)
    dates = {d.id: _dating(d.said_on, d.said, d.published) for d in found}
    dated = sorted((day, event_id) for event_id, (day, _, _) in dates.items() if day is not None)
    undated = sorted(event_id for event_id, (day, _, _) in dates.items() if day is None)
    page = [event_id for _, event_id in dated[offset : offset + limit]]
    rest = max(0, offset - len(dated))
    page += undated[rest : rest + max(0, limit - len(page))]
    changes = position_changes(_dated_items(stances, dates))
    events = _entries(store, store.speech_events_by_id(page), topic)
    placed = [_flag(e, changes) for e in events if e.date is not None]
    loose = tuple(e for e in events if e.date is None)
    return Timeline(who, chosen, tuple(placed), loose, tuple(changes))


def _dated_items(
    stances: Sequence[EventStance], dates: dict[int, tuple[dt.date | None, str | None, str | None]]
) -> list[StanceItem]:
    """Return the stance items of the dated events, in timeline order (as `build_timeline`)."""
    items = [
        (day, s.event_id, s.row.statement_id, s.row.topic, s)
        for s in stances
        if (day := dates.get(s.event_id, (None,))[0]) is not None
    ]
    items.sort(key=lambda x: x[:4])
    return [
        StanceItem(
            str(s.row.statement_id),
            s.speaker or "",
            s.row.topic,
            s.row.stance,
            day,
            None,
            s.content,
        )
        for day, _, _, _, s in items
    ]


def _entries(
    store: Store, views: Sequence[EventView], topic: str | None
) -> list[TimelineEvent]:
    """Return the timeline entries of stored events, in their order (those on `topic`)."""
    ids = [v.id for e in views for v in e.statements]
    scores: dict[int, list[StatementTopic]] = {}
    for row in store.statement_topics(ids, topic):
        if row.on_topic:
            scores.setdefault(row.statement_id, []).append(row)
    return [p for p in (_event(e, scores, topic) for e in views) if p is not None]


def _topic(store: Store, name: str | None) -> Topic | None:
    if name is None:
        return None
    store.require_topic(name)
    return next(t for t in store.topics() if t.name == name)


def _order(event: TimelineEvent) -> tuple[dt.date, int]:
    return (event.date or dt.date.max, event.id)


def _event(
    event: EventView, scores: dict[int, list[StatementTopic]], topic: str | None
) -> TimelineEvent | None:
    """Return the timeline entry of one stored event; None when none of it is on `topic`."""
    views = [v for v in event.statements if topic is None or v.id in scores]
    if not views:
        return None
    members = event.clusters
    statements = tuple(
        _statement(v, event.id, members.get(v.id, v.id), scores.get(v.id, ())) for v in views
    )
    date, precision, basis = _date(event, views)
    stances = _positions(statements)
    clusters: dict[int, list[int]] = {}
    for s in statements:
        clusters.setdefault(s.cluster_id, []).append(s.view.id)
    return TimelineEvent(
        id=event.id,
        speaker=event.speaker,
        speaker_id=event.speaker_id,
        date=date,
        precision=precision,
        basis=basis,
        occasion=event.occasion or _occasion(views),
        stance=stances.get(topic) if topic else None,
        stances=stances,
        statements=statements,
        reports=_reports(views),
        clusters=tuple(tuple(ids) for _, ids in sorted(clusters.items())),
    )


def _statement(
    view: StatementView, event_id: int, cluster_id: int, rows: Sequence[StatementTopic]
) -> TimelineStatement:
    """Return a statement of an event with its on-topic rows, the best-scoring as its stance."""
    stance = max(rows, key=_score) if rows else None
    return TimelineStatement(view, event_id, cluster_id, tuple(rows), stance)


def _score(row: StatementTopic) -> float:
    return row.score


def _date(
    event: EventView, views: Sequence[StatementView]
) -> tuple[dt.date | None, str | None, str | None]:
    """Return an event's date, its precision and what it rests on (see the module docstring)."""
    if event.said_on is not None:  # its own day (`_dating`), no statement looked at
        return event.said_on, "day", "said"
    said = [(v.said_on, v.said_on_precision, 1) for v in views if v.said_on]
    published = [v.published for v in views if v.published is not None]
    return _dating(event.said_on, said, min(published, default=None))


def _dating(
    said_on: dt.date | None,
    said: Sequence[tuple[dt.date, str | None, int]],
    published: dt.date | None,
) -> tuple[dt.date | None, str | None, str | None]:
    """Return the date of an event of day `said_on` whose statements were said on these
    (day, precision, how many) and first published on `published`: the rule of `_date`,
    for a full event or an outlined one (`EventDating`)."""
    if said_on is not None:
        return said_on, "day", "said"
    days: Counter[tuple[dt.date, str]] = Counter()
    for day, precision, count in said:
        days[(day, precision or "day")] += count
    if days:
        (value, precision), _ = min(days.items(), key=lambda kv: (-kv[1], kv[0][0]))
        return value, precision, "said"
    if published is not None:
        return published, "day", "published"
    return None, None, None


def _occasion(views: Sequence[StatementView]) -> str | None:
    found = Counter(v.occasion for v in views if v.occasion)
    return found.most_common(1)[0][0] if found else None


def _positions(statements: Sequence[TimelineStatement]) -> dict[str, str]:
    """Return the event's position per topic: the one most of its statements take."""
    by_topic: dict[str, list[StanceItem]] = {}
    for s in statements:
        for row in s.topics:
            by_topic.setdefault(row.topic, []).append(_item(s, row, None))
    return {name: group_position(items) or "neutral" for name, items in sorted(by_topic.items())}


def _item(s: TimelineStatement, row: StatementTopic, date: dt.date | None) -> StanceItem:
    view = s.view
    return StanceItem(
        str(view.id), view.speaker or "", row.topic, row.stance, date, None, view.content
    )


def _stance_items(event: TimelineEvent) -> list[StanceItem]:
    """Return the event's statements as stance items dated by the event (for changes)."""
    return [_item(s, row, event.date) for s in event.statements for row in s.topics]


def _flag(event: TimelineEvent, changes: Sequence[PositionChange]) -> TimelineEvent:
    """Attach to an event the changes whose new position starts with one of its statements."""
    mine = {str(s.view.id) for s in event.statements}
    found = tuple(c for c in changes if c.after.first == event.date and mine & _ids(c.after.items))
    return replace(event, changes=found) if found else event


def _ids(items: Sequence[StanceItem]) -> set[str]:
    return {i.statement for i in items}


def _reports(views: Sequence[StatementView]) -> tuple[Report, ...]:
    """Return every article that reports the event, earliest published first."""
    by_article: dict[str, list[StatementView]] = {}
    for v in views:
        by_article.setdefault(v.article, []).append(v)
    reports = [
        Report(vs[0].outlet, vs[0].doc, article, vs[0].published, tuple(v.id for v in vs))
        for article, vs in by_article.items()
    ]
    return tuple(sorted(reports, key=lambda r: (r.published or dt.date.max, r.doc)))


def timeline_page(timeline: Timeline, limit: int | None = None, offset: int = 0) -> Timeline:
    """Return `timeline` with only a page of its events: dated ones in order, then undated.

    The position changes stay whole: they are found over every event.
    """
    stop = None if limit is None else offset + limit
    dated = timeline.events[offset:stop]
    rest = max(0, offset - len(timeline.events))
    room = None if limit is None else max(0, limit - len(dated))
    undated = timeline.undated[rest : None if room is None else rest + room]
    return replace(timeline, events=dated, undated=undated)
