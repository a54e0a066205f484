"""The speakers' counts kept by triggers always equal counting the statements afresh."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from bench.make_corpus import fill_database
from tests.postgres_server import NewDb
from tests.unit.test_store import LEADER, ZARIF, article_a, article_b, article_c

from onrecord.store import Store, open_store
from onrecord.store.schema import MIGRATIONS

COUNTED = """
SELECT speaker_id, count(*), count(DISTINCT article_id) FROM statements
WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY speaker_id
"""
OUTLETS = """
SELECT s.speaker_id, a.outlet, count(DISTINCT s.article_id)
FROM statements s JOIN articles a ON a.id = s.article_id
WHERE s.speaker_id IS NOT NULL AND a.outlet IS NOT NULL
GROUP BY s.speaker_id, a.outlet ORDER BY 1, 2
"""


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    db = store._db  # type: ignore[attr-defined]  # white-box: either backend's connection
    return [tuple(row) for row in db.execute(sql)]


def assert_counts_true(store: Store) -> None:
    kept = _rows(
        store,
        "SELECT speaker_id, statements, articles FROM speaker_counts WHERE statements > 0 "
        "ORDER BY speaker_id",
    )
    assert kept == _rows(store, COUNTED)
    outlets = _rows(store, "SELECT speaker_id, outlet, articles FROM speaker_outlets ORDER BY 1, 2")
    assert outlets == _rows(store, OUTLETS)


def test_counts_follow_every_change_to_the_statements(new_db: NewDb) -> None:
    store = open_store(new_db("c"))
    store.save([article_a(), article_b(), article_c()])
    assert_counts_true(store)
    leader = store.speaker(LEADER)
    assert (leader.statements, leader.articles) == (3, 3)
    assert leader.outlets == ("Reuters", "Tehran Times")
    zarif = store.speaker(ZARIF)
    store.merge_speakers(LEADER, ZARIF)
    assert_counts_true(store)
    assert store.speaker(LEADER).statements == 4
    moved = next(v for v in store.statements() if v.doc == "reuters-2019" and v.speaker)
    store.reassign_statement(moved.id, ZARIF)
    assert_counts_true(store)
    store.delete_statement(moved.id)
    assert_counts_true(store)
    tehran = next(v.article for v in store.statements() if v.doc == "tehran-times-2018")
    store.set_article(tehran, {"outlet": "Reuters"})
    assert_counts_true(store)
    assert store.speaker(LEADER).outlets == ("Reuters",)
    store.set_article(tehran, {"outlet": None})
    assert_counts_true(store)
    store._db.execute("DELETE FROM articles WHERE id = ?", (tehran,))  # type: ignore[attr-defined]
    assert_counts_true(store)
    assert [s.name for s in store.speakers()] == [LEADER]
    assert zarif.id not in {s.id for s in store.speakers()}


def test_listing_speakers_reads_the_counts(new_db: NewDb) -> None:
    path = new_db("g")
    fill_database(path, 120, seed=4, quiet=True)
    with open_store(path, write=False) as store:
        assert_counts_true(store)
        listed = list(store.speakers())
        assert [s.statements for s in listed] == sorted(
            (s.statements for s in listed), reverse=True
        )
        assert sum(s.statements for s in listed) == store.counts()["statements"]
        page = list(store.speakers(limit=5, offset=3))
        assert [s.id for s in page] == [s.id for s in listed[3:8]]


def test_upgrading_counts_what_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    raw = sqlite3.connect(path)
    for version in range(1, 7):
        for ddl in MIGRATIONS[version]:
            raw.execute(ddl)
    raw.execute("PRAGMA user_version = 6")
    raw.execute("PRAGMA application_id = 1869509219")
    raw.execute(
        "INSERT INTO articles (id, doc, source, text, outlet, published, ingested_at) "
        "VALUES ('a1', 'a1', 'a1.txt', 'Ana said no.', 'The Herald', '2024-05-01', 'now')"
    )
    raw.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Ana', 'person')")
    raw.execute(
        "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, kind, "
        "confidence, source_text, cue_text, content_text) "
        "VALUES ('a1', 0, 1, 'person', 'indirect', 0.9, 'Ana', 'said', 'no')"
    )
    raw.commit()
    raw.close()
    with open_store(path) as store:
        assert_counts_true(store)
        ana = store.speaker("Ana")
        assert (ana.statements, ana.articles, ana.outlets) == (1, 1, ("The Herald",))
        (view,) = store.statements()
        assert view.published == dt.date(2024, 5, 1)
