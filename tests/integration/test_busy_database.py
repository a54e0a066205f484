"""A database another process holds for writing: the ingest waits up to busy_timeout, then
fails with a message naming the fix, stores nothing half-done, and a re-run stores it all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.shared_data import EXAMPLES

pytestmark = pytest.mark.slow


def _ingest(db: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "onrecord", "ingest", str(source), "--db", str(db)]
        + ["--silent", "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "ONRECORD_BUSY_TIMEOUT": "1"},
    )


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_held_database_fails_clearly_and_a_rerun_stores_everything(tmp_path: Path) -> None:
    db = tmp_path / "held.db"
    first = _ingest(db, EXAMPLES / "txt")  # creates the database
    assert first.returncode == 0, first.stderr
    stored = _count(db, "statements")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that does not let go
    try:
        blocked = _ingest(db, EXAMPLES / "jsonl")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert blocked.returncode != 0
    assert "busy_timeout" in blocked.stderr and "Traceback" not in blocked.stderr
    assert _count(db, "statements") == stored  # nothing of the refused batch
    assert _count(db, "pending_articles") == 0
    again = _ingest(db, EXAMPLES / "jsonl")
    assert again.returncode == 0, again.stderr
    assert _count(db, "statements") > stored
    assert _count(db, "pending_articles") == 0
