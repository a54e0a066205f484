"""The SQL of topics: the user's topic definitions and each statement's relevance and stance.

Functions here take an open connection and run inside the caller's transaction; the
store (`sqlite.SQLiteStore`) owns transactions and turns sqlite3 errors into StoreErrors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Collection, Sequence
from typing import Any

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    Span,
    Stance,
    StanceCue,
    StanceLabel,
    StatementTopic,
    Topic,
    TopicSummary,
)
from onrecord.store.clusters import chunks
from onrecord.store.dialect import NO_LIMIT, Connection

_LIST_HINT = "list topics with `onrecord topics list`"


def definition_hash(topic: Topic) -> str:
    """Return a short hash of everything that defines a topic (its fields, in order)."""
    payload = json.dumps(dataclasses.asdict(topic), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def save_topics(db: Connection, topics: Sequence[Topic]) -> list[str]:
    """Insert or update topic definitions; return the names that are new or changed."""
    changed: list[str] = []
    for topic in topics:
        digest = definition_hash(topic)
        row = db.execute(
            "SELECT definition_hash FROM topics WHERE name = ?", (topic.name,)
        ).fetchone()
        if row is not None and row[0] == digest:
            continue
        definition = json.dumps(dataclasses.asdict(topic), ensure_ascii=False)
        db.execute(
            "INSERT INTO topics (name, description, proposition, definition, definition_hash) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "description = excluded.description, proposition = excluded.proposition, "
            "definition = excluded.definition, definition_hash = excluded.definition_hash, "
            "scored_at = NULL",
            (topic.name, topic.description, topic.proposition, definition, digest),
        )
        changed.append(topic.name)
    return changed


def topics(db: Connection) -> list[Topic]:
    """Return the stored topics, by name."""
    return [_topic(row[0]) for row in db.execute("SELECT definition FROM topics ORDER BY name")]


def _topic(definition: str) -> Topic:
    data = json.loads(definition)
    for key in ("examples", "keywords", "entities"):
        data[key] = tuple(data.get(key) or ())
    return Topic(**data)


def remove_topic(db: Connection, name: str) -> None:
    """Delete a topic and every statement's score for it."""
    if not db.execute("SELECT 1 FROM topics WHERE name = ?", (name,)).fetchone():
        raise NotFoundError(f"no topic is named {name!r}", hint=_LIST_HINT)
    db.execute("DELETE FROM topics WHERE name = ?", (name,))


def require_topic(db: Connection, name: str) -> None:
    """Raise NotFoundError unless a topic named `name` is stored."""
    if not db.execute("SELECT 1 FROM topics WHERE name = ?", (name,)).fetchone():
        names = [row[0] for row in db.execute("SELECT name FROM topics ORDER BY name")]
        known = f"; stored topics: {', '.join(names)}" if names else ""
        raise NotFoundError(
            f"no topic is named {name!r}",
            hint=f"add topics with `onrecord topics apply FILE`{known}",
        )


def validate(db: Connection, rows: Sequence[StatementTopic]) -> None:
    """Raise StoreError unless every row names a stored topic and its cue spans lie in the text."""
    known = {row[0] for row in db.execute("SELECT name FROM topics")}
    sizes: dict[int, int] = {}
    ids = sorted({row.statement_id for row in rows})
    for marks, part in chunks(ids):
        sizes.update(
            db.execute(
                "SELECT s.id, length(a.text) FROM statements s JOIN articles a "
                f"ON a.id = s.article_id WHERE s.id IN ({marks})",
                part,
            ).fetchall()
        )
    for row in rows:
        where = f"statement {row.statement_id}, topic {row.topic!r}"
        if row.topic not in known:
            raise StoreError(f"{where}: the topic is not stored", hint="save the topic first")
        if row.statement_id not in sizes:
            raise StoreError(f"{where}: no such statement")
        for cue in row.stance.cues:
            if (
                cue.part != "article"
                or not 0 <= cue.span.start <= cue.span.end <= sizes[row.statement_id]
            ):
                raise StoreError(
                    f"{where}: stance cue {cue.text!r} [{cue.span.start}, {cue.span.end}) "
                    f"is not a span of the article text (length {sizes[row.statement_id]})",
                    hint="this is a bug in the stage that made the span; nothing was stored",
                )


