"""Engines: results in input order, a bounded window, a crash failing only its input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from tests.engine_tasks import POISON, article, echo

from onrecord.errors import InputError, ModelError
from onrecord.models import Article, Failure, ProcessedArticle
from onrecord.pipeline.engines import CHUNK, Parallel, open_engine, worker_count
from onrecord.pipeline.engines.processes import ProcessBackend
from onrecord.pipeline.engines.tasks import Broken, Crash, Key, Outcome, ordered


class Shuffled:
    """A backend in this process that finishes chunks newest first, two at a time."""

    slots = 2

    def __init__(self, crash: str | None = None, broken: bool = False) -> None:
        self.pending: list[tuple[Key, list[Article]]] = []
        self.crash = crash
        self.broken = broken
        self.most = 0  # the most articles out at once
        self.submitted = 0

    def submit(self, key: Key, chunk: list[Article]) -> None:
        self.pending.append((key, chunk))
        self.submitted += 1
        self.most = max(self.most, sum(len(c) for _, c in self.pending))

    def wait(self) -> list[tuple[Key, list[Article], Outcome]]:
        done, self.pending = self.pending[-2:][::-1], self.pending[:-2]
        return [(key, chunk, self._run(chunk)) for key, chunk in done]

    def _run(self, chunk: Sequence[Article]) -> Outcome:
        if self.broken:
            return Broken("cannot load the spaCy pipeline 'nope'", "install it")
        if self.crash and any(self.crash in a.text for a in chunk):
            return Crash("its worker process stopped (killed by signal 9)")
        return echo(chunk)

    def close(self) -> None:
        pass


def _sources(results: Sequence[ProcessedArticle | Failure]) -> list[str]:
    return [r.article.source if isinstance(r, ProcessedArticle) else r.source for r in results]


def test_results_come_back_in_input_order_whatever_order_chunks_finish() -> None:
    articles = [article(n) for n in range(23)]
    results = list(ordered(articles, Shuffled(), chunk=3, window=4))
    assert _sources(results) == [a.source for a in articles]
    assert all(isinstance(r, ProcessedArticle) for r in results)


def test_at_most_a_window_of_chunks_is_in_flight() -> None:
    pulled = 0

    def counted() -> Iterator[Article]:
        nonlocal pulled
        for n in range(100):
            pulled += 1
            yield article(n)

    backend = Shuffled()
    out = 0
    most_ahead = 0  # articles read from the input but not yet yielded
    for _ in ordered(counted(), backend, chunk=3, window=4):
        out += 1
        most_ahead = max(most_ahead, pulled - out)
    assert out == 100
    assert backend.most <= 4 * 3
    assert most_ahead <= 4 * 3


def test_a_crashed_chunk_fails_only_the_article_that_crashes_alone() -> None:
    articles = [article(n, POISON if n == 4 else "") for n in range(9)]
    results = list(ordered(articles, Shuffled(crash=POISON), chunk=3, window=2))
    assert _sources(results) == [a.source for a in articles]
    failed = [r for r in results if isinstance(r, Failure)]
    assert [f.source for f in failed] == ["a4.txt"]
    assert failed[0].reason == (
        "could not analyse the article: its worker process stopped (killed by signal 9)"
    )


def test_a_pipeline_that_cannot_load_stops_the_run() -> None:
    with pytest.raises(ModelError, match="cannot load the spaCy pipeline 'nope'"):
        list(ordered([article(1)], Shuffled(broken=True), chunk=3, window=2))


def test_worker_count_reads_numbers_auto_and_refuses_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert worker_count(3) == 3
    assert worker_count("0") == 0
    assert worker_count("auto") >= 1
    monkeypatch.setenv("ONRECORD_WORKERS", "5")
    assert worker_count() == 5
    with pytest.raises(InputError, match="bad number of workers 'two'"):
        worker_count("two")


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(InputError, match="unknown engine 'spark'"), open_engine("spark"):
        pass


def test_worker_processes_keep_order_and_a_killed_worker_fails_only_its_article() -> None:
    articles = [article(n, POISON if n == 10 else "") for n in range(3 * CHUNK)]
    backend = ProcessBackend(2, task=echo)
    engine = Parallel(lambda: backend)
    try:
        results = list(engine.analyse(articles))
        workers = [w.process for w in backend.workers]
    finally:
        engine.close()
    assert len(workers) == 2 and all(p.exitcode == 0 for p in workers)
    assert _sources(results) == [a.source for a in articles]
    failed = [r for r in results if isinstance(r, Failure)]
    assert [f.source for f in failed] == ["a10.txt"]
    assert "worker process stopped (killed by signal 9)" in failed[0].reason


def test_no_worker_starts_when_there_is_nothing_to_parse() -> None:
    started: list[ProcessBackend] = []

    def start() -> ProcessBackend:
        started.append(ProcessBackend(1, task=echo))
        return started[-1]

    engine = Parallel(start)
    assert list(engine.analyse([])) == []
    assert started == []
    assert [r.article.source for r in engine.analyse([article(1)])] == ["a1.txt"]  # type: ignore[union-attr]
    engine.close()
    assert len(started) == 1
