"""One speech reported by several outlets is one event, also with only publication dates.

tests/fixtures/events/markovic.jsonl is fiction written for this test: Chancellor Helena
Markovic's Korvhaven speech is reported by three outlets on 2 and 3 April 2025, none of
which says the day; two quote the same sentence in other words (as two translations
would); an undated page quotes it near word for word; and a report in September has her
say much the same again, which is another event.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.event_pages import cli_json, ingest_pages
from tests.shared_data import REPO

from onrecord.cli import main

pytestmark = pytest.mark.slow

PAGES = REPO / "tests" / "fixtures" / "events"
APRIL = {"Morvask Evening Post", "Littoral Digest", "The Iskarel Herald", "Coastal Notes"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events") / "markovic.db"
    return ingest_pages(PAGES / "markovic.jsonl", PAGES / "speakers.yaml", path)


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_april_speech_is_one_event_across_four_outlets(db: Path) -> None:
    events = cli_json(db, "clusters", "--speaker", "Markovic")
    (april,) = [e for e in events if set(e["outlets"]) == APRIL]
    contents = " ".join(s["content"] for s in april["statements"])
    # Both translations of the sentence, and the undated page, are in it.
    assert "Neither will a war break out" in contents and "No war will happen" in contents
    assert "whatever Dornholm claims" in contents
    assert "not for sale" not in contents  # September's words are not


def test_the_same_words_months_later_are_another_event(db: Path) -> None:
    timeline = cli_json(db, "timeline", "--speaker", "Markovic")
    dated = [(e["date"], e["date_basis"]) for e in timeline["events"]]
    assert dated == [("2025-04-02", "published"), ("2025-09-20", "published")]
    first, second = timeline["events"]
    assert {o["outlet"] for o in first["outlets"]} == APRIL
    assert {o["outlet"] for o in second["outlets"]} == {"Morvask Evening Post"}
    assert timeline["undated"] == []  # the undated page is in the April event, not dropped


def test_drift_shows_the_undated_pages_changed_word(db: Path) -> None:
    shown = run(db, "drift", "--speaker", "Markovic")
    assert "Dornholm {+claims+}" in shown and "Coastal Notes" in shown
