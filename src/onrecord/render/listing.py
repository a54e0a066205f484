"""Machine formats of a listing: JSON, JSON Lines and CSV, written as the records arrive.

The records are the shapes of `onrecord.queries.shapes`, the same for the CLI and the web.
Nothing is gathered first: `onrecord statements --format jsonl | head -1` reads one page
of rows from the database and stops.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

MACHINE_FORMATS = ("json", "jsonl", "csv")


def json_text(value: Any, *, indent: int | None = None) -> str:
    """Return `value` as JSON text, non-ASCII kept; control characters are escaped."""
    return json.dumps(value, ensure_ascii=False, indent=indent)


def write_records(
    records: Iterable[dict[str, Any]], fmt: str, out: TextIO, fields: Sequence[str]
) -> int:
    """Write `records` to `out` as `fmt` (json, jsonl or csv); return how many were written.

    json is one array with a record per line; csv has a header of `fields`, and a value
    that is a list or an object is written as its JSON text.
    """
    if fmt == "jsonl":
        return _write_lines(records, out)
    if fmt == "csv":
        return _write_csv(records, out, fields)
    if fmt == "json":
        return _write_array(records, out)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(MACHINE_FORMATS)})")


def _write_lines(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json_text(record) + "\n")
        n += 1
    return n


def _write_array(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    out.write("[")
    for n, record in enumerate(records, start=1):
        out.write(("\n" if n == 1 else ",\n") + json_text(record))
    out.write("\n]\n" if n else "]\n")
    return n


def _write_csv(records: Iterable[dict[str, Any]], out: TextIO, fields: Sequence[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow({name: csv_value(record.get(name)) for name in fields})
        n += 1
    return n


def csv_value(value: Any) -> Any:
    """Return a record's value as a CSV cell: lists and objects as JSON text, None as empty."""
    if isinstance(value, list | dict | tuple):
        return json_text(value)
    return "" if value is None else value


def record_lines(
    records: Iterable[dict[str, Any]], fmt: str, fields: Sequence[str]
) -> Iterator[str]:
    """Yield `records` as `fmt` (jsonl or csv) a line at a time, the csv header first.

    The same text `write_records` writes, for a reader that sends it as it goes (the web).
    """
    if fmt == "jsonl":
        yield from (json_text(record) + "\n" for record in records)
        return
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r} (expected jsonl or csv)")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({name: csv_value(record.get(name)) for name in fields})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
