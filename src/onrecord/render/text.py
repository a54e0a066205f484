"""Plain-text rendering of query results for the terminal: listings, timelines, drift, events.

Everything taken from articles is untrusted: every function here returns text passed
through `terminal_safe`, so an article cannot move the cursor, recolour the terminal or
hide text with escape sequences and control characters. Listings are generators that
yield a block (or a table line) at a time, so the CLI prints rows as they are read.
"""

from __future__ import annotations

import itertools
import re
import shutil
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from onrecord.models import (
    ArticleView,
    EventView,
    ProcessedArticle,
    SpeakerSummary,
    StatementView,
    TopicSummary,
)
from onrecord.render.labels import (
    change_text,
    event_date,
    report_line,
    stance_text,
    statement_position,
    timeline_heading,
)

if TYPE_CHECKING:
    from onrecord.queries.drift import DriftReport
    from onrecord.queries.timeline import Timeline, TimelineEvent

UNKNOWN_SPEAKER = "(speaker unknown)"
# Markers put around the spans of statement N when `show` prints an article.
OPEN = {"source": "[{n}:", "cue": "{{{n}:", "content": "«{n}:"}
CLOSE = {"source": "]", "cue": "}", "content": "»"}
WIDTH = 100  # timelines, drift and events wrap at this width
# Rows a table reads before it fixes its column widths (longer cells later overflow).
TABLE_SAMPLE = 200

# Escape sequences (CSI, OSC, other ESC-led), every control character but newline and tab
# (C0, DEL, C1), and the bidirectional overrides that reorder what a terminal shows.
_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[@-_]?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def terminal_safe(text: str) -> str:
    """Return `text` without escape sequences and control characters (newline and tab kept)."""
    return _UNSAFE.sub("", text)


