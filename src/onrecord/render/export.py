"""Exports of the stored record for analytics: statements, speakers and articles as files.

Each table is written as it is read (a page of rows at a time), in one of three formats:
Parquet (typed columns: dates as dates, spans as nested lists; for pandas, DuckDB, Spark;
needs pyarrow, the `parquet` extra), JSON Lines or CSV. The rows are the JSON shapes of
`onrecord.queries.shapes` (the same as `statements --format jsonl`); articles add their
`text`, so every span can be checked against it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.errors import InputError
from onrecord.queries.shapes import (
    ARTICLE_FIELDS,
    SPEAKER_FIELDS,
    STATEMENT_FIELDS,
    article_record,
    speaker_record,
    statement_record,
)
from onrecord.render.listing import write_records
from onrecord.render.outputs import check_output, output_file
from onrecord.store import Store

EXPORT_FORMATS = ("parquet", "jsonl", "csv")
TABLES = ("statements", "speakers", "articles")
ARTICLE_EXPORT_FIELDS = (*ARTICLE_FIELDS, "text")
# Rows per Parquet row group: memory stays bounded whatever the size of the table.
PARQUET_ROWS = 10_000
_EXTENSIONS = {"parquet": "parquet", "jsonl": "jsonl", "csv": "csv"}


@dataclass(frozen=True, slots=True)
class Exported:
    """One table written: where, and how many rows."""

    table: str
    path: Path
    rows: int


def export(
    store: Store,
    directory: str | Path,
    fmt: str = "parquet",
    tables: Sequence[str] = TABLES,
    *,
    protect: Sequence[str | Path] = (),
) -> list[Exported]:
    """Write each of `tables` to `directory`/TABLE.EXT in `fmt`; an existing file is refused.

    So is a symbolic link, and any of the `protect`ed database files (render/outputs.py).
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint=f"use {', '.join(EXPORT_FORMATS)}")
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r}", hint=f"use {', '.join(TABLES)}")
    folder = Path(directory)
    paths = {table: folder / f"{table}.{_EXTENSIONS[fmt]}" for table in tables}
    for path in paths.values():  # every file refused before any is written
        check_output(path, protect=protect)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, path in paths.items():
        records, fields = _table(store, table)
        with output_file(path, protect=protect) as out:
            if fmt == "parquet":
                rows = _parquet(records, table, out)
            else:
                rows = _text(records, fmt, out, fields)
        written.append(Exported(table, path, rows))
    return written


def _table(store: Store, table: str) -> tuple[Iterator[dict[str, Any]], Sequence[str]]:
    """The records of one table, as read, and their fields."""
    if table == "statements":
        return (statement_record(v) for v in store.statements()), STATEMENT_FIELDS
    if table == "speakers":
        return (speaker_record(s) for s in store.speakers()), SPEAKER_FIELDS
    articles = ({**article_record(a), "text": a.text} for a in store.articles())
    return articles, ARTICLE_EXPORT_FIELDS


def _text(
    records: Iterable[dict[str, Any]], fmt: str, binary: BinaryIO, fields: Sequence[str]
) -> int:
    out = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    count = write_records(records, fmt, out, fields)
    out.flush()
    out.detach()  # the caller closes the file
    return count


def _parquet(records: Iterator[dict[str, Any]], table: str, path: BinaryIO) -> int:
    """Write `records` to a Parquet file in row groups of PARQUET_ROWS; return the rows."""
    pa, pq = _pyarrow()
    schema = parquet_schema(table)
    dates = [f.name for f in schema if f.type == pa.date32()]
    rows = 0
    with pq.ParquetWriter(path, schema) as writer:
        while chunk := list(islice(records, PARQUET_ROWS)):
            for record in chunk:
                for name in dates:
                    record[name] = _date(record[name])
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            rows += len(chunk)
    return rows


def parquet_schema(table: str) -> Any:
    """Return the pyarrow schema of an exported table (columns in the JSON shape's order)."""
    pa, _ = _pyarrow()
    text, number, day = pa.string(), pa.int64(), pa.date32()
    spans = pa.list_(pa.list_(number))
    types: dict[str, dict[str, Any]] = {
        "statements": {
            "id": number, "article": text, "doc": text, "outlet": text, "published": day,
            "speaker": text, "speaker_kind": text, "kind": text, "source": text, "cue": text,
            "content": text,
            "spans": pa.struct([("source", spans), ("cue", spans), ("content", spans)]),
            "title": text, "speaker_id": number, "said_on": day, "said_on_precision": text,
            "said_on_evidence": pa.struct(
                [("expression", text), ("span", pa.list_(number)), ("method", text)]
            ),
            "occasion": text, "speaker_mention": text, "edits": number,
            "channel": text, "channel_span": pa.list_(number),
        },
        "speakers": {
            "id": number, "name": text, "kind": text, "external_id": text,
            "statements": number, "articles": number, "outlets": pa.list_(text),
            "aliases": pa.list_(text),
        },
        "articles": {
            "id": text, "doc": text, "source": text, "title": text, "outlet": text,
            "published": day, "published_evidence": text, "url": text, "language": text,
            "edits": number, "text": text,
        },
    }  # fmt: skip
    fields = {"statements": STATEMENT_FIELDS, "speakers": SPEAKER_FIELDS}.get(
        table, ARTICLE_EXPORT_FIELDS
    )
    return pa.schema([(name, types[table][name]) for name in fields])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise InputError(
            "Parquet export needs pyarrow, which is not installed",
            hint="pip install 'onrecord[parquet]', or export --format jsonl or csv",
        ) from error
    return pa, pq
