"""The `onrecord` command: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from onrecord import __version__, settings
from onrecord.cli.edits import by_option
from onrecord.cli.options import (
    EXIT_INPUTS_FAILED,
    F,
    Main,
    db_option,
    emit,
    format_option,
    listing_options,
    progress_bar,
    reported_errors,
    set_debug,
    store_of,
)
from onrecord.models import Failure
from onrecord.queries.shapes import (
    ARTICLE_FIELDS,
    SPEAKER_FIELDS,
    STATEMENT_FIELDS,
    article_detail_record,
    article_record,
    extraction_record,
    speaker_record,
    statement_record,
)
from onrecord.queries.speakers import find_speaker
from onrecord.queries.statements import KINDS, STANCES, StatementQuery, find_statements
from onrecord.render import text as render
from onrecord.render.edits import edit_log, update_summary
from onrecord.render.listing import json_text

_store = store_of
_reported_errors = reported_errors


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="onrecord")
@click.option("--debug", is_flag=True, help="Print tracebacks of errors and failed inputs.")
def main(debug: bool) -> None:
    """onrecord: who said what, when, to whom, as reported by whom.

    Ingest news articles into a database, then query the statements in them.
    Every statement keeps the exact character spans of its source.
    """
    set_debug(debug)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL",
    help="An RSS or Atom feed whose pages to fetch and read (repeatable).",
)
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles parsed per batch.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False),
    help="YAML alias file naming speakers and roles (setting `aliases`; docs/speakers.md).",
)
@click.option(
    "--topics",
    type=click.Path(exists=True, dir_okay=False),
    help="YAML topics file to score statements against (setting `topics`; docs/topics.md).",
)
@click.option(
    "--workers",
    callback=lambda _ctx, _param, value: _workers(value),
    help="Worker processes that parse: a number, auto (one per core) or 0 (this process) "
    "(setting `workers`).",
)
@click.option(
    "--engine",
    type=click.Choice(["processes", "dask"]),
    help="Where to parse: worker processes here, or a Dask cluster (setting `engine`).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (setting `scheduler`; "
    "default: a LocalCluster).",
)
def ingest(
    paths: tuple[str, ...],
    feeds: tuple[str, ...],
    db: str,
    batch_size: int | None,
    silent: bool,
    aliases: str | None,
    topics: str | None,
    workers: str | None,
    engine: str | None,
    scheduler: str | None,
) -> None:
    """Read articles from files and folders (.txt, .html, .htm, .jsonl) and web pages.

    Folders are read recursively; PATHS may also be http(s) URLs, fetched politely
    (robots.txt, a pause per site) and kept as received. Articles already stored are
    skipped, or updated when the input says more. Exits with 1 when some inputs could
    not be read; they are listed with the reason.
    """
    if not paths and not feeds:
        raise click.UsageError("give at least one file, folder or URL, or --feed URL")
    from onrecord.ingest import count_inputs
    from onrecord.pipeline.run import ingest as run_ingest

    total = None if silent or feeds else count_inputs(paths)  # a feed's size is unknown
    with _store(db, write=True) as store, progress_bar(total, "ingest", silent=silent) as bar:
        report = run_ingest(
            paths,
            store,
            batch_size=batch_size,
            progress=lambda _result: bar.update(),
            aliases=aliases,
            topics=topics,
            feeds=feeds,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
        )
    updated = sum(1 for update in report.updated if update.edits)
    click.echo(
        f"ingested {len(report.ingested)} article(s) with {report.statements} statement(s); "
        f"updated {updated}; skipped {report.duplicates} duplicate(s); "
        f"failed {len(report.failures)}",
        err=True,
    )
    if report.recovered:
        click.echo(
            f"finished {report.recovered} article(s) an interrupted run had left unclustered "
            "or unscored",
            err=True,
        )
    if report.rescored:
        click.echo(f"scored the stored corpus for {', '.join(report.rescored)}", err=True)
    if report.dropped:
        click.echo(f"left out: {report.left_out()}", err=True)
    if report.other_languages:
        count = len(report.other_languages)
        click.echo(f"{count} article(s) not in English: stored without statements", err=True)
    for source, language in report.other_languages:
        line = f"  {language}: no statements extracted, English only: {source}"
        click.echo(render.terminal_visible(line), err=True)
    for update in report.updated:
        summary = update_summary(update.source, update.doc, update.edits, update.kept)
        click.echo(f"  {'updated' if update.edits else 'kept'}: {summary}", err=True)
    _report_warnings(report.warnings)
    _report_failures(report.failures)
    if not report.ok:
        sys.exit(EXIT_INPUTS_FAILED)


def _workers(value: str | None) -> str | None:
    """Refuse a --workers value that is not a number or auto (exit code 2)."""
    from onrecord.errors import InputError
    from onrecord.pipeline.engines import worker_count

    try:
        return None if value is None else str(worker_count(value))
    except InputError as error:
        raise click.BadParameter(error.message) from error


@main.command()
@db_option
def repair(db: str) -> None:
    """Bring the database up to date: its schema, and what an interrupted run left undone.

    Upgrades an older schema, clusters and scores the articles a killed run stored but left
    unclustered or unscored, finishes a topic's scoring that was cut short, and re-applies
    your speaker and statement edits. Safe to run at any time.
    """
    from onrecord.pipeline.derived import finish_pending

    with _store(db, write=True) as store:
        done = finish_pending(store)
    topics = f"; finished scoring {', '.join(done.topics)}" if done.topics else ""
    click.echo(
        f"brought {done.articles} pending article(s) up to date: {done.clustered} statement(s) "
        f"clustered, {done.scored} topic score(s) stored{topics}",
        err=True,
    )


def _report_failures(failures: Sequence[Failure]) -> None:
    for failure in failures:
        click.echo(
            render.terminal_visible(f"  failed: {failure.source}: {failure.reason}"), err=True
        )


def _report_warnings(warnings: Sequence[tuple[str, str]]) -> None:
    for source, warning in warnings:
        click.echo(render.terminal_visible(f"  warning: {source}: {warning}"), err=True)


def statement_options(function: F) -> F:
    """Add the filters `statements` and `search` share (docs/cli.md)."""
    options = [
        click.option("--speaker", help="Number, name, alias or part of a name."),
        click.option("--outlet", help="Part of the outlet's name (any case)."),
        click.option(
            "--since", type=click.DateTime(["%Y-%m-%d"]), help="Said (else published) on or after."
        ),
        click.option(
            "--until", type=click.DateTime(["%Y-%m-%d"]), help="Said (else published) on or before."
        ),
        click.option(
            "--include-undated",
            is_flag=True,
            help="With --since/--until, also list statements with no date at all.",
        ),
        click.option("--article", help="Only this article (id, id prefix or doc name)."),
        click.option(
            "--topic", help="Only statements on this stored topic (relevant or taking a side)."
        ),
        click.option(
            "--stance", type=click.Choice(STANCES), help="Only statements taking this stance."
        ),
        click.option("--kind", type=click.Choice(KINDS), help="Only statements of this kind."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _query(text: str | None = None, **given: Any) -> StatementQuery:
    since, until = given.pop("since"), given.pop("until")
    return StatementQuery(
        text=text,
        since=since.date() if since else None,
        until=until.date() if until else None,
        **given,
    )


@main.group(invoke_without_command=True)
@statement_options
@listing_options()
@db_option
@click.pass_context
def statements(
    ctx: click.Context,
    output_format: str,
    limit: int | None,
    offset: int,
    db: str,
    **filters: Any,
) -> None:
    """List statements, grouped by speaker; filter by speaker, outlet, date, topic and kind.

    A statement's date is the day it was said, else its article's publication date;
    --since/--until leave out statements with neither (and say how many on stderr).
    Subcommands show, reassign or delete one statement (docs/cli.md).
    """
    if ctx.invoked_subcommand is None:
        _list_statements(_query(**filters), output_format, limit, offset, db, grouped=True)


@main.command()
@click.argument("text")
@statement_options
@listing_options()
@db_option
def search(
    text: str, output_format: str, limit: int | None, offset: int, db: str, **filters: Any
) -> None:
    """Full-text search over what was said (statement content), best matches first."""
    _list_statements(_query(text, **filters), output_format, limit, offset, db, grouped=False)


def _list_statements(
    query: StatementQuery,
    output_format: str,
    limit: int | None,
    offset: int,
    db: str,
    *,
    grouped: bool,
) -> None:
    with _store(db) as store:
        found = find_statements(store, query, limit=limit, offset=offset)
        if found.undated_left_out and output_format == "table":
            click.echo(
                f"left out {found.undated_left_out} undated statement(s) (no date said or "
                "published); --include-undated lists them",
                err=True,
            )
        emit(
            found.rows,
            output_format,
            shape=statement_record,
            fields=STATEMENT_FIELDS,
            table=render.statement_groups if grouped else render.statement_entries,
            empty="No statements match.",
        )


@main.group(invoke_without_command=True)
@listing_options()
@db_option
@click.pass_context
def speakers(
    ctx: click.Context, output_format: str, limit: int | None, offset: int, db: str
) -> None:
    """List canonical speakers (number, name, kind, counts, outlets, aliases); edit them.

    Without a subcommand, the same as `speakers list`. Merges and renames are kept in the
    database and applied again after later ingests.
    """
    if ctx.invoked_subcommand is None:
        _list_speakers(output_format, limit, offset, db)


@speakers.command("list")
@listing_options()
@db_option
def speakers_list(output_format: str, limit: int | None, offset: int, db: str) -> None:
    """List speakers with their statements, articles, outlets and aliases, most quoted first."""
    _list_speakers(output_format, limit, offset, db)


def _list_speakers(output_format: str, limit: int | None, offset: int, db: str) -> None:
    with _store(db) as store:
        emit(
            store.speakers(limit=limit, offset=offset),
            output_format,
            shape=speaker_record,
            fields=SPEAKER_FIELDS,
            table=render.speakers_table,
            empty="No speakers stored.",
        )


@speakers.command("merge")
@click.argument("target")
@click.argument("other")
@by_option
@db_option
def speakers_merge(target: str, other: str, by: str | None, db: str) -> None:
    """Merge speaker OTHER into TARGET (each a number, name or alias); rebuild its clusters."""
    from onrecord.pipeline.corpus import merge_speakers

    with _store(db, write=True) as store:
        merged = merge_speakers(store, target, other, by=by)
    click.echo(render.speaker_card(merged))


@speakers.command("rename")
@click.argument("old")
@click.argument("new")
@by_option
@db_option
def speakers_rename(old: str, new: str, by: str | None, db: str) -> None:
    """Rename speaker OLD (a number, name or alias) to NEW, for good."""
    with _store(db, write=True) as store:
        renamed = store.rename_speaker(old, new, by=by)
    click.echo(render.speaker_card(renamed))


@speakers.command("show")
@click.argument("speaker")
@format_option("table", "json")
@db_option
def speakers_show(speaker: str, output_format: str, db: str) -> None:
    """Print one SPEAKER (a number, name, alias or part of a name) with every name it goes by."""
    with _store(db) as store:
        found = find_speaker(store, speaker)
        log = store.edits(speaker=found.id) if found.id is not None else []
    if output_format == "json":
        click.echo(json_text(speaker_record(found), indent=2))
    else:
        click.echo("\n".join(part for part in (render.speaker_card(found), edit_log(log)) if part))


@main.group(invoke_without_command=True)
@listing_options()
@db_option
@click.pass_context
def articles(
    ctx: click.Context, output_format: str, limit: int | None, offset: int, db: str
) -> None:
    """List stored articles: id, doc name, publication date, outlet, edits, title.

    Without a subcommand, the same as `articles list`; `articles set` corrects one.
    """
    if ctx.invoked_subcommand is None:
        _list_articles(output_format, limit, offset, db)


@articles.command("list")
@listing_options()
@db_option
def articles_list(output_format: str, limit: int | None, offset: int, db: str) -> None:
    """List stored articles: id, doc name, publication date, outlet, edits, title."""
    _list_articles(output_format, limit, offset, db)


def _list_articles(output_format: str, limit: int | None, offset: int, db: str) -> None:
    with _store(db) as store:
        emit(
            store.articles(limit=limit, offset=offset),
            output_format,
            shape=article_record,
            fields=ARTICLE_FIELDS,
            table=render.articles_table,
            empty="No articles stored.",
        )


@main.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["parquet", "jsonl", "csv"]),
    default="parquet",
    show_default=True,
    help="File format (parquet needs the `parquet` extra).",
)
@click.option(
    "--table",
    "tables",
    multiple=True,
    type=click.Choice(["statements", "speakers", "articles"]),
    help="Export only this table (repeat for more; default: all three).",
)
@db_option
def export_tables(directory: Path, output_format: str, tables: tuple[str, ...], db: str) -> None:
    """Write statements, speakers and articles to DIRECTORY for pandas, DuckDB or Spark.

    One file per table (statements.parquet, ...), written as it is read; the columns are
    the fields of `--format jsonl` (docs/formats.md), articles with their text.
    """
    from onrecord.render.export import TABLES, export

    with _store(db) as store:
        written = export(store, directory, output_format, tables or TABLES, protect=[db])
    for item in written:
        click.echo(f"wrote {item.path} ({item.rows} rows)", err=True)


@main.command()
@click.argument("article")
@format_option("table", "json")
@db_option
def show(article: str, output_format: str, db: str) -> None:
    """Print an ARTICLE (id, id prefix or doc name) with its statements marked.

    --format json prints the article, its text and its statements (docs/formats.md).
    """
    with _store(db) as store:
        found = store.article(article)
        log = store.edits(article=found.id)
    if output_format == "json":
        click.echo(json_text(article_detail_record(found), indent=2))
    else:
        parts = (render.marked_article(found), edit_log(log))
        click.echo("\n\n".join(part for part in parts if part))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON line per document.")
@click.option("--no-clean", is_flag=True, help="Keep each text exactly as read.")
def extract(paths: tuple[str, ...], as_jsonl: bool, no_clean: bool) -> None:
    """Extract attributions from files without a database.

    With --jsonl, print one line per document: {"doc", "text", "attributions"}, every
    span an offset into "text". --no-clean keeps the text as read, so offsets line up
    with annotated corpora.
    """
    from onrecord.pipeline.run import extract as run_extract

    failures: list[Failure] = []
    warnings: list[tuple[str, str]] = []
    with _reported_errors():
        for result in run_extract(paths, clean_text=not no_clean):
            if isinstance(result, Failure):
                failures.append(result)
                continue
            warnings.extend((result.article.source, w) for w in result.article.warnings)
            if as_jsonl:
                click.echo(json_text(extraction_record(result)))
            else:
                click.echo(render.extraction_listing(result))
    _report_warnings(warnings)
    _report_failures(failures)
    if failures:
        sys.exit(EXIT_INPUTS_FAILED)


@main.group("eval")
def evaluate() -> None:
    """Score onrecord against an annotated corpus (PolNeAR) or real news pages."""


@evaluate.command("polnear")
@click.argument("split_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def eval_polnear(split_dir: Path) -> None:
    """Score extraction on a PolNeAR split (SPLIT_DIR holds text/ and attributions/).

    Prints precision, recall and F1 per role (exact span and token overlap) and for whole
    attributions; the last line is `attribution_f1=<value>`. See docs/metrics.md.
    """
    from onrecord.eval import evaluate_polnear

    with _reported_errors():
        report = evaluate_polnear(split_dir)
    click.echo(report.format())


@evaluate.command("pages")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("pages", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--per-page", is_flag=True, help="Also print one line per page.")
def eval_pages(gold: Path, pages: Path, per_page: bool) -> None:
    """Score onrecord on real news pages (GOLD: the facts; PAGES: a JSONL of the pages).

    Ingests the pages into a temporary database and prints statement-date accuracy and
    wrong dates, speakers per person, event pairwise F1, statements per page, outlets,
    publication dates, titles and languages; the last line is
    `date_accuracy=<value> wrong_dates=<n>`. See docs/metrics.md ("Real pages").
    """
    from onrecord.eval.pages import evaluate_pages

    with _reported_errors():
        report = evaluate_pages(gold, pages)
    click.echo(report.format(per_page=per_page))


@main.command("settings")
def show_settings() -> None:
    """List every setting, its current value and the environment variable that sets it."""
    rows = [(s.name, settings.get(s.name), s.env_var, s.help) for s in settings.SETTINGS]
    click.echo(render.settings_table(rows))


def _register() -> None:
    """Add the commands over clusters, topics and timelines (cli/corpus.py) and the
    corrections (cli/edits.py)."""
    from onrecord.cli import corpus, edits, serve

    for command in corpus.COMMANDS:
        main.add_command(command)
    edits.register(main)
    main.add_command(serve.serve)


_register()
