"""Plain-text rendering of query results for the terminal: listings, timelines, drift, events."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from onrecord.clustering.drift import render_drift
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


def _width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def statement_block(view: StatementView, indent: str = "  ") -> str:
    """Render one statement: a line of facts, then its content wrapped."""
    facts = f"#{view.id}  {_when(view)}  {view.outlet or 'outlet unknown'}  {view.kind}"
    facts += f"  {view.source} {view.cue}".rstrip()
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


def statements_by_speaker(views: Sequence[StatementView]) -> str:
    """Render statements grouped under their speakers' names, most quoted speaker first."""
    groups: dict[str, list[StatementView]] = {}
    for view in views:
        groups.setdefault(view.speaker or UNKNOWN_SPEAKER, []).append(view)
    blocks = []
    for speaker, items in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        noun = "statement" if len(items) == 1 else "statements"
        lines = [f"{speaker} — {len(items)} {noun}"]
        lines.extend(statement_block(view) for view in items)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def statement_list(views: Iterable[StatementView]) -> str:
    """Render statements one after the other, each with its speaker."""
    return "\n".join(
        f"{view.speaker or UNKNOWN_SPEAKER}\n{statement_block(view)}" for view in views
    )


def speakers_table(summaries: Sequence[SpeakerSummary]) -> str:
    """Render speakers as an aligned table, with their numbers and other names."""
    header = ("#", "speaker", "kind", "statements", "articles", "outlets", "aliases")
    rows = [
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
    ]
    return _table(header, rows)


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
    return "\n".join(lines)


def articles_table(articles: Sequence[ArticleView]) -> str:
    """Render the article listing as an aligned table."""
    header = ("id", "doc", "published", "date from", "lang", "outlet", "title")
    rows = [
        (
            a.id[:12],
            a.doc,
            a.published.isoformat() if a.published else "-",
            _date_rule(a.published_evidence),
            a.language,
            a.outlet or "-",
            (a.title or "-")[:60],
        )
        for a in articles
    ]
    return _table(header, rows)


def _date_rule(evidence: str | None) -> str:
    """The rule that chose a publication date ("header line", "URL", ...), without its words."""
    if not evidence:
        return "-"
    return evidence.split(" '", 1)[0].split(",", 1)[0]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


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
    return f"{head}\n\n{''.join(pieces)}\n\n{legend}\n{listing}"


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
    return _table(("setting", "value", "environment variable", "help"), rows)


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
    return "\n".join(lines)


def timeline_table(timeline: Timeline) -> str:
    """Render a timeline for the terminal: events in date order, undated ones apart."""
    lines = timeline_heading(timeline)
    for event in timeline.events:
        lines += ["", *_event_block(event)]
    if timeline.undated:
        lines += ["", "Undated (no date said or published: not placed on the timeline)"]
        for event in timeline.undated:
            lines += ["", *_event_block(event)]
    return "\n".join(lines)


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


def drift_table(reports: Sequence[DriftReport]) -> str:
    """Render quote drift per cluster: the versions, the word-level differences, the sources."""
    if not reports:
        return "No quotes differ between outlets."
    blocks = []
    for report in reports:
        said = report.said_on.isoformat() if report.said_on else "undated"
        head = f"{report.speaker}, {said}, cluster {report.cluster_id} (event {report.event_id})"
        if report.occasion:
            head += f", {report.occasion}"
        sources = [
            f"  {v.label}: {v.doc} " + " ".join(f"#{s}" for s in v.statements)
            for v in report.versions
        ]
        blocks.append("\n".join([head, render_drift(report.drift, WIDTH), *sources]))
    return "\n\n".join(blocks)


def events_table(events: Sequence[EventView]) -> str:
    """Render speech events with their clusters, statements and outlets."""
    if not events:
        return "No speech events match."
    blocks = []
    for event in events:
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
                lines += textwrap.wrap(
                    text, WIDTH, initial_indent="    ", subsequent_indent="        "
                )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def topics_table(summaries: Sequence[TopicSummary]) -> str:
    """Render the stored topics with their counts of on-topic statements by stance."""
    if not summaries:
        return "No topics stored. Add some with `onrecord topics apply FILE`."
    lines = []
    for s in summaries:
        counts = ", ".join(f"{label} {n}" for label, n in s.stances.items())
        lines.append(f"{s.topic.name}: {s.topic.proposition}")
        lines.append(f"  {s.statements} statement(s) on the topic ({counts})")
    return "\n".join(lines)
