"""The SQL of clusters and speech events: each statement's cluster, the links, the events.

Functions here take an open connection and run inside the caller's transaction; the
store (`sqlite.SQLiteStore`) owns transactions and turns sqlite3 errors into StoreErrors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from onrecord.errors import StoreError
from onrecord.models import BandProbe, ClusterInput, ClusterLink, ClusterUpdate
from onrecord.store.dialect import Connection
from onrecord.store.paging import Page, Part, chained, limited

_CHUNK = 500  # ids per `IN (...)`
T = TypeVar("T", int, str)
_MONTH_DAYS = 31
HOW = ("verbatim", "trimmed", "paraphrase")

_INPUT_SELECT = """
SELECT s.id, s.article_id, a.outlet, s.speaker_id, s.said_on, s.said_on_precision,
       a.published, s.occasion_text, s.kind, s.content_text
FROM statements s JOIN articles a ON a.id = s.article_id
"""


def chunks(ids: Sequence[T]) -> Iterator[tuple[str, Sequence[T]]]:
    """Yield (placeholders, ids) for `IN (...)` clauses of at most _CHUNK ids."""
    for offset in range(0, len(ids), _CHUNK):
        part = ids[offset : offset + _CHUNK]
        yield ", ".join("?" * len(part)), part


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


# The day a clustered statement is placed on: the day it was said, else its article's
# publication date; and whether that is a day it was said on.
_IS_EXACT = "s.said_on IS NOT NULL AND coalesce(s.said_on_precision, 'day') = 'day'"
_EXACT = f"CASE WHEN {_IS_EXACT} THEN 1 ELSE 0 END"
_PLACED_ON = f"CASE WHEN {_IS_EXACT} THEN s.said_on ELSE a.published END"


def unclustered_statements(db: Connection) -> list[int]:
    """Return the statements with a speaker that have no cluster yet (reads them all)."""
    rows = db.execute(
        "SELECT s.id FROM statements s "
        "LEFT JOIN statement_clusters c ON c.statement_id = s.id "
        "WHERE c.statement_id IS NULL AND s.speaker_id IS NOT NULL ORDER BY s.id"
    )
    return [int(row[0]) for row in rows]


def cluster_backlog(db: Connection) -> bool:
    """Return whether statements with a speaker exist but no cluster does (after an upgrade)."""
    row = db.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM statement_clusters) "
        "AND EXISTS (SELECT 1 FROM statements WHERE speaker_id IS NOT NULL)"
    ).fetchone()
    return bool(row[0])


def article_statements(db: Connection, articles: Collection[str]) -> list[int]:
    """Return the ids of the statements of `articles` (just written), in order."""
    found: list[int] = []
    for marks, part in chunks(sorted(articles)):
        found.extend(
            int(row[0])
            for row in db.execute(f"SELECT id FROM statements WHERE article_id IN ({marks})", part)
        )
    return sorted(found)


def neighbours(
    db: Connection,
    windows: Collection[tuple[int, dt.date, dt.date]],
    probes: Collection[BandProbe] = (),
    articles: Collection[tuple[int, str]] = (),
    *,
    exact: bool = False,
) -> set[int]:
    """Return the clustered statements near new ones, each found through an index.

    A window (speaker, first, last) finds the statements of that speaker placed on those
    days (`exact`: said on them); a probe, the statements sharing one of its band keys
    whose dates may match; a (speaker, article) pair, that speaker's statements in it.
    """
    found: set[int] = set()
    wanted = " AND exact = 1" if exact else ""
    for speaker, first, last in sorted(set(windows)):
        found.update(
            int(row[0])
            for row in db.execute(
                "SELECT statement_id FROM statement_clusters WHERE speaker_id = ? "
                f"AND placed_on BETWEEN ? AND ?{wanted}",
                (speaker, first.isoformat(), last.isoformat()),
            )
        )
    merged: dict[BandProbe, set[int]] = defaultdict(set)
    for probe in probes:  # probes with the same days are one query
        merged[replace(probe, keys=())].update(probe.keys)
    for days, keys in merged.items():
        for _, part in chunks(sorted(keys)):
            found.update(_banded(db, replace(days, keys=tuple(part))))
    for speaker, article in sorted(set(articles)):
        found.update(
            int(row[0])
            for row in db.execute(
                # `+s.speaker_id`: look up by article (a few rows), never by speaker (all
                # of the speaker's statements), whatever the planner's statistics say.
                "SELECT s.id FROM statements s JOIN statement_clusters c ON c.statement_id = s.id "
                "WHERE s.article_id = ? AND +s.speaker_id = ?",
                (article, speaker),
            )
        )
    return found


def _banded(db: Connection, probe: BandProbe) -> list[int]:
    """Return the statements sharing a band key with `probe`, on compatible days."""
    if not probe.keys:
        return []
    marks = ", ".join("?" * len(probe.keys))
    sql = (
        "SELECT DISTINCT b.statement_id FROM statement_bands b JOIN statement_clusters c "
        f"ON c.statement_id = b.statement_id WHERE b.key IN ({marks})"
    )
    params: list[object] = list(probe.keys)
    if probe.unplaced:
        sql += " AND c.placed_on IS NULL"
    if probe.first is not None and probe.last is not None:
        # Said on a known day: within the window. Placed by publication (or not at all):
        # published at most a month before the window, since an undated statement was
        # said in the week before its publication, and one dated to a month in that month
        # (one dated only to a year before that is missed here).
        sql += (
            " AND (c.placed_on IS NULL OR (c.exact = 1 AND c.placed_on BETWEEN ? AND ?)"
            " OR (c.exact = 0 AND c.placed_on >= ?))"
        )
        earliest = probe.first - dt.timedelta(days=_MONTH_DAYS)
        params += [probe.first.isoformat(), probe.last.isoformat(), earliest.isoformat()]
    return [int(row[0]) for row in db.execute(sql, params)]


def cluster_members(
    db: Connection, statements: Collection[int]
) -> dict[int, tuple[int, bool]]:
    """Return every member of the clusters of `statements`: id -> (cluster id, ambiguous)."""
    clusters: set[int] = set()
    for marks, part in chunks(sorted(statements)):
        clusters.update(
            int(row[0])
            for row in db.execute(
                f"SELECT cluster_id FROM statement_clusters WHERE statement_id IN ({marks})", part
            )
        )
    members: dict[int, tuple[int, bool]] = {}
    for marks, part in chunks(sorted(clusters)):
        for row in db.execute(
            "SELECT statement_id, cluster_id, ambiguous FROM statement_clusters "
            f"WHERE cluster_id IN ({marks})",
            part,
        ):
            members[int(row[0])] = (int(row[1]), bool(row[2]))
    return members


def events_of(db: Connection, statements: Collection[int]) -> dict[int, list[int]]:
    """Return the events of `statements`, each with every one of its statements."""
    events: set[int] = set()
    for marks, part in chunks(sorted(statements)):
        events.update(
            int(row[0])
            for row in db.execute(
                f"SELECT event_id FROM speech_event_statements WHERE statement_id IN ({marks})",
                part,
            )
        )
    members: dict[int, list[int]] = {}
    for marks, part in chunks(sorted(events)):
        for row in db.execute(
            "SELECT event_id, statement_id FROM speech_event_statements "
            f"WHERE event_id IN ({marks}) ORDER BY statement_id",
            part,
        ):
            members.setdefault(int(row[0]), []).append(int(row[1]))
    return members


def cluster_inputs(
    db: Connection,
    speakers: Collection[int] = (),
    statements: Collection[int] = (),
) -> list[ClusterInput]:
    """Return the statements of `speakers` (or the given `statements`) as clustering sees them.

    `quoted` is left empty: which pieces are quotations is the clustering stage's to say.
    """
    column, ids = ("s.speaker_id", speakers) if speakers else ("s.id", statements)
    found: list[ClusterInput] = []
    for marks, part in chunks(sorted(ids)):
        for row in db.execute(f"{_INPUT_SELECT} WHERE {column} IN ({marks}) ORDER BY s.id", part):
            found.append(
                ClusterInput(
                    statement_id=row[0],
                    article=row[1],
                    outlet=row[2],
                    speaker_id=row[3],
                    said_on=_date(row[4]),
                    said_on_precision=row[5],
                    published=_date(row[6]),
                    occasion=row[7],
                    kind=row[8],
                    content=row[9],
                )
            )
    return sorted(found, key=lambda item: item.statement_id)


def validate(update: ClusterUpdate) -> None:
    """Raise StoreError when an update is inconsistent (a bug in the caller, not the data)."""
    placed = {a.statement_id for a in update.assignments}
    for sid in update.keys:
        if sid not in placed:
            raise StoreError(
                f"statement {sid} has band keys but no cluster",
                hint="this is a bug in the clustering update; nothing was stored",
            )
    for link in update.links:
        if not link.a < link.b or link.how not in HOW:
            raise StoreError(
                f"bad cluster link {link}",
                hint="this is a bug in the clustering update; nothing was stored",
            )


def write_update(db: Connection, update: ClusterUpdate) -> None:
    """Write one clustering update: assignments, band keys, links, and the events it replaces."""
    new = [
        (a.cluster_id, a.statement_id) for a in update.assignments if a.statement_id in update.keys
    ]
    moved = [
        (a.cluster_id, a.statement_id)
        for a in update.assignments
        if a.statement_id not in update.keys
    ]
    db.executemany(
        "INSERT INTO statement_clusters (statement_id, cluster_id, speaker_id, placed_on, exact) "
        f"SELECT s.id, ?, s.speaker_id, {_PLACED_ON}, {_EXACT} FROM statements s "
        "JOIN articles a ON a.id = s.article_id WHERE s.id = ? AND s.speaker_id IS NOT NULL "
        "ON CONFLICT (statement_id) DO UPDATE SET cluster_id = excluded.cluster_id",
        new,
    )
    db.executemany("UPDATE statement_clusters SET cluster_id = ? WHERE statement_id = ?", moved)
    db.executemany(
        "UPDATE statement_clusters SET ambiguous = 1 WHERE statement_id = ?",
        [(sid,) for sid in update.ambiguous],
    )
    db.executemany(
        "INSERT INTO statement_bands (key, statement_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(key, sid) for sid, keys in update.keys.items() for key in keys],
    )
    db.executemany(
        "INSERT INTO cluster_links (a, b, how, score) VALUES (?, ?, ?, ?) ON CONFLICT (a, b) "
        "DO UPDATE SET how = excluded.how, score = excluded.score",
        [(x.a, x.b, x.how, x.score) for x in update.links],
    )
    for marks, part in chunks(sorted(update.replaced)):
        db.execute(f"DELETE FROM speech_event_statements WHERE event_id IN ({marks})", part)
        db.execute(f"DELETE FROM speech_events WHERE id IN ({marks})", part)
    for event in update.events:
        db.execute(
            "INSERT INTO speech_events (id, speaker_id, said_on, occasion) VALUES (?, ?, ?, ?)",
            (
                event.id,
                event.speaker_id,
                event.said_on.isoformat() if event.said_on else None,
                event.occasion,
            ),
        )
        db.executemany(
            "INSERT INTO speech_event_statements (event_id, statement_id) VALUES (?, ?)",
            [(event.id, sid) for sid in event.statements],
        )


def forget(db: Connection, speakers: Collection[int]) -> None:
    """Delete the clusters, bands, links and events of the statements of `speakers` (to rebuild)."""
    for marks, part in chunks(sorted(speakers)):
        mine = f"SELECT id FROM statements WHERE speaker_id IN ({marks})"
        db.execute(
            f"DELETE FROM cluster_links WHERE a IN ({mine}) OR b IN ({mine})", [*part, *part]
        )
        db.execute(f"DELETE FROM statement_bands WHERE statement_id IN ({mine})", part)
        db.execute(f"DELETE FROM statement_clusters WHERE statement_id IN ({mine})", part)
        db.execute(
            "DELETE FROM speech_event_statements WHERE event_id IN "
            f"(SELECT id FROM speech_events WHERE speaker_id IN ({marks}))",
            part,
        )
        db.execute(f"DELETE FROM speech_events WHERE speaker_id IN ({marks})", part)


def event_rows(
    db: Connection,
    speaker: int | None = None,
    several: bool = False,
    page: tuple[int | None, int] = (None, 0),
    event: int | None = None,
) -> Iterator[tuple[int, int, str, dt.date | None, str | None]]:
    """Yield (id, speaker_id, speaker name, said_on, occasion) of the stored events.

    With `several`, only events reported by more than one article; `page` is (limit,
    offset), pushed into the SQL; `event` keeps only the event with that number.
    """
    base = (
        "SELECT e.id, e.speaker_id, sp.name, e.said_on, e.occasion FROM speech_events e "
        "JOIN speakers sp ON sp.id = e.speaker_id"
    )
    where: list[str] = []
    params: list[object] = []
    if speaker is not None:
        where.append("e.speaker_id = ?")
        params.append(speaker)
    if event is not None:
        where.append("e.id = ?")
        params.append(event)
    if several:
        where.append(
            "(SELECT count(DISTINCT s.article_id) FROM speech_event_statements m "
            "JOIN statements s ON s.id = m.statement_id WHERE m.event_id = e.id) > 1"
        )

    def part(dated: bool) -> Part[tuple[int, int, str, dt.date | None, str | None]]:
        # Dated events by day, then undated ones: each part read in the order of an index.
        conditions = [*where, f"e.said_on IS {'NOT ' if dated else ''}NULL"]
        sql = f"{base} WHERE {' AND '.join(conditions)}"
        order = " ORDER BY e.said_on, e.id" if dated else " ORDER BY e.id"

        def rows(part_page: Page) -> Iterator[tuple[int, int, str, dt.date | None, str | None]]:
            sql_page, values = limited(sql + order, params, part_page)
            cursor = db.listing(sql_page, values)
            while found := cursor.fetchmany(_CHUNK):
                yield from ((int(r[0]), int(r[1]), r[2], _date(r[3]), r[4]) for r in found)

        def count() -> int:
            return int(db.execute(f"SELECT count(*) FROM ({sql}) AS part", params).fetchone()[0])

        return rows, count

    yield from chained([part(True), part(False)], page)


def event_members(db: Connection, events: Sequence[int]) -> dict[int, dict[int, int]]:
    """Return, per event, its statements mapped to their cluster ids."""
    members: dict[int, dict[int, int]] = {}
    for marks, part in chunks(list(events)):
        for row in db.execute(
            "SELECT m.event_id, m.statement_id, c.cluster_id FROM speech_event_statements m "
            "JOIN statement_clusters c ON c.statement_id = m.statement_id "
            f"WHERE m.event_id IN ({marks}) ORDER BY m.statement_id",
            part,
        ):
            members.setdefault(int(row[0]), {})[int(row[1])] = int(row[2])
    return members


def links_among(db: Connection, statements: Collection[int]) -> list[ClusterLink]:
    """Return the links whose first statement is among `statements`."""
    links: list[ClusterLink] = []
    for marks, part in chunks(sorted(statements)):
        for row in db.execute(
            f"SELECT a, b, how, score FROM cluster_links WHERE a IN ({marks}) ORDER BY a, b", part
        ):
            links.append(ClusterLink(int(row[0]), int(row[1]), row[2], float(row[3])))
    return links
