"""Shared fixtures: paths of the example corpus and of ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"

requires_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed articles are not here ({SEEDS} is absent)"
)
