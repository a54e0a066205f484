"""Options and helpers every command module of the CLI shares."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import click

from onrecord import settings
from onrecord.errors import OnrecordError, UsageError
from onrecord.render.listing import MACHINE_FORMATS, write_records
from onrecord.render.text import terminal_visible
from onrecord.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

EXIT_INPUTS_FAILED = 1
EXIT_FAILED = 1
EXIT_USAGE = 2
LISTING_FORMATS = ("table", *MACHINE_FORMATS)

DEBUG_HINT = "run it again as `onrecord --debug ...` to see the traceback, and please report it"


class Main(click.Group):
    """The `onrecord` group: an error nobody foresaw is one line (with --debug, a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OnrecordError as error:
            click.echo(terminal_visible(f"Error: {error}"), err=True)
            sys.exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED)
        except Exception as error:
            if ctx.params.get("debug"):
                raise
            click.echo(
                terminal_visible(f"Error: unexpected {type(error).__name__}: {error}"), err=True
            )
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


def listing_options(*extra: str) -> Callable[[F], F]:
    """Add --format table|json|jsonl|csv (and `extra`), --limit and --offset to a listing."""

    def decorate(function: F) -> F:
        function = click.option(
            "--offset",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help="Skip this many rows first.",
        )(function)
        function = click.option(
            "--limit", type=click.IntRange(min=0), help="List at most this many rows."
        )(function)
        return format_option(*LISTING_FORMATS, *extra)(function)

    return decorate


def emit(
    items: Iterable[R],
    output_format: str,
    *,
    shape: Callable[[R], dict[str, Any]],
    fields: Sequence[str],
    table: Callable[[Iterable[R]], Iterable[str]],
    empty: str,
) -> None:
    """Print a listing as it is read: table blocks (or `empty` on stderr), or records.

    When the reader of the output goes away (`| head -1`), reading stops quietly.
    """
    try:
        if output_format in MACHINE_FORMATS:
            write_records((shape(item) for item in items), output_format, sys.stdout, fields)
            sys.stdout.flush()
            return
        printed = False
        for block in table(items):
            click.echo(block)
            printed = True
        if not printed:
            click.echo(empty, err=True)
    except BrokenPipeError:
        # Later writes (and the flush at exit) go nowhere instead of failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# The bar: what it does, a bar, done/total, and elapsed<left (the ETA) with the rate.
BAR_FORMAT = (
    "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]"
)


def progress_bar(
    total: int | None,
    desc: str,
    *,
    silent: bool,
    unit: str = " article",
    file: TextIO | None = None,
) -> Any:
    """Return a tqdm bar on stderr showing done/total and the time left (when the total is
    known; else a count and the rate); off with --silent, and when stderr is no terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit=unit,
        desc=desc,
        file=file or sys.stderr,
        disable=silent or None,  # None: only on a terminal
        bar_format=BAR_FORMAT if total is not None else None,
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into a message with its hint; exit code 2 for bad usage, else 1."""
    try:
        yield
    except OnrecordError as error:
        click.echo(terminal_visible(f"Error: {error}"), err=True)
        sys.exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_FAILED)


@contextmanager
def store_of(db: str, *, write: bool = False) -> Iterator[Store]:
    """Open the database for one command (read-only unless `write`), errors as messages.

    A reading command never creates or changes the file: a missing database is refused
    with "no database at PATH".
    """
    with reported_errors(), open_store(db, write=write) as store:
        yield store
