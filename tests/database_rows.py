"""Every row of every table of a SQLite database, to compare two databases row for row."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def database_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Return each table's rows, sorted; columns named `*_at` (times of day) are left out."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        ]
        rows: dict[str, list[tuple[object, ...]]] = {}
        for table in sorted(tables):
            columns = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")')]
            kept = ", ".join(f'"{c}"' for c in columns if not c.endswith("_at")) or "1"
            rows[table] = sorted(db.execute(f'SELECT {kept} FROM "{table}"'), key=repr)
        return rows
    finally:
        db.close()
