"""`onrecord eval pages` on the real-pages dev set, when it is on this machine.

The pages are third-party text kept outside the repository (bench/real_pages/README.md
says how to rebuild them); the gold is tests/fixtures/real_pages_gold.json. Skips with a
reason where the pages are absent, as in CI.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from tests.shared_data import REPO

from onrecord.eval.pages import PagesReport, evaluate_pages

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
# publication dates (1.000 -> 0.924) and titles (0.979 -> 0.929) on the same code. The third
# batch (163 -> 253 pages) lowered outlets (0.958 -> 0.92: host names such as "ctvnews.ca"
# or "perthnow.com.au" left as they are) and languages (1.000 -> 0.996: the page that fails
# to ingest, below) on main 80c4aa0 and b467ccf. The fourth batch (253 -> 316 pages, people
# none of the others has) lowered titles (0.929 -> 0.904: 32 of its 39 titles right) on main
# a2a1b0a, so that floor is 0.90. The metadata rules of main bdbdcb8 raised outlets to 0.958,
# publication dates to 0.987 and titles to 0.958 on the 316 pages: their floors are 0.94,
# 0.97 and 0.94, two or three pages below.
FLOORS = {"dates": 0.50, "outlets": 0.94, "published": 0.97, "titles": 0.94, "languages": 0.99}

# Known failures of main on the third batch's pages, each a bug reported when the batch
# landed (remove an entry, and lower the ceiling, when its bug is fixed). The page that
# failed to ingest (chavez-un-2006-4: a spaced headline colon made a space the cue) is fixed,
# and so is the wrong date of merkel-refugees-2015-10 ("Bild newspaper, citing official
# estimates ..., said Monday": a day after another verb of speaking is that verb's).
KNOWN_MISSING: set[str] = set()
KNOWN_WRONG_DATES = 0


@cache
def _report() -> PagesReport:
    assert PAGES is not None
    return evaluate_pages(GOLD, Path(PAGES))


def test_the_dev_set_keeps_its_floors_and_no_new_wrong_dates() -> None:
    report = _report()
    assert set(report.missing) <= KNOWN_MISSING
    assert report.dates.wrong <= KNOWN_WRONG_DATES
    found = report.figures()
    assert {k: found[k] for k in FLOORS if found[k] < FLOORS[k]} == {}


def test_every_dev_page_is_stored_and_no_date_is_wrong() -> None:
    report = _report()
    assert report.missing == ()
    assert report.dates.wrong == 0
