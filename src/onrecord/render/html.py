"""Self-contained HTML: the timeline page and the shareable report on one speaker.

Every page is one file that needs no network: inline CSS, the chart as inline SVG
(`render.chart`, the speaker page's), no scripts, fonts or links to other sites. Article
text is untrusted, so every piece of text goes through `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from onrecord.models import DriftSegment
from onrecord.render.labels import change_text, event_date, statement_position

if TYPE_CHECKING:
    from onrecord.queries.drift import DriftReport
    from onrecord.queries.report import Excerpt, SpeakerReport
    from onrecord.queries.timeline import Timeline, TimelineEvent, TimelineStatement

CSS = """
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; color: #222; margin: 0;
       background: #fafafa; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; } h2 { font-size: 20px; margin-top: 34px;
     border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
.meta, .small { color: #666; font-size: 13px; }
.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; }
.event { border-left: 4px solid #ccc; padding: 4px 0 6px 14px; margin: 18px 0; }
.event.for { border-color: #2e7d32; } .event.against { border-color: #c62828; }
.event.conditional { border-left-style: dashed; }
.stance { display: inline-block; font: 12px/1.6 sans-serif; padding: 0 7px; border-radius: 9px;
          background: #eceff1; color: #37474f; }
.stance.for { background: #e8f5e9; color: #1b5e20; }
.stance.against { background: #ffebee; color: #b71c1c; }
.change { background: #fff8e1; border: 1px solid #ffe082; padding: 6px 10px; margin: 8px 0;
          font-size: 14px; }
ul.reports { margin: 4px 0; padding-left: 20px; font-size: 14px; }
.statement { margin: 10px 0 14px; }
.excerpt { background: #f7f7f7; padding: 8px 12px; border-radius: 4px; font-size: 14px; }
.source { background: #e3f2fd; border-bottom: 2px solid #1e88e5; }
.cue { background: #f3e5f5; border-bottom: 2px solid #8e24aa; }
.content { background: #fffde7; }
.stance-cue { font-weight: bold; text-decoration: underline; }
.legend span { margin-right: 14px; font-size: 13px; padding: 0 4px; }
table.drift { border-collapse: collapse; font-size: 14px; margin: 6px 0 12px; }
table.drift td, table.drift th { border: 1px solid #ddd; padding: 3px 8px; text-align: left;
                                vertical-align: top; }
del { background: #ffebee; } ins { background: #e8f5e9; text-decoration: none; }
.omitted { color: #999; }
code { font-size: 13px; }
"""

_ROLE_CLASS = {"source": "source", "cue": "cue", "content": "content", "stance": "stance-cue"}


def esc(text: object) -> str:
    """Escape any value for HTML text or an attribute."""
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    """Return a whole self-contained HTML document."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def chart_svg(timeline: Timeline) -> str:
    """Return the timeline chart as inline SVG, with a text alternative (no links: the
    report is read away from any server)."""
    from onrecord.render.chart import timeline_svg

    svg = timeline_svg(timeline)
    alt = esc(_chart_alt(timeline))
    return svg.replace('role="img"', f'role="img" aria-label="{alt}"', 1)


def timeline_html(timeline: Timeline) -> str:
    """Return the timeline alone as a self-contained HTML page."""
    return page(_title(timeline), _header(timeline) + _timeline_section(timeline, {}))


def report_html(report: SpeakerReport) -> str:
    """Return the shareable report: chart, timeline, position changes, drift, source excerpts."""
    timeline = report.timeline
    body = [
        _header(timeline),
        '<section class="chart"><h2>Statements over time</h2>',
        f"{chart_svg(timeline)}</section>",
        _changes_section(timeline),
        _timeline_section(timeline, report.excerpts),
        _drift_section(report.drifts),
        _legend_section(),
    ]
    return page(_title(timeline), "".join(body))


def _chart_alt(timeline: Timeline) -> str:
    if timeline.topic is None:
        return "Chart of statements over time, in lanes by kind of statement"
    return "Chart of statements over time, in lanes by position toward the topic"


def _title(timeline: Timeline) -> str:
    topic = f" — {timeline.topic.name}" if timeline.topic else ""
    return f"{timeline.speaker.name}: timeline{topic}"


def _header(timeline: Timeline) -> str:
    topic = (
        f"<p>Stance toward the proposition <b>“{esc(timeline.topic.proposition)}”</b> "
        f"(topic <code>{esc(timeline.topic.name)}</code>).</p>"
        if timeline.topic
        else "<p>All statements, every stored topic.</p>"
    )
    statements = sum(len(e.statements) for e in (*timeline.events, *timeline.undated))
    outlets = {r.outlet or r.doc for e in (*timeline.events, *timeline.undated) for r in e.reports}
    return (
        f"<h1>{esc(timeline.speaker.name)}</h1>{topic}"
        f'<p class="meta">{len(timeline.events)} dated speech event(s), '
        f"{statements} statement(s) reported by {len(outlets)} outlet(s); "
        f"{len(timeline.changes)} position change(s). Made with onrecord: every statement "
        "is traced to the exact characters of the article that reports it.</p>"
    )


def _changes_section(timeline: Timeline) -> str:
    if not timeline.changes:
        return "<h2>Position changes</h2><p>No change of position found.</p>"
    items = "".join(f'<div class="change">{esc(change_text(c))}</div>' for c in timeline.changes)
    return f"<h2>Position changes</h2>{items}"


def _timeline_section(timeline: Timeline, excerpts: dict[int, Excerpt]) -> str:
    parts = ["<h2>Timeline</h2>"]
    parts += [_event_html(e, excerpts) for e in timeline.events]
    if timeline.undated:
        parts.append(
            "<h2>Undated</h2><p>No date was said or published for these: they are not "
            "placed on the timeline.</p>"
        )
        parts += [_event_html(e, excerpts) for e in timeline.undated]
    return "".join(parts)


def _stance_badge(position: str | None) -> str:
    if not position or position == "-":
        return '<span class="stance">no position</span>'
    label = position.split("/")[0]
    return f'<span class="stance {esc(label)}">{esc(position)}</span>'


def _event_html(event: TimelineEvent, excerpts: dict[int, Excerpt]) -> str:
    position = event.stance or next(iter(event.stances.values()), None)
    classes = " ".join(["event", *(position or "").replace("/", " ").split()])
    head = (
        f'<h3 id="event-{event.id}">{esc(event_date(event))} '
        f"{esc(event.occasion or '')} {_stance_badge(position)}</h3>"
        f'<p class="small">Event {event.id}; reported by {len(event.reports)} article(s):</p>'
    )
    reports = "".join(
        f"<li><b>{esc(r.outlet or 'outlet unknown')}</b>, <code>{esc(r.doc)}</code>"
        f"{', published ' + esc(r.published) if r.published else ''}: statements "
        + ", ".join(f'<a href="#s{sid}">#{sid}</a>' for sid in r.statements)
        + "</li>"
        for r in event.reports
    )
    changes = "".join(f'<div class="change">{esc(change_text(c))}</div>' for c in event.changes)
    statements = "".join(
        _statement_html(item, excerpts.get(item.view.id)) for item in event.statements
    )
    return (
        f'<div class="{esc(classes)}">{head}<ul class="reports">{reports}</ul>'
        f"{changes}{statements}</div>"
    )


def _statement_html(item: TimelineStatement, excerpt: Excerpt | None) -> str:
    view = item.view
    said = f", said {esc(view.said_on)}" if view.said_on else ""
    head = (
        f'<div class="statement" id="s{view.id}"><b>#{view.id}</b> '
        f"{_stance_badge(statement_position(item))} {esc(view.outlet or '-')}, "
        f"<code>{esc(view.doc)}</code>{said} ({esc(view.kind)})"
    )
    if excerpt is None or not excerpt.text:
        return f'{head}<div class="excerpt">{esc(view.content)}</div></div>'
    spans = " ".join(f"{role} {s}–{e}" for role, found in view.spans.items() for s, e in found)
    return (
        f'{head}<div class="excerpt">{marked(excerpt.text, excerpt.marks)}</div>'
        f'<div class="small">Character spans in the article text: {esc(spans)}</div></div>'
    )


def marked(text: str, marks: Iterable[tuple[int, int, str]]) -> str:
    """Return `text` escaped, each marked range wrapped in spans of its roles (overlaps nest)."""
    marks = list(marks)
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        roles = sorted({_ROLE_CLASS[r] for s, e, r in marks if s <= start and end <= e})
        chunk = esc(text[start:end])
        pieces.append(f'<span class="{" ".join(roles)}">{chunk}</span>' if roles else chunk)
    return "".join(pieces).replace("\n", "<br>")


def _drift_section(drifts: Sequence[DriftReport]) -> str:
    if not drifts:
        return "<h2>Quote drift</h2><p>No quote differs between the outlets reporting it.</p>"
    return "<h2>Quote drift</h2>" + "".join(_drift_html(d) for d in drifts)


def _drift_html(report: DriftReport) -> str:
    said = esc(report.said_on) if report.said_on else "undated"
    rows = []
    for segment in report.drift.segments:
        if segment.status == "equal":
            rows.append(esc(segment.text))
        elif segment.status == "omitted":
            who = esc(", ".join(segment.omitted_by))
            rows.append(
                f'<span class="omitted" title="omitted by {who}">({esc(segment.text)})</span>'
            )
        else:
            old = f"<del>{esc(segment.text)}</del>" if segment.text else ""
            new = "".join(f"<ins>{esc(v.text)}</ins>" for v in segment.variants)
            rows.append(old + new)
    versions = "".join(
        f"<tr><td>{esc(v.label)}</td><td><code>{esc(v.doc)}</code></td><td>"
        + ", ".join(f'<a href="#s{s}">#{s}</a>' for s in v.statements)
        + "</td></tr>"
        for v in report.versions
    )
    notes = "".join(
        _drift_note(s) for s in report.drift.segments if s.status in ("changed", "added")
    )
    return (
        f"<h3>{said}: cluster {report.cluster_id} (event "
        f'<a href="#event-{report.event_id}">{report.event_id}</a>)</h3>'
        f'<p>{" ".join(rows)}</p><ul class="reports">{notes}</ul>'
        '<table class="drift"><tr><th>version</th><th>document</th><th>statements</th></tr>'
        f"{versions}</table>"
    )


def _drift_note(segment: DriftSegment) -> str:
    carried = (
        f"“{esc(segment.text)}”: {esc(', '.join(segment.carried_by))}; " if segment.text else ""
    )
    others = "; ".join(f"“{esc(v.text)}”: {esc(', '.join(v.outlets))}" for v in segment.variants)
    return f"<li>{esc(segment.status)}: {carried}{others}</li>"


def _legend_section() -> str:
    return (
        '<h2>How to read the excerpts</h2><p class="legend">'
        '<span class="source">source (who)</span><span class="cue">cue (said, told…)</span>'
        '<span class="content">content (what was said)</span>'
        '<span class="stance-cue">phrase that decided the stance</span></p>'
        '<p class="small">In quote drift, <del>struck</del> words are the reference '
        "version's and <ins>green</ins> words another outlet's; words in (grey) were left "
        "out by some outlets, which is trimming, not drift.</p>"
    )
