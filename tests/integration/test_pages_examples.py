"""`onrecord eval pages` end to end on the fictional example pages (examples/pages/).

The real-pages dev set is not in the repository (its pages are third-party text), so CI
runs the scorer on pages we wrote in the same forms, against their own gold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import EXAMPLE_PAGES

from onrecord.cli import main
from onrecord.eval.pages import PagesReport, evaluate_pages

GOLD = Path(__file__).parents[1] / "fixtures" / "example_pages_gold.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report() -> PagesReport:
    return evaluate_pages(GOLD, EXAMPLE_PAGES)


def test_every_page_is_stored_and_scored(report):
    assert report.pages == 30
    assert report.scored_pages == 28
    assert report.missing == ()


def test_no_statement_is_given_a_wrong_day(report):
    assert report.dates.wrong == 0
    # harbourwatch says "on Tuesday" and states no date, courier-file-photo has a caption of
    # another day, quell-notes a byline date: no day may be guessed
    assert report.dates.unsupported == 0


# Floors measured on the example pages when they were written (docs/metrics.md defines
# each figure); a change that lowers one fails here unless the floor is lowered on purpose.
# The seven pages of the second batch's forms brought dates from 0.69 (9/13) to 0.64
# (11/17): two of their four dated statements are a transcript mirror and a statement the
# attribution does not find, the others are right.
# Transcripts (a page giving a speech's text: each paragraph its speaker's statement) date
# the ministry's transcript page: 0.64 -> 0.70 (12/17).
# The three pages of the held-out gap's forms (a weekday dated by the text's full date,
# an update stamp alone, the reporter's "today"), with transcripts: 0.75 (15/20).
# A transcript whose day only its URL's slug names ("statement-by-...-15-october-2025"):
# 0.76 (16/21).
# Three pages of forms beyond the dev pages (a transcript's date line under its heading, a
# "Posted by NAME on DATE" byline, an update stamp with its time): 0.78 (18/23).
# An archive page saying only that she delivered the opening address on a stated day (an
# account of a speech, attribution/speech_acts.py): 0.79 (19/24; 0.75 without the accounts).
FLOORS = {"dates": 0.79, "outlets": 0.94, "published": 1.0, "titles": 0.94, "languages": 1.0}


def test_metadata_and_dates_keep_their_floors(report):
    found = report.figures()
    assert {k: found[k] for k in FLOORS if found[k] < FLOORS[k]} == {}
    # the forms each example page reproduces, read right
    assert report.published.total == 20
    assert report.unsupported_published == 0


def test_other_languages_are_stored_and_reported(tmp_path):
    db = tmp_path / "pages.db"
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLE_PAGES), "--db", str(db), "--silent"])
    assert result.exit_code == 0, result.output
    assert "2 article(s) not in English: stored without statements" in result.output
    assert f"  pt: no statements extracted, English only: {EXAMPLE_PAGES}:14" in result.output
    assert f"  ar: no statements extracted, English only: {EXAMPLE_PAGES}:15" in result.output


def test_the_cli_prints_the_summary_with_its_last_line():
    result = CliRunner().invoke(main, ["eval", "pages", str(GOLD), str(EXAMPLE_PAGES)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("date_accuracy=") and last.endswith("wrong_dates=0")
    assert "speakers per person:" in result.output
    assert "events: pairwise precision" in result.output


def test_a_missing_pages_file_is_bad_usage(tmp_path):
    result = CliRunner().invoke(main, ["eval", "pages", str(GOLD), str(tmp_path / "no.jsonl")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
