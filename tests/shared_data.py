"""Where the test data is: the bundled examples, and ../shared/data (tests skip without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# The demo corpus, in the order a walk of examples/ reads it, without pages/ (the
# fictional real-form pages `onrecord eval pages` scores against their own gold).
EXAMPLE_CORPUS = tuple(EXAMPLES / name for name in ("html", "jsonl", "txt"))
EXAMPLE_PAGES = EXAMPLES / "pages" / "pages.jsonl"
SHARED = REPO.parent / "shared" / "data"
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "polnear"

requires_shared = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"shared test data is absent ({SEEDS} not found; it sits beside the repository)",
)
requires_seeds = requires_shared

# The seeds' topic, written by the tests that need it (the seeds themselves stay in ../shared).
SEEDS_TOPICS = """\
topics:
  - name: talks-with-us
    description: Whether Iran should hold talks or negotiations with the United States.
    proposition: Iran should negotiate with the United States
    examples:
      - There will be no talks with the US.
      - Negotiations with America are forbidden.
    keywords: [talks, negotiations, negotiate, negotiating table]
    entities: [United States, US, U.S., America, Americans, American, Washington]
"""


def seed_paths() -> list[Path]:
    """Return the seed articles' paths, sorted (empty when the data is absent)."""
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