def write_scores(db: Connection, rows: Sequence[StatementTopic]) -> None:
    """Insert or replace statements' scores and stances."""
    db.executemany(
        "INSERT INTO statement_topics (statement_id, topic, score, relevant, stance, "
        "qualifier, confidence, cues) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (statement_id, topic) DO UPDATE SET score = excluded.score, "
        "relevant = excluded.relevant, stance = excluded.stance, "
        "qualifier = excluded.qualifier, confidence = excluded.confidence, cues = excluded.cues",
        [
            (
                row.statement_id,
                row.topic,
                row.score,
                int(row.relevant),
                str(row.stance.label),
                row.stance.qualifier,
                row.stance.confidence,
                json.dumps([_cue_json(c) for c in row.stance.cues], ensure_ascii=False),
            )
            for row in rows
        ],
    )


def unscored_topics(db: Connection) -> list[str]:
    """Return the topics stored (or changed) but not yet scored over the whole corpus."""
    return [row[0] for row in db.execute("SELECT name FROM topics WHERE scored_at IS NULL")]


def mark_scored(db: Connection, names: Collection[str]) -> None:
    """Record that the whole corpus was scored against these topics now."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.executemany("UPDATE topics SET scored_at = ? WHERE name = ?", [(now, n) for n in names])


def _cue_json(cue: StanceCue) -> dict[str, object]:
    return {"text": cue.text, "start": cue.span.start, "end": cue.span.end, "role": cue.role}


def statement_topics(
    db: Connection, statements: Collection[int], topic: str | None = None
) -> list[StatementTopic]:
    """Return the stored scores of `statements` (for one topic, or all), by statement and topic."""
    found: list[StatementTopic] = []
    for marks, part in chunks(sorted(statements)):
        sql = (
            "SELECT statement_id, topic, score, relevant, stance, qualifier, confidence, cues "
            f"FROM statement_topics WHERE statement_id IN ({marks})"
        )
        params: list[object] = list(part)
        if topic is not None:
            sql += " AND topic = ?"
            params.append(topic)
        found.extend(_row(row) for row in db.execute(sql + " ORDER BY statement_id, topic", params))
    return found


def _row(row: Any) -> StatementTopic:
    cues = tuple(
        StanceCue(c["text"], Span(c["start"], c["end"]), c["role"], "article")
        for c in json.loads(str(row[7]))
    )
    stance = Stance(StanceLabel(str(row[4])), row[5], cues, float(row[6]))  # type: ignore[arg-type]
    return StatementTopic(int(row[0]), str(row[1]), float(row[2]), bool(row[3]), stance)  # type: ignore[arg-type]


def on_topic_clause(alias: str = "s") -> str:
    """Return a WHERE clause (one `?`: the topic) keeping statements that are on the topic."""
    return (
        f"{alias}.id IN (SELECT statement_id FROM statement_topics WHERE topic = ? "
        "AND (relevant = 1 OR stance != 'neutral'))"
    )


def summaries(
    db: Connection, page: tuple[int | None, int] = (None, 0)
) -> list[TopicSummary]:
    """Return the topics (a page of them) with their counts of on-topic statements, by stance."""
    counts: dict[str, dict[str, int]] = {}
    for name, label, n in db.execute(
        "SELECT topic, stance, count(*) FROM statement_topics "
        "WHERE relevant = 1 OR stance != 'neutral' GROUP BY topic, stance"
    ):
        counts.setdefault(name, {})[label] = n
    found = []
    limit, offset = page
    for definition, digest in db.execute(
        "SELECT definition, definition_hash FROM topics ORDER BY name LIMIT ? OFFSET ?",
        (NO_LIMIT if limit is None else limit, offset),
    ):
        topic = _topic(definition)
        by_label = {str(x): counts.get(topic.name, {}).get(str(x), 0) for x in StanceLabel}
        found.append(TopicSummary(topic, sum(by_label.values()), by_label, digest))
    return found
