"""The SQL of speaker look-ups by stored, indexed keys (table `speaker_keys`).

`KeyedSpeakers` is the store's `SpeakerRows`: the corpus stage matches each mention
through it inside the transaction that stores the mention's article, so every speaker
row, alias and key is read and written under the write lock, never from a copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from onrecord.models import KeyMatch, MentionKind, NameKey, RoleSeen, Speaker, TitleSeen
from onrecord.store.clusters import forget
from onrecord.store.dialect import Connection
from onrecord.store.edits import unsettle

_SPEAKER = "s.id, s.name, s.kind, s.external_id, s.name_fixed"
_KEY = "k.kind, k.key, k.field, k.surname, k.given, k.suffix"


def _speaker(row: Sequence[Any]) -> Speaker:
    return Speaker(
        name=str(row[1]),
        kind=MentionKind(row[2]),
        external_id=row[3] if row[3] is None else str(row[3]),
        id=int(row[0]),
        name_fixed=bool(row[4]),
    )


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _key(row: Sequence[Any]) -> NameKey:
    given = str(row[4] or "")
    return NameKey(
        kind=MentionKind(row[0]),
        key=str(row[1]),
        field=str(row[2]),
        surname=row[3] if row[3] is None else str(row[3]),
        given=tuple(given.split()),
        suffix=row[5] if row[5] is None else str(row[5]),
    )


class KeyedSpeakers:
    """The stored speakers seen through their keys, on a connection inside a transaction."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def pending_aliases(self) -> list[tuple[Speaker, str]]:
        """Return the aliases added without keys (by an edit or an upgrade), with their speaker."""
        rows = self._db.execute(
            f"SELECT {_SPEAKER}, a.alias FROM speaker_aliases a "
            "JOIN speakers s ON s.id = a.speaker_id WHERE a.keyed = 0 "
            "ORDER BY a.speaker_id, a.rowid"
        ).fetchall()
        return [(_speaker(row), str(row[5])) for row in rows]

    def keys_named(self, kind: MentionKind, keys: Collection[str], field: str) -> list[KeyMatch]:
        """Return the stored keys of `kind` and `field` equal to one of `keys`, by speaker id."""
        wanted = sorted(set(keys))
        if not wanted:
            return []  # (an empty IN list is not SQL)
        marks = ", ".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT {_SPEAKER}, {_KEY} FROM speaker_keys k JOIN speakers s ON s.id = k.speaker_id "
            f"WHERE k.kind = ? AND k.key IN ({marks}) AND k.field = ? ORDER BY s.id, k.key",
            (kind.value, *wanted, field),
        ).fetchall()
        return [KeyMatch(_speaker(row), _key(row[5:])) for row in rows]

    def keys_of_surname(self, surname: str) -> list[KeyMatch]:
        """Return the stored person keys with this folded surname, by speaker id."""
        rows = self._db.execute(
            f"SELECT {_SPEAKER}, {_KEY} FROM speaker_keys k JOIN speakers s ON s.id = k.speaker_id "
            "WHERE k.surname = ? AND k.kind = 'person' ORDER BY s.id, k.key",
            (surname,),
        ).fetchall()
        return [KeyMatch(_speaker(row), _key(row[5:])) for row in rows]

    def keys_of(self, speaker_id: int) -> list[NameKey]:
        """Return the stored keys of one speaker."""
        rows = self._db.execute(
            f"SELECT {_KEY} FROM speaker_keys k WHERE k.speaker_id = ? ORDER BY k.key",
            (speaker_id,),
        ).fetchall()
        return [_key(row) for row in rows]

    def speaker(self, speaker_id: int) -> Speaker:
        """Return one stored speaker (without its aliases)."""
        row = self._db.execute(
            f"SELECT {_SPEAKER} FROM speakers s WHERE s.id = ?", (speaker_id,)
        ).fetchone()
        return _speaker(row)

    def speaker_named(self, kind: MentionKind, name: str) -> Speaker | None:
        """Return the speaker of `kind` shown under exactly `name`, if any."""
        row = self._db.execute(
            f"SELECT {_SPEAKER} FROM speakers s WHERE s.name = ? AND s.kind = ?",
            (name, kind.value),
        ).fetchone()
        return _speaker(row) if row else None

    def add_speaker(self, speaker: Speaker) -> int:
        """Insert a new speaker, numbered by the database; return its id."""
        row = self._db.execute(
            "INSERT INTO speakers (name, kind, external_id, name_fixed) VALUES (?, ?, ?, ?) "
            "RETURNING id",
            (speaker.name, speaker.kind.value, speaker.external_id, int(speaker.name_fixed)),
        ).fetchone()
        return int(row[0])

    def set_name(self, speaker_id: int, name: str, *, fixed: bool = False) -> None:
        """Show a speaker under `name` (`fixed`: for good, as the alias file says)."""
        self._db.execute(
            "UPDATE speakers SET name = ?, name_fixed = CASE WHEN name_fixed = 1 THEN 1 ELSE ? END "
            "WHERE id = ?",
            (name, int(fixed), speaker_id),
        )

    def set_external_id(self, speaker_id: int, external_id: str) -> None:
        """Give a speaker an external id."""
        self._db.execute(
            "UPDATE speakers SET external_id = ? WHERE id = ?", (external_id, speaker_id)
        )

    def add_alias(self, speaker_id: int, alias: str, keys: Sequence[NameKey]) -> None:
        """Attach a name and its keys to a speaker (both kept once)."""
        self._db.execute(
            "INSERT INTO speaker_aliases AS a (speaker_id, alias, keyed) VALUES (?, ?, 1) "
            "ON CONFLICT (speaker_id, alias) DO UPDATE SET keyed = 1 WHERE a.keyed = 0",
            (speaker_id, alias),
        )
        self._db.executemany(
            "INSERT INTO speaker_keys (speaker_id, kind, key, field, surname, given, suffix) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (
                    speaker_id,
                    key.kind.value,
                    key.key,
                    key.field,
                    key.surname,
                    " ".join(key.given),
                    key.suffix,
                )
                for key in keys
            ],
        )

    def roles_headed(self, head: str) -> list[RoleSeen]:
        """Return the roles the corpus names speakers by whose words include `head`."""
        rows = self._db.execute(
            f"SELECT {_SPEAKER}, r.words, r.designator, r.first_seen, r.last_seen "
            "FROM speaker_roles r JOIN speakers s ON s.id = r.speaker_id "
            "WHERE r.head = ? ORDER BY s.id, r.words, r.designator",
            (head,),
        ).fetchall()
        return [
            RoleSeen(
                _speaker(row),
                frozenset(str(row[5]).split()),
                str(row[6]),
                dt.date.fromisoformat(row[7]) if row[7] else None,
                dt.date.fromisoformat(row[8]) if row[8] else None,
            )
            for row in rows
        ]

    def add_role(
        self, speaker_id: int, role: RoleSeen, head: str, day: dt.date | None
    ) -> RoleSeen | None:
        """Keep that the corpus names a speaker by a role, on `day` (first and last kept);
        return the role as it was before (None: new)."""
        seen = day.isoformat() if day else None
        words = " ".join(sorted(role.words))
        before = self._db.execute(
            "SELECT first_seen, last_seen FROM speaker_roles "
            "WHERE head = ? AND words = ? AND designator = ? AND speaker_id = ?",
            (head, words, role.designator, speaker_id),
        ).fetchone()
        self._db.execute(
            "INSERT INTO speaker_roles AS r "
            "(head, words, designator, speaker_id, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (head, words, designator, speaker_id) "
            "DO UPDATE SET first_seen = CASE WHEN r.first_seen IS NULL "
            "OR excluded.first_seen < r.first_seen THEN excluded.first_seen "
            "ELSE r.first_seen END, "
            "last_seen = CASE WHEN r.last_seen IS NULL OR excluded.last_seen > r.last_seen "
            "THEN excluded.last_seen ELSE r.last_seen END",
            (head, words, role.designator, speaker_id, seen, seen),
        )
        if before is None:
            return None
        return RoleSeen(role.speaker, role.words, role.designator, _day(before[0]), _day(before[1]))

    def add_title(
        self, article_id: str, mention: str, heads: Collection[str], day: dt.date | None
    ) -> None:
        """File a bare title an article's statements go by under the office heads it names."""
        self._db.executemany(
            "INSERT INTO speaker_titles (head, said_on, article_id, mention) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(head, day.isoformat() if day else "", article_id, mention) for head in sorted(heads)],
        )

    def titles_headed(
        self, head: str, first: dt.date | None, last: dt.date | None
    ) -> list[TitleSeen]:
        """Return the bare titles filed under `head` on days from `first` to `last`
        (either None: unbounded), and those filed with no day."""
        low = first.isoformat() if first else "0000-00-00"
        high = last.isoformat() if last else "9999-99-99"
        rows = self._db.execute(
            "SELECT DISTINCT article_id, mention, said_on FROM speaker_titles "
            "WHERE head = ? AND (said_on = '' OR said_on BETWEEN ? AND ?) "
            "ORDER BY article_id, mention, said_on",
            (head, low, high),
        ).fetchall()
        return [TitleSeen(str(row[0]), str(row[1]), _day(row[2] or None)) for row in rows]

    def article_text(self, article_id: str) -> str | None:
        """Return the clean text of a stored article (None: not stored)."""
        row = self._db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def mention_counts(self, speaker_id: int) -> dict[str, int]:
        """Return how many stored statements of a speaker go by each in-article name."""
        rows = self._db.execute(
            "SELECT speaker_mention, count(*) FROM statements "
            "WHERE speaker_id = ? AND speaker_mention IS NOT NULL GROUP BY speaker_mention",
            (speaker_id,),
        ).fetchall()
        return {str(row[0]): int(row[1]) for row in rows}

    def point_title(self, title: TitleSeen, speaker_id: int | None) -> list[str]:
        """Give the statements of an article that go by a bare title to `speaker_id` (None:
        nobody), except those a user reassigned; the speakers that lost or gained some have
        their clusters and events forgotten and their articles marked pending: return
        those articles."""
        rows = self._db.execute(
            "SELECT id, speaker_id FROM statements WHERE article_id = ? AND speaker_mention = ? "
            "AND speaker_id IS DISTINCT FROM ? AND id NOT IN (SELECT statement_id FROM edits "
            "WHERE action = 'reassign' AND statement_id IS NOT NULL)",
            (title.article_id, title.mention, speaker_id),
        ).fetchall()
        if not rows:
            return []
        touched = sorted({int(r[1]) for r in rows if r[1] is not None})
        if speaker_id is not None:
            touched = sorted({*touched, speaker_id})
        forget(self._db, touched)  # before the move: what the old speakers' statements were in
        self._db.executemany(
            "UPDATE statements SET speaker_id = ? WHERE id = ?", [(speaker_id, r[0]) for r in rows]
        )
        unsettle(self._db, touched, [title.article_id])
        marks = ", ".join("?" * len(touched))
        articles = self._db.execute(
            f"SELECT DISTINCT article_id FROM statements WHERE speaker_id IN ({marks})", touched
        ).fetchall()
        return sorted({title.article_id, *(str(row[0]) for row in articles)})
