"""What a shareable report on one speaker holds: the timeline, quote drift, source excerpts."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.queries.drift import DriftReport, drift_reports
from onrecord.queries.timeline import Timeline, TimelineStatement, build_timeline
from onrecord.store import Store

# Where an excerpt may start or end: after a sentence end or a line break.
SENTENCE_ENDS = (". ", "? ", "! ", ".\u201d ", '." ', "\n")
# An excerpt is cut to at most this many characters either side of the statement's spans.
MAX_AROUND = 400


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The sentences of an article a statement comes from, with its spans marked.

    `marks` are (start, end, role) relative to `text`; `start` is where `text` begins in
    the article, so `article_text[start + s:start + e]` is each marked piece.
    """

    statement_id: int
    doc: str
    start: int
    text: str
    marks: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class SpeakerReport:
    """Everything `onrecord report` shows about one speaker (and topic)."""

    timeline: Timeline
    drifts: tuple[DriftReport, ...]
    excerpts: dict[int, Excerpt]


def speaker_report(store: Store, speaker: str, topic: str | None = None) -> SpeakerReport:
    """Return the timeline, the drifts of its events and every statement's source excerpt."""
    timeline = build_timeline(store, speaker, topic)
    events = {e.id for e in (*timeline.events, *timeline.undated)}
    drifts = tuple(
        d for d in drift_reports(store, str(timeline.speaker.id)) if d.event_id in events
    )
    excerpts: dict[int, Excerpt] = {}
    texts: dict[str, str] = {}
    for event in (*timeline.events, *timeline.undated):
        for item in event.statements:
            article = item.view.article
            if article not in texts:
                texts[article] = store.article(article).text
            excerpts[item.view.id] = excerpt(texts[article], item)
    return SpeakerReport(timeline, drifts, excerpts)


def excerpt(text: str, item: TimelineStatement) -> Excerpt:
    """Return the sentences around a statement's spans, its roles and stance cues marked."""
    view = item.view
    marks = [(s, e, role) for role, spans in view.spans.items() for s, e in spans if e > s]
    if item.stance is not None:
        marks += [(c.span.start, c.span.end, "stance") for c in item.stance.stance.cues]
    if not marks:
        return Excerpt(view.id, view.doc, 0, "", ())
    first = min(s for s, _, _ in marks)
    last = max(e for _, e, _ in marks)
    start = max(_sentence_start(text, first), first - MAX_AROUND)
    stops = [i + 1 for i in (text.find(end, last) for end in SENTENCE_ENDS) if i >= 0]
    stop = min([*stops, len(text), last + MAX_AROUND])
    shown = [(max(s, start) - start, min(e, stop) - start, r) for s, e, r in marks]
    return Excerpt(view.id, view.doc, start, text[start:stop], tuple(sorted(shown)))


def _sentence_start(text: str, first: int) -> int:
    """Return where the sentence holding offset `first` starts."""
    found = [(text.rfind(end, 0, first), end) for end in SENTENCE_ENDS]
    return max([0, *(i + len(end) for i, end in found if i >= 0)])
