"""The timeline chart as SVG: drawn in Python, no matplotlib, no external resource.

One chart serves the speaker page, `report -o` and `timeline --plot`. Each speech event is
one dot per lane its statements fall in (the dot's area grows with their number). With a
topic chosen, the lanes are the positions toward its proposition; without one, a stance
means nothing across topics, so there are no stance lanes: the lanes are the kinds of
statement present (direct, mixed, indirect, transcript) when the events say them, else one
lane. Labels are placed greedily on a few rows above the lanes, their widths measured
generously (`text_width`), and an event whose label would touch another's gets none (its
dot keeps a tooltip; the chart says how many were left out), so 200 crowded events stay
readable. Every kind of mark has a legend entry. All text is escaped.
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

# Each position's lane (from the top) and colour.
LANES = (
    ("for", "#2e7d32"),
    ("for/conditional", "#8bc34a"),
    ("neutral", "#9e9e9e"),
    ("against/conditional", "#ef6c00"),
    ("against", "#c62828"),
)
# Each kind of statement's lane and colour: the lanes when no topic is chosen.
KINDS = (
    ("direct", "#1565c0"),
    ("mixed", "#6a1b9a"),
    ("indirect", "#00838f"),
    ("transcript", "#8d6e63"),
)
OTHER_KIND = "#607d8b"  # a kind this chart does not know yet gets its own lane, in grey-blue
NO_POSITION = ("statements", "#546e7a")  # the one lane when the events say no kinds
CHANGE_COLOUR = "#37474f"
LEADER_COLOUR = "#cfd8dc"  # the dashed line from an event's label down to its lanes
WIDTH = 960
LEFT, RIGHT = 150, 24  # room for the lane names; margin on the right
LABEL_ROWS = 6  # rows of event labels above the lanes (12 events a year all labelled)
ROW = 16  # height of a label row and of a tick label
LANE = 34  # height of a lane
LABEL_CHARS = 30  # an event label is cut to this many characters
GAP = 8  # least space between two labels on one row
MAX_RADIUS = 11.0

# Widths of characters at 11px sans-serif, in pixels, each at least the widest glyph of its
# class in the common sans-serif fonts (DejaVu Sans, Liberation Sans, Arial, Helvetica), so a
# label is never wider on screen than the room kept for it.
_NARROW = frozenset("iljtfrI!|.,:;'`() []{}\"")
_WIDE = frozenset("mwMW@%")
CHAR_WIDTHS = {"narrow": 4.5, "wide": 11.0, "upper": 8.5, "other": 7.0}
FONT_SIZE = 11

EventLink = Callable[[int], str]


@dataclass(frozen=True, slots=True)
class _Mark:
    """One dot: an event's statements falling in one lane."""

    x: float
    lane: int
    colour: str
    count: int
    event: EventOutline
    lane_name: str


def esc(value: object) -> str:
    """Escape a value for SVG text or an attribute."""
    return html.escape(str(value), quote=True)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Return a width in pixels no smaller than `text` takes at `size` px in sans-serif."""
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += CHAR_WIDTHS["narrow"]
        elif char in _WIDE or not char.isascii():
            total += CHAR_WIDTHS["wide"]
        elif char.isupper():
            total += CHAR_WIDTHS["upper"]
        else:
            total += CHAR_WIDTHS["other"]
    return total * size / FONT_SIZE


def timeline_svg(timeline: Timeline, link: EventLink | None = None) -> str:
    """Return a timeline's chart as one <svg> element (no XML prolog).

    `link(event_id)` gives the address each dot and label links to (no links without it).
    """
    by_position = timeline.topic is not None
    return outline_svg(
        _title(timeline.speaker.name, len(timeline.events), timeline.topic),
        [outline_of(e, by_position) for e in (*timeline.events, *timeline.undated)],
        timeline.changes,
        by_position,
        link,
    )


def svg_document(svg: str) -> str:
    """Return a chart as a standalone SVG file's text."""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n'


def outline_of(event: TimelineEvent, by_position: bool) -> EventOutline:
    """Return a timeline's event in brief, as the chart draws it: by position toward the
    chosen topic, else by kind of statement."""
    positions: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for item in event.statements:
        if by_position:
            positions[item.stance.stance.position if item.stance else "neutral"] += 1
        else:
            kinds[str(item.view.kind)] += 1
    return EventOutline(
        id=event.id,
        date=event.date,
        basis=event.basis,
        occasion=event.occasion,
        statements=len(event.statements),
        articles=len(event.reports),
        positions=dict(positions),
        kinds=dict(kinds),
    )


