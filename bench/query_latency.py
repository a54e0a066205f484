"""Query latency over a large database: p50/p95 of the first page of every read, two ways.

As library calls (the store and queries opened once, each question asked `--rounds`
times) and as whole `onrecord` processes (each a fresh process, so its start-up is
included; the start-up alone, `onrecord --version`, is printed apart), with the peak
resident memory of each process. The questions: the first page (50 rows) of statements,
statements by the most quoted speaker, by a middling one, by outlet and a month, search for
a common word, a rare word and two words, the timeline of a speaker, speakers, and speech
events reported by more than one article (`clusters`); and `statements | head -1`.

    python bench/make_corpus.py 333334 --seed 1 --db big.db        # about 1M statements
    python bench/query_latency.py big.db [--rounds 20] [--cli-rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from onrecord.queries.statements import StatementQuery, find_statements
from onrecord.queries.timeline import timeline_of
from onrecord.store import Store, open_store

PAGE = 50
ONRECORD = str(Path(sys.executable).with_name("onrecord"))


def questions(store: Store) -> dict[str, tuple[Callable[[], Any], list[str]]]:
    """The questions, each as a library call and as the arguments of the same CLI call."""
    speakers = list(store.speakers(limit=200))
    top, middle = speakers[0], speakers[len(speakers) // 2]
    outlet = next(a.outlet for a in store.articles(limit=1) if a.outlet)
    # the second month of the corpus (articles come oldest first): a month that holds news
    first = min(a.published for a in islice(store.articles(offset=0), 2000) if a.published)
    since = (first + dt.timedelta(days=31)).replace(day=1)
    until = (since + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    common, rare = _words(store)

    def listing(**query: Any) -> Callable[[], Any]:
        return lambda: list(find_statements(store, StatementQuery(**query), limit=PAGE).rows)

    page = ["--limit", str(PAGE), "--format", "jsonl"]
    return {
        "statements": (listing(), ["statements", *page]),
        "statements --speaker top": (
            listing(speaker=str(top.id)),
            ["statements", "--speaker", str(top.id), *page],
        ),
        "statements --speaker middle": (
            listing(speaker=str(middle.id)),
            ["statements", "--speaker", str(middle.id), *page],
        ),
        "statements --outlet --since --until": (
            listing(outlet=outlet, since=since, until=until),
            ["statements", "--outlet", outlet, "--since", str(since), "--until", str(until)] + page,
        ),
        f"search {common}": (listing(text=common), ["search", common, *page]),
        f"search {rare}": (listing(text=rare), ["search", rare, *page]),
        f"search '{common} {rare}'": (
            listing(text=f"{common} {rare}"),
            ["search", f"{common} {rare}", *page],
        ),
        "timeline --speaker middle": (
            lambda: timeline_of(store, str(middle.id), None, PAGE),
            ["timeline", "--speaker", str(middle.id), "--limit", str(PAGE), "--format", "json"],
        ),
        "timeline --speaker top": (
            lambda: timeline_of(store, str(top.id), None, PAGE),
            ["timeline", "--speaker", str(top.id), "--limit", str(PAGE), "--format", "json"],
        ),
        "speakers": (lambda: list(store.speakers(limit=PAGE)), ["speakers", *page]),
        "clusters": (
            lambda: list(store.speech_events(several=True, limit=PAGE)),
            ["clusters", *page],
        ),
    }


def _words(store: Store) -> tuple[str, str]:
    """A common word and a rare one of the statements' content (from the first page)."""
    counts: dict[str, int] = {}
    for view in store.statements(limit=2000):
        for word in view.content.lower().split():
            if word.isalpha() and len(word) > 3:
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked[0], ranked[-1]


def _percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {1000 * statistics.median(ordered):7.1f} ms  p95 {1000 * p95:7.1f} ms"


def library(store: Store, rounds: int) -> None:
    """Time each question as a library call: wall time, and this thread's CPU time (what a
    busy machine inflates far less)."""
    print(f"library calls ({rounds} rounds each, first page of {PAGE}; wall, then CPU):")
    for name, (call, _) in questions(store).items():
        call()  # warm the page cache once
        times, cpu = [], []
        for _ in range(rounds):
            started, used = time.perf_counter(), time.thread_time()
            call()
            times.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - used)
        print(f"  {name:40} {_percentiles(times)} | cpu {_percentiles(cpu)}")


def process(args: list[str], shell: str | None = None) -> tuple[float, float, float]:
    """Run one whole process; return its seconds, CPU seconds (user and system) and peak
    memory (MB, the largest of its processes)."""
    started = time.perf_counter()
    command = ["sh", "-c", shell] if shell else [ONRECORD, *args]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, None):
        error = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"{command} failed: {error}")
    # a shell's usage includes the children it waited for (onrecord, head)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cli(db: Path, store: Store, rounds: int) -> None:
    """Time each question as a whole `onrecord` process."""
    print(f"whole processes ({rounds} rounds each):")
    runs: dict[str, tuple[list[str], str | None]] = {
        "onrecord --version (start-up)": (["--version"], None)
    }
    for name, (_, args) in questions(store).items():
        runs[name] = ([*args, "--db", str(db)], None)
    head = f"{ONRECORD} statements --db {shlex.quote(str(db))} | head -1"
    runs["statements | head -1"] = ([], head)
    for name, (args, shell) in runs.items():
        measured = [process(args, shell) for _ in range(rounds)]
        peak = max(mb for _, _, mb in measured)
        cpu = statistics.median(c for _, c, _ in measured)
        print(
            f"  {name:40} {_percentiles([s for s, _, _ in measured])}  "
            f"cpu p50 {1000 * cpu:6.0f} ms  peak {peak:5.0f} MB"
        )


def main() -> int:
    """Open the database and time every question both ways."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="a database file or a PostgreSQL URL")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cli-rounds", type=int, default=5)
    args = parser.parse_args()
    with open_store(args.db, write=False) as store:
        counts = store.counts()
        print(f"{args.db}: {counts}")
        library(store, args.rounds)
        if args.cli_rounds:
            cli(args.db, store, args.cli_rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
