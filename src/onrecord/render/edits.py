"""Plain-text rendering of the edit log: one line per change, saying what changed how."""

from __future__ import annotations

import json
from collections.abc import Sequence

from onrecord.models import Edit, EditAction
from onrecord.render.text import terminal_safe

NONE = "unknown"  # how a cleared or missing value reads
DATE_FIELDS = frozenset({"published", "said_on"})  # values shown bare: 2025-06-20


def _value(value: str | None, field: str | None = None) -> str:
    if value is None:
        return NONE
    return value if field in DATE_FIELDS else f"“{value}”"


def describe(edit: Edit) -> str:
    """Say in a few words what one edit changed."""
    action, old, new = edit.action, _value(edit.old, edit.field), _value(edit.new, edit.field)
    if action in (EditAction.SET, EditAction.UPDATE):
        how = "set by hand" if action is EditAction.SET else f"re-ingest of {edit.origin}"
        return f"article {(edit.article or '')[:12]} {edit.field}: {old} → {new} ({how})"
    if action is EditAction.REDATE:
        after = f" (after edit {edit.cause})" if edit.cause else ""
        return f"statement #{edit.statement} said on: {old} → {new}{after}"
    if action is EditAction.REASSIGN:
        return f"statement #{edit.statement} speaker: {old} → {new}"
    if action is EditAction.DELETE:
        return f"statement #{edit.statement} deleted ({_deleted(edit.old)})"
    if action is EditAction.MERGE:
        return f"speaker {old} merged into {new}"
    return f"speaker {old} renamed {new}"


def _deleted(record: str | None) -> str:
    """A deleted statement's speaker and the start of its content, from its logged record."""
    try:
        was = json.loads(record or "{}")
    except json.JSONDecodeError:
        return "record unreadable"
    content = str(was.get("content") or "")
    short = content if len(content) <= 60 else content[:59] + "…"
    return f"{was.get('speaker') or 'speaker unknown'}: “{short}”"


def edit_line(edit: Edit) -> str:
    """Render one edit: its number, when, who, and what changed."""
    what = " ".join(describe(edit).split())  # a value's newlines would break the line
    return terminal_safe(f"edit {edit.id}  {edit.made_at}  {edit.made_by or '-'}  {what}")


def edit_log(edits: Sequence[Edit], heading: str = "edits") -> str:
    """Render a heading and one line per edit (empty text when there are none)."""
    if not edits:
        return ""
    return "\n".join([f"{heading} ({len(edits)})", *(f"  {edit_line(e)}" for e in edits)])


def update_summary(source: str, doc: str, edits: Sequence[Edit], kept: Sequence[str]) -> str:
    """Render what a re-ingest of one input changed in its stored article, in one line."""
    fields = [
        f"{e.field} {_value(e.old, e.field)} → {_value(e.new, e.field)}"
        for e in edits
        if e.action is not EditAction.REDATE
    ]
    dated = sum(1 for e in edits if e.action is EditAction.REDATE)
    parts = [", ".join(fields)] if fields else []
    if dated:
        parts.append(f"{dated} statement date(s) recomputed")
    if kept:
        parts.append(f"kept as set by hand: {', '.join(kept)}")
    return terminal_safe(f"{source} ({doc}): {'; '.join(parts)}")
