"""Settings for the whole suite."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres_server import Server, Unavailable, started

# Ingest parses in the test process, which loads spaCy once for every test; the worker
# processes and the Dask engine are tested on purpose (test_engines, test_parallel_ingest).
os.environ.setdefault("ONRECORD_WORKERS", "0")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """A throwaway PostgreSQL server for the session (tests/postgres_server.py)."""
    servers = started()
    try:
        server = next(servers)
    except Unavailable as exc:
        pytest.skip(f"PostgreSQL UNAVAILABLE, its store tests are skipped: {exc}")
    yield server
    servers.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """A maker of new empty databases, run once on SQLite files and once on PostgreSQL."""
    if request.param == "sqlite":
        return lambda name="corpus": str(tmp_path / f"{name}.db")
    server: Server = request.getfixturevalue("postgres_server")
    return server.fresh
