"""Commands over the whole corpus: topics, speech events, quote drift, timelines, reports.

Each command parses its options, calls one library function in `onrecord.queries` (or
`onrecord.pipeline` to write) and prints with `onrecord.render` (text, markdown, html, plot).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from onrecord.cli.options import db_option, format_option, store_of
from onrecord.render import text as render


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a file that cannot be written into a message naming it (exit code 1)."""
    try:
        yield
    except OSError as error:
        click.echo(f"Error: cannot write {str(path)!r}: {error.strerror}", err=True)
        click.echo("Hint: check that the directory exists and is writable", err=True)
        sys.exit(1)


def _json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group("topics", invoke_without_command=True)
@format_option("table", "json")
@db_option
@click.pass_context
def topics(ctx: click.Context, output_format: str, db: str) -> None:
    """Topics and stance: list the stored topics, score the corpus against a topics file.

    Without a subcommand, the same as `topics list`. The format of a topics file is in
    docs/topics.md.
    """
    if ctx.invoked_subcommand is None:
        _list_topics(output_format, db)


@topics.command("list")
@format_option("table", "json")
@db_option
def topics_list(output_format: str, db: str) -> None:
    """List the stored topics with their counts of statements by stance."""
    _list_topics(output_format, db)


def _list_topics(output_format: str, db: str) -> None:
    with store_of(db) as store:
        summaries = store.topic_summaries()
    if output_format == "json":
        _json(
            [
                {
                    "name": s.topic.name,
                    "proposition": s.topic.proposition,
                    "description": s.topic.description,
                    "statements": s.statements,
                    "stances": s.stances,
                    "definition_hash": s.definition_hash,
                }
                for s in summaries
            ]
        )
    else:
        click.echo(render.topics_table(summaries))


@topics.command("apply")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--silent", is_flag=True, help="No progress bar.")
@db_option
def topics_apply(file: str, silent: bool, db: str) -> None:
    """Store the topics in FILE and (re)score every stored statement against them.

    Nothing is parsed again: relevance and stance are read from the stored text and spans.
    """
    from tqdm import tqdm

    from onrecord.pipeline.topics import apply_topics, topics_file

    with (
        store_of(db, write=True) as store,
        tqdm(unit=" article", file=sys.stderr, disable=silent or None, desc="score") as bar,
    ):
        run = apply_topics(store, topics_file(file), progress=lambda _a: bar.update())
        summaries = store.topic_summaries()
    click.echo(
        f"scored {run.articles} article(s) for {', '.join(run.topics) or 'no topic'} "
        f"({run.scores} statement score(s))",
        err=True,
    )
    click.echo(render.topics_table(summaries))


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
@format_option("table", "json")
@db_option
def drift(speaker: str | None, omissions: bool, output_format: str, db: str) -> None:
    """Show where outlets' versions of one quote differ, word by word, and who carries which.

    Changed words are shown as [-reference-]{+other+}, added ones as {+words+}, words some
    outlets leave out as (-words-); each is numbered with the outlets behind it.
    """
    from onrecord.queries.drift import drift_reports
    from onrecord.queries.shapes import drift_record

    with store_of(db) as store:
        reports = drift_reports(store, speaker, omissions=omissions)
    if output_format == "json":
        _json([drift_record(r) for r in reports])
    else:
        click.echo(render.drift_table(reports))


@click.command("clusters")
@click.option("--speaker", help="Only this speaker (number, name, alias or part of a name).")
@click.option(
    "--all", "show_all", is_flag=True, help="Every event, also those one article reports."
)
@click.option(
    "--rebuild", is_flag=True, help="Build every cluster again (after changing `paraphrase`)."
)
@format_option("table", "json")
@db_option
def clusters(
    speaker: str | None, show_all: bool, rebuild: bool, output_format: str, db: str
) -> None:
    """List speech events with their clusters of the same utterance, statements and outlets.

    Without --speaker or --all, only events reported by more than one article.
    """
    from onrecord.pipeline.corpus import rebuild_clusters
    from onrecord.queries.shapes import event_record
    from onrecord.queries.speakers import find_speaker

    with store_of(db, write=rebuild) as store:
        if rebuild:
            done = rebuild_clusters(store)
            click.echo(f"rebuilt the clusters of {done.speakers} speaker(s)", err=True)
        speaker_id = find_speaker(store, speaker).id if speaker else None
        events = store.speech_events(speaker_id)
    if not (speaker or show_all):
        events = [e for e in events if len({v.article for v in e.statements}) > 1]
    if output_format == "json":
        _json([event_record(e) for e in events])
    else:
        click.echo(render.events_table(events))


@click.command("timeline")
@click.option("--speaker", required=True, help="Number, name, alias or part of a name.")
@click.option("--topic", help="Stance toward this stored topic; only statements on it.")
@format_option("table", "markdown", "json", "html")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the chart into this file (.png or .svg).",
)
@db_option
def timeline(
    speaker: str, topic: str | None, output_format: str, plot: Path | None, db: str
) -> None:
    """A speaker's speech events in date order: statements, stance, occasion, outlets.

    Undated statements are listed apart, never placed at a guessed date. The json format
    is stable and documented in docs/formats.md.
    """
    from onrecord.queries.shapes import timeline_record
    from onrecord.queries.timeline import build_timeline
    from onrecord.render import html, markdown

    with store_of(db) as store:
        found = build_timeline(store, speaker, topic)
    if plot is not None:
        from onrecord.render.plot import timeline_chart

        with _writing(plot):
            timeline_chart(found, plot, "svg" if plot.suffix.lower() == ".svg" else "png")
    if output_format == "json":
        _json(timeline_record(found))
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
    help="The HTML file to write.",
)
@db_option
def report(speaker: str, topic: str | None, output: Path, db: str) -> None:
    """Write one self-contained HTML page on a speaker, for sharing.

    The chart, the timeline, position changes, quote drift and each statement's source
    sentences with the spans highlighted. It opens in any browser without a network.
    """
    from onrecord.queries.report import speaker_report
    from onrecord.render import html

    with store_of(db) as store:
        found = speaker_report(store, speaker, topic)
    with _writing(output):
        output.write_text(html.report_html(found), encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


COMMANDS = (topics, drift, clusters, timeline, report)
