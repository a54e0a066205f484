"""Exports: the same rows as the JSON shapes, read back by pyarrow from Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from bench.make_corpus import fill_database
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.errors import OutputError
from onrecord.queries.shapes import article_record, speaker_record, statement_record
from onrecord.render.export import export, parquet_schema
from onrecord.store import open_store

ARTICLES = 60  # generated articles, 3 statements each


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "corpus.db"
    fill_database(path, ARTICLES, seed=3, quiet=True)
    return path


def _expected(db: Path) -> dict[str, list[dict[str, Any]]]:
    with open_store(db, write=False) as store:
        return {
            "statements": [statement_record(v) for v in store.statements()],
            "speakers": [speaker_record(s) for s in store.speakers()],
            "articles": [{**article_record(a), "text": a.text} for a in store.articles()],
        }


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def test_parquet_reads_back_the_same_rows_in_typed_columns(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip(
        "pyarrow.parquet", reason="PARQUET EXPORT NOT TESTED: pip install 'onrecord[parquet]'"
    )
    with open_store(db, write=False) as store:
        written = export(store, tmp_path / "out")
    expected = _expected(db)
    assert [(w.table, w.rows) for w in written] == [
        (table, len(rows)) for table, rows in expected.items()
    ]
    assert len(expected["statements"]) == 3 * ARTICLES
    for item in written:
        table = pq.read_table(item.path)
        assert table.schema == parquet_schema(item.table)
        assert [_iso(row) for row in table.to_pylist()] == expected[item.table]
    said = pq.read_table(tmp_path / "out" / "statements.parquet", columns=["said_on"])
    assert str(said.schema.field("said_on").type) == "date32[day]"


def test_jsonl_and_csv_hold_the_same_rows(db: Path, tmp_path: Path) -> None:
    with open_store(db, write=False) as store:
        export(store, tmp_path / "j", "jsonl")
        export(store, tmp_path / "c", "csv", ["statements"])
    expected = _expected(db)
    for table, rows in expected.items():
        lines = (tmp_path / "j" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == rows
    with (tmp_path / "c" / "statements.csv").open(encoding="utf-8") as f:
        read = list(csv.DictReader(f))
    assert [int(r["id"]) for r in read] == [r["id"] for r in expected["statements"]]
    assert [json.loads(r["spans"]) for r in read] == [r["spans"] for r in expected["statements"]]
    assert not (tmp_path / "c" / "speakers.csv").exists()


def test_an_existing_file_is_never_overwritten(db: Path, tmp_path: Path) -> None:
    (tmp_path / "speakers.jsonl").write_text("mine\n")
    with open_store(db, write=False) as store, pytest.raises(OutputError, match="exists"):
        export(store, tmp_path, "jsonl")
    assert (tmp_path / "speakers.jsonl").read_text() == "mine\n"
    assert not (tmp_path / "statements.jsonl").exists()


def test_the_command_writes_one_file_per_table(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    args = ["export", str(out), "--format", "jsonl", "--table", "speakers", "--db", str(db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["speakers.jsonl"]
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1
    assert "speakers.jsonl exists" in again.output
