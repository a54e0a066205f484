"""Commands that correct the record, and the edit log that keeps every correction.

`articles set`, `statements reassign`, `statements delete` and `edits`; each calls one
function of `onrecord.pipeline.corrections` (the web UI calls the same) and prints the
edits it logged. The groups they join are made in `cli/__init__.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from onrecord import settings
from onrecord.cli.options import F, db_option, emit, listing_options, store_of
from onrecord.models import MentionKind
from onrecord.queries.shapes import EDIT_FIELDS, edit_record
from onrecord.queries.speakers import find_speaker
from onrecord.render.edits import edit_line, edit_log
from onrecord.render.text import statement_block

# What `--published` accepts to make the date unknown again.
UNKNOWN_DATE = ("none", "unknown", "")


def by_option(function: F) -> F:
    """Add --by NAME, who makes the edit (default: the `user_name` setting)."""
    setting = next(s for s in settings.SETTINGS if s.name == "user_name")
    return click.option(
        "--by",
        envvar=setting.env_var,
        default=None,
        metavar="NAME",
        help=f"Who makes the edit, kept in the edit log [env: {setting.env_var}].",
    )(function)


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """Read --published: a YYYY-MM-DD date, or `none` for unknown (unset: no change)."""
    if value is None:
        return ...
    if value.strip().lower() in UNKNOWN_DATE:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD (or none)") from error


@click.command("set")
@click.argument("article")
@click.option(
    "--published", callback=_published, metavar="DATE", help="YYYY-MM-DD, or none (unknown)."
)
@click.option("--outlet", help="The outlet's name ('' for unknown).")
@click.option("--title", help="The headline ('' for unknown).")
@click.option("--url", help="The article's URL ('' for unknown).")
@by_option
@db_option
def articles_set(article: str, by: str | None, db: str, **given: Any) -> None:
    """Correct ARTICLE's date, outlet, title or URL, for good (later ingests keep it).

    A new date or URL dates the article's statements again and rebuilds the speech
    events of its speakers. Prints each change as the edit log keeps it.
    """
    from onrecord.pipeline.corrections import correct_article

    # Options not given are ... (--published) or None (the others); --published none is None.
    values = {
        name: value
        for name, value in given.items()
        if value is not ... and (value is not None or name == "published")
    }
    if not values:
        raise click.UsageError("give at least one of --published, --outlet, --title, --url")
    with store_of(db, write=True) as store:
        correction = correct_article(store, article, values, by=by)
    if not correction.edits:
        click.echo("nothing changed: the article already has these values", err=True)
    for edit in correction.edits:
        click.echo(edit_line(edit))


@click.command("reassign")
@click.argument("statement", type=click.IntRange(min=1))
@click.argument("speaker")
@click.option(
    "--new",
    "new_kind",
    type=click.Choice([k.value for k in MentionKind if k is not MentionKind.UNKNOWN]),
    help="Make SPEAKER a new speaker of this kind instead of finding it.",
)
@by_option
@db_option
def statements_reassign(
    statement: int, speaker: str, new_kind: str | None, by: str | None, db: str
) -> None:
    """Give STATEMENT (its number) to SPEAKER (a number, name or alias), for good."""
    from onrecord.pipeline.corrections import reassign_statement

    kind = MentionKind(new_kind) if new_kind else None
    with store_of(db, write=True) as store:
        edit = reassign_statement(store, statement, speaker, by=by, new_kind=kind)
    click.echo(edit_line(edit) if edit else "nothing changed: it already is that speaker's")


@click.command("delete")
@click.argument("statement", type=click.IntRange(min=1))
@by_option
@db_option
def statements_delete(statement: int, by: str | None, db: str) -> None:
    """Delete STATEMENT (its number); the edit log keeps what it was."""
    from onrecord.pipeline.corrections import delete_statement

    with store_of(db, write=True) as store:
        edit = delete_statement(store, statement, by=by)
    click.echo(edit_line(edit))


@click.command("show")
@click.argument("statement", type=click.IntRange(min=1))
@db_option
def statements_show(statement: int, db: str) -> None:
    """Print one STATEMENT (its number) with its article, speaker, date and edits."""
    with store_of(db) as store:
        view = store.statement(statement)
        log = store.edits(statement=statement)
    head = f"{view.speaker or '(speaker unknown)'} in {view.doc} ({view.article[:12]})"
    click.echo("\n".join(part for part in (head, statement_block(view), edit_log(log)) if part))


@click.command("edits")
@click.option("--article", help="Only the edits of this article and its statements.")
@click.option("--statement", type=click.IntRange(min=1), help="Only this statement's edits.")
@click.option("--speaker", help="Only this speaker's edits (a number, name or alias).")
@listing_options()
@db_option
def edits(
    article: str | None,
    statement: int | None,
    speaker: str | None,
    output_format: str,
    limit: int | None,
    offset: int,
    db: str,
) -> None:
    """List the edit log: every change made by hand or by a re-ingest, oldest first."""
    with store_of(db) as store:
        article_id = store.article(article).id if article else None
        speaker_id = find_speaker(store, speaker).id if speaker else None
        found = store.edits(article=article_id, statement=statement, speaker=speaker_id)
    end = None if limit is None else offset + limit
    emit(
        found[offset:end],
        output_format,
        shape=edit_record,
        fields=EDIT_FIELDS,
        table=lambda rows: (edit_line(e) for e in rows),
        empty="No edits match.",
    )


def register(main: click.Group) -> None:
    """Add the correction commands to `main` and to its `articles` and `statements` groups."""
    for group, commands in (
        ("articles", (articles_set,)),
        ("statements", (statements_reassign, statements_delete, statements_show)),
    ):
        target = main.commands[group]
        assert isinstance(target, click.Group)
        for command in commands:
            target.add_command(command)
    main.add_command(edits)
