"""Answers kept a while: reused until they expire, forgotten after an edit."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from onrecord.web.cache import Recent  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_kept_until_it_expires_or_is_cleared() -> None:
    clock = Clock()
    recent = Recent(seconds=10, size=2, clock=clock)
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert recent.get("a", lambda: compute("a")) == "A"
    assert recent.get("a", lambda: compute("a")) == "A"
    clock.now = 10.5
    assert recent.get("a", lambda: compute("a")) == "A"
    assert calls == ["a", "a"]
    recent.get("b", lambda: compute("b"))
    recent.get("c", lambda: compute("c"))  # the least recently used ("a") goes
    recent.get("a", lambda: compute("a"))
    recent.clear()
    recent.get("c", lambda: compute("c"))
    assert calls == ["a", "a", "b", "c", "a", "c"]
