"""The timeline chart: a speaker's statements over time, in lanes, with event labels.

With a topic chosen, the lanes are the positions toward its proposition (for to against);
without one, stance means nothing across topics, so the lanes are the kinds of statement
present (direct, mixed, indirect, transcript). Every mark drawn has its legend entry, and
no two pieces of text overlap: event labels are laid out in rows above the lanes, and a
label that finds no room is left out, the chart saying how many.

matplotlib is imported only when a chart is drawn, and only its object API (a `Figure`
saved by the Agg canvas) is used: no pyplot state, no display needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from onrecord.queries.timeline import Timeline, TimelineEvent, TimelineStatement

# Each position toward a topic: its lane (y) and colour.
POSITIONS = {
    "for": (2, "#2e7d32"),
    "for/conditional": (1, "#8bc34a"),
    "neutral": (0, "#9e9e9e"),
    "against/conditional": (-1, "#ef6c00"),
    "against": (-2, "#c62828"),
}
# Each kind of statement (the lanes when no topic is chosen): its lane and colour.
KINDS = {
    "direct": (1, "#1565c0"),
    "mixed": (0, "#6a1b9a"),
    "indirect": (-1, "#00838f"),
    "transcript": (-2, "#8d6e63"),
}
OTHER_KIND = "#607d8b"  # a kind this chart does not know yet gets its own lane below
EVENT_LINE = "#cfcfcf"
CHANGE_LINE = "#37474f"
LABEL_CHARS = 34  # event labels are cut to this many characters
LABEL_ROWS = 6  # rows of event labels above the lanes; a label with no room is left out
DPI = 110
GAP = 3.0  # pixels between a label and its event's line, and between two labels
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85}
SPREAD = 0.32  # dots of one event in one lane spread this far above and below it


@dataclass(frozen=True, slots=True)
class Lanes:
    """What the chart's rows mean: a name per lane, its y and its colour."""

    title: str
    rows: dict[str, tuple[int, str]]

    def of(self, item: TimelineStatement, topic: bool) -> str:
        """Return the lane of one statement."""
        if topic:
            return item.stance.stance.position if item.stance else "neutral"
        return str(item.view.kind)


def lanes(timeline: Timeline) -> Lanes:
    """Return the chart's lanes: positions toward the chosen topic, else kinds."""
    if timeline.topic is not None:
        return Lanes("position", dict(POSITIONS))
    seen = {str(s.view.kind) for e in timeline.events for s in e.statements}
    rows = {kind: lane for kind, lane in KINDS.items() if kind in seen} or dict(KINDS)
    for n, kind in enumerate(sorted(seen - set(KINDS)), start=1):
        rows[kind] = (min(y for y, _ in KINDS.values()) - n, OTHER_KIND)
    return Lanes("kind", rows)


def timeline_chart(timeline: Timeline, target: str | Path | IO[bytes], fmt: str = "png") -> None:
    """Draw the timeline chart into `target` (a path or a binary file) as PNG or SVG."""
    fig = timeline_figure(timeline)
    fig.savefig(target, format=fmt, dpi=DPI)


def timeline_figure(timeline: Timeline) -> Figure:
    """Return the timeline chart as a matplotlib Figure (drawn, its labels laid out)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 6), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)  # measures text, so labels can be laid out
    ax = fig.subplots()
    chosen = lanes(timeline)
    drawn = _draw_statements(ax, timeline, chosen)
    whole_height = ax.get_xaxis_transform()  # x in dates, y from bottom (0) to top (1)
    if timeline.events:
        days = [_x(e.date) for e in timeline.events if e.date is not None]
        ax.vlines(days, 0, 1, transform=whole_height, colors=EVENT_LINE, linewidth=0.8, zorder=1)
    if timeline.changes:
        days = [_x(c.after.first) for c in timeline.changes]
        ax.vlines(
            days, 0, 1, transform=whole_height, colors=CHANGE_LINE, linestyles="--", linewidth=1.2
        )
    bottom = min(y for y, _ in chosen.rows.values())
    top = max(y for y, _ in chosen.rows.values())
    ax.set_yticks([y for y, _ in chosen.rows.values()], list(chosen.rows))
    ax.set_ylabel(chosen.title)
    ax.set_ylim(bottom - 0.7, top + 0.7)
    ax.grid(axis="y", color="#eeeeee")
    # Two lines from the start (the second says what is not shown), so laying out the
    # labels after the first draw never moves the axes.
    title = fig.suptitle(_title(timeline, 0), fontsize=10, x=0.01, ha="left")
    if timeline.events:
        _pad_dates(ax, timeline.events)
    else:
        ax.set_xticks([])
    ax.xaxis_date()
    _legend(fig, chosen, drawn, timeline)
    fig.canvas.draw()  # lays out the axes, so label widths can be measured
    hidden = _label_events(fig, ax, timeline)
    title.set_text(_title(timeline, hidden))
    return fig


def _title(timeline: Timeline, hidden: int) -> str:
    """Return the chart's title: who and toward what; then what the chart does not show."""
    toward = f" — {timeline.topic.proposition}" if timeline.topic else " — every statement"
    undated = sum(len(e.statements) for e in timeline.undated)
    notes = [f"{len(timeline.events)} dated event(s)"]
    if undated:
        notes.append(f"{undated} undated statement(s) not placed")
    if hidden:
        notes.append(f"{hidden} label(s) left out for room (the timeline lists every event)")
    return f"{timeline.speaker.name}{toward}\n{'; '.join(notes)}"


