"""Opening a database: reading never creates or changes it; other programs' files are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.errors import StoreError
from onrecord.store import SCHEMA_VERSION, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS

# Every command that only reads the database, with the arguments it needs.
READ_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("statements",),
    ("search", "talks"),
    ("speakers",),
    ("speakers", "list"),
    ("speakers", "show", "Vell"),
    ("articles",),
    ("show", "abc123"),
    ("clusters",),
    ("drift",),
    ("timeline", "--speaker", "Vell"),
    ("report", "--speaker", "Vell", "-o", "out.html"),
    ("topics",),
    ("topics", "list"),
)


def _file_state(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and the other files beside it, but for an empty write-ahead log.

    A reader of a WAL database makes the -shm index and an empty -wal beside it (SQLite
    needs them to read safely while another process writes): neither holds data.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size == 0:
        wal.unlink()
        path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def _old_database(path: Path, version: int) -> None:
    raw = sqlite3.connect(path)
    for step in range(1, version + 1):
        for ddl in MIGRATIONS[step]:
            raw.execute(ddl)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute(f"PRAGMA user_version = {version}")
    raw.commit()
    raw.close()


def test_reading_a_missing_database_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "onrecrod.db"
    with pytest.raises(StoreError) as caught:
        open_store(path, write=False)
    assert caught.value.message == f"no database at {str(path)!r}"
    assert "run `onrecord ingest` first" in (caught.value.hint or "")
    assert list(tmp_path.iterdir()) == []


def test_reading_an_empty_file_is_refused_and_leaves_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="no database at"):
        open_store(path, write=False)
    assert path.read_bytes() == b""


@pytest.mark.parametrize("write", [False, True])
def test_another_programs_file_without_tables_is_not_taken_over(
    tmp_path: Path, write: bool
) -> None:
    path = tmp_path / "theirs.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA application_id = 1234")
    raw.close()
    before = _file_state(path)
    with pytest.raises(StoreError, match="not one onrecord made"):
        open_store(path, write=write)
    assert _file_state(path) == before
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == 1234


def test_a_new_empty_file_still_becomes_a_database_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.write_bytes(b"")
    with open_store(path) as store:
        assert store.counts() == {"articles": 0, "statements": 0, "speakers": 0}


def test_an_older_schema_is_refused_for_reading_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_database(path, SCHEMA_VERSION - 1)
    before = _file_state(path)
    with pytest.raises(StoreError) as caught:
        open_store(path, write=False)
    assert f"schema version {SCHEMA_VERSION - 1}, older" in caught.value.message
    assert "upgrade it with `onrecord repair --db" in (caught.value.hint or "")
    assert _file_state(path) == before
    with open_store(path) as store:  # a writing open upgrades it
        assert store.counts()["articles"] == 0
    with open_store(path, write=False) as store:
        assert store.counts()["articles"] == 0


def test_a_read_only_store_reads_beside_a_writer_and_refuses_to_write(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    with open_store(path) as writer, open_store(path, write=False) as reader:
        writer.save_topics([])
        assert reader.counts() == writer.counts()
        with pytest.raises(StoreError) as caught:
            reader.forget_clusters([1])
        assert "read-only" in (caught.value.hint or "")


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_refuse_a_missing_database_and_create_none(
    tmp_path: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "typo.db"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--db", str(path)])
    assert result.exit_code == 1, result.output
    assert f"Error: no database at {str(path)!r}" in result.output
    assert "Hint: run `onrecord ingest` first" in result.output
    assert not path.exists()


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_do_not_change_the_file(
    tmp_path: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db" / "corpus.db"
    path.parent.mkdir()
    open_store(path).close()
    before = _file_state(path)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, [*args, "--db", str(path)])
    assert _file_state(path) == before
