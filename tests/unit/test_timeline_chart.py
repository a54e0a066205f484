"""The timeline chart (`timeline --plot`, the report, the speaker page), one SVG for all:
lanes that mean something, a legend for every mark, and labels that never overlap, even
when 200 events crowd it. (The real browser measures the drawn labels too: tests/browser.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.unit.test_queries import db as db  # noqa: F401  (the fixture)

from onrecord.models import Topic
from onrecord.queries.timeline import Timeline, build_timeline
from onrecord.render import chart
from onrecord.render.chart import KINDS, LANES, svg_document, text_width, timeline_svg
from onrecord.store import open_store

SVG = "{http://www.w3.org/2000/svg}"


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


def drawn(timeline: Timeline) -> ET.Element:
    return ET.fromstring(timeline_svg(timeline))


def lane_names(svg: ET.Element) -> list[str]:
    """The lane names: the texts anchored at their end left of the plot."""
    return [
        t.text or ""
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and float(t.get("x") or 0) == chart.LEFT - 8
    ]


def legend(svg: ET.Element) -> ET.Element:
    (found,) = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "legend"]
    return found


def boxes(svg: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Every text's box as the chart reserves it: (text, left, top, right, bottom)."""
    found = []
    for t in svg.iter(f"{SVG}text"):
        text = t.text or ""
        size = float(t.get("font-size") or chart.FONT_SIZE)
        width = text_width(text, size)
        x, y = float(t.get("x") or 0), float(t.get("y") or 0)
        anchor = t.get("text-anchor")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        found.append((text, left, y - size, left + width, y + size * 0.25))
    return found


def overlapping(svg: ET.Element) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes(svg), 2)
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def test_without_a_topic_the_lanes_are_kinds_not_stances(timeline: Timeline) -> None:
    svg = drawn(timeline)
    names = lane_names(svg)
    assert names and set(names) <= {"direct", "mixed", "indirect"}
    assert not set(names) & {name for name, _ in LANES}
    assert "statements: for" not in ET.tostring(svg, encoding="unicode")


def test_each_kind_present_has_its_lane_and_legend_entry(timeline: Timeline) -> None:
    first = timeline.events[0]
    spoken = dataclasses.replace(first.statements[0].view, kind="transcript")
    item = dataclasses.replace(first.statements[0], view=spoken)
    event = dataclasses.replace(first, statements=(*first.statements, item))
    svg = drawn(dataclasses.replace(timeline, events=(event,)))
    assert "transcript" in lane_names(svg)
    texts = [t.text for t in legend(svg).iter(f"{SVG}text")]
    assert "transcript statements (dot size: how many)" in texts


def test_with_a_topic_the_lanes_are_positions(timeline: Timeline) -> None:
    topic = Topic("talks", "Talks with the US", "Iran should negotiate with the US")
    svg = drawn(dataclasses.replace(timeline, topic=topic))
    assert lane_names(svg) == [name for name, _ in LANES]
    assert topic.proposition in (svg.find(f"{SVG}title").text or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [1, 200])
def test_every_mark_has_a_legend_entry(timeline: Timeline, size: int) -> None:
    svg = drawn(crowded(timeline, size))
    key = legend(svg)
    key_dots = {c.get("fill") for c in key.iter(f"{SVG}circle")}
    key_lines = {(x.get("stroke"), x.get("stroke-dasharray")) for x in key.iter(f"{SVG}line")}
    inside = set(svg.iter()) - set(key.iter())
    dots = {c.get("fill") for c in svg.iter(f"{SVG}circle") if c in inside}
    assert dots and dots <= key_dots
    dashed = {
        (x.get("stroke"), x.get("stroke-dasharray"))
        for x in svg.iter(f"{SVG}line")
        if x in inside and x.get("stroke-dasharray")
    }
    assert dashed and dashed <= key_lines  # label leaders (and changes) are in the legend
    colours = dict(KINDS)
    assert {c for c in dots} <= set(colours.values())


@pytest.mark.parametrize("size", [1, 12, 200])
def test_no_two_labels_overlap(timeline: Timeline, size: int) -> None:
    svg = drawn(crowded(timeline, size))
    assert overlapping(svg) == []
    labels = [t for t in svg.iter(f"{SVG}text") if (t.text or "").startswith("in a speech to")]
    note = " ".join(t.text or "" for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-note")
    if size == 200:  # not all fit: the chart says how many are left out
        left_out = size - len(labels)
        assert left_out > 0 and f"{left_out} label(s) left out for room" in note
    else:
        assert len(labels) == size and "left out" not in note
    for _, left, _, right, _ in boxes(svg):
        assert left >= 0 and right <= chart.WIDTH


def test_wide_letters_are_measured_wide() -> None:
    assert text_width("WWWW") >= text_width("wwww") > text_width("aaaa") > text_width("iiii")
    assert text_width("MMMMMMMMMM") >= 10 * 0.9 * chart.FONT_SIZE  # at least the widest glyph
    assert text_width("é") >= text_width("e")


def test_the_chart_is_a_standalone_svg_file(timeline: Timeline) -> None:
    text = svg_document(timeline_svg(timeline))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    ET.fromstring(text.split("\n", 1)[1])
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)  # loads nothing


def test_report_and_plot_draw_without_matplotlib(
    db: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The core install has no plotting library: the chart is ours, in every output."""
    import tomllib

    from click.testing import CliRunner

    from onrecord.cli import main

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert not [d for d in project["project"]["dependencies"] if "matplotlib" in d]
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # any import of it fails
    report, plot = tmp_path / "report.html", tmp_path / "chart.svg"
    runner = CliRunner()
    made = runner.invoke(
        main, ["report", "--speaker", "khamenei", "-o", str(report), "--db", str(db)]
    )
    assert made.exit_code == 0, made.output
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in report.read_text(encoding="utf-8")
    drawn = runner.invoke(
        main, ["timeline", "--speaker", "khamenei", "--plot", str(plot), "--db", str(db)]
    )
    assert drawn.exit_code == 0, drawn.output
    assert plot.read_text(encoding="utf-8").startswith("<?xml")