def _draw_statements(ax: Axes, timeline: Timeline, chosen: Lanes) -> list[str]:
    """Draw a dot per statement, at its event's date in its lane; return the lanes used.

    The dots of one event in one lane spread over the lane's height (one scatter per lane,
    so 200 events draw as fast as two).
    """
    points: dict[str, tuple[list[float], list[float]]] = {}
    for event in timeline.events:
        assert event.date is not None
        by_lane: dict[str, int] = {}
        for item in event.statements:
            lane = chosen.of(item, timeline.topic is not None)
            by_lane[lane] = by_lane.get(lane, 0) + 1
        for lane, count in by_lane.items():
            y = chosen.rows[lane][0]
            xs, ys = points.setdefault(lane, ([], []))
            xs += [_x(event.date)] * count
            ys += (
                [y]
                if count == 1
                else [y - SPREAD + 2 * SPREAD * i / (count - 1) for i in range(count)]
            )
    for lane, (xs, ys) in points.items():
        colour = chosen.rows[lane][1]
        ax.scatter(xs, ys, s=40, color=colour, edgecolors="white", zorder=3)
    return list(points)


def _legend(fig: Figure, chosen: Lanes, drawn: Sequence[str], timeline: Timeline) -> None:
    """Add a legend entry for every kind of mark the chart holds."""
    from matplotlib.lines import Line2D

    handles: list[Any] = [
        Line2D([], [], marker="o", linestyle="", color=colour, label=f"{name} statement")
        for name, (_, colour) in chosen.rows.items()
        if name in drawn
    ]
    if timeline.events:
        handles.append(
            Line2D(
                [], [], color=EVENT_LINE, linewidth=1.5, label="speech event (occasion, outlets)"
            )
        )
    if timeline.changes:
        handles.append(
            Line2D(
                [], [], color=CHANGE_LINE, linestyle="--", label="position change (new position)"
            )
        )
    if handles:
        fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=4, frameon=False)


def _label_events(fig: Figure, ax: Axes, timeline: Timeline) -> int:
    """Write the event (and position change) labels in rows above the lanes, none touching
    another; return how many found no room and were left out."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's
    box = ax.get_window_extent(renderer)
    row_height = 14.0  # pixels per row of labels
    bottom, top = ax.get_ylim()
    # The rows sit above the highest lane: the axes grow upward by their height in pixels.
    rows = LABEL_ROWS * row_height + 6
    ax.set_ylim(bottom, top + rows * (top - bottom) / max(box.height - rows, 1.0))
    taken: list[list[tuple[float, float]]] = [[] for _ in range(LABEL_ROWS)]
    hidden = 0
    for x, text, colour in _labels(timeline):
        label = ax.text(
            _x(x), 0, text, fontsize=7, color=colour, ha="left", va="bottom", bbox=LABEL_BOX
        )
        if not _place(label, ax, renderer, box, taken, row_height):
            label.remove()
            hidden += 1
    return hidden


def _labels(timeline: Timeline) -> list[tuple[dt.date, str, str]]:
    """Return every label to place: (date, text, colour), in date order."""
    found = []
    for event in timeline.events:
        assert event.date is not None
        label = event.occasion or f"event {event.id}"
        if len(label) > LABEL_CHARS:
            label = label[: LABEL_CHARS - 1] + "…"
        outlets = len({r.outlet or r.doc for r in event.reports})
        found.append(
            (event.date, f"{label} ({outlets} outlet{'s' if outlets != 1 else ''})", "#333333")
        )
    for change in timeline.changes:
        topic = "" if timeline.topic else f" ({change.topic})"  # several topics: say which
        found.append((change.after.first, f"→ {change.after.position}{topic}", CHANGE_LINE))
    return sorted(found, key=lambda item: item[0])


def _place(
    label: Text,
    ax: Axes,
    renderer: Any,
    box: Any,
    taken: list[list[tuple[float, float]]],
    row_height: float,
) -> bool:
    """Put `label` in the lowest row where it touches no other label, within the axes:
    starting at its event, else ending there."""
    width = label.get_window_extent(renderer).width
    x = ax.transData.transform((label.get_position()[0], 0))[0]
    starts: list[tuple[float, Literal["left", "right"]]] = [
        (x + GAP, "left"),
        (x - GAP - width, "right"),
    ]
    fitting = [(s, a) for s, a in starts if box.x0 + GAP <= s and s + width <= box.x1 - GAP]
    for row, spans in enumerate(taken):
        for left, align in fitting:
            span = (left - GAP, left + width + GAP)
            if all(span[1] <= a or b <= span[0] for a, b in spans):
                spans.append(span)
                anchor = left if align == "left" else left + width
                y_pixels = box.y1 - (LABEL_ROWS - row) * row_height - 2
                label.set_horizontalalignment(align)
                at_x, at_y = ax.transData.inverted().transform((anchor, y_pixels))
                label.set_position((float(at_x), float(at_y)))
                return True
    return False


def _pad_dates(ax: Axes, events: tuple[TimelineEvent, ...]) -> None:
    """Leave room around the first and last event so their dots show."""
    dates = [e.date for e in events if e.date is not None]
    span = max((max(dates) - min(dates)).days, 30)
    pad = dt.timedelta(days=max(span // 20, 5))
    ax.set_xlim(_x(min(dates) - pad), _x(max(dates) + pad))


def _x(day: dt.date) -> float:
    """Return a date as matplotlib's x coordinate."""
    from matplotlib.dates import date2num

    return float(date2num(day))
