"""Markdown rendering of timelines: a section per event, statements and reports as lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.render.labels import (
    change_text,
    event_date,
    report_line,
    stance_text,
    statement_position,
    timeline_heading,
)

if TYPE_CHECKING:
    from onrecord.queries.timeline import Timeline, TimelineEvent


def timeline_markdown(timeline: Timeline) -> str:
    """Render a timeline as Markdown: a section per event, statements and reports as lists."""
    title, summary = timeline_heading(timeline)
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
    lines.append(f"Event {event.id}; stance: **{stance_text(event)}**")
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