def speaker_chart_title(name: str, events: int, topic: Topic | None) -> str:
    """Return the title a speaker's chart carries."""
    return _title(name, events, topic)


def chart_lanes(outlines: Sequence[EventOutline], by_position: bool) -> tuple[tuple[str, str], ...]:
    """Return the chart's lanes (name, colour): positions toward the chosen topic, else the
    kinds the events hold, else one lane for every statement."""
    if by_position:
        return LANES
    seen = {kind for o in outlines if o.date is not None for kind in o.kinds}
    if not seen:
        return (NO_POSITION,)
    known = tuple((kind, colour) for kind, colour in KINDS if kind in seen)
    return known + tuple((kind, OTHER_KIND) for kind in sorted(seen - {k for k, _ in KINDS}))


def outline_svg(
    title: str,
    outlines: Sequence[EventOutline],
    changes: Sequence[PositionChange] = (),
    by_position: bool = False,
    link: EventLink | None = None,
) -> str:
    """Return the chart of events in brief: dated ones placed, undated ones counted.

    With `by_position`, a lane per position toward the chosen topic; else a lane per kind
    of statement the events say (one lane when they say none).
    """
    lanes = chart_lanes(outlines, by_position)
    events = [o for o in outlines if o.date is not None]
    undated = sum(o.statements for o in outlines if o.date is None)
    top = 28 + LABEL_ROWS * ROW + 10
    plot_height = LANE * len(lanes)
    changes_top = top + plot_height + 28
    change_rows = 2 if changes else 0
    legend_top = changes_top + change_rows * ROW + 8
    legend = _legend(lanes, legend_top, bool(events), bool(changes), by_position)
    height = legend_top + 26 + ROW * (len(legend) - 1)
    scale = _Scale(events, WIDTH - LEFT - RIGHT)
    labels, left_out = _labels(events, scale, top, link)
    change_labels, changes_left_out = _changes(
        changes, scale, top, plot_height, changes_top, by_position
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif" '
        f'font-size="{FONT_SIZE}">',
        f"<title>{esc(title)}</title>",
        f'<text x="4" y="16" font-size="13" fill="#222">{esc(title)}</text>',
    ]
    parts += _lanes(lanes, top)
    parts += _ticks(scale, top, plot_height)
    parts += labels
    parts += change_labels
    parts += [_dot(m, top, link) for m in _marks(events, scale, lanes, by_position)]
    parts += [f'<g class="legend">{"".join(legend)}</g>']
    parts.append(_note(undated, bool(events), left_out + changes_left_out, height))
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
        if by_position:
            found = event.positions
        else:
            found = event.kinds if names[0] != NO_POSITION[0] else {names[0]: event.statements}
        for name, count in found.items():
            lane = names.index(name) if name in names else names.index("neutral")
            marks.append(_Mark(scale.x(event.date), lane, lanes[lane][1], count, event, name))
    return marks


def _radius(count: int) -> float:
    return min(MAX_RADIUS, 3.5 + 1.6 * (count - 1) ** 0.5)


