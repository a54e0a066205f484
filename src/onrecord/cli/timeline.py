"""Plain-text and Markdown rendering of timelines, speech events, quote drift and topics."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from onrecord.clustering.drift import render_drift
from onrecord.models import EventView, PositionChange, TopicSummary

if TYPE_CHECKING:
    from onrecord.pipeline.drift import DriftReport
    from onrecord.pipeline.timeline import Report, Timeline, TimelineEvent, TimelineStatement

WIDTH = 100


def event_date(event: TimelineEvent) -> str:
    """Return an event's date as shown: the day, month or year, and what it rests on."""
    if event.date is None:
        return "undated"
    shown = event.date.isoformat()
    if event.precision == "month":
        shown = shown[:7]
    elif event.precision == "year":
        shown = shown[:4]
    return f"{shown} (published)" if event.basis == "published" else shown


def report_line(report: Report) -> str:
    """Return one outlet's report of an event: outlet, doc and statement ids."""
    ids = " ".join(f"#{sid}" for sid in report.statements)
    return f"{report.outlet or 'outlet unknown'} ({report.doc}: {ids})"


def statement_position(item: TimelineStatement) -> str:
    """Return a statement's position toward its topic, or '-' when it is on none."""
    if item.stance is None:
        return "-"
    return item.stance.stance.position


def change_text(change: PositionChange) -> str:
    """Return a position change with the statements on either side."""
    before = " ".join(f"#{i.statement}" for i in change.before.items)
    after = " ".join(f"#{i.statement}" for i in change.after.items)
    return (
        f"position change on {change.topic}: {change.before.position} "
        f"({change.before.first} to {change.before.last}: {before}) -> "
        f"{change.after.position} ({change.after.first} to {change.after.last}: {after})"
    )


def _heading(timeline: Timeline) -> list[str]:
    who = f"{timeline.speaker.name} (speaker {timeline.speaker.id})"
    toward = (
        f" toward {timeline.topic.name}: {timeline.topic.proposition}" if timeline.topic else ""
    )
    undated = sum(len(e.statements) for e in timeline.undated)
    return [
        f"Timeline of {who}{toward}",
        f"{len(timeline.events)} dated event(s), {undated} undated statement(s), "
        f"{len(timeline.changes)} position change(s)",
    ]


def _stance_text(event: TimelineEvent) -> str:
    if event.stance is not None:
        return event.stance
    return "; ".join(f"{t}: {p}" for t, p in event.stances.items()) or "-"


def timeline_table(timeline: Timeline) -> str:
    """Render a timeline for the terminal: events in date order, undated ones apart."""
    lines = _heading(timeline)
    for event in timeline.events:
        lines += ["", *_event_block(event)]
    if timeline.undated:
        lines += ["", "Undated (no date said or published: not placed on the timeline)"]
        for event in timeline.undated:
            lines += ["", *_event_block(event)]
    return "\n".join(lines)


def _event_block(event: TimelineEvent) -> list[str]:
    head = f"{event_date(event)}  event {event.id}  [{_stance_text(event)}]"
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


def timeline_markdown(timeline: Timeline) -> str:
    """Render a timeline as Markdown: a section per event, statements and reports as lists."""
    title, summary = _heading(timeline)
    lines = [f"# {title}", "", summary]
    for event in timeline.events:
        lines += ["", *_event_markdown(event)]
    if timeline.undated:
        lines += ["", "## Undated", "", "No date said or published: not placed on the timeline."]
        for event in timeline.undated:
            lines += ["", *_event_markdown(event, level="###")]
    if timeline.changes:
        lines += ["", "## Position changes", ""]
        lines += [f"- {change_text(c)}" for c in timeline.changes]
    return "\n".join(lines) + "\n"


def _event_markdown(event: TimelineEvent, level: str = "##") -> list[str]:
    occasion = f" — {_md(event.occasion)}" if event.occasion else ""
    lines = [f"{level} {event_date(event)}{occasion}", ""]
    lines.append(f"Event {event.id}; stance: **{_stance_text(event)}**")
    lines.append("")
    lines.append("Reported by: " + "; ".join(_md(report_line(r)) for r in event.reports))
    lines.append("")
    for item in event.statements:
        view = item.view
        lines.append(
            f"- #{view.id} *{statement_position(item)}* — {_md(view.outlet or '-')}, "
            f"`{view.doc}`: “{_md(view.content)}”"
        )
    for change in event.changes:
        lines.append(f"- **{_md(change_text(change))}**")
    return lines


def _md(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


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
