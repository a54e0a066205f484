"""The timeline chart (`timeline --plot`, the report's image): lanes that mean something,
a legend for every mark, and labels that never overlap, even when 200 events crowd it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.text import Text
from tests.unit.test_queries import db as db  # noqa: F401  (the fixture)

from onrecord.models import Topic
from onrecord.queries.timeline import Timeline, build_timeline
from onrecord.render.plot import POSITIONS, timeline_chart, timeline_figure
from onrecord.store import open_store


@pytest.fixture
def timeline(db: Path) -> Timeline:  # noqa: F811
    with open_store(db, write=False) as store:
        return build_timeline(store, "khamenei")


def crowded(timeline: Timeline, events: int = 200) -> Timeline:
    """The timeline's first event copied `events` times over one year, each its own occasion."""
    first = timeline.events[0]
    start = dt.date(2024, 1, 1)
    copies = tuple(
        dataclasses.replace(
            first,
            id=1000 + n,
            date=start + dt.timedelta(days=(n * 365) // events),
            occasion=f"in a speech to the harbour council, number {n}",
        )
        for n in range(events)
    )
    return dataclasses.replace(timeline, events=copies)


def texts(fig) -> list[Text]:  # type: ignore[no-untyped-def]
    """Every piece of text the figure shows."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def overlapping(fig) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts(fig)]
    return [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.x0 < box_b.x1 - 0.5
        and box_b.x0 < box_a.x1 - 0.5
        and box_a.y0 < box_b.y1 - 0.5
        and box_b.y0 < box_a.y1 - 0.5
    ]


def lane_names(fig) -> list[str]:  # type: ignore[no-untyped-def]
    (ax,) = fig.axes
    return [label.get_text() for label in ax.get_yticklabels()]


def test_without_a_topic_the_lanes_are_kinds_not_stances(timeline: Timeline) -> None:
    fig = timeline_figure(timeline)
    names = lane_names(fig)
    assert names and set(names) <= {"direct", "mixed", "indirect"}
    assert not set(names) & set(POSITIONS)
    assert "every statement" in fig._suptitle.get_text()


def test_each_kind_present_has_its_lane_and_legend_entry(timeline: Timeline) -> None:
    first = timeline.events[0]
    spoken = dataclasses.replace(first.statements[0].view, kind="transcript")
    item = dataclasses.replace(first.statements[0], view=spoken)
    event = dataclasses.replace(first, statements=(*first.statements, item))
    fig = timeline_figure(dataclasses.replace(timeline, events=(event,)))
    assert "transcript" in lane_names(fig)
    assert "transcript statement" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_with_a_topic_the_lanes_are_positions(timeline: Timeline) -> None:
    topic = Topic("talks", "Talks with the US", "Iran should negotiate with the US")
    fig = timeline_figure(dataclasses.replace(timeline, topic=topic))
    assert lane_names(fig) == list(POSITIONS)
    assert topic.proposition in fig._suptitle.get_text()


@pytest.mark.parametrize("size", [1, 200])
def test_every_mark_has_a_legend_entry(timeline: Timeline, size: int) -> None:
    fig = timeline_figure(crowded(timeline, size))
    (ax,) = fig.axes
    (legend,) = fig.legends
    entries = {(to_hex(h.get_color()), h.get_linestyle()) for h in legend.legend_handles}
    dots = {
        to_hex(colour)
        for collection in ax.collections
        if isinstance(collection, PathCollection)
        for colour in collection.get_facecolors()
    }
    assert dots and dots <= {colour for colour, style in entries if style == "None"}
    lines = {
        (to_hex(colour), "-" if dashes is None else "--")
        for collection in ax.collections
        if isinstance(collection, LineCollection)
        for colour, (_, dashes) in zip(
            collection.get_colors(), collection.get_linestyles(), strict=False
        )
    }
    assert lines and lines <= entries


@pytest.mark.parametrize("size", [1, 12, 200])
def test_no_two_labels_overlap(timeline: Timeline, size: int) -> None:
    busy = crowded(timeline, size)
    fig = timeline_figure(busy)
    fig.canvas.draw()
    assert overlapping(fig) == []
    labels = [t for t in texts(fig) if t.get_text().startswith("in a speech to the")]
    title = fig._suptitle.get_text()
    if size == 200:  # not all fit: the title says how many are left out
        left_out = size - len(labels)
        assert left_out > 0 and f"{left_out} label(s) left out" in title
    else:
        assert len(labels) == size and "left out" not in title
    (ax,) = fig.axes
    box = ax.get_window_extent(fig.canvas.get_renderer())
    for label in labels:  # inside the plot
        extent = label.get_window_extent(fig.canvas.get_renderer())
        assert box.x0 <= extent.x0 and extent.x1 <= box.x1


def test_the_chart_is_written_as_png_and_svg(timeline: Timeline, tmp_path: Path) -> None:
    timeline_chart(timeline, tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    timeline_chart(timeline, tmp_path / "chart.svg", "svg")
    assert "<svg" in (tmp_path / "chart.svg").read_text()
