"""Options and helpers every command module of the CLI shares."""

from __future__ import annotations

import logging
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
EXIT_FAILED = 1

DEBUG_HINT = "run it again as `onrecord --debug ...` to see the traceback, and please report it"


class Main(click.Group):
    """The `onrecord` group: an error nobody foresaw is one line (with --debug, a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OnrecordError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_FAILED)
        except Exception as error:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: unexpected {type(error).__name__}: {error}", err=True)
            click.echo(f"Hint: {DEBUG_HINT}", err=True)
            sys.exit(EXIT_FAILED)


def set_debug(enabled: bool) -> None:
    """Log onrecord's debug messages (tracebacks of failed inputs) to stderr when `enabled`."""
    if not enabled:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("debug: %(name)s: %(message)s"))
    logger = logging.getLogger("onrecord")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


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
        sys.exit(EXIT_FAILED)


@contextmanager
def store_of(db: str, *, write: bool = False) -> Iterator[Store]:
    """Open the database for one command (read-only unless `write`), errors as messages.

    A reading command never creates or changes the file: a missing database is refused
    with "no database at PATH".
    """
    with reported_errors(), open_store(db, write=write) as store:
        yield store
