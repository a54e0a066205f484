"""Rallies on consecutive days stay apart; an undated page joins the speech it quotes.

examples/pages/events/brannick.jsonl is fiction written for this test: Governor Aurel
Brannick addresses supporters in Ferrow on Tuesday 6 May 2025 and in Calloway on Wednesday
7 May (the occasions read alike, the words do not), then speaks at Saltby's harbour festival
on Thursday 8 May about docks, as in Ferrow. Two pages with no date at all quote him: one
repeats Ferrow's sentence word for word while speaking of berths and dockers as Saltby's
report does; the other quotes Calloway's.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.event_pages import cli_json, ingest_pages
from tests.shared_data import EXAMPLES

pytestmark = pytest.mark.slow

PAGES = EXAMPLES / "pages" / "events"


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("events") / "brannick.db"
    ingest_pages(PAGES / "brannick.jsonl", PAGES / "speakers.yaml", db)
    return cli_json(db, "timeline", "--speaker", "Brannick")


def outlets(event: dict[str, Any]) -> set[str]:
    return {o["outlet"] for o in event["outlets"]}


def test_rallies_on_consecutive_days_are_two_events(timeline: Any) -> None:
    days = [(e["date"], e["date_basis"]) for e in timeline["events"]]
    assert days == [("2025-05-06", "said"), ("2025-05-07", "said"), ("2025-05-08", "said")]


def test_each_undated_page_joins_the_speech_it_quotes(timeline: Any) -> None:
    ferrow, calloway, saltby = timeline["events"]
    assert outlets(ferrow) == {"Ferrow Wire", "Quayside Notes"}
    assert outlets(calloway) == {"Calloway Post", "Valley Letter"}
    assert outlets(saltby) == {"Saltby Herald"}
    assert timeline["undated"] == []
