"""Where ../shared/data is, and a marker for tests that need it (they skip without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEEDS = SHARED / "seeds"

requires_shared = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"shared test data is absent ({SEEDS} not found; it sits beside the repository)",
)


def seed_paths() -> list[Path]:
    """Return the seed articles' paths, sorted (empty when the data is absent)."""
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
