"""The timeline chart as inline SVG: drawn in Python, no matplotlib, no external resource.

Each speech event is one dot per position its statements take (the dot's area grows with
the number of statements), on a lane per position when a topic is chosen and on one lane
otherwise. Labels are placed greedily on a few rows above the lanes and an event whose
label would overlap another's gets none (its dot keeps a tooltip), so 200 crowded events
stay readable. Every mark has a legend entry. All text is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.models import EventOutline, PositionChange, Topic

if TYPE_CHECKING:
    from onrecord.queries.timeline import Timeline, TimelineEvent

# Each position's lane (from the top) and colour; the colours of the matplotlib chart.
LANES = (
    ("for", "#2e7d32"),
    ("for/conditional", "#8bc34a"),
    ("neutral", "#9e9e9e"),
    ("against/conditional", "#ef6c00"),
    ("against", "#c62828"),
)
NO_POSITION = ("statements", "#546e7a")  # the one lane when no topic is chosen
CHANGE_COLOUR = "#37474f"
WIDTH = 960
LEFT, RIGHT = 150, 24  # room for the lane names; margin on the right
LABEL_ROWS = 4  # rows of event labels above the lanes
ROW = 16  # height of a label row and of a tick label
LANE = 34  # height of a lane
LABEL_CHARS = 30  # an event label is cut to this many characters
CHAR_WIDTH = 6.1  # mean width of a character at 11px, for placing labels without overlap
GAP = 8  # least space between two labels on one row
MAX_RADIUS = 11.0

EventLink = Callable[[int], str]


@dataclass(frozen=True, slots=True)
class _Mark:
    """One dot: an event's statements taking one position."""

    x: float
    lane: int
    colour: str
    count: int
    event: EventOutline
    position: str


def esc(value: object) -> str:
    """Escape a value for SVG text or an attribute."""
    return html.escape(str(value), quote=True)


def timeline_svg(timeline: Timeline, link: EventLink | None = None) -> str:
    """Return a timeline's chart as one <svg> element (no XML prolog).

    `link(event_id)` gives the address each dot and label links to (no links without it).
    """
    return outline_svg(
        _title(timeline.speaker.name, len(timeline.events), timeline.topic),
        [outline_of(e, timeline.topic is not None) for e in (*timeline.events, *timeline.undated)],
        timeline.changes,
        timeline.topic is not None,
        link,
    )


def outline_of(event: TimelineEvent, by_position: bool) -> EventOutline:
    """Return a timeline's event in brief, as the chart draws it."""
    positions: Counter[str] = Counter()
    if by_position:
        for item in event.statements:
            positions[item.stance.stance.position if item.stance else "neutral"] += 1
    return EventOutline(
        id=event.id,
        date=event.date,
        basis=event.basis,
        occasion=event.occasion,
        statements=len(event.statements),
        articles=len(event.reports),
        positions=dict(positions),
    )


def speaker_chart_title(name: str, events: int, topic: Topic | None) -> str:
    """Return the title a speaker's chart carries."""
    return _title(name, events, topic)


def outline_svg(
    title: str,
    outlines: Sequence[EventOutline],
    changes: Sequence[PositionChange] = (),
    by_position: bool = False,
    link: EventLink | None = None,
) -> str:
    """Return the chart of events in brief: dated ones placed, undated ones counted.

    With `by_position`, a lane per position toward the chosen topic, else one lane.
    """
    lanes = LANES if by_position else (NO_POSITION,)
    events = [o for o in outlines if o.date is not None]
    undated = sum(o.statements for o in outlines if o.date is None)
    top = 28 + LABEL_ROWS * ROW + 10
    plot_height = LANE * len(lanes)
    changes_top = top + plot_height + 28
    change_rows = 2 if changes else 0
    legend_top = changes_top + change_rows * ROW + 8
    legend = _legend(lanes, legend_top, bool(changes))
    height = legend_top + 26 + ROW * (len(legend) - 1)
    scale = _Scale(events, WIDTH - LEFT - RIGHT)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif" font-size="11">',
        f"<title>{esc(title)}</title>",
        f'<text x="4" y="16" font-size="13" fill="#222">{esc(title)}</text>',
    ]
    parts += _lanes(lanes, top)
    parts += _ticks(scale, top, plot_height)
    parts += _labels(events, scale, top, link)
    parts += _changes(changes, scale, top, plot_height, changes_top)
    parts += [_dot(m, top, link) for m in _marks(events, scale, lanes, by_position)]
    parts += [f'<g class="legend">{"".join(legend)}</g>']
    parts.append(_note(undated, bool(events), height))
    parts.append("</svg>")
    return "".join(parts)


