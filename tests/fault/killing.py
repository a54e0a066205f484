"""Kill trials: an ingest SIGKILLed at a random moment, then run again, must equal a clean run.

Shared by tests/fault/test_kill.py (a few trials in CI) and bench/kill_trials.py (as many
as asked). A trial writes nothing outside its folder and kills only the process group of
the ingest it started.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOPICS = REPO / "examples" / "topics.yaml"
BATCH_SIZE = "2"

# Fictional reports of two speeches, each told by several outlets in other words, so the
# corpus has clusters across articles, speech events and statements on the example topic.
SPEECHES = (
    (
        "President Oriane Kestrel",
        "Kestrel",
        "There will be no talks with Iskarel without guarantees for our boats",
        "Port Selden",
    ),
    (
        "Foreign Minister Piet Ondrel",
        "Ondrel",
        "Talks with Dornholm on fishing quotas can begin this summer",
        "Korvhaven",
    ),
)
OUTLETS = ("CVNA", "Tidemark Wire", "The Northern Ledger", "Harbour Gazette")

# The moments between two writes of a batch, named by the store method whose return is
# followed by the kill: the articles committed, the clusters written, the topic scores
# written, the pending marks cleared.
WRITES = ("save", "save_clusters", "save_statement_topics", "clear_pending")


def _killer(kill: str, setup: str = "") -> str:
    """A script that runs the CLI and calls `kill` right after the Nth return of one
    SQLiteStore method (the method and N are its first two arguments)."""
    return (
        textwrap.dedent(
            """
        import os, signal, sys
        import onrecord.pipeline.engines as engines
        from onrecord.store.sqlite import SQLiteStore
        SETUP
        method, after = sys.argv.pop(1), int(sys.argv.pop(1))
        original = getattr(SQLiteStore, method)
        calls = [0]
        def patched(self, *args, **kwargs):
            result = original(self, *args, **kwargs)
            calls[0] += 1
            if calls[0] >= after:
                KILL
            return result
        setattr(SQLiteStore, method, patched)
        from onrecord.cli import main
        sys.argv[0] = "onrecord"
        main()
        """
        )
        .replace("SETUP", setup)
        .replace("KILL", kill)
    )


# Kills the ingest's own process.
KILL_AFTER = _killer("os.kill(os.getpid(), signal.SIGKILL)")

# Runs with worker processes parsing chunks of two (so the 8 articles are four chunks
# shared by the workers, some still parsing while the writer stores) and kills the whole
# process group, the writer and its workers. Started in a session of its own, so the
# group is the ingest's only.
KILL_GROUP_AFTER = _killer("os.killpg(0, signal.SIGKILL)", setup="engines.CHUNK = 2")


def write_corpus(folder: Path) -> Path:
    """Write eight small articles (two speeches, four outlets each) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, (outlet, (name, last, quote, place)) in enumerate(
        (outlet, speech) for speech in SPEECHES for outlet in OUTLETS
    ):
        words = quote if n % 2 == 0 else quote.replace("talks", "negotiations")
        text = (
            f"{outlet}\n\nMarch {10 + n}, 2025\n\n"
            f"{name} said on Saturday in {place} that the talks with Morvask would wait.\n\n"
            f"“{words},” {last} told a crowd of fishermen.\n\n"
            f"{last} also said the navy would stay in port.\n"
        )
        (folder / f"report_{n:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def environment() -> dict[str, str]:
    """How every ingest of a trial runs: in one process, with the lexical paraphrase rule."""
    return {**os.environ, "ONRECORD_WORKERS": "0", "ONRECORD_PARAPHRASE": "lexical"}


def arguments(corpus: Path, db: Path) -> list[str]:
    """The ingest's arguments after `onrecord`."""
    return [
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--silent",
        "--batch-size",
        BATCH_SIZE,
        "--topics",
        str(TOPICS),
    ]


def command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "onrecord", *arguments(corpus, db)]


