"""Fuzz cases run and failed: the property tests of tests/fault/test_fuzz.py at length.

Runs them under the Hypothesis profile `long` (1,000 examples per property unless
--examples says otherwise) with statistics on, and prints per property the cases
generated and failed, then `fuzz_cases=N failures=F failed_properties=P` (target 0; a
failing case is then shrunk to the smallest example, which pytest prints).

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
    name, phase = "?", ""
    for line in done.stdout.splitlines():
        if match := TEST.match(line.strip()):
            name = match.group(1).split("::", 1)[1]
        elif "during " in line and " phase" in line:
            phase = line.split("during ", 1)[1].split(" phase", 1)[0]
        elif (match := CASES.search(line)) and phase == "generate":
            passing, failing, _ = map(int, match.groups())
            print(f"  {name}: {passing + failing} cases generated, {failing} failed")
            total += passing + failing
            failed += failing
    print(done.stdout.splitlines()[-1] if done.stdout else done.stderr[-500:])
    broken = sum(1 for line in done.stdout.splitlines() if line.startswith("FAILED "))
    print(f"fuzz_cases={total} failures={failed} failed_properties={broken}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
