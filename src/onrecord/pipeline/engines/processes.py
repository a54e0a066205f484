"""Worker processes on this machine: each loads the pipeline once and analyses chunks.

Each worker holds up to two chunks (one being parsed, the next waiting in its inbox), so
it never waits for the parent to finish storing before starting the next. Chunks travel
down one pipe and results come back up another, in the order sent, so the parent always
knows which chunk a worker was parsing when it died (its sentinel fires with no answer):
that chunk is reported as crashed, the one waiting behind it is handed out again, and a
fresh worker takes the dead one's place. Workers are started with `spawn` (no fork of a
parent that may hold threads or a database connection) and ignore Ctrl-C: the parent
stops them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from onrecord.models import Article
from onrecord.pipeline.engines.tasks import Broken, Crash, Key, Outcome, run_chunk

# What a worker runs on each chunk: `run_chunk`, or a stand-in in the tests.
Task = Callable[[Sequence[Article], str | None], Outcome]

# Chunks one worker holds at once: the one it parses and the next.
HELD = 2
# Seconds a worker is given to finish after being asked to stop, before it is terminated.
STOP_GRACE = 10.0


def serve(
    tasks: Connection, results: Connection, model: str | None, task: Task = run_chunk
) -> None:
    """A worker's life: load the pipeline, then answer every chunk sent until told to stop.

    A thread reads the chunks into an inbox as they come, so the parent's sends never wait
    on a worker busy parsing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox: queue.Queue[list[Article] | None] = queue.Queue()

    def receive() -> None:
        while True:
            try:
                chunk = tasks.recv()
            except (EOFError, OSError):  # the parent is gone
                chunk = None
            inbox.put(chunk)
            if chunk is None:
                return

    threading.Thread(target=receive, name="onrecord-inbox", daemon=True).start()
    loaded = task([], model)  # load before the first chunk arrives
    while (chunk := inbox.get()) is not None:
        outcome = loaded if isinstance(loaded, Broken) else task(chunk, model)
        try:
            results.send(outcome)
        except OSError:
            return


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, args: tuple) -> None:
        their_tasks, self.tasks = context.Pipe(duplex=False)
        self.results, their_results = context.Pipe(duplex=False)
        self.process: BaseProcess = context.Process(
            target=serve,
            args=(their_tasks, their_results, *args),
            name="onrecord-worker",
            daemon=True,
        )
        self.process.start()
        their_tasks.close()
        their_results.close()
        self.held: deque[tuple[Key, list[Article]]] = deque()  # sent, in order


class ProcessBackend:
    """A pool of `workers` processes, each holding at most HELD chunks."""

    def __init__(self, workers: int, model: str | None = None, task: Task = run_chunk) -> None:
        self.args = (model, task)
        self.slots = workers
        self.context = multiprocessing.get_context("spawn")
        self.workers = [_Worker(self.context, self.args) for _ in range(workers)]
        self.queue: deque[tuple[Key, list[Article]]] = deque()

    def submit(self, key: Key, chunk: list[Article]) -> None:
        """Queue `chunk`; it goes to the worker holding the fewest."""
        self.queue.append((key, chunk))
        self._dispatch()

    def wait(self) -> list[tuple[Key, list[Article], Outcome]]:
        """Block until a worker answers or dies; return the chunks finished."""
        busy = [w for w in self.workers if w.held]
        watched: dict[object, _Worker] = {w.results: w for w in busy}
        watched |= {w.process.sentinel: w for w in busy}
        ready = wait(list(watched))  # type: ignore[arg-type]
        finished = []
        for worker in {watched[r] for r in ready}:
            key, chunk = worker.held[0]
            outcome = self._answer(worker)
            if outcome is not None:
                finished.append((key, chunk, outcome))
        self._dispatch()
        return finished

    def close(self) -> None:
        """Ask every worker to stop; terminate those that do not."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.tasks.send(None)
        for worker in self.workers:
            worker.process.join(STOP_GRACE)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()
        self.workers = []

    def _answer(self, worker: _Worker) -> Outcome | None:
        """The worker's answer to its oldest chunk; if it died instead, a Crash for that
        chunk, the chunks behind it queued again, and a new worker in its place."""
        try:
            if worker.results.poll():
                outcome: Outcome = worker.results.recv()
                worker.held.popleft()
                return outcome
        except (EOFError, OSError):
            pass
        if worker.process.is_alive():  # woken by nothing of this worker's
            return None
        worker.process.join()
        worker.tasks.close()
        worker.results.close()
        worker.held.popleft()
        self.queue.extendleft(reversed(worker.held))
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.args)
        return Crash(f"its worker process stopped ({_exit(worker.process.exitcode)})")

    def _dispatch(self) -> None:
        while self.queue:
            worker = min(self.workers, key=lambda w: len(w.held))
            if len(worker.held) >= HELD:
                return
            key, chunk = self.queue.popleft()
            worker.held.append((key, chunk))
            # A worker that died: its sentinel reports the chunk as crashed.
            with contextlib.suppress(OSError):
                worker.tasks.send(chunk)


def _exit(code: int | None) -> str:
    if code is not None and code < 0:
        return f"killed by signal {-code}"
    return f"exit code {code}"
