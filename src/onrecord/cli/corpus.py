"""Commands over the whole corpus: topics, speech events, quote drift, timelines, reports.

Each command parses its options, calls one library function in `onrecord.queries` (or
`onrecord.pipeline` to write) and prints with `onrecord.render` (text, markdown, html, plot).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from onrecord.cli.options import db_option, emit, listing_options, progress_bar, store_of
from onrecord.queries.shapes import (
    DRIFT_FIELDS,
    EVENT_FIELDS,
    TIMELINE_EVENT_FIELDS,
    TOPIC_FIELDS,
    drift_record,
    event_record,
    timeline_event_record,
    timeline_record,
    topic_record,
)
from onrecord.queries.speakers import find_speaker
from onrecord.render import text as render
from onrecord.render.listing import json_text
from onrecord.render.outputs import check_output, output_file

NO_TOPICS = "No topics stored. Add some with `onrecord topics apply FILE`."

force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace the output file if it exists (never the database, never through a link).",
)


def _svg_path(path: Path | None) -> Path | None:
    """Refuse a --plot file that is not .svg: the chart is drawn as SVG only."""
    if path is not None and path.suffix.lower() != ".svg":
        raise click.BadParameter(
            f"{str(path)!r}: the chart is drawn as SVG; give a file ending in .svg "
            "(any SVG tool, or a browser, turns it into PNG)"
        )
    return path


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a file that cannot be written into a message naming it (exit code 1)."""
    try:
        yield
    except OSError as error:
        click.echo(f"Error: cannot write {str(path)!r}: {error.strerror}", err=True)
        click.echo("Hint: check that the directory exists and is writable", err=True)
        sys.exit(1)


@click.group("topics", invoke_without_command=True)
@listing_options()
@db_option
@click.pass_context
def topics(ctx: click.Context, output_format: str, limit: int | None, offset: int, db: str) -> None:
    """Topics and stance: list the stored topics, score the corpus against a topics file.

    Without a subcommand, the same as `topics list`. The format of a topics file is in
    docs/topics.md.
    """
    if ctx.invoked_subcommand is None:
        _list_topics(output_format, limit, offset, db)


@topics.command("list")
@listing_options()
@db_option
def topics_list(output_format: str, limit: int | None, offset: int, db: str) -> None:
    """List the stored topics with their counts of statements by stance."""
    _list_topics(output_format, limit, offset, db)


def _list_topics(output_format: str, limit: int | None, offset: int, db: str) -> None:
    with store_of(db) as store:
        emit(
            store.topic_summaries(limit=limit, offset=offset),
            output_format,
            shape=topic_record,
            fields=TOPIC_FIELDS,
            table=render.topic_blocks,
            empty=NO_TOPICS,
        )


@topics.command("apply")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--silent", is_flag=True, help="No progress bar.")
@db_option
def topics_apply(file: str, silent: bool, db: str) -> None:
    """Store the topics in FILE and (re)score every stored statement against them.

    Nothing is parsed again: relevance and stance are read from the stored text and spans.
    """
    from onrecord.pipeline.topics import apply_topics, topics_file

    with store_of(db, write=True) as store:
        total = store.counts()["articles"]  # every stored article is scored
        with progress_bar(total, "score", silent=silent) as bar:
            run = apply_topics(store, topics_file(file), progress=lambda _a: bar.update())
        summaries = store.topic_summaries()
    click.echo(
        f"scored {run.articles} article(s) for {', '.join(run.topics) or 'no topic'} "
        f"({run.scores} statement score(s))",
        err=True,
    )
    for block in render.topic_blocks(summaries):
        click.echo(block)


@topics.command("remove")
@click.argument("name")
@db_option
def topics_remove(name: str, db: str) -> None:
    """Delete topic NAME and every statement's score for it."""
    with store_of(db, write=True) as store:
        store.remove_topic(name)
    click.echo(f"removed topic {name}", err=True)


@click.command("drift")
@click.option("--speaker", help="Only this speaker (number, name, alias or part of a name).")
@click.option("--omissions", is_flag=True, help="Also list quotes that outlets only trimmed.")
@listing_options()
@db_option
def drift(
    speaker: str | None,
    omissions: bool,
    output_format: str,
    limit: int | None,
    offset: int,
    db: str,
) -> None:
    """Show where outlets' versions of one quote differ, word by word, and who carries which.

    Changed words are shown as [-reference-]{+other+}, added ones as {+words+}, words some
    outlets leave out as (-words-); each is numbered with the outlets behind it.
    """
    from onrecord.queries.drift import drift_reports

    with store_of(db) as store:
        reports = drift_reports(store, speaker, omissions=omissions)
        emit(
            itertools.islice(reports, offset, None if limit is None else offset + limit),
            output_format,
            shape=drift_record,
            fields=DRIFT_FIELDS,
            table=render.drift_blocks,
            empty="No quotes differ between outlets.",
        )


