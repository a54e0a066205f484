"""Several processes opening one new database at once: each waits its turn, none fails.

Concurrent ingests starting on a new file once failed now and then: switching the file to WAL
answered "database is locked" at once, without the busy wait, while another process held
the file's write lock (about 1 open in 15 with four processes starting together).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from onrecord.store import open_store
from onrecord.store.connection import IDENTITY
from onrecord.store.schema import APPLICATION_ID, SCHEMA_VERSION


def test_a_new_file_held_by_another_connection_is_waited_for(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process's write lock on the new file
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = open_store(db)
        store.close()
    finally:
        release.join()
        other.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute(IDENTITY).fetchone()[:2] == (APPLICATION_ID, SCHEMA_VERSION)
    conn.close()
