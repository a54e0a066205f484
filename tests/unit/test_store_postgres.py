"""What only the PostgreSQL store does: its schema's versions, its refusals, concurrent writers.

The rest of the store tests run on both databases through the `new_db` fixture.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.postgres_server import Server
from tests.unit.test_store import LEADER, ZARIF, article_a, article_b, article_c, processed

from onrecord.cli import main
from onrecord.errors import StoreError
from onrecord.models import StatementFilter
from onrecord.store import SCHEMA_VERSION, is_server_url, open_store, pg_schema
from onrecord.store.pg_connection import redacted, translate
from onrecord.store.schema import APPLICATION_ID


def _raw(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


# --- without a server ------------------------------------------------------------


def test_every_sqlite_migration_has_its_postgresql_form() -> None:
    """A new SQLite migration needs its PostgreSQL form in store/pg_schema.py MIGRATIONS."""
    missing = [v for v in range(pg_schema.BASELINE + 1, SCHEMA_VERSION + 1)
               if v not in pg_schema.MIGRATIONS]
    assert missing == [], f"add the PostgreSQL form of migration(s) {missing} to pg_schema.py"
    assert max(pg_schema.MIGRATIONS, default=pg_schema.BASELINE) == SCHEMA_VERSION


def test_statements_are_translated_outside_string_literals() -> None:
    sql = "SELECT '?%' FROM t WHERE a = ? AND name LIKE 'x%' ORDER BY sp.name COLLATE NOCASE"
    assert translate(sql) == (
        "SELECT '?%%' FROM t WHERE a = %s AND name LIKE 'x%%' ORDER BY lower(sp.name)"
    )
    assert translate("FROM speakers sp CROSS JOIN statements s ON s.x = sp.id") == (
        "FROM speakers sp JOIN statements s ON s.x = sp.id"
    )


def test_urls_name_the_server_and_hide_the_password() -> None:
    assert is_server_url("postgresql://u@h/db") and is_server_url("postgres://h/db")
    assert not is_server_url("onrecord.db") and not is_server_url(Path("postgresql:/x"))
    assert redacted("postgresql://me:s3cret@host:5432/db") == "postgresql://me:***@host:5432/db"


def test_an_unreachable_server_is_a_store_error_with_a_hint(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://nobody@/db?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.message.startswith(f"cannot connect to {url}")
    assert caught.value.hint is not None and "check that the server is running" in caught.value.hint


# --- on the throwaway server -----------------------------------------------------


@pytest.fixture
def url(postgres_server: Server) -> str:
    return postgres_server.fresh("pg")


def test_a_new_database_gets_the_schema_version_and_onrecords_id(url: str) -> None:
    with open_store(url) as store:
        assert store.counts() == {"articles": 0, "statements": 0, "speakers": 0}
    with _raw(url) as conn:
        row = conn.execute("SELECT application_id, version FROM onrecord_schema").fetchone()
    assert row == (APPLICATION_ID, SCHEMA_VERSION)


def test_both_databases_have_the_same_tables_and_columns(url: str, tmp_path: Path) -> None:
    open_store(tmp_path / "same.db").close()
    lite = sqlite3.connect(tmp_path / "same.db")
    tables = [
        name
        for (name,) in lite.execute(
            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'statements_fts%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    lite_columns = {
        table: {row[1] for row in lite.execute(f"PRAGMA table_xinfo({table})")} for table in tables
    }
    open_store(url).close()
    with _raw(url) as conn:
        pg_columns: dict[str, set[str]] = {}
        for table, column in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name <> 'onrecord_schema'"
        ):
            pg_columns.setdefault(table, set()).add(column)
    # PostgreSQL's own additions: the search vector and the aliases' order.
    pg_columns["statements"].discard("content_tsv")
    pg_columns["speaker_aliases"].discard("rowid")
    assert pg_columns == lite_columns


def test_reading_an_empty_database_is_refused_and_creates_nothing(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url, write=False)
    assert "holds no onrecord tables" in caught.value.message
    with _raw(url) as conn:
        assert conn.execute("SELECT to_regclass('onrecord_schema')").fetchone() == (None,)


def test_a_read_only_store_writes_nothing(url: str) -> None:
    open_store(url).close()
    with open_store(url, write=False) as store, pytest.raises(StoreError, match="read-only"):
        store.save([article_a()])


def test_another_programs_tables_and_a_newer_version_are_refused(
    postgres_server: Server,
) -> None:
    other = postgres_server.fresh("other")
    with _raw(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StoreError, match="holds tables onrecord did not make"):
        open_store(other)
    newer = postgres_server.fresh("newer")
    open_store(newer).close()
    with _raw(newer) as conn:
        conn.execute("UPDATE onrecord_schema SET version = version + 1")
    with pytest.raises(StoreError) as caught:
        open_store(newer)
    assert "newer than this onrecord understands" in caught.value.message


def test_a_database_at_the_baseline_is_upgraded_keeping_its_rows(url: str) -> None:
    with _raw(url) as conn:
        for ddl in pg_schema.upgrade_steps(0, pg_schema.BASELINE):
            conn.execute(ddl)
        conn.execute(
            "CREATE TABLE onrecord_schema (application_id BIGINT NOT NULL, "
            "version BIGINT NOT NULL)"
        )
        conn.execute(
            "INSERT INTO onrecord_schema VALUES (%s, %s)", (APPLICATION_ID, pg_schema.BASELINE)
        )
        conn.execute("INSERT INTO speakers (name, kind) VALUES ('Ada Vell', 'person')")
    with open_store(url) as store:
        assert store.speaker("Ada Vell").id == 1
        store.save([article_a()])
        assert store.counts()["statements"] == 2
    with _raw(url) as conn:
        assert conn.execute("SELECT version FROM onrecord_schema").fetchone() == (SCHEMA_VERSION,)


def test_writers_on_several_connections_take_turns_and_share_speakers(url: str) -> None:
    open_store(url).close()
    batches = [[article_a()], [article_b()], [article_c()], [article_a(), article_b()]] * 2
    failures: list[BaseException] = []

    def write(batch: list[Any]) -> None:
        try:
            with open_store(url) as store:
                store.save(batch)
        except BaseException as exc:  # collected: the assertion below names it
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with open_store(url, write=False) as store:
        assert store.counts() == {"articles": 3, "statements": 5, "speakers": 2}
        leader = store.speaker(LEADER)
        assert (leader.statements, leader.articles) == (3, 3)
        assert store.speaker(ZARIF).statements == 1


def test_search_uses_the_tsvector_index(url: str) -> None:
    with open_store(url) as store:
        store.save([article_a(), article_b(), article_c()])
        found = list(store.statements(StatementFilter(text="talks US")))
        assert {v.doc for v in found} == {"blog-undated", "tehran-times-2018"}
        store.save([processed("An unrelated text.", "other", "Outlet", None)])
    with _raw(url) as conn:
        conn.execute("SET enable_seqscan = off")
        plan = "\n".join(
            row[0]
            for row in conn.execute(
                "EXPLAIN SELECT id FROM statements "
                "WHERE content_tsv @@ onrecord_tsquery(ARRAY['talks'])"
            )
        )
    assert "statements_search" in plan


def test_the_cli_runs_on_a_server(url: str, tmp_path: Path) -> None:
    with open_store(url) as store:
        store.save([article_a(), article_b(), article_c()])
    runner = CliRunner()
    listed = runner.invoke(main, ["statements", "--db", url, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.count("\n") == 5
    speakers = runner.invoke(main, ["speakers", "--db", url])
    assert speakers.exit_code == 0 and LEADER in speakers.output
    missing = runner.invoke(main, ["statements", "--db", url + "x"])
    assert missing.exit_code != 0


def test_the_web_ui_reads_a_server(url: str) -> None:
    testclient = pytest.importorskip("fastapi.testclient")
    from onrecord.clustering import LexicalScorer
    from onrecord.pipeline.corpus import update_clusters
    from onrecord.web.app import create_app

    with open_store(url) as store:
        store.save([article_a(), article_b(), article_c()])
        update_clusters(store, LexicalScorer())
    client = testclient.TestClient(create_app(url.replace("@/", ":hidden@/", 1)))
    speaker = client.get("/speakers/1")  # the speaker's events counted in SQL, on PostgreSQL
    assert speaker.status_code == 200 and "speech event" in speaker.text
    events = client.get("/api/v1/timeline", params={"speaker": "1"}).json()["events"]
    assert events and all(f"/events/{e['event_id']}" in speaker.text for e in events)
    page = client.get("/api/v1/statements", params={"limit": 2})
    assert page.status_code == 200, page.text
    assert len(page.json()["items"]) == 2 and page.json()["count"] == 5
    about = client.get("/about")
    assert about.status_code == 200 and "hidden" not in about.text and "postgresql://" in about.text
