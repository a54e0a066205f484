"""The SQL of a speaker in brief: their events counted, their articles counted by outlet and
statements by year. A page about a speaker quoted 20,000 times reads index entries and a
few hundred rows, not 20,000 statements with their text and spans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from onrecord.models import EventOutline
from onrecord.store.dialect import Connection

# A speaker's statements with their event, article, publication day and the day they are
# placed on (said, else published): read from covering indexes (in SQLite statements_listing
# and the primary keys), no statement row is opened.
_MEMBERS = """
SELECT m.event_id, s.article_id, s.published, c.placed_on
FROM statements s
JOIN speech_event_statements m ON m.statement_id = s.id
LEFT JOIN statement_clusters c ON c.statement_id = s.id
WHERE s.speaker_id = ?
"""
_EVENTS = "SELECT id, said_on, occasion FROM speech_events WHERE speaker_id = ?"
# Per event, its statements on a topic by position (label, and qualifier when there is one).
_POSITIONS = """
SELECT m.event_id, t.stance, t.qualifier, count(*)
FROM speech_events e
JOIN speech_event_statements m ON m.event_id = e.id
JOIN statement_topics t ON t.statement_id = m.statement_id AND t.topic = ?
WHERE e.speaker_id = ? AND (t.relevant = 1 OR t.stance != 'neutral')
GROUP BY m.event_id, t.stance, t.qualifier
"""
_BY_OUTLET = """
SELECT outlet, articles FROM speaker_outlets WHERE speaker_id = ?
ORDER BY articles DESC, outlet
"""
_ARTICLES = "SELECT articles FROM speaker_counts WHERE speaker_id = ?"
_BY_YEAR = """
SELECT CAST(substr(CAST(s.dated AS TEXT), 1, 4) AS INTEGER) AS year, count(*) FROM statements s
WHERE s.speaker_id = ? GROUP BY year ORDER BY year IS NULL, year
"""


def _day(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


@dataclass
class _Members:
    """An event's statements as read: how many, their articles, the earliest days (ISO text,
    which sorts as the days do)."""

    statements: int = 0
    articles: set[str] = field(default_factory=set)
    said: str | None = None  # the earliest day a statement was said on
    published: str | None = None  # the earliest publication day


def _members(db: Connection, speaker_id: int) -> dict[int, _Members]:
    members: dict[int, _Members] = defaultdict(_Members)
    for event_id, article, published, placed in db.execute(_MEMBERS, (speaker_id,)):
        found = members[event_id]
        found.statements += 1
        found.articles.add(article)
        if published and (found.published is None or published < found.published):
            found.published = published
        if placed and placed != published and (found.said is None or placed < found.said):
            found.said = placed  # placed on a day other than its publication: said then
    return members


def event_outlines(
    db: Connection, speaker_id: int, topic: str | None = None
) -> list[EventOutline]:
    """Return every event of a speaker in brief, dated ones by day, then undated ones.

    An event's day: its own, else the earliest day one of its statements was said on, else
    the earliest publication day of its reports.
    """
    members = _members(db, speaker_id)
    positions: dict[int, dict[str, int]] = defaultdict(dict)
    if topic is not None:
        for event_id, label, qualifier, count in db.execute(_POSITIONS, (topic, speaker_id)):
            position = f"{label}/{qualifier}" if qualifier else label
            positions[int(event_id)][position] = int(count)
    outlines = []
    for event_id, said_on, occasion in db.execute(_EVENTS, (speaker_id,)):
        found = members[event_id]
        said = said_on or found.said
        outlines.append(
            EventOutline(
                id=int(event_id),
                date=_day(said or found.published),
                basis="said" if said else ("published" if found.published else None),
                occasion=occasion,
                statements=found.statements,
                articles=len(found.articles),
                positions=positions.get(int(event_id), {}),
            )
        )
    return sorted(outlines, key=lambda o: (o.date is None, o.date or dt.date.min, o.id))


def speaker_counts(
    db: Connection, speaker_id: int
) -> tuple[list[tuple[str | None, int]], list[tuple[int | None, int]]]:
    """Return a speaker's articles counted by outlet (most first; None: outlet unknown)
    and statements counted by year (in order; None: undated).

    A statement's year is the year it was said, else its article's year.
    """
    by_outlet: list[tuple[str | None, int]] = [
        (row[0], int(row[1])) for row in db.execute(_BY_OUTLET, (speaker_id,))
    ]
    total = db.execute(_ARTICLES, (speaker_id,)).fetchone()
    unknown = (int(total[0]) if total else 0) - sum(n for _, n in by_outlet)
    if unknown > 0:
        by_outlet.append((None, unknown))
    by_year = [
        (int(row[0]) if row[0] is not None else None, int(row[1]))
        for row in db.execute(_BY_YEAR, (speaker_id,))
    ]
    return by_outlet, by_year
