"""One CLI grammar (issue 16): every listing takes the same --format, --limit and --offset,
`show` prints JSON, the progress bar shows a total and the time left, and docs/cli.md says
so for every command and subcommand."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from tests.unit.test_queries import db as db  # noqa: F401  (the fixture)

from onrecord.cli import main
from onrecord.cli.options import progress_bar

REFERENCE = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
LISTINGS = [
    ["statements"],
    ["search"],
    ["speakers"],
    ["speakers", "list"],
    ["articles"],
    ["articles", "list"],
    ["topics"],
    ["topics", "list"],
    ["clusters"],
    ["drift"],
    ["timeline"],
    ["edits"],
]


def command(path: list[str]) -> click.Command:
    found: click.Command = main
    for name in path:
        assert isinstance(found, click.Group)
        found = found.commands[name]
    return found


def options(path: list[str]) -> dict[str, click.Option]:
    return {
        flag: param
        for param in command(path).params
        if isinstance(param, click.Option)
        for flag in param.opts
    }


@pytest.mark.parametrize("path", LISTINGS, ids=" ".join)
def test_every_listing_takes_the_same_options(path: list[str]) -> None:
    given = options(path)
    assert {"--format", "--limit", "--offset", "--db"} <= set(given)
    choice = given["--format"].type
    assert isinstance(choice, click.Choice)
    assert list(choice.choices)[:4] == ["table", "json", "jsonl", "csv"]
    assert given["--format"].default == "table"


def test_the_grammar_section_names_every_listing() -> None:
    section = REFERENCE.split("## One grammar for every listing")[1].split("\n## ")[0]
    for name in {path[0] for path in LISTINGS} - {"edits"}:
        assert f"`{name}`" in section, name


@pytest.mark.parametrize("path", [["show"], ["speakers", "show"]], ids=" ".join)
def test_show_commands_take_format_json(path: list[str]) -> None:
    choice = options(path)["--format"].type
    assert isinstance(choice, click.Choice) and "json" in choice.choices


@pytest.mark.parametrize(
    "args",
    [
        ["topics", "--limit", "1"],
        ["drift", "--omissions", "--limit", "1"],
        ["edits", "--limit", "1"],
    ],
    ids=lambda args: args[0],
)
def test_listings_without_rows_still_answer_in_every_format(
    db: Path,  # noqa: F811
    args: list[str],
) -> None:
    for fmt, empty in (("json", "[]\n"), ("jsonl", "")):
        result = CliRunner().invoke(main, [*args, "--format", fmt, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert result.stdout == empty or result.stdout.startswith(("[", "{"))


def _commands(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(group, click.Group):
        for name, sub in group.commands.items():
            yield from _commands(sub, (*path, name))


@pytest.mark.parametrize("path", list(_commands(main))[1:], ids=" ".join)
def test_every_command_and_subcommand_option_is_documented(path: tuple[str, ...]) -> None:
    assert f"onrecord {' '.join(path)}" in REFERENCE, f"{' '.join(path)} is not documented"
    for flag in options(list(path)):
        assert f"`{flag}" in REFERENCE, f"{' '.join(path)} {flag} is not documented"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr is for a person."""

    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_the_total_and_the_time_left() -> None:
    screen = Terminal()
    with progress_bar(10, "score", silent=False, file=screen) as bar:
        for _ in range(4):
            bar.update()
        bar.refresh()
    last = screen.getvalue().split("\r")[-1]
    assert re.search(r"score: +\d+%\|.*\| \d+/10 \[\d\d:\d\d<\d\d:\d\d, ", last), last


def test_the_progress_bar_is_off_when_silent_or_not_on_a_terminal() -> None:
    quiet, piped = Terminal(), io.StringIO()
    with progress_bar(10, "ingest", silent=True, file=quiet) as bar:
        bar.update()
    with progress_bar(10, "ingest", silent=False, file=piped) as bar:
        bar.update()
    assert quiet.getvalue() == "" and piped.getvalue() == ""