def _title(name: str, events: int, topic: Topic | None) -> str:
    toward = f" toward “{topic.proposition}”" if topic else ""
    return f"{name}: {events} dated speech event(s){toward}"


class _Scale:
    """Days to x coordinates across the plot, with a little room at either end."""

    def __init__(self, events: Sequence[EventOutline], width: float) -> None:
        days = [e.date for e in events if e.date is not None] or [dt.date.today()]
        first, last = min(days), max(days)
        pad = max((last - first).days // 40, 15)
        self.first = first - dt.timedelta(days=pad)
        self.last = last + dt.timedelta(days=pad)
        self.width = width

    def x(self, day: dt.date) -> float:
        span = max((self.last - self.first).days, 1)
        return LEFT + self.width * (day - self.first).days / span


def _lanes(lanes: Sequence[tuple[str, str]], top: int) -> list[str]:
    parts = []
    for i, (name, _) in enumerate(lanes):
        y = top + LANE * i + LANE / 2
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eeeeee"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="#444">{esc(name)}</text>'
        )
    return parts


def _ticks(scale: _Scale, top: int, plot_height: int) -> list[str]:
    """Return the date axis: a tick per month, quarter, half or n years, at most ten."""
    bottom = top + plot_height
    parts = [f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#999"/>']
    for day, label in tick_days(scale.first, scale.last):
        x = scale.x(day)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="#999"/>'
            f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle" fill="#555">'
            f"{esc(label)}</text>"
        )
    return parts


def tick_days(first: dt.date, last: dt.date, most: int = 10) -> list[tuple[dt.date, str]]:
    """Return the first days of months (or years) between two days, at most `most` of them."""
    months = (last.year - first.year) * 12 + last.month - first.month
    for step in (1, 2, 3, 6, 12, 24, 60, 120, 240):
        if months // step < most:
            break
    ticks: list[tuple[dt.date, str]] = []
    index = first.year * 12 + first.month  # the month after `first`'s
    while True:
        year, month = divmod(index, 12)
        day = dt.date(year, month + 1, 1)
        if day > last:
            return ticks
        if (index % step) == 0:
            ticks.append((day, str(year) if step >= 12 else f"{year}-{month + 1:02d}"))
        index += 1


def _marks(
    events: Sequence[EventOutline],
    scale: _Scale,
    lanes: Sequence[tuple[str, str]],
    by_position: bool,
) -> list[_Mark]:
    names = [name for name, _ in lanes]
    marks = []
    for event in events:
        assert event.date is not None
        found = event.positions if by_position else {names[0]: event.statements}
        for position, count in found.items():
            lane = names.index(position) if position in names else names.index("neutral")
            marks.append(_Mark(scale.x(event.date), lane, lanes[lane][1], count, event, position))
    return marks


def _radius(count: int) -> float:
    return min(MAX_RADIUS, 3.5 + 1.6 * (count - 1) ** 0.5)


def _dot(mark: _Mark, top: int, link: EventLink | None) -> str:
    y = top + LANE * mark.lane + LANE / 2
    event = mark.event
    tip = (
        f"{_day(event)}: {event.occasion or f'event {event.id}'} — {mark.count} "
        f"statement(s) {mark.position}, {event.articles} report(s)"
    )
    dot = (
        f'<circle cx="{mark.x:.1f}" cy="{y:.1f}" r="{_radius(mark.count):.1f}" '
        f'fill="{mark.colour}" fill-opacity="0.85" stroke="#fff" stroke-width="1">'
        f"<title>{esc(tip)}</title></circle>"
    )
    return f'<a href="{esc(link(event.id))}">{dot}</a>' if link else dot


