"""`onrecord eval pages` on the real-pages dev set, when it is on this machine.

The pages are third-party text kept outside the repository (bench/real_pages/README.md
says how to rebuild them); the gold is tests/fixtures/real_pages_gold.json. Skips with a
reason where the pages are absent, as in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.shared_data import REPO

from onrecord.eval.pages import evaluate_pages

GOLD = REPO / "tests" / "fixtures" / "real_pages_gold.json"
PLACES = (REPO.parent / "pages" / "dev", REPO.parents[1] / "pages" / "dev")
PAGES = next((p / "pages.jsonl" for p in PLACES if (p / "pages.jsonl").is_file()), None)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(PAGES is None, reason="the real-pages dev set is not on this machine"),
]

# Measured on the dev set when these rules landed; see the report in the commit that sets
# them. Lowering one is a decision, made in its own commit. The set grew from 69 to 163 pages
# (a second batch of forms the first lacked), which lowered dates (0.629 -> 0.500),
# publication dates (1.000 -> 0.924) and titles (0.979 -> 0.929) on the same code.
FLOORS = {"dates": 0.50, "outlets": 0.95, "published": 0.92, "titles": 0.92, "languages": 1.0}


def test_the_dev_set_keeps_its_floors_and_no_wrong_dates() -> None:
    assert PAGES is not None
    report = evaluate_pages(GOLD, Path(PAGES))
    assert report.missing == ()
    assert report.dates.wrong == 0
    found = report.figures()
    assert {k: found[k] for k in FLOORS if found[k] < FLOORS[k]} == {}
