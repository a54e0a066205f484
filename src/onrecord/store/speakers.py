"""The SQL of canonical speakers: rows, aliases, and the user's merges and renames.

Functions here take an open connection and run inside the caller's transaction; the
store (`sqlite.SQLiteStore`) owns transactions and turns sqlite3 errors into StoreErrors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import MentionKind, Speaker, SpeakerEdit, SpeakerSummary
from onrecord.store.clusters import forget
from onrecord.store.dialect import NO_LIMIT, Connection

_LIST_HINT = "list speakers with `onrecord speakers`"


def collapse(name: str | None) -> str | None:
    """Return a name with runs of whitespace collapsed, or None when nothing is left."""
    collapsed = " ".join((name or "").split())
    return collapsed or None


def speaker_records(db: Connection) -> list[Speaker]:
    """Return every canonical speaker with its aliases, by id."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for speaker_id, alias in db.execute(
        "SELECT speaker_id, alias FROM speaker_aliases ORDER BY speaker_id, rowid"
    ):
        aliases[speaker_id].append(alias)
    return [
        Speaker(
            name=row[1],
            kind=MentionKind(row[2]),
            aliases=tuple(aliases[row[0]]),
            external_id=row[3],
            id=row[0],
            name_fixed=bool(row[4]),
        )
        for row in db.execute(
            "SELECT id, name, kind, external_id, name_fixed FROM speakers ORDER BY id"
        )
    ]


def speaker_edits(db: Connection) -> list[SpeakerEdit]:
    """Return the user's merges and renames from the edit log, in the order they were made."""
    # A merge is logged as `old` (the speaker merged away) into `new` (the target); a
    # rename as `old` (the name the user gave) to `new`.
    return [
        SpeakerEdit("merge", row[2], row[1]) if row[0] == "merge" else SpeakerEdit(*row)
        for row in db.execute(
            "SELECT action, old_value, new_value FROM edits "
            "WHERE action IN ('merge', 'rename') ORDER BY id"
        )
    ]


def add_aliases(db: Connection, speaker_id: int, aliases: list[str]) -> None:
    """Attach names to a speaker, ignoring ones it already has."""
    db.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(speaker_id, alias) for alias in aliases],
    )


