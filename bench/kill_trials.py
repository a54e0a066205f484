"""Kill trials: SIGKILL an ingest at random moments (and after each write), re-run, compare.

Each trial kills an ingest of a small corpus in a subprocess, runs it again to the end (in
a subprocess too), and compares what is stored (articles, statements, speakers, clusters,
speech events, topic scores, pending marks) with a clean run's. Prints one line per trial
and the total: `trials=N divergences=D` (target 0). Timings are whatever machine runs it.

    python bench/kill_trials.py [--trials 20] [--seed 15] [--no-writes] [--parallel]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fault.killing import WRITES, KillLab, Trial, parallel_run  # noqa: E402


def main() -> int:
    """Run the trials and print them; exit 1 when any diverged from the clean run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="kills at random moments")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-writes", action="store_true", help="skip the kills after writes")
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="also kill 2-worker ingests (writer and workers) after each write of two batches",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="onrecord-kill-") as folder:
        lab = KillLab(Path(folder))
        print(f"clean run: {lab.seconds:.1f} s", flush=True)
        trials: list[Trial] = []
        if not args.no_writes:
            trials += _printed(lab.after_writes(batches=2))
        trials += _printed(lab.at_random(args.trials, args.seed))
        if args.parallel:
            trials += _printed(
                [
                    lab.parallel_after_write(method, n, rerun=parallel_run)
                    for n in (1, 2)
                    for method in WRITES
                ]
            )
    diverged = [t for t in trials if t.differences]
    killed = sum(t.killed for t in trials)
    print(
        f"trials={len(trials)} killed_while_running={killed} divergences={len(diverged)} "
        f"seed={args.seed} seconds={time.perf_counter() - started:.0f}"
    )
    return 1 if diverged else 0


def _printed(trials: list[Trial]) -> list[Trial]:
    for trial in trials:
        state = "killed" if trial.killed else "had ended"
        print(
            f"  {trial.moment:>24}: {state}; differs in {', '.join(trial.differences) or 'nothing'}"
        )
    return trials


if __name__ == "__main__":
    sys.exit(main())
