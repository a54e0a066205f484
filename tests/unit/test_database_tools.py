"""The database opens in other tools (issue 16): sqlite-utils and Datasette find the
full-text index, and `statements_view` reads a statement with its speaker, article and dates."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from sqlite_utils.cli import cli as sqlite_utils_cli
from tests.unit.test_store import article_a, article_b, article_c

from onrecord.models import StatementFilter
from onrecord.store import SCHEMA_VERSION, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS

VIEW_COLUMNS = [
    "statement_id", "speaker_id", "speaker", "speaker_kind", "kind", "content", "source",
    "cue", "said_on", "said_on_precision", "published", "date", "occasion", "outlet", "title",
    "doc", "url", "article_id",
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tools.db"
    with open_store(path) as store:
        store.save([article_a(), article_b(), article_c()])
    return path


def _talks(path: Path) -> set[int]:
    """The ids of the statements onrecord's own search finds for `talks`."""
    with open_store(path, write=False) as store:
        return {view.id for view in store.statements(StatementFilter(text="talks"))}


def test_sqlite_utils_finds_the_index_and_searches_it(db: Path) -> None:
    database = sqlite_utils.Database(db)
    statements = database.table("statements")
    assert statements.detect_fts() == "statements_fts"
    found = {row["id"] for row in statements.search("talks")}
    assert found == _talks(db) and len(found) == 3


def test_the_sqlite_utils_search_command_works(db: Path) -> None:
    result = CliRunner().invoke(sqlite_utils_cli, ["search", str(db), "statements", "talks"])
    assert result.exit_code == 0, result.output
    assert {row["id"] for row in json.loads(result.output)} == _talks(db)


def test_the_index_is_declared_as_datasette_looks_for_it(db: Path) -> None:
    # Datasette's detection reads the same text as sqlite-utils': content="TABLE" or
    # content=[TABLE] in the CREATE VIRTUAL TABLE statement, with no spaces around "=".
    conn = sqlite3.connect(db)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'statements_fts'").fetchone()
    assert 'content="statements"' in sql and "USING fts5" in sql


def test_statements_view_joins_speaker_article_outlet_and_dates(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM statements_view ORDER BY statement_id")]
    assert list(rows[0]) == VIEW_COLUMNS
    with open_store(db, write=False) as store:
        views = sorted(store.statements(), key=lambda v: v.id)
    assert [r["statement_id"] for r in rows] == [v.id for v in views]
    for row, view in zip(rows, views, strict=True):
        assert (row["speaker"], row["outlet"], row["doc"], row["kind"], row["content"]) == (
            view.speaker,
            view.outlet,
            view.doc,
            view.kind,
            view.content,
        )
        said = view.said_on or view.published
        assert row["date"] == (said.isoformat() if said else None)
    assert any(r["speaker"] is None for r in rows)  # statements with no speaker are kept


def test_a_version_8_database_gets_the_index_spelled_again_and_the_view(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    raw = sqlite3.connect(path)
    for version in range(1, 9):
        for ddl in MIGRATIONS[version]:
            raw.execute(ddl)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 8")
    raw.execute(
        "INSERT INTO articles (id, doc, source, text, outlet, published, ingested_at) "
        "VALUES ('a1', 'a1', 'a1.txt', 'Ana said talks failed.', 'Herald', '2024-05-01', 'now')"
    )
    raw.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Ana', 'person')")
    raw.execute(
        "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, kind, "
        "confidence, source_text, cue_text, content_text, published) "
        "VALUES ('a1', 0, 1, 'person', 'indirect', 0.9, 'Ana', 'said', 'talks failed', "
        "'2024-05-01')"
    )
    raw.commit()
    assert sqlite_utils.Database(raw).table("statements").detect_fts() is None  # as reported
    raw.close()
    with open_store(path) as store:  # a writing open upgrades
        assert [v.content for v in store.statements(StatementFilter(text="talk"))] == [
            "talks failed"
        ]
    database = sqlite_utils.Database(path)
    assert database.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [r["content_text"] for r in database.table("statements").search("talks")] == [
        "talks failed"
    ]
    view = database.execute("SELECT speaker, outlet, date FROM statements_view").fetchall()
    assert view == [("Ana", "Herald", "2024-05-01")]
