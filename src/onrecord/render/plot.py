"""The timeline chart: statements over time, coloured by stance, with event labels.

matplotlib is imported only when a chart is drawn, and only its object API (a `Figure`
saved by the Agg canvas) is used: no pyplot state, no display needed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from onrecord.queries.timeline import Timeline, TimelineEvent

# Each position's lane (y) and colour; statements on no topic sit on the neutral lane.
LANES = {
    "for": (2, "#2e7d32"),
    "for/conditional": (1, "#8bc34a"),
    "neutral": (0, "#9e9e9e"),
    "against/conditional": (-1, "#ef6c00"),
    "against": (-2, "#c62828"),
}
NO_POSITION = "#607d8b"
LABEL_CHARS = 38  # event labels are cut to this many characters


def timeline_chart(timeline: Timeline, target: str | Path | IO[bytes], fmt: str = "png") -> None:
    """Draw the timeline chart into `target` (a path or a binary file) as PNG or SVG."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(11, 5.5), layout="constrained")
    ax = fig.subplots()
    for event in timeline.events:
        _draw_event(ax, event)
    for change in timeline.changes:
        ax.axvline(_x(change.after.first), color="#37474f", linestyle="--", linewidth=1)
        ax.annotate(
            f"{change.before.position} → {change.after.position}",
            (_x(change.after.first), -2.6),
            fontsize=8,
            color="#37474f",
            ha="center",
        )
    ax.set_yticks([y for y, _ in LANES.values()], list(LANES))
    ax.set_ylim(-3, 5.2)  # the space above the "for" lane holds the event labels
    ax.grid(axis="y", color="#eeeeee")
    fig.suptitle(_title(timeline), fontsize=11, x=0.01, ha="left")
    undated = sum(len(e.statements) for e in timeline.undated)
    if undated or not timeline.events:
        note = (
            f"{undated} undated statement(s) not placed" if timeline.events else "no dated events"
        )
        ax.text(0.99, 0.02, note, transform=ax.transAxes, ha="right", fontsize=8, color="#555555")
    if timeline.events:
        _pad_dates(ax, timeline.events)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=colour, label=name)
        for name, (_, colour) in LANES.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=5, frameon=False)
    ax.xaxis_date()
    fig.autofmt_xdate()
    fig.savefig(target, format=fmt, dpi=110)


def _title(timeline: Timeline) -> str:
    toward = f" — {timeline.topic.proposition}" if timeline.topic else ""
    return f"{timeline.speaker.name}{toward}"


def _draw_event(ax: Axes, event: TimelineEvent) -> None:
    """Draw one event: a dot per statement in its stance's lane, and the event's label."""
    assert event.date is not None
    counts: dict[float, int] = {}
    for item in event.statements:
        position = item.stance.stance.position if item.stance else None
        lane, colour = LANES.get(position or "neutral", LANES["neutral"])
        if position is None:
            colour = NO_POSITION
        n = counts[lane] = counts.get(lane, 0) + 1
        y = lane + 0.12 * ((n // 2) * (1 if n % 2 else -1))  # fan out dots of one lane
        ax.scatter([_x(event.date)], [y], s=46, color=colour, edgecolors="white", zorder=3)
    label = event.occasion or f"event {event.id}"
    if len(label) > LABEL_CHARS:
        label = label[: LABEL_CHARS - 1] + "…"
    outlets = len({r.outlet or r.doc for r in event.reports})
    ax.annotate(
        f"{label} ({outlets} outlet{'s' if outlets != 1 else ''})",
        (_x(event.date), 2.45),
        rotation=28,
        fontsize=7,
        color="#333333",
        ha="left",
        va="bottom",
    )
    ax.axvline(_x(event.date), color="#dddddd", linewidth=0.8, zorder=1)


def _pad_dates(ax: Axes, events: tuple[TimelineEvent, ...]) -> None:
    """Leave room around the first and last event so their dots and labels show."""
    dates = [e.date for e in events if e.date is not None]
    span = max((max(dates) - min(dates)).days, 30)
    pad = dt.timedelta(days=max(span // 12, 5))
    ax.set_xlim(_x(min(dates) - pad), _x(max(dates) + pad * 3))


def _x(day: dt.date) -> float:
    """Return a date as matplotlib's x coordinate."""
    from matplotlib.dates import date2num

    return float(date2num(day))
