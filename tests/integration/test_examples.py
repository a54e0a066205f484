"""End to end on the bundled example corpus: ingest, query, provenance, re-ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import EXAMPLE_CORPUS

from onrecord.cli import main
from onrecord.store import open_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("examples") / "examples.db"
    result = CliRunner().invoke(
        main, ["ingest", *map(str, EXAMPLE_CORPUS), "--db", str(path), "--silent"]
    )
    assert result.exit_code == 0, result.output
    return path


def test_every_example_article_is_stored(db: Path) -> None:
    inputs = [
        p for d in EXAMPLE_CORPUS for pattern in ("*.txt", "*.htm*") for p in d.rglob(pattern)
    ]
    jsonl_lines = sum(
        1
        for d in EXAMPLE_CORPUS
        for f in d.rglob("*.jsonl")
        for line in f.read_text().splitlines()
        if line.strip()
    )
    with open_store(db) as store:
        assert store.counts()["articles"] == len(inputs) + jsonl_lines


def test_every_stored_span_reproduces_its_text(db: Path) -> None:
    with open_store(db) as store:
        for listed in store.articles():
            article = store.article(listed.id)
            for view in article.statements:
                for role, text in (
                    ("source", view.source),
                    ("cue", view.cue),
                    ("content", view.content),
                ):
                    pieces = [article.text[s:e] for s, e in view.spans[role]]
                    assert " … ".join(pieces) == text
                    assert all(piece for piece in pieces)


def test_at_least_three_speakers_are_quoted(db: Path) -> None:
    with open_store(db) as store:
        people = [s for s in store.speakers() if s.kind == "person" and s.statements >= 2]
    assert len(people) >= 3, people


def test_statements_jsonl_has_the_documented_fields(db: Path) -> None:
    result = CliRunner().invoke(main, ["statements", "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for field in (
        "id",
        "article",
        "outlet",
        "published",
        "speaker",
        "kind",
        "source",
        "cue",
        "content",
        "spans",
    ):
        assert field in rows[0]
    assert {row["kind"] for row in rows} <= {"direct", "indirect", "mixed"}


def test_reingest_skips_everything(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", *map(str, EXAMPLE_CORPUS), "--db", str(db), "--silent"]
    )
    assert result.exit_code == 0
    assert "ingested 0 article(s)" in result.output
    assert "failed 0" in result.output


def test_table_output_groups_by_speaker(db: Path) -> None:
    result = CliRunner().invoke(main, ["statements", "--db", str(db)])
    assert result.exit_code == 0
    assert " statements\n" in result.stdout or " statement\n" in result.stdout


def test_show_marks_statements(db: Path) -> None:
    with open_store(db) as store:
        doc = next(a.doc for a in store.articles())
    result = CliRunner().invoke(main, ["show", doc, "--db", str(db)])
    assert result.exit_code == 0
    assert "«1:" in result.stdout


def test_search_finds_content(db: Path) -> None:
    with open_store(db) as store:
        view = next(store.statements())
    word = max(view.content.split(), key=len).strip("“”\"',.;:!?()")
    result = CliRunner().invoke(main, ["search", word, "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0
    assert view.id in [json.loads(line)["id"] for line in result.stdout.splitlines()]


def test_progress_counts_every_input_against_the_counted_total(db: Path) -> None:
    from onrecord.ingest import count_inputs
    from onrecord.pipeline.run import ingest

    seen: list[object] = []
    with open_store(db) as store:
        report = ingest(EXAMPLE_CORPUS, store, progress=seen.append)
        stored = store.counts()["articles"]
    # Every input is a duplicate now, and each one moves the bar once: up to the total.
    assert report.duplicates == len(seen) == count_inputs(EXAMPLE_CORPUS) == stored
