"""Answers kept for a short while, for the pages that cost the most to read.

A speaker's page draws every one of their events, a speech event's page compares its
reports word by word, the outlets page counts every article: the answer is kept for
`seconds` (the `page_cache` setting; 0 keeps nothing). It is never kept past a write: the
app forgets every answer when it makes an edit and whenever the database says that another
connection (another worker process, an ingest, a CLI edit) has written since it last looked
(see `Web.store`). An answer computed while a write landed is not kept.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

KEEP_SECONDS = 60.0  # how long an answer is kept, unless the page_cache setting says
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
        self._generation = 0  # grows at every clear(): an answer begun before is not kept

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the kept answer to `key`, or compute it (outside the lock) and keep it."""
        if self.seconds <= 0:
            return compute()
        now = self.clock()
        with self._lock:
            found = self._answers.get(key)
            if found is not None and now - found[0] < self.seconds:
                self._answers.move_to_end(key)
                return found[1]  # type: ignore[no-any-return]
            generation = self._generation
        answer = compute()
        with self._lock:
            if generation == self._generation:  # no write seen while it was computed
                self._answers[key] = (now, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        """Forget every answer (after a write)."""
        with self._lock:
            self._answers.clear()
            self._generation += 1
