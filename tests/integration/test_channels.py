"""Reporting channels: "according to Fars", "his official website quoted him as saying".

The speaker stays the person; the outlet or medium the words came through is the
statement's channel, stored (schema version 11), listed as "via …" and in the JSON shape.
Every sentence is ours, in the forms real pages use.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.models import ProcessedArticle
from onrecord.pipeline.run import extract_text
from onrecord.store import open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS

pytestmark = pytest.mark.slow

NAMED = "Harbour Minister Tomas Vell opened the north pier on Monday.\n\n"


def found(text: str) -> list[tuple[str, str, str, str, str | None]]:
    article: ProcessedArticle = extract_text(text)
    words = article.article.text
    return [
        (
            " ".join(s.text(words) for s in st.attribution.source),
            " ".join(s.text(words) for s in st.attribution.cue),
            " ".join(s.text(words) for s in st.attribution.content),
            " ".join(s.text(words) for s in st.attribution.channel),
            st.speaker,
        )
        for st in article.statements
    ]


@pytest.mark.parametrize(
    ("sentence", "source", "content", "channel"),
    [
        (
            "Vell said the old quay would stay open, according to the Selden News Agency.",
            "Vell",
            "the old quay would stay open",
            "the Selden News Agency",
        ),
        (
            "The old quay will stay open, Vell said, according to the Selden News Agency.",
            "Vell",
            "The old quay will stay open",
            "the Selden News Agency",
        ),
        (
            "His official website quoted him as saying that the old quay would stay open.",
            "him",
            "that the old quay would stay open",
            "His official website",
        ),
        (
            "State TV quoted Vell as saying the old quay would stay open.",
            "Vell",
            "the old quay would stay open",
            "State TV",
        ),
    ],
)
def test_the_person_speaks_and_the_channel_is_kept_apart(
    sentence: str, source: str, content: str, channel: str
) -> None:
    statements = found(NAMED + sentence)
    assert [(s, c, ch, who) for s, _, c, ch, who in statements] == [
        (source, content, channel, "Tomas Vell")
    ]


def test_an_addressee_is_no_channel() -> None:
    statements = found(NAMED + "Vell told the Selden News Agency that the quay would stay open.")
    assert [(s, ch, who) for s, _, _, ch, who in statements] == [("Vell", "", "Tomas Vell")]


def test_a_source_that_is_no_medium_keeps_its_statement() -> None:
    # the lawyers say what the police said: their statement, not a channel of the police's
    statements = found(
        NAMED + "According to the harbour workers' lawyers, the police said the pier was safe."
    )
    assert [(s, ch) for s, _, _, ch, _ in statements] == [("the harbour workers' lawyers", "")]


def test_an_outlet_reporting_on_its_own_keeps_its_statement() -> None:
    statements = found("According to the Selden News Agency, the old quay will stay open.")
    assert [(s, ch) for s, _, _, ch, _ in statements] == [("the Selden News Agency", "")]


def test_the_channel_is_stored_listed_and_shown(tmp_path: Path) -> None:
    page = tmp_path / "vell.txt"
    page.write_text(NAMED + "State TV quoted Vell as saying the old quay would stay open.\n")
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(page), "--db", db, "--silent"]).exit_code == 0
    listed = runner.invoke(main, ["statements", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["speaker_mention"], r["channel"]) for r in rows] == [("Tomas Vell", "State TV")]
    start, end = rows[0]["channel_span"]
    text = page.read_text()
    assert text[start:end] == "State TV"
    shown = runner.invoke(main, ["statements", "show", str(rows[0]["id"]), "--db", db])
    assert "via State TV" in shown.output


def test_a_version_10_database_is_upgraded_with_no_channels(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    raw = sqlite3.connect(path)
    for version in range(1, 11):
        for ddl in MIGRATIONS[version]:
            raw.execute(ddl)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 10")
    raw.commit()
    raw.close()
    with open_store(path) as store:
        assert store.counts()["statements"] == 0
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(statements)")}
    assert {"channel_text", "channel_start", "channel_end"} <= columns
