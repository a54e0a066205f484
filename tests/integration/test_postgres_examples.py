"""The same commands give the same answers on PostgreSQL as on SQLite (the example corpus)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.postgres_server import Server

from onrecord.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INPUTS = [str(EXAMPLES / "txt"), "--topics", str(EXAMPLES / "topics.yaml")]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def both(postgres_server: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The example articles ingested into a SQLite file and into a PostgreSQL database."""
    lite = str(tmp_path_factory.mktemp("lite") / "examples.db")
    server = postgres_server.fresh("examples")
    for db in (lite, server):
        _run("ingest", *INPUTS, "--db", db, "--silent")
    return lite, server


@pytest.mark.parametrize(
    "command",
    [
        ["statements", "--format", "jsonl"],
        ["statements", "--since", "2025-03-01", "--until", "2025-06-30"],
        ["speakers"],
        ["speakers", "show", "Kestrel"],
        ["clusters"],
        ["timeline", "--speaker", "Kestrel"],
        ["articles"],
        ["topics", "list"],
        ["statements", "--limit", "3", "--offset", "2", "--format", "jsonl"],
    ],
)
def test_a_command_answers_the_same_on_both(both: tuple[str, str], command: list[str]) -> None:
    lite, server = both
    assert _run(*command, "--db", server) == _run(*command, "--db", lite)


def test_search_finds_the_same_statements(both: tuple[str, str]) -> None:
    lite, server = both
    for query in ("talks", "strait open", "harbour", "talks Iskarel"):
        found = [
            sorted(json.loads(line)["id"] for line in _run("search", query, "--db", db,
                                                           "--format", "jsonl").splitlines())
            for db in (lite, server)
        ]
        assert found[0] == found[1] and found[0], query


def test_reingest_and_corrections_agree(both: tuple[str, str]) -> None:
    lite, server = both
    for db in (lite, server):
        assert "ingested 0 article(s)" in _run("ingest", *INPUTS, "--db", db)
        _run("speakers", "rename", "Kestrel", "President Oriane Kestrel", "--db", db)
    for command in (["speakers"], ["edits"], ["statements", "--format", "jsonl"]):
        answers = [_run(*command, "--db", db) for db in (lite, server)]
        # The edit log says when each edit was made: compare without the time.
        if command == ["edits"]:
            answers = [re.sub(r"\d{4}-\d\d-\d\dT[\d:+]+", "TIME", text) for text in answers]
        assert answers[0] == answers[1]
