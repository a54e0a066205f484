"""Concurrent-ingest trials: N `onrecord ingest` processes at once into one database.

Each trial deals the example corpus's files at random into N parts (2, 4 or 8 writers),
starts one ingest per part at the same moment, and compares what is stored (speakers with
their kinds and aliases, statements and the speaker of each, counts, kept speaker counts,
clusters, pending marks; ids apart) with one sequential run's. Prints one line per trial
and the total: `trials=N divergences=D` (target 0). Timings are whatever machine runs it.

    python bench/concurrent_trials.py [--writers 2,4,8] [--rounds 2] [--seed 15]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.test_concurrent_ingest import (  # noqa: E402
    _finished,
    _ingest,
    snapshot,
)
from tests.shared_data import EXAMPLE_CORPUS  # noqa: E402


def dealt(root: Path, writers: int, rng: random.Random) -> list[Path]:
    """Copy the example corpus's files into `writers` folders, dealt in a random order."""
    files = sorted(f for folder in EXAMPLE_CORPUS for f in folder.iterdir() if f.is_file())
    rng.shuffle(files)
    parts = [root / f"part{n}" for n in range(writers)]
    for part in parts:
        part.mkdir(parents=True)
    for n, file in enumerate(files):
        shutil.copy(file, parts[n % writers] / file.name)
    return parts


def trial(root: Path, writers: int, rng: random.Random, want: dict[str, object]) -> bool:
    """Run `writers` ingests at once; True when the database equals the sequential one."""
    db = root / "together.db"
    running = [_ingest(db, part) for part in dealt(root, writers, rng)]
    for process in running:
        _finished(process)
    return snapshot(db) == want


def main() -> int:
    """Run the trials and print them; exit 1 when any diverged from the sequential run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", default="2,4,8", help="comma-separated writer counts")
    parser.add_argument("--rounds", type=int, default=2, help="trials per writer count")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    counts = [int(n) for n in args.writers.split(",")]
    divergences = trials = 0
    with tempfile.TemporaryDirectory(prefix="onrecord-concurrent-") as folder:
        base = Path(folder)
        sequential = base / "alone"
        _finished(_ingest(sequential / "alone.db", *dealt(sequential, 1, rng)))
        want = snapshot(sequential / "alone.db")
        for writers in counts:
            for round_ in range(args.rounds):
                started = time.perf_counter()
                same = trial(base / f"w{writers}r{round_}", writers, rng, want)
                trials += 1
                divergences += not same
                seconds = time.perf_counter() - started
                outcome = "same" if same else "DIVERGED"
                print(f"{writers} writers, round {round_ + 1}: {outcome} ({seconds:.1f} s)")
    print(f"trials={trials} divergences={divergences}")
    return 1 if divergences else 0


if __name__ == "__main__":
    sys.exit(main())
