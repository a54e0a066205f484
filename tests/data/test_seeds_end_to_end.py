"""The issue's checks on the five seed articles in ../shared/data/seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import SEEDS, requires_seeds

from onrecord.cli import main
from onrecord.queries.statements import StatementQuery, find_statements
from onrecord.store import open_store

pytestmark = [pytest.mark.slow, requires_seeds]

BOILERPLATE = (
    "Follow us on",
    "Recent Posts",
    "hours ago",
    "Back to top button",
    "Check Also",
    "Related news",
    "Most Visited",
    "Editorial Staff",
    ".jpg",
    "News Code",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(path), "--silent"])
    assert result.exit_code == 0, result.output
    return path


def _by_prefix(store, prefix: str):  # type: ignore[no-untyped-def]
    return next(a for a in store.articles() if a.doc.startswith(prefix))


def test_five_articles_without_boilerplate(db: Path) -> None:
    with open_store(db) as store:
        listed = list(store.articles())
        assert len(listed) == 5
        for article in listed:
            text = store.article(article.id).text
            for phrase in BOILERPLATE:
                assert phrase not in text, f"{article.doc} keeps {phrase!r}"


def test_outlets_and_dates(db: Path) -> None:
    with open_store(db) as store:
        assert _by_prefix(store, "000").outlet == "IRNA"
        assert _by_prefix(store, "001").outlet == "Tasnim"
        assert _by_prefix(store, "002").outlet in {"Iran Front Page", "IFP"}
        assert _by_prefix(store, "000").published.isoformat() == "2018-07-21"
        for article in store.articles():
            assert article.published is None or article.published.year != 2024


def test_khamenei_statements_in_all_five_articles(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["statements", "--speaker", "Khamenei", "--format", "jsonl", "--db", str(db)]
    )
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 40
    assert len({row["article"] for row in rows}) == 5


def test_trump_and_khamenei_are_different_speakers(db: Path) -> None:
    with open_store(db) as store:
        trump = list(find_statements(store, StatementQuery(speaker="trump")).rows)
    assert trump and all("Khamenei" not in (view.speaker or "") for view in trump)


def test_extract_prints_one_line_per_seed_with_exact_spans() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEEDS), "--jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    for line in lines:
        assert set(line) == {"doc", "text", "attributions"}
        assert line["attributions"]
        for attribution in line["attributions"]:
            assert set(attribution) == {"source", "cue", "content", "kind", "speaker"}
            for role in ("source", "cue", "content"):
                for start, end in attribution[role]:
                    assert 0 <= start < end <= len(line["text"])
                    assert line["text"][start:end].strip()


def test_extract_no_clean_keeps_text_as_read() -> None:
    path = sorted(SEEDS.glob("000_*.txt"))[0]
    result = CliRunner().invoke(main, ["extract", str(path), "--jsonl", "--no-clean"])
    line = json.loads(result.stdout)
    assert line["text"] == path.read_text(encoding="utf-8").replace("\r\n", "\n")
