"""Options and helpers every command module of the CLI shares."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from onrecord import settings
from onrecord.errors import OnrecordError
from onrecord.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUTS_FAILED = 1


def db_option(function: F) -> F:
    """Add the --db option every database command takes."""
    setting = next(s for s in settings.SETTINGS if s.name == "db")
    return click.option(
        "--db",
        "db",
        envvar=setting.env_var,
        default=setting.default,
        show_default=True,
        type=click.Path(dir_okay=False),
        help=f"{setting.help} [env: {setting.env_var}]",
    )(function)


def format_option(*choices: str) -> Callable[[F], F]:
    """Add a --format option with `choices`, the first being the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into a message with its hint and exit code 1."""
    try:
        yield
    except OnrecordError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


@contextmanager
def store_of(db: str) -> Iterator[Store]:
    """Open the database for one command, turning library errors into messages."""
    with reported_errors(), open_store(db) as store:
        yield store
