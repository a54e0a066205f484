"""Errors reach the user as one line and a hint; a traceback only with --debug."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.store import open_store
from onrecord.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    open_store(path).close()
    return path


@pytest.fixture
def broken_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading the stored articles fail the way a bug would."""

    def fail(self: SQLiteStore, **_page: object) -> None:
        raise RuntimeError("the bug")

    monkeypatch.setattr(SQLiteStore, "articles", fail)


@pytest.fixture(autouse=True)
def quiet_logger() -> Iterator[None]:
    """--debug adds a handler to the onrecord logger; take it off again after each test."""
    yield
    logger = logging.getLogger("onrecord")
    logger.handlers.clear()
    logger.setLevel(logging.NOTSET)


@pytest.mark.usefixtures("broken_counts")
def test_an_unforeseen_error_is_one_line_with_a_hint(db: Path) -> None:
    result = CliRunner().invoke(main, ["articles", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: unexpected RuntimeError: the bug",
        "Hint: run it again as `onrecord --debug ...` to see the traceback, and please report it",
    ]
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("broken_counts")
def test_debug_lets_the_traceback_through(db: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "articles", "--db", str(db)])
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert "Error: unexpected" not in result.output


def test_debug_logs_onrecord_debug_messages(db: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "articles", "--db", str(db)])
    assert result.exit_code == 0
    logger = logging.getLogger("onrecord")
    assert logger.isEnabledFor(logging.DEBUG) and logger.handlers


def test_usage_errors_still_exit_2(db: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "statements", "--since", "x", "--db", str(db)])
    assert result.exit_code == 2
