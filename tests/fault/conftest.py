"""Shared fixtures of the fault suite: the nasty corpus, written fresh for each test."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, settings

from tests.nasty_inputs import LIMITS, Case, write_corpus


@pytest.fixture
def nasty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Case]]:
    """The nasty corpus in a folder of its own, read with its small limits."""
    for name, value in LIMITS.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "nasty"
    folder.mkdir()
    return folder, write_corpus(folder)


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail the test (instead of hanging CI) when it runs longer than two minutes."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the test hung (a FIFO or a device was read?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# Examples per property: `ci` keeps `make test` quick; bench/fuzz.py runs `long`.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "1000")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
