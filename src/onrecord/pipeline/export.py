"""Records as plain JSON-ready dicts: the documented output formats of onrecord."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from onrecord.models import ProcessedArticle, Spans, SpeakerSummary, StatementView

# Columns of `statements --format csv`, in order; spans are written as a JSON string.
STATEMENT_FIELDS = tuple(field.name for field in dataclasses.fields(StatementView))


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
    """Return one speaker as a JSON-ready dict."""
    return {name: _plain(value) for name, value in dataclasses.asdict(summary).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
