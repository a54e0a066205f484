"""The SQL of a paged timeline: every event of a speaker dated from a few columns, the
page's events read whole by number, and the speaker's on-topic stances for the changes.

A timeline page needs the order of all of a speaker's events (their dates are the
timeline's own, see `queries/timeline.py`), but not their statements: an event with a day
of its own is dated by it; only an event without one has its statements' days and
publication dates read (no text, no spans).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from onrecord.models import EventDating, EventStance
from onrecord.store.clusters import chunks
from onrecord.store.dialect import NO_LIMIT, Connection
from onrecord.store.topics import _row as topic_row

# A member of an event is a statement with a cluster (as `event_members` reads them).
_CLUSTERED = "JOIN statement_clusters c ON c.statement_id = m.statement_id"
_ON_TOPIC = (
    "JOIN statement_topics t ON t.statement_id = m.statement_id AND t.topic = ? "
    "AND (t.relevant = 1 OR t.stance != 'neutral')"
)
_STANCES = """
SELECT m.event_id, t.statement_id, t.topic, t.score, t.relevant, t.stance, t.qualifier,
       t.confidence, t.cues, sp.name, s.content_text
FROM speech_events e
JOIN speech_event_statements m ON m.event_id = e.id {clustered}
JOIN statement_topics t ON t.statement_id = m.statement_id
JOIN statements s ON s.id = m.statement_id
LEFT JOIN speakers sp ON sp.id = s.speaker_id
WHERE e.speaker_id = ? AND (t.relevant = 1 OR t.stance != 'neutral'){topic}
"""


def _day(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def event_datings(
    db: Connection, speaker_id: int, topic: str | None, limit: int | None = None
) -> list[EventDating]:
    """Return every event of a speaker with a statement (on `topic`), with what dates it.

    Events with a day of their own come by day (the speech_events_speaker index), only
    the first `limit` of them when a limit is given; the others, all of them, by number,
    each with its statements counted by (said_on, precision) in the order each first
    appears, and its earliest publication date (the statements' copy of their article's).
    """
    on_topic = _ON_TOPIC if topic is not None else ""
    params: list[Any] = [topic] if topic is not None else []
    dated = (
        "SELECT e.id, e.said_on FROM speech_events e WHERE e.speaker_id = ? "
        "AND e.said_on IS NOT NULL AND EXISTS (SELECT 1 FROM speech_event_statements m "
        f"{_CLUSTERED} {on_topic} "
        "WHERE m.event_id = e.id) ORDER BY e.said_on, e.id LIMIT ?"
    )
    rows = db.execute(dated, [speaker_id, *params, NO_LIMIT if limit is None else limit])
    found = [EventDating(int(r[0]), _day(r[1]), (), None) for r in rows]
    loose = (
        "SELECT e.id, s.said_on, s.said_on_precision, count(*), min(s.published), "
        "min(m.statement_id) AS first FROM speech_events e "
        f"JOIN speech_event_statements m ON m.event_id = e.id {_CLUSTERED} {on_topic} "
        "JOIN statements s ON s.id = m.statement_id "
        "WHERE e.speaker_id = ? AND e.said_on IS NULL "
        "GROUP BY e.id, s.said_on, s.said_on_precision ORDER BY e.id, first"
    )
    said: dict[int, list[tuple[dt.date, str | None, int]]] = {}
    published: dict[int, dt.date | None] = {}
    for r in db.execute(loose, [*params, speaker_id]):
        event_id, day, first = int(r[0]), _day(r[4]), published.get(int(r[0]))
        published[event_id] = day if first is None or (day is not None and day < first) else first
        if r[1] is not None:
            said.setdefault(event_id, []).append((_day(r[1]), r[2], int(r[3])))  # type: ignore[arg-type]
    found.extend(
        EventDating(event_id, None, tuple(said.get(event_id, ())), day)
        for event_id, day in published.items()
    )
    return found


def event_rows_by_id(
    db: Connection, events: Sequence[int]
) -> list[tuple[int, int, str, dt.date | None, str | None]]:
    """Return (id, speaker_id, speaker name, said_on, occasion) of `events`, in their order."""
    rows: dict[int, tuple[int, int, str, dt.date | None, str | None]] = {}
    for marks, part in chunks(list(events)):
        for r in db.execute(
            "SELECT e.id, e.speaker_id, sp.name, e.said_on, e.occasion FROM speech_events e "
            f"JOIN speakers sp ON sp.id = e.speaker_id WHERE e.id IN ({marks})",
            part,
        ):
            rows[int(r[0])] = (int(r[0]), int(r[1]), r[2], _day(r[3]), r[4])
    return [rows[e] for e in events if e in rows]


def event_stances(db: Connection, speaker_id: int, topic: str | None) -> list[EventStance]:
    """Return the on-topic scores of a speaker's event statements (for one topic, or all),
    with each one's event, speaker name and content, by event, statement and topic."""
    params: list[Any] = [speaker_id]
    clause = ""
    if topic is not None:
        clause = " AND t.topic = ?"
        params.append(topic)
    # A corpus never scored against a topic (or this one) has no stance to read: the
    # speaker's statements are not walked for nothing.
    any_score = "SELECT 1 FROM statement_topics" + (" WHERE topic = ?" if topic else "")
    if db.execute(any_score + " LIMIT 1", params[1:]).fetchone() is None:
        return []
    sql = _STANCES.format(clustered=_CLUSTERED, topic=clause)
    sql += " ORDER BY m.event_id, t.statement_id, t.topic"
    return [EventStance(int(r[0]), topic_row(r[1:9]), r[9], r[10]) for r in db.execute(sql, params)]
