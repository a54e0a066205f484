"""Fuzz cases run and failed: the property tests of tests/fault/test_fuzz.py at length.

Runs them under the Hypothesis profile `long` (1,000 examples per property unless
--examples says otherwise) with statistics on, and prints per property the cases run and
failed, then `fuzz_cases=N failures=F` (target 0).

    python bench/fuzz.py [--examples 1000] [--no-slow]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = re.compile(r"- (\d+) passing, (\d+) failing, and (\d+) invalid")
TEST = re.compile(r"^(tests/fault/test_fuzz\.py::\S+):")


def main() -> int:
    """Run the properties and print the cases per property and in all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--no-slow", action="store_true", help="skip the spaCy property")
    args = parser.parse_args()
    env = {**os.environ, "HYPOTHESIS_PROFILE": "long", "ONRECORD_FUZZ_EXAMPLES": str(args.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/fault/test_fuzz.py",
        "--hypothesis-show-statistics",
    ]
    if args.no_slow:
        command += ["-m", "not slow"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    total = failed = 0
    name = "?"
    for line in done.stdout.splitlines():
        if match := TEST.match(line.strip()):
            name = match.group(1).split("::", 1)[1]
        elif match := CASES.search(line):
            passing, failing, _ = map(int, match.groups())
            if passing + failing > 1:  # the generate phase, not a reuse or shrink phase
                print(f"  {name}: {passing + failing} cases, {failing} failed")
                total += passing + failing
                failed += failing
    print(done.stdout.splitlines()[-1] if done.stdout else done.stderr[-500:])
    print(f"fuzz_cases={total} failures={failed} pytest_exit={done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
