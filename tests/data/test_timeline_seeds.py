"""The Supreme Leader's timeline on the seeds: every refusal of talks with the US, five articles.

The topics file is written here (the issue's proposition); no seed text is copied into the
repository, so statements are picked by article number and single words only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.shared_data import SEEDS, SEEDS_TOPICS, requires_seeds

from onrecord.cli import main
from onrecord.store import open_store

pytestmark = [requires_seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("seeds")
    topics = where / "topics.yaml"
    topics.write_text(SEEDS_TOPICS, encoding="utf-8")
    path = where / "seeds.db"
    args = ["ingest", str(SEEDS), "--db", str(path), "--silent", "--topics", str(topics)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def timeline(db: Path) -> dict[str, Any]:
    args = ["timeline", "--speaker", "Khamenei", "--topic", "talks-with-us", "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def seed(statement: dict[str, Any]) -> str:
    """Return a statement's seed number ("000"-"004") from its document name."""
    return str(statement["doc"])[:3]


def test_statements_from_all_five_articles(timeline: dict[str, Any]) -> None:
    assert "Khamenei" in timeline["speaker"]
    assert sorted({seed(s) for s in timeline["statements"]}) == ["000", "001", "002", "003", "004"]


def test_refusals_are_against_in_every_article(timeline: dict[str, Any]) -> None:
    against = {seed(s) for s in timeline["statements"] if s["stance"] == "against"}
    assert against == {"000", "001", "002", "003", "004"}
    events = [*timeline["events"], *timeline["undated_events"]]
    assert any(e["stance"].startswith("against") for e in events)


def test_talks_with_europe_are_not_for_talks_with_the_us(timeline: dict[str, Any]) -> None:
    europe = [s for s in timeline["statements"] if seed(s) == "002" and "Europe" in s["content"]]
    assert europe
    assert all(not (s["stance"] or "").startswith("for") for s in europe)


def test_talks_only_about_iraq_are_conditional(timeline: dict[str, Any]) -> None:
    iraq = [
        s
        for s in timeline["statements"]
        if seed(s) == "004" and "Iraq" in s["content"] and (s["stance"] or "").startswith("for")
    ]
    assert iraq
    assert all(s["stance"] == "for/conditional" for s in iraq)


def test_undated_articles_are_listed_apart(db: Path, timeline: dict[str, Any]) -> None:
    with open_store(db) as store:
        undated_docs = {a.doc for a in store.articles() if a.published is None}
    assert undated_docs
    by_id = {s["id"]: s for s in timeline["statements"]}
    apart = {seed(by_id[i]) for i in timeline["undated"]}
    assert apart == {doc[:3] for doc in undated_docs}
    for event in timeline["events"]:
        assert event["date"] is not None
        for sid in event["statements"]:
            statement = by_id[sid]
            # A statement of an undated article is on the timeline only by its own date.
            assert statement["published"] is not None or statement["said_on"] is not None
    assert all(
        by_id[i]["said_on"] is None and by_id[i]["published"] is None for i in timeline["undated"]
    )
