"""Markdown rendering of timelines: a section per event, statements and reports as lists.

Names, titles, occasions, doc names, topics and statement text come from articles (or from
files a user was sent) and are untrusted: each goes through `markdown_text`, so nothing
taken from an article becomes HTML, a link, an image, a heading or a table cell border once
the Markdown is rendered, whatever the renderer.
"""

from __future__ import annotations

import re
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
    lines = [f"# {markdown_text(title)}", "", markdown_text(summary)]
    for event in timeline.events:
        lines += ["", *_event_markdown(event)]
    if timeline.undated:
        lines += ["", "## Undated", "", "No date said or published: not placed on the timeline."]
        for event in timeline.undated:
            lines += ["", *_event_markdown(event, level="###")]
    if timeline.changes:
        lines += ["", "## Position changes", ""]
        lines += [f"- {markdown_text(change_text(c))}" for c in timeline.changes]
    return "\n".join(lines) + "\n"


def _event_markdown(event: TimelineEvent, level: str = "##") -> list[str]:
    occasion = f" — {markdown_text(event.occasion)}" if event.occasion else ""
    lines = [f"{level} {markdown_text(event_date(event))}{occasion}", ""]
    lines.append(f"Event {event.id}; stance: **{markdown_text(stance_text(event))}**")
    lines.append("")
    lines.append("Reported by: " + "; ".join(markdown_text(report_line(r)) for r in event.reports))
    lines.append("")
    for item in event.statements:
        view = item.view
        lines.append(
            f"- #{view.id} *{markdown_text(statement_position(item))}* — "
            f"{markdown_text(view.outlet or '-')}, {markdown_text(view.doc)}: "
            f"“{markdown_text(view.content)}”"
        )
    for change in event.changes:
        lines.append(f"- **{markdown_text(change_text(change))}**")
    return lines


# The characters CommonMark, GitHub and older Markdowns read as markup anywhere in a line:
# emphasis, code, links and images (no link without its brackets), headings, table cells
# and strikethrough. HTML is written as entities (< > &), which no renderer reads as a tag.
_MARKUP = re.compile(r"[\\`*_\[\]#|~]")
# What starts a block at the head of a line: a list item, a numbered item, a rule.
_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)])|(?=[-+=]))")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Line breaks (which would start a new block), other control characters, escape sequences
# and the bidirectional overrides: a rendered line shows the text as it reads.
_BREAKS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+"
)


def markdown_text(text: str) -> str:
    """Return `text` as Markdown that renders as exactly this text, on one line."""
    text = _BREAKS.sub(lambda m: " " if m.group().isspace() else "", text)
    text = "".join(_ENTITIES.get(char, char) for char in text)
    text = _MARKUP.sub(lambda m: "\\" + m.group(), text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\", text)