def place_labels(
    items: Sequence[tuple[float, str]], rows: int, right: float
) -> list[tuple[int, int]]:
    """Place labels (x, text) left to right on `rows` rows without overlap.

    Return (index of the item, row) for each label placed; a label that fits on no row,
    or would run past `right`, is left out.
    """
    ends = [float("-inf")] * rows
    placed = []
    for index, (x, text) in sorted(enumerate(items), key=lambda p: p[1][0]):
        width = len(text) * CHAR_WIDTH
        if x + width > right:
            x = right - width  # a label near the right edge is drawn leftward of its mark
        for row in range(rows):
            if x >= ends[row] + GAP:
                ends[row] = x + width
                placed.append((index, row))
                break
    return placed


def _day(event: EventOutline) -> str:
    shown = event.date.isoformat() if event.date else "undated"
    return f"{shown} (published)" if event.basis == "published" else shown


def _label_text(event: EventOutline) -> str:
    label = event.occasion or _day(event)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _labels(
    events: Sequence[EventOutline], scale: _Scale, top: int, link: EventLink | None
) -> list[str]:
    items = [(scale.x(e.date), _label_text(e)) for e in events if e.date is not None]
    parts = []
    for index, row in place_labels(items, LABEL_ROWS, WIDTH - RIGHT):
        x, text = items[index]
        left = min(x, WIDTH - RIGHT - len(text) * CHAR_WIDTH)
        y = 28 + ROW * (row + 1)
        label = f'<text x="{left:.1f}" y="{y}" fill="#333">{esc(text)}</text>'
        if link:
            label = f'<a href="{esc(link(events[index].id))}">{label}</a>'
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 3}" y2="{top}" stroke="#cfd8dc" '
            f'stroke-dasharray="2,2"/>{label}'
        )
    return parts


def _changes(
    changes: Sequence[PositionChange],
    scale: _Scale,
    top: int,
    plot_height: int,
    changes_top: int,
) -> list[str]:
    items = [(scale.x(c.after.first), f"{c.before.position} → {c.after.position}") for c in changes]
    parts = []
    for x, _ in items:
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_height}" '
            f'stroke="{CHANGE_COLOUR}" stroke-dasharray="5,3"/>'
        )
    for index, row in place_labels(items, 2, WIDTH - RIGHT):
        x, text = items[index]
        left = min(x, WIDTH - RIGHT - len(text) * CHAR_WIDTH)
        y = changes_top + ROW * row + 4
        parts.append(f'<text x="{left:.1f}" y="{y}" fill="{CHANGE_COLOUR}">{esc(text)}</text>')
    return parts


def _legend(lanes: Sequence[tuple[str, str]], top: int, changes: bool) -> list[str]:
    """Return the legend's entries, one per kind of mark, wrapped onto rows that fit."""
    entries = [
        (
            f"statements: {name}" if len(lanes) > 1 else "a speech event (dot size: statements)",
            f'<circle cx="{{x:.1f}}" cy="{{y}}" r="5" fill="{colour}"/>',
        )
        for name, colour in lanes
    ]
    if changes:
        entries.append(
            (
                "position change",
                f'<line x1="{{x:.1f}}" x2="{{x16:.1f}}" y1="{{y}}" y2="{{y}}" '
                f'stroke="{CHANGE_COLOUR}" stroke-dasharray="5,3"/>',
            )
        )
    rows: list[str] = []
    x, y, row = float(LEFT), top, ""
    for label, mark in entries:
        width = 22 + len(label) * CHAR_WIDTH
        if row and x + width > WIDTH - RIGHT:
            rows.append(row)
            x, y, row = float(LEFT), y + ROW, ""
        row += mark.format(x=x, x16=x + 12, y=y) + (
            f'<text x="{x + 14:.1f}" y="{y + 4}" fill="#333">{esc(label)}</text>'
        )
        x += width
    return [*rows, row]


def _note(undated: int, dated: bool, height: int) -> str:
    if not undated and dated:
        return ""
    note = f"{undated} undated statement(s) not placed" if dated else "no dated events"
    return (
        f'<text x="{WIDTH - RIGHT}" y="{height - 6}" text-anchor="end" fill="#555">'
        f"{esc(note)}</text>"
    )