def run(corpus: Path, db: Path) -> float:
    """Ingest to the end; return the seconds it took. A failure raises with its stderr."""
    started = time.perf_counter()
    done = subprocess.run(command(corpus, db), env=environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ingest exited {done.returncode}: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def killed_run(corpus: Path, db: Path, after: float) -> bool:
    """Start an ingest and SIGKILL it `after` seconds in; return whether it was still running."""
    process = subprocess.Popen(
        command(corpus, db),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def killed_after_write(corpus: Path, db: Path, method: str, calls: int) -> bool:
    """Run an ingest that SIGKILLs itself after the `calls`th return of store `method`."""
    done = subprocess.run(
        [sys.executable, "-c", KILL_AFTER, method, str(calls), *arguments(corpus, db)],
        env=environment(),
        capture_output=True,
    )
    return done.returncode == -signal.SIGKILL


def parallel_run(corpus: Path, db: Path) -> float:
    """Ingest to the end with 2 worker processes; return the seconds it took."""
    started = time.perf_counter()
    env = {**environment(), "ONRECORD_WORKERS": "2"}
    done = subprocess.run(command(corpus, db), env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ingest exited {done.returncode}: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def parallel_killed_after_write(corpus: Path, db: Path, method: str, calls: int) -> bool:
    """Run an ingest with 2 worker processes that SIGKILLs its process group (writer and
    workers) after the `calls`th return of store `method`; return whether it was killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_GROUP_AFTER, method, str(calls), *arguments(corpus, db)],
        env={**environment(), "ONRECORD_WORKERS": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return process.wait(timeout=300) == -signal.SIGKILL


def snapshot(db: Path) -> dict[str, object]:
    """What a run stored, comparable across runs by content (numbers may differ)."""
    conn = sqlite3.connect(db)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'articles'").fetchone():
            return {}  # killed before its schema was made: nothing stored
        key = "s.article_id || ':' || s.position"

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(conn.execute(sql).fetchall(), key=repr)

        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "articles": rows("SELECT id, doc, published, outlet FROM articles"),
            "statements": rows(
                f"SELECT {key}, s.content_text, s.said_on, sp.name, sp.kind "
                "FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id"
            ),
            "speakers": rows(
                "SELECT sp.name, sp.kind, (SELECT group_concat(alias, '|') FROM "
                "(SELECT alias FROM speaker_aliases a WHERE a.speaker_id = sp.id ORDER BY alias))"
                " FROM speakers sp"
            ),
            "clusters": rows(
                f"SELECT group_concat({key}, ' ') FROM (SELECT c.cluster_id, s.article_id, "
                "s.position FROM statement_clusters c JOIN statements s ON s.id = c.statement_id "
                "ORDER BY s.article_id, s.position) s GROUP BY cluster_id"
            ),
            "events": rows(
                f"SELECT group_concat({key}, ' ') FROM (SELECT e.event_id, s.article_id, "
                "s.position FROM speech_event_statements e JOIN statements s "
                "ON s.id = e.statement_id ORDER BY s.article_id, s.position) s GROUP BY event_id"
            ),
            "scores": rows(
                f"SELECT {key}, t.topic, round(t.score, 6), t.stance FROM statement_topics t "
                "JOIN statements s ON s.id = t.statement_id"
            ),
            "pending": rows("SELECT article_id FROM pending_articles"),
        }
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class Trial:
    moment: str  # when the kill came: "3.21 s" after the start, or "after save #2"
    killed: bool  # the ingest was still running then
    differences: tuple[str, ...]  # the parts of the snapshot that differ from a clean run


Rerun = Callable[[Path, Path], object]


class KillLab:
    """A clean run to compare with, and trials run against it, all inside `folder`."""

    def __init__(self, folder: Path, rerun: Rerun = run) -> None:
        self.folder = folder
        self.corpus = write_corpus(folder / "corpus")
        self.rerun = rerun
        self.seconds = run(self.corpus, folder / "clean.db")
        self.clean = snapshot(folder / "clean.db")
        self.count = 0
        self.last_killed: dict[str, object] = {}  # what the last trial's kill left

    def at_random(self, count: int, seed: int) -> list[Trial]:
        """`count` kills at moments drawn uniformly over the clean run's duration."""
        chooser = random.Random(seed)
        found = []
        for _ in range(count):
            after = chooser.uniform(0.0, self.seconds)
            found.append(
                self._trial(f"{after:.2f} s", lambda db, a=after: killed_run(self.corpus, db, a))
            )
        return found

    def after_writes(self, batches: int = 2) -> list[Trial]:
        """A kill right after each write of each of the first `batches` batches."""
        return [self.after_write(method, n) for n in range(1, batches + 1) for method in WRITES]

    def after_write(self, method: str, n: int) -> Trial:
        """A kill right after the `n`th return of the store's `method`."""
        return self._trial(
            f"after {method} #{n}", lambda db: killed_after_write(self.corpus, db, method, n)
        )

    def parallel_after_write(self, method: str, n: int, rerun: Rerun | None = None) -> Trial:
        """A kill of a 2-worker ingest (writer and workers) after the `n`th return of `method`,
        then `rerun` (default: the lab's)."""
        return self._trial(
            f"2 workers, after {method} #{n}",
            lambda db: parallel_killed_after_write(self.corpus, db, method, n),
            rerun,
        )

    def _trial(
        self, moment: str, kill: Callable[[Path], bool], rerun: Rerun | None = None
    ) -> Trial:
        self.count += 1
        db = self.folder / f"trial-{self.count}.db"
        killed = kill(db)
        self.last_killed = snapshot(db) if db.exists() else {}
        (rerun or self.rerun)(self.corpus, db)
        got = snapshot(db)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        differences = tuple(part for part in self.clean if got[part] != self.clean[part])
        return Trial(moment, killed, differences)
