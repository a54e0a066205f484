"""Dask distributed: chunks run on the workers of a Dask cluster, results stream back.

With no scheduler address a LocalCluster of `workers` single-threaded worker processes is
started for the run and stopped after it. Every worker must have onrecord and the spaCy
model installed (docs/scaling.md); each loads the pipeline once, when the run starts.
"""

from __future__ import annotations

import logging
from typing import Any

from onrecord.errors import InputError, ModelError
from onrecord.models import Article
from onrecord.pipeline.engines.tasks import Broken, Crash, Key, Outcome, run_chunk

# Dask's housekeeping, tuned down for a LocalCluster started for one run: every event loop
# (scheduler, client, each worker) wakes every 20 ms to check it is not blocked, each
# process samples its CPU and memory every 0.5 s, workers sample their stacks every 10 ms
# and their memory every 0.1 s, and the scheduler looks for work to steal every 0.1 s and
# for memory to move every 2 s: all for a dashboard that is off, spilling that a run
# returning its results at once never needs, and balancing its queue already does
# (chunks wait on the scheduler until a worker is free). On 16 PolNeAR dev texts with 2
# workers that housekeeping was a fifth of the run's CPU: 7.45 CPU s with it, 5.65 without,
# `--workers 2` 6.09 (docs/scaling.md).
LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
}


class DaskBackend:
    """Chunks as Dask futures, collected with `as_completed` as they finish."""

    def __init__(self, workers: int, model: str | None = None, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as error:
            raise InputError(
                "the dask engine needs Dask distributed, which is not installed",
                hint="pip install 'onrecord[dask]'",
            ) from error
        self.model = model
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            import dask

            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        self.slots = sum(self.client.nthreads().values()) or workers
        self._load_everywhere()
        self.completed = as_completed()
        self.tasks: dict[Any, tuple[Key, list[Article]]] = {}

    def _load_everywhere(self) -> None:
        """Load the pipeline on every worker at once, as worker processes do on start
        (otherwise each loads it on its first chunk, one after the other)."""
        for outcome in self.client.run(run_chunk, [], self.model).values():
            if isinstance(outcome, Broken):
                self.close()
                raise ModelError(outcome.message, hint=outcome.hint)

    def submit(self, key: Key, chunk: list[Article]) -> None:
        """Send `chunk` to the cluster as one task."""
        future = self.client.submit(run_chunk, chunk, self.model, pure=False)
        self.tasks[future] = (key, chunk)
        self.completed.add(future)

    def wait(self) -> list[tuple[Key, list[Article], Outcome]]:
        """Block until a task finishes; return it and any others already finished."""
        futures = [next(self.completed), *self.completed.next_batch(block=False)]
        finished = []
        for future in futures:
            key, chunk = self.tasks.pop(future)
            finished.append((key, chunk, _outcome(future)))
            future.release()
        return finished

    def close(self) -> None:
        """Disconnect; stop the LocalCluster if this run started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _outcome(future: Any) -> Outcome:
    if future.status == "finished":
        result: Outcome = future.result()
        return result
    error = future.exception()
    return Crash(f"its Dask task failed ({type(error).__name__}: {error})")
