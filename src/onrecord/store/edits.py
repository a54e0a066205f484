"""The SQL of corrections and of the edit log that records them.

An article's fields set by hand or taken from a re-ingest, a statement's date recomputed,
a statement given to another speaker or deleted: each change writes its new value and one
row of `edits` with the old value, in the caller's transaction. Speaker merges and
renames are logged in the same table (`speakers.record_edit`). The log has no foreign
keys: it outlives what it describes (a deleted statement, a speaker merged away).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from typing import Any

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import Edit, EditAction, MentionKind, Speaker, StatementDate
from onrecord.store import speakers as speaker_sql
from onrecord.store import views as view_sql
from onrecord.store.clusters import chunks, forget
from onrecord.store.dialect import Connection

# The article fields a user may set and a re-ingest may update.
ARTICLE_FIELDS = ("published", "outlet", "title", "url")
_STATEMENT_HINT = "statement numbers are the `id` of `onrecord statements --format jsonl`"
_DATE_COLUMNS = (
    "said_on",
    "said_on_precision",
    "said_on_expression",
    "said_on_start",
    "said_on_end",
    "said_on_method",
)


# Article fields whose change can move a speech event (its day, its outlets).
EVENT_FIELDS = frozenset({"published", "url", "outlet", "said_on"})


def now() -> str:
    """Return the current time as the log writes it: ISO 8601 UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(db: Connection, action: EditAction, **values: object) -> Edit:
    """Write one row of the edit log (columns named as `Edit`'s fields); return it."""
    columns = {
        "made_by": values.get("made_by"),
        "article_id": values.get("article"),
        "statement_id": values.get("statement"),
        "speaker_id": values.get("speaker"),
        "field": values.get("field"),
        "old_value": values.get("old"),
        "new_value": values.get("new"),
        "origin": values.get("origin"),
        "cause": values.get("cause"),
    }
    row = db.execute(
        f"INSERT INTO edits (made_at, action, {', '.join(columns)}) "
        f"VALUES (?, ?, {', '.join('?' * len(columns))}) RETURNING id",
        (now(), EditAction(action).value, *columns.values()),
    ).fetchone()
    return _edits(db, "id = ?", (row[0],))[0]


def edits(
    db: Connection,
    *,
    article: str | None = None,
    statement: int | None = None,
    speaker: int | None = None,
) -> list[Edit]:
    """Return the logged edits of an article (with its statements'), a statement or a speaker."""
    where: list[str] = []
    params: list[object] = []
    if article is not None:
        where.append("article_id = ?")
        params.append(article)
    if statement is not None:
        # A statement number may be reused after the last one is deleted: the article tells.
        where.append(
            "statement_id = ? AND article_id = "
            "coalesce((SELECT article_id FROM statements WHERE id = ?), article_id)"
        )
        params.extend([statement, statement])
    if speaker is not None:
        where.append("speaker_id = ?")
        params.append(speaker)
    return _edits(db, " AND ".join(where) or "1 = 1", params)


def _edits(db: Connection, where: str, params: object) -> list[Edit]:
    rows = db.execute(
        "SELECT id, made_at, action, made_by, article_id, statement_id, speaker_id, field, "
        f"old_value, new_value, origin, cause FROM edits WHERE {where} ORDER BY id",
        params,  # type: ignore[arg-type]
    )
    return [Edit(row[0], row[1], EditAction(row[2]), *row[3:]) for row in rows]


def fixed_fields(db: Connection, article_id: str) -> set[str]:
    """Return the article's fields a user set by hand: re-ingests leave them alone."""
    rows = db.execute(
        "SELECT DISTINCT field FROM edits WHERE article_id = ? AND action = 'set'", (article_id,)
    )
    return {row[0] for row in rows}


