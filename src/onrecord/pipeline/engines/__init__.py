"""Engines: where the per-article stages (parse, extract, speakers, dates) run.

One interface, `Engine.analyse(articles)`: clean articles in, one `ProcessedArticle` or
`Failure` per article out, in input order, lazily. Three engines implement it:

- in process (`workers=0`): this process parses, as the library always did;
- worker processes on this machine (`engine="processes"`, the default);
- a Dask cluster (`engine="dask"`), a LocalCluster unless a scheduler address is given.

The stages run unchanged in each (`tasks.analyse_chunk`); the caller stays the single
writer. A worker or task that dies is that chunk's inputs' failure, never the run's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Protocol

from onrecord import settings
from onrecord.errors import InputError
from onrecord.models import Article
from onrecord.pipeline.engines.tasks import Backend, Result, ordered

ENGINES = ("processes", "dask")
# Articles per task sent to a worker: enough for spaCy's batching (a chunk of 8 parses
# as fast as one of 32, measured on PolNeAR dev), small enough to share 40 texts evenly.
CHUNK = 8
# Chunks out per worker at once: one being parsed, one waiting in the worker for its turn,
# one parsed and waiting for the writer to store the chunks before it.
CHUNKS_PER_WORKER = 3


class Engine(Protocol):
    """Runs the per-article stages over many articles."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Yield one result per article, in the order the articles came."""


class InProcess:
    """Parse in this process (`workers=0`)."""

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size

    def analyse(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Yield the articles' results, parsed here in batches of `batch_size`."""
        from onrecord.nlp import load_pipeline
        from onrecord.pipeline.analyse import analyse_articles

        source = iter(articles)
        first = next(source, None)
        if first is not None:
            nlp = load_pipeline(self.model)
            yield from analyse_articles(chain([first], source), nlp, batch_size=self.batch_size)


class Parallel:
    """Parse on a backend's workers (started on the first article), chunk by chunk."""

    def __init__(self, start: Callable[[], Backend]) -> None:
        self.start = start
        self.backend: Backend | None = None

    def analyse(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Yield the articles' results in input order, at most a few chunks per worker out."""
        source = iter(articles)
        first = next(source, None)
        if first is None:
            return
        if self.backend is None:
            self.backend = self.start()
        window = CHUNKS_PER_WORKER * max(1, self.backend.slots)
        yield from ordered(chain([first], source), self.backend, chunk=CHUNK, window=window)

    def close(self) -> None:
        """Stop the backend's workers, if they were started."""
        if self.backend is not None:
            self.backend.close()
            self.backend = None


def worker_count(value: int | str | None = None) -> int:
    """Return the number of worker processes `value` (default: the `workers` setting) names."""
    chosen = str(value if value is not None else settings.get("workers")).strip().lower()
    if chosen == "auto":
        if hasattr(os, "sched_getaffinity"):  # the cores this process may use
            return len(os.sched_getaffinity(0))
        return os.cpu_count() or 1
    if chosen.isdigit():
        return int(chosen)
    raise InputError(
        f"bad number of workers {chosen!r}",
        hint="set ONRECORD_WORKERS (or --workers) to a number, 0 to parse in process, or auto",
    )


@contextmanager
def open_engine(
    name: str | None = None,
    workers: int | str | None = None,
    *,
    model: str | None = None,
    scheduler: str | None = None,
    batch_size: int = 32,
) -> Iterator[Engine]:
    """Open the engine `name` (default: the `engine` setting) for one run; stop it after."""
    chosen = name or settings.get("engine")
    count = worker_count(workers)
    address = scheduler if scheduler is not None else settings.get("scheduler")
    if chosen not in ENGINES:
        raise InputError(f"unknown engine {chosen!r}", hint=f"choose one of {', '.join(ENGINES)}")
    if chosen == "processes" and count == 0:
        yield InProcess(model, batch_size)
        return
    engine = Parallel(_starter(chosen, max(1, count), model, address or None))
    try:
        yield engine
    finally:
        engine.close()


def _starter(
    name: str, workers: int, model: str | None, scheduler: str | None
) -> Callable[[], Backend]:
    """Return a function that starts the backend `name` when the first article arrives."""
    if name == "dask":
        from onrecord.pipeline.engines.distributed import DaskBackend

        return lambda: DaskBackend(workers, model, scheduler)
    from onrecord.pipeline.engines.processes import ProcessBackend

    return lambda: ProcessBackend(workers, model)
