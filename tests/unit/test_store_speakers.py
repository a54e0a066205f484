"""Schema v2 of the store: canonical speakers, edits, dates and occasions; the v1 upgrade."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from tests.postgres_server import NewDb
from tests.unit.test_store import LEADER, TEXT_A, article_a, article_b, article_c

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    MentionKind,
    Occasion,
    Precision,
    Span,
    Speaker,
    StatementDate,
    StatementFilter,
)
from onrecord.queries.speakers import find_speaker
from onrecord.store import SCHEMA_VERSION, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS


def _dated_article_a():  # type: ignore[no-untyped-def]
    processed = article_a()
    start = TEXT_A.index("on Sunday")
    meeting = TEXT_A.index("The foreign minister")
    first = dataclasses.replace(
        processed.statements[0],
        said_on=StatementDate(
            dt.date(2018, 8, 12),
            Precision.DAY,
            "on Sunday",
            Span(start, start + len("on Sunday")),
            "weekday before publication date",
        ),
        occasion=Occasion("The foreign minister", Span(meeting, meeting + 20)),
        canonical=Speaker("Ali Khamenei", MentionKind.PERSON, (LEADER,), "Q57336", id=5),
    )
    return dataclasses.replace(processed, statements=(first, *processed.statements[1:]))


def test_schema_has_version_2() -> None:
    assert SCHEMA_VERSION >= 2 and {1, 2} <= set(MIGRATIONS)


def test_dates_occasions_and_canonical_speakers_are_stored(new_db: NewDb) -> None:
    with open_store(new_db("v2")) as store:
        store.save([_dated_article_a()])
        first, second = store.statements(StatementFilter(article_id=_dated_article_a().article.id))
        assert (first.speaker, first.speaker_id, first.speaker_mention) == (
            "Ali Khamenei",
            5,
            LEADER,
        )
        assert (first.said_on, first.said_on_precision) == (dt.date(2018, 8, 12), "day")
        assert first.said_on_evidence == {
            "expression": "on Sunday",
            "span": [TEXT_A.index("on Sunday"), TEXT_A.index("on Sunday") + 9],
            "method": "weekday before publication date",
        }
        start, end = first.said_on_evidence["span"]
        assert TEXT_A[start:end] == "on Sunday"
        assert first.occasion == "The foreign minister"
        assert second.said_on is None and second.said_on_evidence is None
        leader = store.speaker("Ali Khamenei")
        assert (leader.id, leader.external_id, leader.aliases) == (5, "Q57336", (LEADER,))
        assert find_speaker(store, "seyyed").id == 5  # a part of an alias names the speaker


def test_a_date_span_outside_the_text_is_refused(new_db: NewDb) -> None:
    processed = _dated_article_a()
    bad = dataclasses.replace(
        processed.statements[0],
        said_on=StatementDate(dt.date(2018, 8, 12), Precision.DAY, "x", Span(0, 10_000), "test"),
    )
    with open_store(new_db("bad")) as store, pytest.raises(StoreError, match="said_on span"):
        store.save([dataclasses.replace(processed, statements=(bad,))])


def test_merge_rename_and_replay(new_db: NewDb) -> None:
    with open_store(new_db("edits")) as store:
        store.save([article_a(), article_b(), article_c()])
        zarif = store.speaker("Mohammad Javad Zarif")
        merged = store.merge_speakers(LEADER, str(zarif.id))
        assert merged.statements == 4 and "Mohammad Javad Zarif" in merged.aliases
        with pytest.raises(NotFoundError, match="no speaker is named"):
            store.speaker("nobody at all")
        renamed = store.rename_speaker("mohammad javad zarif", "Ali Khamenei")
        assert renamed.id == merged.id and renamed.name == "Ali Khamenei"
        assert [(e.action, e.target, e.other) for e in store.speaker_edits()] == [
            ("merge", LEADER, str(zarif.id)),
            ("rename", "mohammad javad zarif", "Ali Khamenei"),
        ]
        assert store.replay_speaker_edits() == 0  # nothing new to apply


def test_rename_onto_another_speakers_name_says_to_merge(new_db: NewDb) -> None:
    with open_store(new_db("clash")) as store:
        store.save([article_a()])
        with pytest.raises(StoreError, match="speakers merge"):
            store.rename_speaker(LEADER, "Mohammad Javad Zarif")


def test_a_version_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for ddl in MIGRATIONS[1]:
        conn.execute(ddl)
    conn.execute(
        "INSERT INTO articles (id, doc, source, text, ingested_at) "
        "VALUES ('abc', 'doc', 'src', 'Ayatollah Khamenei said no.', '2024-01-01')"
    )
    conn.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Ayatollah Khamenei', 'person')")
    conn.execute(
        "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, kind, "
        "confidence, source_text, cue_text, content_text) "
        "VALUES ('abc', 0, 1, 'person', 'indirect', 1.0, 'Ayatollah Khamenei', 'said', 'no')"
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        (view,) = store.statements()
        assert (view.speaker, view.speaker_mention, view.said_on) == (
            "Ayatollah Khamenei",
            "Ayatollah Khamenei",
            None,
        )
        assert store.speaker_records()[0].aliases == ("Ayatollah Khamenei",)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