def set_article_fields(
    db: Connection,
    article_id: str,
    values: Mapping[str, str | dt.date | None],
    *,
    action: EditAction,
    evidence: str | None = None,
    **log: object,
) -> list[Edit]:
    """Write the article fields in `values` that differ from the stored ones; log each change.

    `evidence` becomes the `published_evidence` when the date changes; `log` holds the
    log's other columns (made_by, origin).
    """
    row = db.execute(
        f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no article has the id {article_id!r}")
    changed: list[Edit] = []
    for field, value in values.items():
        if field not in ARTICLE_FIELDS:
            raise StoreError(f"an article has no field {field!r} to set", hint=_fields_hint())
        new = value.isoformat() if isinstance(value, dt.date) else value
        old = row[ARTICLE_FIELDS.index(field)]
        if new == old:
            continue
        db.execute(f"UPDATE articles SET {field} = ? WHERE id = ?", (new, article_id))
        if field == "published":
            db.execute(
                "UPDATE articles SET published_evidence = ? WHERE id = ?",
                (evidence if new is not None else None, article_id),
            )
        changed.append(record(db, action, article=article_id, field=field, old=old, new=new, **log))
    return changed


def _fields_hint() -> str:
    return f"the fields are {', '.join(ARTICLE_FIELDS)}"


def redate(
    db: Connection,
    article_id: str,
    dates: Mapping[int, StatementDate | None],
    **log: object,
) -> list[Edit]:
    """Write recomputed dates of statements of one article; log those whose day changed."""
    changed: list[Edit] = []
    for statement_id, date in dates.items():
        row = db.execute(
            f"SELECT {', '.join(_DATE_COLUMNS)} FROM statements WHERE id = ? AND article_id = ?",
            (statement_id, article_id),
        ).fetchone()
        if row is None:
            continue
        new = _date_columns(date)
        if tuple(row) == new:
            continue
        assignments = ", ".join(f"{column} = ?" for column in _DATE_COLUMNS)
        db.execute(f"UPDATE statements SET {assignments} WHERE id = ?", (*new, statement_id))
        if row[0] != new[0]:
            changed.append(
                record(
                    db,
                    EditAction.REDATE,
                    article=article_id,
                    statement=statement_id,
                    field="said_on",
                    old=row[0],
                    new=new[0],
                    **log,
                )
            )
    return changed


def _date_columns(date: StatementDate | None) -> tuple[object, ...]:
    """The said_on columns of a statement for `date` (None: undated, no evidence)."""
    if date is None:
        return (None,) * len(_DATE_COLUMNS)
    return (
        date.value.isoformat() if date.value else None,
        date.precision.value if date.precision else None,
        date.expression,
        date.span.start if date.span else None,
        date.span.end if date.span else None,
        date.method,
    )


def statement_row(db: Connection, statement_id: int) -> Any:
    """Return the row of statement `statement_id`, or raise NotFoundError naming the fix."""
    row = db.execute(
        "SELECT s.id, s.article_id, s.speaker_id, sp.name FROM statements s "
        "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = ?",
        (statement_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no statement has the number {statement_id}", hint=_STATEMENT_HINT)
    return row


def reassign(
    db: Connection,
    statement_id: int,
    speaker_ref: str,
    *,
    new_kind: MentionKind | None = None,
    **log: object,
) -> tuple[Edit | None, int, int | None]:
    """Give a statement to the speaker `speaker_ref` names (a new one of `new_kind`).

    Return the edit (None when it already was that speaker's), the new speaker's id and
    the old one's.
    """
    row = statement_row(db, statement_id)
    if new_kind is not None:
        name = speaker_sql.collapse(speaker_ref)
        if name is None:
            raise StoreError("a speaker's name cannot be empty", hint="give the name in quotes")
        speaker_id = speaker_sql.write_speaker(db, Speaker(name, new_kind))
    else:
        speaker_id, name = speaker_sql.find_speaker(db, speaker_ref)
    if speaker_id == row["speaker_id"]:
        return None, speaker_id, row["speaker_id"]
    db.execute("UPDATE statements SET speaker_id = ? WHERE id = ?", (speaker_id, statement_id))
    edit = record(
        db,
        EditAction.REASSIGN,
        article=row["article_id"],
        statement=statement_id,
        speaker=speaker_id,
        field="speaker",
        old=row["name"],
        new=name,
        **log,
    )
    return edit, speaker_id, row["speaker_id"]


def delete(db: Connection, statement_id: int, **log: object) -> tuple[Edit, int | None]:
    """Delete a statement (its spans, clusters and scores go with it); log what it was.

    Return the edit and the id of the speaker it had.
    """
    row = statement_row(db, statement_id)
    (view,) = view_sql.select(db, "s.id = ?", (statement_id,))
    was = {
        "speaker": view.speaker,
        "speaker_id": view.speaker_id,
        "kind": view.kind,
        "source": view.source,
        "cue": view.cue,
        "content": view.content,
        "spans": view.spans,
        "said_on": view.said_on.isoformat() if view.said_on else None,
    }
    db.execute("DELETE FROM statements WHERE id = ?", (statement_id,))
    edit = record(
        db,
        EditAction.DELETE,
        article=row["article_id"],
        statement=statement_id,
        speaker=row["speaker_id"],
        old=json.dumps(was, ensure_ascii=False),
        **log,
    )
    return edit, row["speaker_id"]


def unsettle(
    db: Connection, speakers: Collection[int], articles: Collection[str] = ()
) -> None:
    """Forget the clusters and events of `speakers` and mark their articles pending.

    Run in the edit's transaction, so the derived data is never stale: the caller
    rebuilds it (`pipeline.derived.bring_up_to_date`), else the next ingest or `onrecord
    repair` does.
    """
    forget(db, speakers)
    for marks, part in chunks(sorted(speakers)):
        db.execute(
            "INSERT INTO pending_articles (article_id) SELECT DISTINCT article_id "
            f"FROM statements WHERE speaker_id IN ({marks}) ON CONFLICT DO NOTHING",
            part,
        )
    db.executemany(
        "INSERT INTO pending_articles (article_id) VALUES (?) ON CONFLICT DO NOTHING",
        [(a,) for a in articles],
    )


def article_speakers(db: Connection, article_id: str) -> list[int]:
    """Return the speakers of an article's statements."""
    rows = db.execute(
        "SELECT DISTINCT speaker_id FROM statements WHERE article_id = ? "
        "AND speaker_id IS NOT NULL",
        (article_id,),
    )
    return [int(row[0]) for row in rows]


def replay_reassigns(db: Connection) -> list[int]:
    """Give reassigned statements back to the speaker the user chose, where that changed.

    A later ingest may move statements between speakers (a merge replayed, a new name
    learnt); the user's choice wins. The latest reassignment of each statement counts,
    its speaker found again by name (a merge keeps the old name as an alias). Return
    the ids of the speakers that lost or gained a statement.
    """
    touched: set[int] = set()
    rows = db.execute(
        "SELECT e.statement_id, e.new_value, s.speaker_id FROM edits e "
        "JOIN statements s ON s.id = e.statement_id AND s.article_id = e.article_id "
        "WHERE e.id IN (SELECT max(id) FROM edits WHERE action = 'reassign' "
        "GROUP BY statement_id, article_id)"
    ).fetchall()
    for statement_id, name, current in rows:
        try:
            speaker_id, _ = speaker_sql.find_speaker(db, name)
        except NotFoundError:
            continue
        if speaker_id != current:
            db.execute(
                "UPDATE statements SET speaker_id = ? WHERE id = ?", (speaker_id, statement_id)
            )
            touched.update(x for x in (speaker_id, current) if x is not None)
    return sorted(touched)
