"""Parallel ingest gives the database a single process gives: same rows, ids and clusters."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.database_rows import database_rows
from tests.shared_data import EXAMPLE_CORPUS

from onrecord.cli import main
from onrecord.errors import ModelError
from onrecord.pipeline.run import ingest
from onrecord.store import open_store

pytestmark = pytest.mark.slow


def _ingest_cli(db: Path, *options: str) -> None:
    args = ["ingest", *map(str, EXAMPLE_CORPUS), "--db", str(db), "--silent", *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[object, ...]]]:
    db = tmp_path_factory.mktemp("inprocess") / "one.db"
    _ingest_cli(db, "--workers", "0")
    rows = database_rows(db)
    assert len(rows["statements"]) > 50 and rows["statement_clusters"]
    return rows


def test_the_default_worker_processes_give_the_same_database(
    in_process: dict[str, list[tuple[object, ...]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ONRECORD_WORKERS", raising=False)  # the default: one per core
    db = tmp_path / "default.db"
    _ingest_cli(db)
    assert database_rows(db) == in_process


def test_one_worker_process_gives_the_same_database(
    in_process: dict[str, list[tuple[object, ...]]], tmp_path: Path
) -> None:
    db = tmp_path / "one-worker.db"
    _ingest_cli(db, "--workers", "1")
    assert database_rows(db) == in_process


@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None,
    reason="DASK ENGINE NOT TESTED: Dask distributed is not installed "
    "(pip install 'onrecord[dask]'; `make test` installs it)",
)
def test_a_dask_local_cluster_gives_the_same_database(
    in_process: dict[str, list[tuple[object, ...]]], tmp_path: Path
) -> None:
    db = tmp_path / "dask.db"
    with open_store(db) as store:
        report = ingest(EXAMPLE_CORPUS, store, engine="dask", workers=2)
    assert report.ok
    assert database_rows(db) == in_process


@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None,
    reason="DASK ENGINE NOT TESTED: Dask distributed is not installed "
    "(pip install 'onrecord[dask]'; `make test` installs it)",
)
def test_a_dask_cluster_loads_the_pipeline_on_every_worker_before_any_chunk() -> None:
    from onrecord.pipeline.engines.distributed import DaskBackend

    backend = DaskBackend(1)
    try:
        loaded = backend.client.run(_pipelines_loaded)
        # the run's LocalCluster keeps Dask's housekeeping down (LOCAL_CLUSTER_CONFIG):
        # event loops checked each second, not every 20 ms; no work stealing
        chores = backend.client.run(_housekeeping)
        scheduler = backend.cluster.scheduler
        tick = scheduler.periodic_callbacks["tick"].callback_time
    finally:
        backend.close()
    assert list(loaded.values()) == [1]
    assert list(chores.values()) == [{"tick": 1000, "memory_monitor": 1000, "monitor": 5000}]
    assert tick == 1000
    assert "stealing" not in scheduler.extensions
    with pytest.raises(ModelError, match="cannot load the spaCy pipeline 'nope'"):
        DaskBackend(1, model="nope")


def _housekeeping(dask_worker: Any) -> dict[str, float]:
    """The intervals (ms) of a Dask worker's periodic chores (run on the worker)."""
    chores = dask_worker.periodic_callbacks
    return {name: chores[name].callback_time for name in ("tick", "memory_monitor", "monitor")}


def _pipelines_loaded() -> int:
    """How many pipelines this process has loaded (run on a Dask worker)."""
    from onrecord.nlp import load_pipeline

    return load_pipeline.cache_info().currsize