def _dot(mark: _Mark, top: int, link: EventLink | None) -> str:
    y = top + LANE * mark.lane + LANE / 2
    event = mark.event
    tip = (
        f"{_day(event)}: {event.occasion or f'event {event.id}'} — {mark.count} "
        f"statement(s) {mark.lane_name}, {event.articles} report(s)"
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

    Return (index of the item, row) for each label placed; a label that fits on no row
    is left out. A label that would run past `right` is drawn leftward of its mark.
    """
    ends = [float("-inf")] * rows
    placed = []
    for index, (x, text) in sorted(enumerate(items), key=lambda p: p[1][0]):
        width = text_width(text)
        x = label_left(x, text, right)
        for row in range(rows):
            if x >= ends[row] + GAP:
                ends[row] = x + width
                placed.append((index, row))
                break
    return placed


def label_left(x: float, text: str, right: float) -> float:
    """Return where a label starts: at its mark, or ending at `right` near the right edge."""
    return min(x, right - text_width(text))


def _day(event: EventOutline) -> str:
    shown = event.date.isoformat() if event.date else "undated"
    return f"{shown} (published)" if event.basis == "published" else shown


def _label_text(event: EventOutline) -> str:
    label = event.occasion or _day(event)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _labels(
    events: Sequence[EventOutline], scale: _Scale, top: int, link: EventLink | None
) -> tuple[list[str], int]:
    """Return the event labels drawn, and how many found no room."""
    items = [(scale.x(e.date), _label_text(e)) for e in events if e.date is not None]
    placed = place_labels(items, LABEL_ROWS, WIDTH - RIGHT)
    parts = []
    for index, row in placed:
        x, text = items[index]
        left = label_left(x, text, WIDTH - RIGHT)
        y = 28 + ROW * (row + 1)
        label = f'<text class="event-label" x="{left:.1f}" y="{y}" fill="#333">{esc(text)}</text>'
        if link:
            label = f'<a href="{esc(link(events[index].id))}">{label}</a>'
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 3}" y2="{top}" stroke="{LEADER_COLOUR}" '
            f'stroke-dasharray="2,2"/>{label}'
        )
    return parts, len(items) - len(placed)


def _change_text(change: PositionChange, by_position: bool) -> str:
    """Return a position change's label; without a chosen topic, it names its topic."""
    text = f"{change.before.position} → {change.after.position}"
    return text if by_position else f"{text} ({change.topic})"


def _changes(
    changes: Sequence[PositionChange],
    scale: _Scale,
    top: int,
    plot_height: int,
    changes_top: int,
    by_position: bool,
) -> tuple[list[str], int]:
    """Return the position changes' lines and labels, and how many labels found no room."""
    items = [(scale.x(c.after.first), _change_text(c, by_position)) for c in changes]
    parts = []
    for x, _ in items:
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_height}" '
            f'stroke="{CHANGE_COLOUR}" stroke-dasharray="5,3"/>'
        )
    placed = place_labels(items, 2, WIDTH - RIGHT)
    for index, row in placed:
        x, text = items[index]
        left = label_left(x, text, WIDTH - RIGHT)
        y = changes_top + ROW * row + 4
        parts.append(
            f'<text class="change-label" x="{left:.1f}" y="{y}" fill="{CHANGE_COLOUR}">'
            f"{esc(text)}</text>"
        )
    return parts, len(items) - len(placed)


def _legend(
    lanes: Sequence[tuple[str, str]], top: int, events: bool, changes: bool, by_position: bool
) -> list[str]:
    """Return the legend's entries, one per kind of mark, wrapped onto rows that fit."""
    entries = [
        (
            _lane_legend(name, by_position, len(lanes)),
            f'<circle cx="{{x:.1f}}" cy="{{y}}" r="5" fill="{colour}"/>',
        )
        for name, colour in lanes
    ]
    if events:
        entries.append(
            (
                "event label (occasion, else day)",
                f'<line x1="{{x:.1f}}" x2="{{x16:.1f}}" y1="{{y}}" y2="{{y}}" '
                f'stroke="{LEADER_COLOUR}" stroke-dasharray="2,2"/>',
            )
        )
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
        width = 22 + text_width(label)
        if row and x + width > WIDTH - RIGHT:
            rows.append(row)
            x, y, row = float(LEFT), y + ROW, ""
        row += mark.format(x=x, x16=x + 12, y=y) + (
            f'<text x="{x + 14:.1f}" y="{y + 4}" fill="#333">{esc(label)}</text>'
        )
        x += width
    return [*rows, row]


def _lane_legend(name: str, by_position: bool, lanes: int) -> str:
    if by_position:
        return f"statements: {name}"
    if lanes == 1 and name == NO_POSITION[0]:
        return "a speech event (dot size: statements)"
    return f"{name} statements (dot size: how many)"


def _note(undated: int, dated: bool, left_out: int, height: int) -> str:
    notes = []
    if not dated:
        notes.append("no dated events")
    if undated:
        notes.append(f"{undated} undated statement(s) not placed")
    if left_out:
        notes.append(f"{left_out} label(s) left out for room")
    if not notes:
        return ""
    return (
        f'<text class="chart-note" x="{WIDTH - RIGHT}" y="{height - 6}" text-anchor="end" '
        f'fill="#555">{esc("; ".join(notes))}</text>'
    )