def write_speaker(db: Connection, speaker: Speaker) -> int:
    """Insert or update the row of a canonical speaker the corpus stage assigned; return its id.

    A speaker without an id is found by name and kind, else inserted. A name the user
    fixed (by `rename`) is never overwritten.
    """
    speaker_id = speaker.id
    if speaker_id is None:
        row = db.execute(
            "SELECT id FROM speakers WHERE name = ? AND kind = ?", (speaker.name, speaker.kind)
        ).fetchone()
        speaker_id = int(row[0]) if row else None
    if (
        speaker_id is None
        or not db.execute("SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    ):
        speaker_id = int(
            db.execute(
                "INSERT INTO speakers (id, name, kind, external_id, name_fixed) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                (
                    speaker_id,
                    speaker.name,
                    speaker.kind.value,
                    speaker.external_id,
                    int(speaker.name_fixed),
                ),
            ).fetchone()[0]
        )
    else:
        db.execute(
            "UPDATE speakers SET name = CASE WHEN name_fixed <> 0 THEN name ELSE ? END, "
            "external_id = coalesce(?, external_id) WHERE id = ?",
            (speaker.name, speaker.external_id, speaker_id),
        )
    add_aliases(db, speaker_id, [speaker.name, *speaker.aliases])
    return speaker_id


def find_speaker(db: Connection, ref: str) -> tuple[int, str]:
    """Return (id, name) of the one speaker `ref` names: an id, a name, or an alias (any case)."""
    ref = " ".join(ref.split())
    if ref.isdigit():
        row = db.execute("SELECT id, name FROM speakers WHERE id = ?", (int(ref),)).fetchone()
        if row:
            return int(row[0]), row[1]
    for sql in (
        "SELECT id, name FROM speakers WHERE name = ?",
        "SELECT id, name FROM speakers WHERE casefold(name) = casefold(?)",
        "SELECT DISTINCT sp.id, sp.name FROM speakers sp "
        "JOIN speaker_aliases al ON al.speaker_id = sp.id WHERE casefold(al.alias) = casefold(?)",
    ):
        rows = db.execute(sql, (ref,)).fetchall()
        if len(rows) == 1:
            return int(rows[0][0]), rows[0][1]
        if len(rows) > 1:
            listed = ", ".join(f"{row[0]} ({row[1]})" for row in rows[:5])
            raise NotFoundError(
                f"{ref!r} names {len(rows)} speakers: {listed}",
                hint=f"give the speaker's number instead; {_LIST_HINT}",
            )
    raise NotFoundError(
        f"no speaker is named {ref!r}",
        hint=f"give a speaker's number, name or alias; {_LIST_HINT}",
    )


def merge(db: Connection, target: str, other: str) -> int:
    """Move every statement and alias of speaker `other` to `target`; return the target's id."""
    target_id, _ = find_speaker(db, target)
    other_id, other_name = find_speaker(db, other)
    if target_id == other_id:
        return target_id
    # Both speakers' clusters and events are rebuilt from their statements after a merge.
    forget(db, [target_id, other_id])
    db.execute("UPDATE statements SET speaker_id = ? WHERE speaker_id = ?", (target_id, other_id))
    # The other's keys now find the target (the rest go with the other's row).
    db.execute(
        "INSERT INTO speaker_keys (kind, key, field, speaker_id, surname, given, suffix) "
        "SELECT kind, key, field, ?, surname, given, suffix FROM speaker_keys "
        "WHERE speaker_id = ? ON CONFLICT DO NOTHING",
        (target_id, other_id),
    )
    db.execute(
        "INSERT INTO speaker_roles (head, words, designator, speaker_id, first_seen, last_seen) "
        "SELECT head, words, designator, ?, first_seen, last_seen FROM speaker_roles "
        "WHERE speaker_id = ? ON CONFLICT DO NOTHING",
        (target_id, other_id),
    )
    db.execute(
        "INSERT INTO speaker_aliases (speaker_id, alias) "
        "SELECT ?, alias FROM speaker_aliases WHERE speaker_id = ? ON CONFLICT DO NOTHING",
        (target_id, other_id),
    )
    add_aliases(db, target_id, [other_name])
    db.execute(
        "UPDATE speakers SET external_id = coalesce(external_id, "
        "(SELECT external_id FROM speakers WHERE id = ?)) WHERE id = ?",
        (other_id, target_id),
    )
    db.execute("DELETE FROM speakers WHERE id = ?", (other_id,))
    return target_id


def rename(db: Connection, ref: str, new_name: str) -> int:
    """Give speaker `ref` the name `new_name` for good (kept as an alias too); return its id."""
    speaker_id, _ = find_speaker(db, ref)
    name = collapse(new_name)
    if name is None:
        raise StoreError("a speaker's name cannot be empty", hint="give the new name in quotes")
    kind = db.execute("SELECT kind FROM speakers WHERE id = ?", (speaker_id,)).fetchone()[0]
    clash = db.execute(
        "SELECT id FROM speakers WHERE name = ? AND kind = ? AND id != ?", (name, kind, speaker_id)
    ).fetchone()
    if clash:
        raise StoreError(
            f"another speaker (number {clash[0]}) is already named {name!r}",
            hint=f"to make them one, run `onrecord speakers merge {clash[0]} {speaker_id}`",
        )
    db.execute("UPDATE speakers SET name = ?, name_fixed = 1 WHERE id = ?", (name, speaker_id))
    add_aliases(db, speaker_id, [name])
    return speaker_id


def record_edit(
    db: Connection, edit: SpeakerEdit, speaker_id: int, made_by: str | None = None
) -> None:
    """Keep one user edit in the edit log, to show and to re-apply after later ingests."""
    merge = edit.action == "merge"
    db.execute(
        "INSERT INTO edits (made_at, made_by, action, speaker_id, field, old_value, new_value) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            made_by,
            edit.action,
            speaker_id,
            "speaker" if merge else "name",
            edit.other if merge else edit.target,
            edit.target if merge else edit.other,
        ),
    )


