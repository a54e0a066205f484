"""Worker processes on this machine: each loads the pipeline once and analyses chunks.

Each worker has its own pipe and holds one chunk at a time, so the parent always knows
which chunk a worker held when it died (its sentinel fires with no answer): that chunk is
reported as crashed and a fresh worker takes the dead one's place. Workers are started
with `spawn` (no fork of a parent that may hold threads or a database connection) and
ignore Ctrl-C: the parent stops them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from onrecord.models import Article
from onrecord.pipeline.engines.tasks import Broken, Crash, Key, Outcome, run_chunk

# What a worker runs on each chunk: `run_chunk`, or a stand-in in the tests.
Task = Callable[[Sequence[Article], str | None], Outcome]

# Seconds a worker is given to finish after being asked to stop, before it is terminated.
STOP_GRACE = 10.0


def serve(conn: Connection, model: str | None, task: Task = run_chunk) -> None:
    """A worker's life: load the pipeline, then answer every chunk sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    loaded = task([], model)  # load before the first chunk arrives
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if chunk is None:
            return
        outcome = loaded if isinstance(loaded, Broken) else task(chunk, model)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, args: tuple) -> None:
        self.conn, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve, args=(theirs, *args), name="onrecord-worker", daemon=True
        )
        self.process.start()
        theirs.close()


class ProcessBackend:
    """A pool of `workers` processes, each holding at most one chunk."""

    def __init__(self, workers: int, model: str | None = None, task: Task = run_chunk) -> None:
        self.args = (model, task)
        self.slots = workers
        self.context = multiprocessing.get_context("spawn")
        self.idle: list[_Worker] = [_Worker(self.context, self.args) for _ in range(workers)]
        self.busy: dict[_Worker, tuple[Key, list[Article]]] = {}
        self.queue: deque[tuple[Key, list[Article]]] = deque()

    def submit(self, key: Key, chunk: list[Article]) -> None:
        """Queue `chunk`; it goes to the first free worker."""
        self.queue.append((key, chunk))
        self._dispatch()

    def wait(self) -> list[tuple[Key, list[Article], Outcome]]:
        """Block until a worker answers or dies; return the chunks finished."""
        watched: dict[object, _Worker] = {w.conn: w for w in self.busy}
        watched |= {w.process.sentinel: w for w in self.busy}
        ready = wait(list(watched))  # type: ignore[arg-type]
        finished = []
        for worker in {watched[r] for r in ready}:
            key, chunk = self.busy.pop(worker)
            finished.append((key, chunk, self._answer(worker)))
        self._dispatch()
        return finished

    def close(self) -> None:
        """Ask every worker to stop; terminate those that do not."""
        workers = [*self.idle, *self.busy]
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(STOP_GRACE)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.conn.close()
        self.idle, self.busy = [], {}

    def _answer(self, worker: _Worker) -> Outcome:
        """The worker's answer; if it died instead, a Crash, and a new worker in its place."""
        try:
            if worker.conn.poll():
                outcome: Outcome = worker.conn.recv()
                self.idle.append(worker)
                return outcome
        except (EOFError, OSError):
            pass
        worker.process.join()
        worker.conn.close()
        self.idle.append(_Worker(self.context, self.args))
        return Crash(f"its worker process stopped ({_exit(worker.process.exitcode)})")

    def _dispatch(self) -> None:
        while self.queue and self.idle:
            worker = self.idle.pop()
            key, chunk = self.queue.popleft()
            self.busy[worker] = (key, chunk)
            # A worker that died while idle: its sentinel reports the chunk as crashed.
            with contextlib.suppress(OSError):
                worker.conn.send(chunk)


def _exit(code: int | None) -> str:
    if code is not None and code < 0:
        return f"killed by signal {-code}"
    return f"exit code {code}"
