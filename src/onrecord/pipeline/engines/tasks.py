"""What an engine runs for each chunk of articles, and how chunks come back in input order.

A task is a chunk of clean articles; its outcome is their results (`ProcessedArticle` or
`Failure`, one per article, in order), a `Crash` when the process running it died or the
engine lost it, or a `Broken` when the pipeline cannot be loaded at all (fatal for the run).
`ordered` drives any backend that can `submit` a chunk and `wait` for finished ones: it
keeps a bounded window of chunks between the next one to hand out and the next one to
yield, so neither the input nor the results are ever held whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from onrecord.errors import ModelError
from onrecord.models import Article, Failure, ProcessedArticle

Result = ProcessedArticle | Failure
# A task's key: (chunk number, None) for a whole chunk, (chunk number, i) for its i-th
# article sent alone after the chunk crashed.
Key = tuple[int, int | None]


@dataclass(frozen=True, slots=True)
class Crash:
    """A task that never finished: its process died or its engine lost it."""

    reason: str


@dataclass(frozen=True, slots=True)
class Broken:
    """The pipeline could not be loaded where the task ran: the run cannot go on."""

    message: str
    hint: str | None = None


Outcome = list[Result] | Crash | Broken


def analyse_chunk(articles: Sequence[Article], model: str | None = None) -> list[Result]:
    """Parse and extract a chunk of articles with the (lazily loaded) pipeline; one result each.

    This is the only function an engine runs remotely: plain records in, plain records out.
    """
    from onrecord.nlp import load_pipeline
    from onrecord.pipeline.analyse import analyse_articles

    nlp = load_pipeline(model)
    return list(analyse_articles(articles, nlp, batch_size=max(1, len(articles))))


def run_chunk(articles: Sequence[Article], model: str | None = None) -> Outcome:
    """Like `analyse_chunk`, but a pipeline that cannot load becomes a `Broken` outcome."""
    try:
        return analyse_chunk(articles, model)
    except ModelError as error:
        return Broken(error.message, error.hint)


class Backend(Protocol):
    """Where chunks run: hand one out, wait for some to finish."""

    slots: int  # chunks it runs at once (its workers' threads)

    def submit(self, key: Key, chunk: list[Article]) -> None:
        """Start running `chunk` (it may wait for a free worker)."""

    def wait(self) -> list[tuple[Key, list[Article], Outcome]]:
        """Block until at least one submitted chunk has finished; return those finished."""

    def close(self) -> None:
        """Stop the workers this backend started."""


@dataclass
class _Slot:
    """One chunk's results as they arrive (all at once, or article by article after a crash)."""

    results: list[Result | None]

    @property
    def full(self) -> bool:
        return all(r is not None for r in self.results)


def ordered(
    articles: Iterable[Article], backend: Backend, *, chunk: int, window: int
) -> Iterator[Result]:
    """Run `articles` on `backend` in chunks and yield one result per article, in input order.

    At most `window` chunks are out at once (handed out, or finished and waiting for an
    earlier one), so at most `window * chunk` articles are in flight. A chunk whose process
    crashed is run again one article per task, so only the article that crashes alone
    becomes a Failure.
    """
    source = iter(articles)
    slots: dict[int, _Slot] = {}
    next_out = handed = 0
    exhausted = False
    while True:
        while not exhausted and handed - next_out < window:
            items = list(islice(source, chunk))
            if not items:
                exhausted = True
                break
            slots[handed] = _Slot([None] * len(items))
            backend.submit((handed, None), items)
            handed += 1
        if next_out == handed:
            return
        for key, items, outcome in backend.wait():
            _settle(slots, key, items, outcome, backend)
        while next_out in slots and slots[next_out].full:
            yield from (r for r in slots.pop(next_out).results if r is not None)
            next_out += 1


def _settle(
    slots: dict[int, _Slot], key: Key, items: list[Article], outcome: Outcome, backend: Backend
) -> None:
    """Put a finished task's results in its chunk's slot (or split a crashed chunk up)."""
    number, part = key
    if isinstance(outcome, Broken):
        raise ModelError(outcome.message, hint=outcome.hint)
    if isinstance(outcome, list) and len(outcome) != len(items):
        outcome = Crash(f"the engine returned {len(outcome)} results for {len(items)} articles")
    if isinstance(outcome, Crash):
        if part is None and len(items) > 1:
            for i, article in enumerate(items):
                backend.submit((number, i), [article])
            return
        reason = f"could not analyse the article: {outcome.reason}"
        outcome = [Failure(article.source, reason) for article in items]
    start = part or 0
    slots[number].results[start : start + len(outcome)] = outcome
