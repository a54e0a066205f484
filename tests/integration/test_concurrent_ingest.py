"""Four `onrecord ingest` processes at once into one database give what one sequential run
gives: the same speakers (names, kinds, aliases), statements, speaker of each statement,
counts and clusters. Ids may differ; nothing else may."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.shared_data import EXAMPLE_CORPUS

pytestmark = pytest.mark.slow

PARTS = 4


def _parts(root: Path) -> list[Path]:
    """Copy the example corpus's files into PARTS folders, dealt in turn."""
    files = sorted(f for folder in EXAMPLE_CORPUS for f in folder.iterdir() if f.is_file())
    parts = [root / f"part{n}" for n in range(PARTS)]
    for part in parts:
        part.mkdir()
    for n, file in enumerate(files):
        shutil.copy(file, parts[n % PARTS] / file.name)
    return parts


def _ingest(db: Path, *paths: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "onrecord", "ingest", *map(str, paths), "--db", str(db)]
        + ["--silent", "--workers", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "ONRECORD_BUSY_TIMEOUT": "120"},
    )


def _finished(process: subprocess.Popen[bytes]) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return err.decode()


def snapshot(db: Path) -> dict[str, object]:
    """What must not depend on the interleaving: everything but the ids."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = {
            sid: (name, kind)
            for sid, name, kind in conn.execute("SELECT id, name, kind FROM speakers")
        }
        aliases: dict[int, set[str]] = {sid: set() for sid in names}
        for sid, alias in conn.execute("SELECT speaker_id, alias FROM speaker_aliases"):
            aliases[sid].add(alias)
        where = {
            sid: (article, position)
            for sid, article, position in conn.execute(
                "SELECT id, article_id, position FROM statements"
            )
        }
        clusters: dict[int, set[tuple[str, int]]] = {}
        for sid, cluster in conn.execute("SELECT statement_id, cluster_id FROM statement_clusters"):
            clusters.setdefault(cluster, set()).add(where[sid])
        return {
            "speakers": sorted((*names[s], tuple(sorted(aliases[s]))) for s in names),
            "statements": sorted(
                (article, position, content, names.get(speaker))
                for article, position, content, speaker in conn.execute(
                    "SELECT article_id, position, content_text, speaker_id FROM statements"
                )
            ),
            "counts": [
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "statements", "speakers", "speech_events")
            ],
            "speaker_counts": sorted(
                (names[s], n, a)
                for s, n, a in conn.execute(
                    "SELECT speaker_id, statements, articles FROM speaker_counts"
                )
            ),
            "clusters": sorted(sorted(members) for members in clusters.values()),
            "pending": conn.execute("SELECT count(*) FROM pending_articles").fetchone()[0],
        }
    finally:
        conn.close()


def test_four_concurrent_ingests_give_the_sequential_database(tmp_path: Path) -> None:
    parts = _parts(tmp_path)
    together, alone = tmp_path / "together.db", tmp_path / "alone.db"
    # The sequential run goes beside the four, into its own database (it is one process).
    sequential = _ingest(alone, *parts)
    running = [_ingest(together, part) for part in parts]
    reports = [_finished(process) for process in running]
    _finished(sequential)
    got, want = snapshot(together), snapshot(alone)
    assert want["counts"][:2] == [13, 124]  # type: ignore[index]
    assert got["speakers"] == want["speakers"]
    assert got["statements"] == want["statements"]
    assert got == want
    assert all("failed 0" in report for report in reports), reports
