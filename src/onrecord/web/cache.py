"""Answers kept for a short while, for the pages that cost the most to read.

A speaker quoted 17,000 times takes about a tenth of a second to read in brief (their 700
events from index entries, on a busy machine), too long to read on every view of their page.
The answer is kept for `seconds`: an edit made through this server clears every answer at
once; a change made by another process (an ingest) shows within `seconds`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

KEEP_SECONDS = 60.0  # how long an answer is kept
KEEP_ANSWERS = 256  # how many answers are kept (the least recently used go first)


class Recent:
    """A small, thread-safe store of recent answers, each kept for a while."""

    def __init__(
        self,
        seconds: float = KEEP_SECONDS,
        size: int = KEEP_ANSWERS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._answers: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the kept answer to `key`, or compute it (outside the lock) and keep it."""
        now = self.clock()
        with self._lock:
            found = self._answers.get(key)
            if found is not None and now - found[0] < self.seconds:
                self._answers.move_to_end(key)
                return found[1]  # type: ignore[no-any-return]
        answer = compute()
        with self._lock:
            self._answers[key] = (now, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        """Forget every answer (after an edit)."""
        with self._lock:
            self._answers.clear()