def replay(db: Connection) -> int:
    """Re-apply the kept edits to speakers that ingests added since; return how many changed.

    A merge applies again when its `other` names a speaker other than its target (a new
    speaker that came in under that name); a rename applies when the old name names a
    speaker not already renamed. Edits whose names no longer name one speaker are skipped.
    """
    changed = 0
    for edit in speaker_edits(db):
        try:
            if edit.action == "merge":
                target_id, _ = find_speaker(db, edit.target)
                other_id, _ = find_speaker(db, edit.other)
                if target_id != other_id:
                    merge(db, str(target_id), str(other_id))
                    changed += 1
            else:
                speaker_id, name = find_speaker(db, edit.target)
                if name != edit.other:
                    rename(db, str(speaker_id), edit.other)
                    changed += 1
        except (NotFoundError, StoreError):
            continue
    return changed


def summaries(
    db: Connection,
    where: str = "",
    params: tuple[object, ...] = (),
    page: tuple[int | None, int] = (None, 0),
) -> Iterator[SpeakerSummary]:
    """Yield speakers with their counts, outlets and aliases, most quoted first.

    `page` is (limit, offset), pushed into the SQL; rows are read as they are asked for.
    """
    # The counts are kept by triggers (speaker_counts, speaker_outlets): nothing is counted
    # here. Listing every speaker leaves out those with no statement left.
    sql = (
        "SELECT sp.id, sp.name, sp.kind, sp.external_id, "
        "coalesce(c.statements, 0) AS n_statements, coalesce(c.articles, 0) AS n_articles "
        "FROM speakers sp "
        + (
            f"LEFT JOIN speaker_counts c ON c.speaker_id = sp.id WHERE {where} "
            if where
            else "JOIN speaker_counts c ON c.speaker_id = sp.id WHERE c.statements > 0 "
        )
        + "ORDER BY n_statements DESC, sp.name"
    )
    limit, offset = page
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params = (*params, NO_LIMIT if limit is None else limit, offset)
    cursor = db.listing(sql, params)
    while rows := cursor.fetchmany(500):
        ids = [row[0] for row in rows]
        aliases, outlets = _aliases(db, ids), _outlets(db, ids)
        yield from (
            SpeakerSummary(
                name=row[1],
                kind=row[2],
                statements=row[4],
                articles=row[5],
                outlets=tuple(outlets[row[0]]),
                aliases=tuple(a for a in aliases[row[0]] if a != row[1]),
                external_id=row[3],
                id=row[0],
            )
            for row in rows
        )


def _outlets(db: Connection, ids: list[int]) -> dict[int, list[str]]:
    """Return the outlets that quote the given speakers, by speaker id, sorted."""
    return _per_speaker(db, "outlet", "speaker_outlets", ids, "AND articles > 0")


def _aliases(db: Connection, ids: list[int]) -> dict[int, list[str]]:
    """Return the aliases of the given speakers, by speaker id, sorted."""
    return _per_speaker(db, "alias", "speaker_aliases", ids)


def _per_speaker(
    db: Connection, column: str, table: str, ids: list[int], also: str = ""
) -> dict[int, list[str]]:
    """Return `column` of `table`'s rows of the given speakers, by speaker id, sorted."""
    found: dict[int, list[str]] = defaultdict(list)
    marks = ", ".join("?" * len(ids))
    for speaker_id, value in db.execute(
        f"SELECT speaker_id, {column} FROM {table} WHERE speaker_id IN ({marks}) {also} "
        f"ORDER BY speaker_id, {column}",
        ids,
    ):
        found[speaker_id].append(value)
    return found
