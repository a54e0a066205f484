"""JSON Lines input: one article per line, each line read (or refused) on its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from onrecord.ingest.decoding import normalise_newlines
from onrecord.models import Failure, RawDocument

# Optional string fields of a line that become hints for metadata, unchanged.
HINT_FIELDS: tuple[str, ...] = ("title", "url", "published", "outlet")
# Other names a line may give a hint field under; the field's own name wins.
HINT_ALIASES: dict[str, str] = {"date": "published", "source": "outlet"}


def jsonl_documents(text: str, path: str, stem: str) -> Iterator[RawDocument | Failure]:
    """Yield one RawDocument per good line of a decoded JSONL file, a Failure per bad one."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            yield _document(line, source, default_doc=f"{stem}:{lineno}")
        except ValueError as err:
            yield Failure(source, str(err))


def _document(line: str, source: str, default_doc: str) -> RawDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err.msg} at column {err.colno}") from err
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise ValueError("missing 'text' field")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise ValueError("empty 'text' field")
    hints = {}
    for name in (*HINT_ALIASES, *HINT_FIELDS):
        value = record.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ValueError(f"'{name}' must be a string, got {_json_type(value)}")
        hints[HINT_ALIASES.get(name, name)] = value.strip()
    doc_id = record.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        raise ValueError(f"'id' must be a string or an integer, got {_json_type(doc_id)}")
    doc = str(doc_id) if doc_id not in (None, "") else default_doc
    return RawDocument(doc, source, "jsonl", normalise_newlines(text), hints)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)