@click.command("clusters")
@click.option("--speaker", help="Only this speaker (number, name, alias or part of a name).")
@click.option(
    "--all", "show_all", is_flag=True, help="Every event, also those one article reports."
)
@click.option(
    "--rebuild", is_flag=True, help="Build every cluster again (after changing `paraphrase`)."
)
@listing_options()
@db_option
def clusters(
    speaker: str | None,
    show_all: bool,
    rebuild: bool,
    output_format: str,
    limit: int | None,
    offset: int,
    db: str,
) -> None:
    """List speech events with their clusters of the same utterance, statements and outlets.

    Without --speaker or --all, only events reported by more than one article.
    """
    from onrecord.pipeline.corpus import rebuild_clusters

    with store_of(db, write=rebuild) as store:
        if rebuild:
            done = rebuild_clusters(store)
            click.echo(f"rebuilt the clusters of {done.speakers} speaker(s)", err=True)
        speaker_id = find_speaker(store, speaker).id if speaker else None
        events = store.speech_events(
            speaker_id, several=not (speaker or show_all), limit=limit, offset=offset
        )
        emit(
            events,
            output_format,
            shape=event_record,
            fields=EVENT_FIELDS,
            table=render.event_blocks,
            empty="No speech events match.",
        )


@click.command("timeline")
@click.option("--speaker", required=True, help="Number, name, alias or part of a name.")
@click.option("--topic", help="Stance toward this stored topic; only statements on it.")
@listing_options("markdown", "html")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=lambda _ctx, _param, value: _svg_path(value),
    help="Also draw the chart into this SVG file (.svg); never over an existing file.",
)
@force_option
@db_option
def timeline(
    speaker: str,
    topic: str | None,
    output_format: str,
    limit: int | None,
    offset: int,
    plot: Path | None,
    force: bool,
    db: str,
) -> None:
    """A speaker's speech events in date order: statements, stance, occasion, outlets.

    Undated statements are listed apart, never placed at a guessed date. --limit and
    --offset choose events (dated ones first). The json format is one object, documented
    in docs/formats.md; jsonl and csv give a row per event.
    """
    from onrecord.queries.timeline import build_timeline, timeline_of, timeline_page
    from onrecord.render import html, markdown

    if plot is not None:
        check_output(plot, force=force, protect=[db])  # refused before any work
    with store_of(db) as store:
        # A plot shows every event; a page alone is built without the others.
        whole = build_timeline(store, speaker, topic) if plot is not None else None
        found = timeline_of(store, speaker, topic, limit, offset) if whole is None else None
    if whole is not None and plot is not None:
        from onrecord.render.chart import svg_document, timeline_svg

        with _writing(plot), output_file(plot, force=force, protect=[db]) as out:
            out.write(svg_document(timeline_svg(whole)).encode("utf-8"))
        found = timeline_page(whole, limit, offset)
    assert found is not None
    if output_format in ("jsonl", "csv"):
        emit(
            (*found.events, *found.undated),
            output_format,
            shape=timeline_event_record,
            fields=TIMELINE_EVENT_FIELDS,
            table=lambda _events: (),
            empty="",
        )
    elif output_format == "json":
        click.echo(json_text(timeline_record(found), indent=2))
    elif output_format == "markdown":
        click.echo(markdown.timeline_markdown(found), nl=False)
    elif output_format == "html":
        click.echo(html.timeline_html(found), nl=False)
    else:
        click.echo(render.timeline_table(found))


@click.command("report")
@click.option("--speaker", required=True, help="Number, name, alias or part of a name.")
@click.option("--topic", help="Stance toward this stored topic; only statements on it.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (never over an existing file without --force).",
)
@force_option
@db_option
def report(speaker: str, topic: str | None, output: Path, force: bool, db: str) -> None:
    """Write one self-contained HTML page on a speaker, for sharing.

    The chart, the timeline, position changes, quote drift and each statement's source
    sentences with the spans highlighted. It opens in any browser without a network.
    """
    from onrecord.queries.report import speaker_report
    from onrecord.render import html

    check_output(output, force=force, protect=[db])  # refused before any work
    with store_of(db) as store:
        found = speaker_report(store, speaker, topic)
    page = html.report_html(found).encode("utf-8")
    with _writing(output), output_file(output, force=force, protect=[db]) as out:
        out.write(page)
    click.echo(f"wrote {output}", err=True)


COMMANDS = (topics, drift, clusters, timeline, report)
