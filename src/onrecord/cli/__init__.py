"""The `onrecord` command: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from onrecord import __version__, settings
from onrecord.cli.options import (
    EXIT_INPUTS_FAILED,
    Main,
    db_option,
    format_option,
    reported_errors,
    set_debug,
    store_of,
)
from onrecord.models import Failure, StatementView
from onrecord.queries.shapes import (
    STATEMENT_FIELDS,
    extraction_record,
    speaker_record,
    statement_record,
)
from onrecord.render import text as render
from onrecord.render.edits import update_summary

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
    from tqdm import tqdm

    from onrecord.pipeline.run import ingest as run_ingest

    with (
        _store(db, write=True) as store,
        tqdm(unit=" article", file=sys.stderr, disable=silent or None, desc="ingest") as bar,
    ):
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
    if report.rescored:
        click.echo(f"scored the stored corpus for {', '.join(report.rescored)}", err=True)
    if report.dropped:
        click.echo(f"left out: {report.left_out()}", err=True)
    if report.other_languages:
        count = len(report.other_languages)
        click.echo(f"{count} article(s) not in English: stored without statements", err=True)
    for source, language in report.other_languages:
        click.echo(f"  {language}: no statements extracted, English only: {source}", err=True)
    for update in report.updated:
        summary = update_summary(update.source, update.doc, update.edits, update.kept)
        click.echo(f"  {'updated' if update.edits else 'kept'}: {summary}", err=True)
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


def _report_failures(failures: Sequence[Failure]) -> None:
    for failure in failures:
        click.echo(f"  failed: {failure.source}: {failure.reason}", err=True)


@main.command()
@click.option("--speaker", help="Part of the speaker's name (any case).")
@click.option("--outlet", help="Part of the outlet's name (any case).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--article", help="Only this article (id, id prefix or doc name).")
@click.option("--topic", help="Only statements on this stored topic (relevant or taking a side).")
@format_option("table", "jsonl", "csv")
@db_option
def statements(
    speaker: str | None,
    outlet: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    article: str | None,
    topic: str | None,
    output_format: str,
    db: str,
) -> None:
    """List statements, grouped by speaker; filter by speaker, outlet and date."""
    with _store(db) as store:
        article_id = store.article(article).id if article else None
        views = store.statements(
            speaker=speaker,
            outlet=outlet,
            since=since.date() if since else None,
            until=until.date() if until else None,
            article=article_id,
            topic=topic,
        )
    _print_statements(views, output_format, grouped=True)


@main.command()
@click.argument("text")
@format_option("table", "jsonl", "csv")
@db_option
def search(text: str, output_format: str, db: str) -> None:
    """Full-text search over what was said (statement content), best matches first."""
    with _store(db) as store:
        views = store.search(text)
    _print_statements(views, output_format, grouped=False)


def _print_statements(views: list[StatementView], output_format: str, *, grouped: bool) -> None:
    if output_format == "jsonl":
        for view in views:
            click.echo(json.dumps(statement_record(view), ensure_ascii=False))
    elif output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=STATEMENT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for view in views:
            row = statement_record(view)
            row["spans"] = json.dumps(row["spans"])
            writer.writerow(row)
    elif not views:
        click.echo("No statements match.", err=True)
    else:
        click.echo(render.statements_by_speaker(views) if grouped else render.statement_list(views))


@main.group(invoke_without_command=True)
@format_option("table", "jsonl")
@db_option
@click.pass_context
def speakers(ctx: click.Context, output_format: str, db: str) -> None:
    """List canonical speakers (number, name, kind, counts, outlets, aliases); edit them.

    Without a subcommand, the same as `speakers list`. Merges and renames are kept in the
    database and applied again after later ingests.
    """
    if ctx.invoked_subcommand is None:
        _list_speakers(output_format, db)


@speakers.command("list")
@format_option("table", "jsonl")
@db_option
def speakers_list(output_format: str, db: str) -> None:
    """List speakers with their statements, articles, outlets and aliases."""
    _list_speakers(output_format, db)


def _list_speakers(output_format: str, db: str) -> None:
    with _store(db) as store:
        summaries = store.speakers()
    if output_format == "jsonl":
        for summary in summaries:
            click.echo(json.dumps(speaker_record(summary), ensure_ascii=False))
    else:
        click.echo(render.speakers_table(summaries))


@speakers.command("merge")
@click.argument("target")
@click.argument("other")
@db_option
def speakers_merge(target: str, other: str, db: str) -> None:
    """Merge speaker OTHER into TARGET (each a number, name or alias); rebuild its clusters."""
    from onrecord.pipeline.corpus import merge_speakers

    with _store(db, write=True) as store:
        merged = merge_speakers(store, target, other)
    click.echo(render.speaker_card(merged))


@speakers.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
def speakers_rename(old: str, new: str, db: str) -> None:
    """Rename speaker OLD (a number, name or alias) to NEW, for good."""
    with _store(db, write=True) as store:
        renamed = store.rename_speaker(old, new)
    click.echo(render.speaker_card(renamed))


@speakers.command("show")
@click.argument("speaker")
@db_option
def speakers_show(speaker: str, db: str) -> None:
    """Print one SPEAKER (a number, name or alias) with every name it goes by."""
    with _store(db) as store:
        found = store.speaker(speaker)
    click.echo(render.speaker_card(found))


@main.command()
@db_option
def articles(db: str) -> None:
    """List stored articles: id, doc name, publication date, outlet, title."""
    with _store(db) as store:
        click.echo(render.articles_table(store.articles()))


@main.command()
@click.argument("article")
@db_option
def show(article: str, db: str) -> None:
    """Print an ARTICLE (id, id prefix or doc name) with its statements marked."""
    with _store(db) as store:
        click.echo(render.marked_article(store.article(article)))


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
    with _reported_errors():
        for result in run_extract(paths, clean_text=not no_clean):
            if isinstance(result, Failure):
                failures.append(result)
            elif as_jsonl:
                click.echo(json.dumps(extraction_record(result), ensure_ascii=False))
            else:
                click.echo(render.extraction_listing(result))
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
    """Add the commands over clusters, topics and timelines (cli/corpus.py)."""
    from onrecord.cli import corpus

    for command in corpus.COMMANDS:
        main.add_command(command)


_register()
