"""The reference docs stay true: every command, option, setting and field is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from onrecord import settings
from onrecord.cli import main
from onrecord.eval import errors
from onrecord.models import StatementView
from onrecord.queries.shapes import STATEMENT_FIELDS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _commands() -> dict[str, click.Command]:
    return dict(main.commands)


def test_every_command_has_a_section_in_the_cli_reference() -> None:
    reference = (DOCS / "cli.md").read_text()
    for name in _commands():
        assert f"## `onrecord {name}" in reference, f"command {name} is not documented"


def test_every_option_is_documented() -> None:
    reference = (DOCS / "cli.md").read_text()
    for name, command in _commands().items():
        for param in command.params:
            if isinstance(param, click.Option):
                for flag in param.opts:
                    assert f"`{flag}" in reference, f"{name} {flag} is not documented"


def test_every_setting_is_documented() -> None:
    reference = (DOCS / "cli.md").read_text()
    for setting in settings.SETTINGS:
        assert f"| `{setting.name}` | `{setting.env_var}` | `{setting.default}` |" in reference


def test_every_statement_field_is_documented() -> None:
    formats = (DOCS / "formats.md").read_text()
    assert [f.name for f in dataclasses.fields(StatementView)] == list(STATEMENT_FIELDS)
    for field in STATEMENT_FIELDS:
        assert f"| `{field}` |" in formats, f"statement field {field} is not documented"


def test_every_error_outcome_is_defined_in_the_metrics_reference() -> None:
    metrics = " ".join((DOCS / "metrics.md").read_text().split())
    for outcome in (*errors.GOLD_OUTCOMES, *errors.PREDICTED_OUTCOMES, errors.SPLIT):
        assert outcome in metrics, f"error outcome {outcome!r} is not defined"


def test_readme_gives_the_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
