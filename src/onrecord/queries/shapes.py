"""The JSON shapes of onrecord's answers, defined once for the CLI, the web and the API.

Each `*_record` function turns one record into a plain JSON-ready dict; each `*_FIELDS`
tuple names its keys in order (the CSV columns). docs/formats.md documents every shape;
later versions add keys and never rename them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from onrecord.models import (
    ArticleView,
    Edit,
    EventView,
    PositionChange,
    PositionPeriod,
    ProcessedArticle,
    Spans,
    SpeakerSummary,
    StatementTopic,
    StatementView,
    TopicSummary,
)

if TYPE_CHECKING:  # the corpus queries import clustering and topics: only when used
    from onrecord.queries.drift import DriftReport
    from onrecord.queries.timeline import Timeline, TimelineEvent, TimelineStatement

# The keys of each shape, in order: the columns of `--format csv` (lists and objects are
# written there as JSON text).
STATEMENT_FIELDS = tuple(field.name for field in dataclasses.fields(StatementView))
SPEAKER_FIELDS = (
    "id", "name", "kind", "external_id", "statements", "articles", "outlets", "aliases"
)  # fmt: skip
ARTICLE_FIELDS = (
    "id", "doc", "source", "title", "outlet", "published", "published_evidence", "url",
    "language", "edits",
)  # fmt: skip
EDIT_FIELDS = tuple(field.name for field in dataclasses.fields(Edit))
TOPIC_FIELDS = (
    "name", "proposition", "description", "statements", "stances", "definition_hash"
)  # fmt: skip
EVENT_FIELDS = (
    "event_id", "speaker", "speaker_id", "date", "occasion", "clusters", "statements", "outlets"
)  # fmt: skip
TIMELINE_EVENT_FIELDS = (
    "event_id", "speaker", "speaker_id", "date", "date_precision", "date_basis", "occasion",
    "stance", "stances", "statements", "clusters", "outlets", "position_changes",
)  # fmt: skip
DRIFT_FIELDS = (
    "cluster_id", "event_id", "speaker", "said_on", "occasion", "reference", "versions",
    "segments", "unaligned",
)  # fmt: skip


def _spans(spans: Spans) -> list[list[int]]:
    return [span.as_list() for span in spans]


def extraction_record(processed: ProcessedArticle) -> dict[str, Any]:
    """Return the `extract --jsonl` line of one article: its text and its attributions."""
    return {
        "doc": processed.article.doc,
        "text": processed.article.text,
        "attributions": [
            {
                "source": _spans(statement.attribution.source),
                "cue": _spans(statement.attribution.cue),
                "content": _spans(statement.attribution.content),
                "kind": str(statement.attribution.kind),
                "speaker": statement.speaker,
            }
            for statement in processed.statements
        ],
    }


def statement_record(view: StatementView) -> dict[str, Any]:
    """Return one statement as the `statements --format jsonl` line."""
    return {name: _plain(getattr(view, name)) for name in STATEMENT_FIELDS}


def speaker_record(summary: SpeakerSummary) -> dict[str, Any]:
    """Return one speaker: number, name, kind, counts, outlets and aliases."""
    return {name: _plain(getattr(summary, name)) for name in SPEAKER_FIELDS}


def article_record(article: ArticleView) -> dict[str, Any]:
    """Return one article's metadata (the `articles` listing), without its text."""
    return {name: _plain(getattr(article, name)) for name in ARTICLE_FIELDS}


def article_detail_record(article: ArticleView) -> dict[str, Any]:
    """Return one article with its text and statements (`show --format json`)."""
    return {
        **article_record(article),
        "text": article.text,
        "statements": [statement_record(v) for v in article.statements],
    }


def edit_record(edit: Edit) -> dict[str, Any]:
    """Return one row of the edit log (`onrecord edits`)."""
    return {name: _plain(getattr(edit, name)) for name in EDIT_FIELDS}


