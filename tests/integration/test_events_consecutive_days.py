"""One speaker's rallies on consecutive days are two events; reports of one rally are one.

tests/fixtures/events/tarrow.jsonl is fiction written for this test: President Ilka Tarrow
speaks about her currency at a rally in Grennock on Thursday 8 May 2025 and at another in
Ashby on Friday 9 May. The Ledger reports Grennock, the Wire reports Ashby and recalls a
line of Grennock's, and the Courier reports other passages of the Ashby speech without
saying the day (only its publication date, the 9th, places it).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.event_pages import cli_json, ingest_pages
from tests.shared_data import REPO

pytestmark = pytest.mark.slow

PAGES = REPO / "tests" / "fixtures" / "events"


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("events") / "tarrow.db"
    ingest_pages(PAGES / "tarrow.jsonl", PAGES / "speakers.yaml", path)
    return cli_json(path, "timeline", "--speaker", "Tarrow")


def docs(timeline: Any, event: Any) -> set[str]:
    by_id = {s["id"]: s for s in timeline["statements"]}
    return {by_id[i]["doc"] for i in event["statements"]}


def test_the_rallies_of_two_consecutive_days_are_two_events(timeline: Any) -> None:
    assert [e["date"] for e in timeline["events"]] == ["2025-05-08", "2025-05-09"]
    assert timeline["undated"] == []


def test_a_page_recalling_the_day_before_adds_that_line_to_the_day_before(timeline: Any) -> None:
    grennock, ashby = timeline["events"]
    assert docs(timeline, grennock) == {"ledger-tarrow-grennock", "wire-tarrow-ashby"}
    by_id = {s["id"]: s for s in timeline["statements"]}
    recalled = [by_id[i] for i in grennock["statements"] if by_id[i]["doc"] == "wire-tarrow-ashby"]
    assert [s["said_on"] for s in recalled] == ["2025-05-08"]
    assert all("speculator" in s["content"] for s in recalled)


def test_a_report_of_other_passages_published_that_day_joins_the_rally(timeline: Any) -> None:
    _, ashby = timeline["events"]
    assert docs(timeline, ashby) == {"wire-tarrow-ashby", "courier-tarrow-ashby-savers"}