# One control character (newline and tab excepted) or bidirectional override.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_visible(text: str) -> str:
    """Return `text` with each control character written out (`\\x1b`), for messages that
    name an input: the name stays recognisable, and the terminal obeys none of it."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def statement_block(view: StatementView, indent: str = "  ") -> str:
    """Render one statement: a line of facts, then its content wrapped."""
    facts = f"#{view.id}  {_when(view)}  {view.outlet or 'outlet unknown'}  {view.kind}"
    facts += f"  {view.source} {view.cue}".rstrip()
    if view.channel:  # "…, according to Fars": the speaker's words as Fars reported them
        facts += f"  via {view.channel}"
    if view.edits:  # corrected by hand or re-dated: the log says how
        facts += f"  [edited {view.edits}x: onrecord edits --statement {view.id}]"
    body = textwrap.fill(
        view.content,
        width=_width(),
        initial_indent=indent + "  ",
        subsequent_indent=indent + "  ",
    )
    return f"{indent}{facts}\n{body}"


def _when(view: StatementView) -> str:
    """Say when a statement was made, else when its article was published, else unknown."""
    if view.said_on is not None:
        return f"said {view.said_on.isoformat()}"
    if view.published is not None:
        return f"published {view.published.isoformat()}"
    return "date unknown"


def statement_groups(views: Iterable[StatementView]) -> Iterator[str]:
    """Yield statements grouped under their speakers, as the (speaker-ordered) rows arrive."""
    current: tuple[int | None, str | None] | None = None
    for view in views:
        if (view.speaker_id, view.speaker) != current:
            number = f" (speaker {view.speaker_id})" if view.speaker_id is not None else ""
            head = f"{view.speaker or UNKNOWN_SPEAKER}{number}"
            yield terminal_safe(("" if current is None else "\n") + head)
            current = (view.speaker_id, view.speaker)
        yield terminal_safe(statement_block(view))


def statement_entries(views: Iterable[StatementView]) -> Iterator[str]:
    """Yield statements one after the other, each with its speaker."""
    for view in views:
        yield terminal_safe(f"{view.speaker or UNKNOWN_SPEAKER}\n{statement_block(view)}")


def speakers_table(summaries: Iterable[SpeakerSummary]) -> Iterator[str]:
    """Yield speakers as the lines of an aligned table, with their numbers and other names."""
    header = ("#", "speaker", "kind", "statements", "articles", "outlets", "aliases")
    rows = (
        (
            str(s.id or ""),
            s.name,
            s.kind,
            str(s.statements),
            str(s.articles),
            ", ".join(s.outlets) or "-",
            _shortened(" | ".join(s.aliases)) or "-",
        )
        for s in summaries
    )
    return table_lines(header, rows)


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def speaker_card(summary: SpeakerSummary) -> str:
    """Render one speaker with all its names."""
    lines = [
        f"speaker     {summary.id}: {summary.name}",
        f"kind        {summary.kind}",
        f"external id {summary.external_id or '-'}",
        f"statements  {summary.statements} in {summary.articles} article(s)",
        f"outlets     {', '.join(summary.outlets) or '-'}",
        "aliases",
    ]
    lines.extend(f"  {alias}" for alias in summary.aliases)
    return terminal_safe("\n".join(lines))


def articles_table(articles: Iterable[ArticleView]) -> Iterator[str]:
    """Yield the article listing as the lines of an aligned table."""
    header = ("id", "doc", "published", "date from", "lang", "outlet", "edits", "title")
    rows = (
        (
            a.id[:12],
            a.doc,
            a.published.isoformat() if a.published else "-",
            _date_rule(a.published_evidence),
            a.language,
            a.outlet or "-",
            str(a.edits or "-"),
            _shortened(" ".join((a.title or "-").split()), 60),
        )
        for a in articles
    )
    return table_lines(header, rows)


def _date_rule(evidence: str | None) -> str:
    """The rule that chose a publication date ("header line", "URL", ...), without its words."""
    if not evidence:
        return "-"
    return evidence.split(" '", 1)[0].split(",", 1)[0]


def table_lines(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    """Yield an aligned table's lines; widths come from the header and the first rows."""
    rows = iter(rows)
    first = [[_cell(c) for c in row] for row in itertools.islice(rows, TABLE_SAMPLE)]
    widths = [max(len(row[i]) for row in [list(header), *first]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    if not first:
        return  # nothing to list: the caller says so
    yield line(header)
    yield "  ".join("-" * w for w in widths)
    for row in itertools.chain(first, ([_cell(c) for c in row] for row in rows)):
        yield line(row)


def _cell(value: str) -> str:
    """Return a table cell: on one line, without control characters."""
    return terminal_safe(" ".join(value.split()) if "\n" in value else value)


def marked_article(article: ArticleView) -> str:
    """Render an article's text with each statement's spans marked, then the statements."""
    inserts: list[tuple[int, int, str]] = []
    for n, view in enumerate(article.statements, start=1):
        for role, spans in view.spans.items():
            for start, end in spans:
                # Closing markers sort before opening ones at the same offset.
                inserts.append((start, 1, OPEN[role].format(n=n)))
                inserts.append((end, 0, CLOSE[role]))
    text = article.text
    pieces, last = [], 0
    for offset, _, marker in sorted(inserts, key=lambda item: (item[0], item[1])):
        pieces.extend([text[last:offset], marker])
        last = offset
    pieces.append(text[last:])
    head = _article_head(article)
    listing = "\n".join(
        f"{n}. {view.speaker or UNKNOWN_SPEAKER} ({view.kind}): {view.content[:100]}"
        for n, view in enumerate(article.statements, start=1)
    )
    legend = "[N: source]  {N: cue}  «N: content»"
    return terminal_safe(f"{head}\n\n{''.join(pieces)}\n\n{legend}\n{listing}")


def _article_head(article: ArticleView) -> str:
    published = article.published.isoformat() if article.published else "unknown"
    evidence = f" ({article.published_evidence})" if article.published_evidence else ""
    return "\n".join(
        [
            f"article   {article.id}",
            f"doc       {article.doc}",
            f"source    {article.source}",
            f"title     {article.title or '-'}",
            f"outlet    {article.outlet or '-'}",
            f"published {published}{evidence}",
        ]
    )


def settings_table(rows: Sequence[tuple[str, str, str, str]]) -> str:
    """Render the settings table."""
    return "\n".join(table_lines(("setting", "value", "environment variable", "help"), rows))


def extraction_listing(processed: ProcessedArticle) -> str:
    """Render one extracted article's statements for reading."""
    text = processed.article.text
    lines = [f"{processed.article.doc}: {len(processed.statements)} statement(s)"]
    for statement in processed.statements:
        attribution = statement.attribution
        content = " … ".join(span.text(text) for span in attribution.content)
        cue = " … ".join(span.text(text) for span in attribution.cue)
        lines.append(f"  {statement.speaker or UNKNOWN_SPEAKER} | {cue} | {attribution.kind}")
        lines.append(textwrap.indent(textwrap.fill(content, width=_width() - 4), "    "))
    return terminal_safe("\n".join(lines))


def timeline_table(timeline: Timeline) -> str:
    """Render a timeline for the terminal: events in date order, undated ones apart."""
    lines = timeline_heading(timeline)
    for event in timeline.events:
        lines += ["", *_event_block(event)]
    if timeline.undated:
        lines += ["", "Undated (no date said or published: not placed on the timeline)"]
        for event in timeline.undated:
            lines += ["", *_event_block(event)]
    return terminal_safe("\n".join(lines))


def _event_block(event: TimelineEvent) -> list[str]:
    head = f"{event_date(event)}  event {event.id}  [{stance_text(event)}]"
    lines = [head + (f"  {event.occasion}" if event.occasion else "")]
    reports = "; ".join(report_line(r) for r in event.reports)
    lines += textwrap.wrap(
        f"reported by {len(event.reports)}: {reports}",
        WIDTH,
        initial_indent="  ",
        subsequent_indent="    ",
    )
    for item in event.statements:
        view = item.view
        text = f"#{view.id} [{statement_position(item)}] {view.outlet or '-'}: {view.content}"
        lines += textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="      ")
    for change in event.changes:
        lines += textwrap.wrap(
            "** " + change_text(change), WIDTH, initial_indent="  ", subsequent_indent="     "
        )
    return lines


def _spaced(blocks: Iterable[str]) -> Iterator[str]:
    """Yield blocks made terminal-safe, a blank line before each but the first."""
    for n, block in enumerate(blocks):
        yield terminal_safe(block if n == 0 else "\n" + block)


def drift_blocks(reports: Iterable[DriftReport]) -> Iterator[str]:
    """Yield quote drift per cluster: the versions, the word-level differences, the sources."""
    return _spaced(_drift_block(report) for report in reports)


def _drift_block(report: DriftReport) -> str:
    # imported here: the clustering package is not needed by any other listing, and the
    # CLI's start-up (every command imports this module) should not pay for it
    from onrecord.clustering.drift import render_drift

    said = report.said_on.isoformat() if report.said_on else "undated"
    head = f"{report.speaker}, {said}, cluster {report.cluster_id} (event {report.event_id})"
    if report.occasion:
        head += f", {report.occasion}"
    sources = [
        f"  {v.label}: {v.doc} " + " ".join(f"#{s}" for s in v.statements) for v in report.versions
    ]
    return "\n".join([head, render_drift(report.drift, WIDTH), *sources])


def event_blocks(events: Iterable[EventView]) -> Iterator[str]:
    """Yield speech events with their clusters, statements and outlets."""
    return _spaced(_event_view_block(event) for event in events)


def _event_view_block(event: EventView) -> str:
    said = event.said_on.isoformat() if event.said_on else "undated"
    outlets = list(dict.fromkeys(v.outlet or "-" for v in event.statements))
    head = f"event {event.id}  {said}  {event.speaker}"
    head += f"  {event.occasion}" if event.occasion else ""
    lines = [head, f"  outlets: {', '.join(outlets)}"]
    views = {v.id: v for v in event.statements}
    clusters: dict[int, list[int]] = {}
    for sid, cid in sorted(event.clusters.items()):
        clusters.setdefault(cid, []).append(sid)
    for cid, ids in sorted(clusters.items()):
        lines.append(f"  cluster {cid} ({len(ids)} statement(s))")
        for sid in ids:
            view = views[sid]
            text = f"#{sid} {view.outlet or '-'} ({view.doc}): {view.content}"
            lines += textwrap.wrap(text, WIDTH, initial_indent="    ", subsequent_indent="        ")
    return "\n".join(lines)


def topic_blocks(summaries: Iterable[TopicSummary]) -> Iterator[str]:
    """Yield the stored topics with their counts of on-topic statements by stance."""
    for s in summaries:
        counts = ", ".join(f"{label} {n}" for label, n in s.stances.items())
        yield terminal_safe(
            f"{s.topic.name}: {s.topic.proposition}\n"
            f"  {s.statements} statement(s) on the topic ({counts})"
        )