def topic_record(summary: TopicSummary) -> dict[str, Any]:
    """Return one stored topic with its counts of on-topic statements by stance."""
    return {
        "name": summary.topic.name,
        "proposition": summary.topic.proposition,
        "description": summary.topic.description,
        "statements": summary.statements,
        "stances": summary.stances,
        "definition_hash": summary.definition_hash,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def timeline_record(timeline: Timeline) -> dict[str, Any]:
    """Return a timeline as the `timeline --format json` object (docs/formats.md)."""
    return {
        "speaker": timeline.speaker.name,
        "speaker_id": timeline.speaker.id,
        "topic": timeline.topic.name if timeline.topic else None,
        "proposition": timeline.topic.proposition if timeline.topic else None,
        "events": [timeline_event_record(e) for e in timeline.events],
        "undated": [s.view.id for e in timeline.undated for s in e.statements],
        "undated_events": [timeline_event_record(e) for e in timeline.undated],
        "position_changes": [change_record(c) for c in timeline.changes],
        "statements": [
            _timeline_statement(s)
            for e in (*timeline.events, *timeline.undated)
            for s in e.statements
        ],
    }


def timeline_event_record(event: TimelineEvent) -> dict[str, Any]:
    """Return one speech event of a timeline: date, stance, statements, outlets, changes."""
    return {
        "event_id": event.id,
        "speaker": event.speaker,
        "speaker_id": event.speaker_id,
        "date": _plain(event.date),
        "date_precision": event.precision,
        "date_basis": event.basis,
        "occasion": event.occasion,
        "stance": event.stance,
        "stances": event.stances,
        "statements": [s.view.id for s in event.statements],
        "clusters": [list(c) for c in event.clusters],
        "outlets": [
            {
                "outlet": r.outlet,
                "doc": r.doc,
                "article": r.article,
                "published": _plain(r.published),
                "statements": list(r.statements),
            }
            for r in event.reports
        ],
        "position_changes": [change_record(c) for c in event.changes],
    }


def _timeline_statement(s: TimelineStatement) -> dict[str, Any]:
    view = s.view
    return {
        "id": view.id,
        "event_id": s.event_id,
        "cluster_id": s.cluster_id,
        "doc": view.doc,
        "article": view.article,
        "outlet": view.outlet,
        "published": _plain(view.published),
        "said_on": _plain(view.said_on),
        "said_on_precision": view.said_on_precision,
        "kind": view.kind,
        "source": view.source,
        "cue": view.cue,
        "content": view.content,
        "spans": view.spans,
        "stance": s.stance.stance.position if s.stance else None,
        "topics": {row.topic: stance_record(row) for row in s.topics},
    }


def stance_record(row: StatementTopic) -> dict[str, Any]:
    """Return one statement's score and stance on a topic, with its cues' article spans."""
    return {
        "score": row.score,
        "relevant": row.relevant,
        "stance": str(row.stance.label),
        "qualifier": row.stance.qualifier,
        "position": row.stance.position,
        "confidence": row.stance.confidence,
        "cues": [
            {"text": c.text, "start": c.span.start, "end": c.span.end, "role": c.role}
            for c in row.stance.cues
        ],
    }


def change_record(change: PositionChange) -> dict[str, Any]:
    """Return a position change with the statements on either side."""
    return {
        "speaker": change.speaker,
        "topic": change.topic,
        "before": _period_record(change.before),
        "after": _period_record(change.after),
    }


def _period_record(period: PositionPeriod) -> dict[str, Any]:
    return {
        "position": period.position,
        "first": _plain(period.first),
        "last": _plain(period.last),
        "statements": [int(i.statement) for i in period.items],
    }


def drift_record(report: DriftReport) -> dict[str, Any]:
    """Return one cluster's quote drift as the `drift --format json` object."""
    drift = report.drift
    return {
        "cluster_id": report.cluster_id,
        "event_id": report.event_id,
        "speaker": report.speaker,
        "said_on": _plain(report.said_on),
        "occasion": report.occasion,
        "reference": drift.reference,
        "versions": [
            {
                "label": v.label,
                "outlet": v.outlet,
                "doc": v.doc,
                "article": v.article,
                "statements": list(v.statements),
            }
            for v in report.versions
        ],
        "segments": [
            {
                "status": seg.status,
                "text": seg.text,
                "carried_by": list(seg.carried_by),
                "variants": [{"text": v.text, "outlets": list(v.outlets)} for v in seg.variants],
                "omitted_by": list(seg.omitted_by),
            }
            for seg in drift.segments
        ],
        "unaligned": [{"text": v.text, "outlets": list(v.outlets)} for v in drift.unaligned],
    }


def event_record(event: EventView) -> dict[str, Any]:
    """Return a stored speech event with its clusters, statements and outlets."""
    clusters: dict[int, list[int]] = {}
    for sid, cid in sorted(event.clusters.items()):
        clusters.setdefault(cid, []).append(sid)
    return {
        "event_id": event.id,
        "speaker": event.speaker,
        "speaker_id": event.speaker_id,
        "date": _plain(event.said_on),
        "occasion": event.occasion,
        "clusters": [{"cluster_id": c, "statements": ids} for c, ids in sorted(clusters.items())],
        "statements": [
            {"id": v.id, "doc": v.doc, "outlet": v.outlet, "kind": v.kind, "content": v.content}
            for v in event.statements
        ],
        "outlets": list(dict.fromkeys(v.outlet for v in event.statements if v.outlet)),
    }
