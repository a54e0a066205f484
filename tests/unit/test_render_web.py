"""What the web pages draw, on records built by hand: the SVG chart, marked text, versions."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

from onrecord.models import (
    Drift,
    DriftSegment,
    DriftVariant,
    SpeakerSummary,
    Stance,
    StanceLabel,
    StatementTopic,
    StatementView,
    Topic,
)
from onrecord.queries.timeline import Timeline, TimelineEvent, TimelineStatement
from onrecord.render import chart
from onrecord.render.chart import place_labels, tick_days, timeline_svg
from onrecord.render.marks import article_html, highlighted
from onrecord.render.versions import differences, version_words

SVG = "{http://www.w3.org/2000/svg}"
TOPIC = Topic("talks", "Talks with the US", "Iran should negotiate")


def view(sid: int, spans: dict[str, list[list[int]]] | None = None) -> StatementView:
    return StatementView(
        id=sid, article="a1", doc="doc", outlet="Outlet", published=None, speaker="S",
        speaker_kind="person", kind="direct", source="", cue="", content="",
        spans=spans or {},
    )  # fmt: skip


def item(sid: int, position: str | None) -> TimelineStatement:
    stance = None
    if position:
        label, _, qualifier = position.partition("/")
        found = Stance(StanceLabel(label), qualifier or None)
        stance = StatementTopic(sid, "talks", 0.9, True, found)
    topics = (stance,) if stance else ()
    return TimelineStatement(view(sid), sid, sid, topics, stance)


def timeline(count: int, topic: Topic | None = TOPIC) -> Timeline:
    """A timeline of `count` events over two years, stances taking turns, long occasions."""
    positions = ["for", "against", "neutral", "against/conditional", "for/conditional"]
    events = tuple(
        TimelineEvent(
            id=i,
            speaker="S",
            speaker_id=1,
            date=dt.date(2019, 1, 1) + dt.timedelta(days=i * 730 // count),
            precision="day",
            basis="said",
            occasion=f"at the <b>conference</b> number {i} in a very long hall name",
            stance=None,
            stances={},
            statements=(item(2 * i, positions[i % 5]), item(2 * i + 1, positions[(i + 1) % 5])),
            reports=(),
            clusters=(),
        )
        for i in range(count)
    )
    speaker = SpeakerSummary("A <i>Speaker</i>", "person", 2 * count, count, ("Outlet",), id=1)
    return Timeline(speaker, topic, events, (), ())


def _labels(svg: ET.Element) -> list[tuple[float, float, str]]:
    """Return the event labels: the texts on the label rows, (x, y, text)."""
    bottom = 28 + chart.LABEL_ROWS * chart.ROW
    found = []
    for text in svg.iter(f"{SVG}text"):
        x, y = float(text.get("x") or 0), float(text.get("y") or 0)
        if 20 < y <= bottom:
            found.append((x, y, text.text or ""))
    return found


def test_a_crowded_chart_places_labels_without_overlap() -> None:
    svg = ET.fromstring(timeline_svg(timeline(200), lambda i: f"/events/{i}"))
    labels = _labels(svg)
    assert 8 <= len(labels) < 200  # some events are labelled; the others keep a tooltip
    rows: dict[float, list[tuple[float, float]]] = {}
    for x, y, text in labels:
        assert x >= 0 and x + chart.text_width(text) <= chart.WIDTH
        rows.setdefault(y, []).append((x, x + chart.text_width(text)))
    for spans in rows.values():
        spans.sort()
        assert all(a[1] + chart.GAP <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    circles = [c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert len(circles) == 400  # two positions per event, one dot each
    assert len(list(svg.iter(f"{SVG}a"))) >= 200


def test_every_mark_has_a_legend_and_stance_lanes_need_a_topic() -> None:
    text = timeline_svg(timeline(5))
    legend = re.search(r'<g class="legend".*?</g>', text)
    assert legend
    for name, colour in chart.LANES:
        assert f"statements: {name}" in legend.group(0) and colour in legend.group(0)
    plain = timeline_svg(timeline(5, topic=None))
    assert "against/conditional" not in plain and "direct statements (dot size" in plain


def test_the_chart_escapes_its_text_and_loads_nothing() -> None:
    text = timeline_svg(timeline(3))
    assert "<b>" not in text and "&lt;b&gt;conference" in text and "&lt;i&gt;Speaker" in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    ET.fromstring(text)


def test_an_empty_timeline_says_so() -> None:
    text = timeline_svg(timeline(0))
    assert "no dated events" in text
    ET.fromstring(text)


def test_labels_go_on_the_first_free_row_or_none() -> None:
    placed = place_labels([(0, "aaaa"), (10, "bbbb"), (20, "cccc"), (200, "dddd")], 2, 1000)
    assert placed == [(0, 0), (1, 1), (3, 0)]
    assert place_labels([(990, "long label")], 1, 1000) == [(0, 0)]  # drawn leftward


def test_ticks_are_few_and_on_the_first_of_a_month() -> None:
    short = tick_days(dt.date(2020, 1, 15), dt.date(2020, 6, 1))
    assert [d.isoformat() for d, _ in short][:2] == ["2020-02-01", "2020-03-01"]
    long = tick_days(dt.date(1990, 1, 1), dt.date(2025, 1, 1))
    assert len(long) <= 10 and all(d.month == 1 and d.day == 1 for d, _ in long)


# --- an article's text with its statements marked ----------------------------------------

TEXT = 'The Leader said: "No talks <b>ever</b>." Aides said he "meant it", he added.'


def _spans(words: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return [start, start + len(words)]


def test_the_marked_text_is_the_article_text_exactly() -> None:
    one = view(1, {"source": [_spans("The Leader")], "cue": [_spans("said")],
                   "content": [_spans("No talks <b>ever</b>.")]})  # fmt: skip
    two = view(2, {"source": [_spans("Aides")], "cue": [_spans("said", 1)],
                   "content": [_spans("meant it")]})  # fmt: skip
    marked = article_html(TEXT, [one, two])
    assert "<b>" not in marked
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == TEXT
    assert re.search(r'<span class="statement" id="s1">.*?No talks &lt;b&gt;ever', marked)
    assert '<span class="content">meant it</span>' in marked


def test_statements_that_overlap_in_part_get_an_anchor() -> None:
    first = view(1, {"content": [[0, 30]]})
    second = view(2, {"content": [[20, 50]]})
    inner = view(3, {"content": [[4, 10]]})
    marked = article_html(TEXT, [first, second, inner])
    assert marked.count('id="s1"') == marked.count('id="s2"') == marked.count('id="s3"') == 1
    assert '<span class="statement anchor" id="s2"></span>' in marked
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == TEXT


def test_spans_outside_the_text_are_left_out() -> None:
    marked = article_html("short", [view(1, {"content": [[2, 99]]})])
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == "short" and 'id="s1"' not in marked


def test_search_matches_are_marked_by_word_stem_prefix_and_phrase() -> None:
    text = "Talks about negotiations; they negotiated <now>."
    assert highlighted(text, "talk") == (
        "<mark>Talks</mark> about negotiations; they negotiated &lt;now&gt;."
    )
    assert highlighted(text, "negot*").count("<mark>") == 2
    assert highlighted(text, "negotiations").count("<mark>") == 1
    assert highlighted(text, '"about negotiations"').count("<mark>") == 2
    assert highlighted(text, None) == html.escape(text)


# --- one quote's versions ---------------------------------------------------------------

DRIFT = Drift(
    reference="A",
    versions=("A", "B", "C"),
    segments=(
        DriftSegment("equal", "There will be", ("A", "B", "C")),
        DriftSegment("changed", "no talks", ("A", "C"), (DriftVariant("no <i>war</i>", ("B",)),)),
        DriftSegment("omitted", "with the US", ("A", "B"), omitted_by=("C",)),
    ),
)


def test_each_version_marks_where_it_differs() -> None:
    assert (
        version_words(DRIFT, "A") == "There will be <mark>no talks</mark> <mark>with the US</mark>"
    )
    assert version_words(DRIFT, "B") == (
        "There will be <ins>no &lt;i&gt;war&lt;/i&gt;</ins> <mark>with the US</mark>"
    )
    assert "<del" in version_words(DRIFT, "C") and "with the US</del>" in version_words(DRIFT, "C")
    found = differences(DRIFT)
    assert [d.status for d in found] == ["changed", "omitted"]
    assert found[0].wordings == (("no talks", ("A", "C")), ("no <i>war</i>", ("B",)))
    assert found[1].wordings[-1] == ("", ("C",))


def test_the_statement_in_focus_is_wrapped_whole() -> None:
    first = view(1, {"content": [[0, 30]]})
    second = view(2, {"content": [[20, 50]]})
    marked = article_html(TEXT, [first, second], focus=2)
    assert '<span class="statement" id="s2">' in marked
    assert '<span class="statement anchor" id="s1"></span>' in marked
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == TEXT


# --- a speaker's roles --------------------------------------------------------------------


def test_a_role_reads_as_written_with_its_country_and_days() -> None:
    from onrecord.models import SpeakerRole
    from onrecord.render.labels import role_text

    day = dt.date(2019, 9, 17)
    assert role_text(SpeakerRole("minister", "minister prime", "", None, None)) == "Prime Minister"
    supreme = SpeakerRole("leader", "leader supreme", "iran", dt.date(2018, 7, 21), day)
    assert role_text(supreme) == "Supreme Leader (Iran), seen 2018-07-21 to 2019-09-17"
    once = SpeakerRole("president", "president", "france", day, day)
    assert role_text(once) == "President (France), seen 2019-09-17"
