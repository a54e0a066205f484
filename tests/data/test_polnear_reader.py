"""The PolNeAR dev split in ../shared/data: read completely, and its gold scores itself 1.0."""

from __future__ import annotations

import pytest
from tests.shared_data import POLNEAR

from onrecord.eval.errors import EXACT, MATCHED
from onrecord.eval.polnear import PolnearReport, evaluate_polnear, gold_extractor

DEV = POLNEAR / "dev"

pytestmark = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"the PolNeAR dev split is not here ({DEV} is absent)"
)


@pytest.fixture(scope="module")
def report() -> PolnearReport:
    return evaluate_polnear(DEV, extractor=gold_extractor(DEV))


def test_every_dev_text_is_read(report: PolnearReport) -> None:
    assert len(report.gold.documents) == 84
    assert report.gold.unannotated == [] and report.gold.untexted == []
    assert report.gold.gold_attributions > 1000


def test_gold_offsets_reproduce_the_annotated_text(report: PolnearReport) -> None:
    assert report.gold.offset_agreement >= 0.99


def test_every_attribution_has_a_cue_or_content(report: PolnearReport) -> None:
    for document in report.gold.documents:
        for attribution in document.attributions:
            assert attribution.cue or attribution.content, document.doc


def test_the_gold_scored_against_itself_is_perfect(report: PolnearReport) -> None:
    scores = report.scores()
    assert scores == dict.fromkeys(scores, 1.0)
    assert report.format().splitlines()[-1] == "attribution_f1=1.0000"


def test_the_gold_against_itself_has_only_matches_in_the_breakdown(report: PolnearReport) -> None:
    gold = report.gold.gold_attributions
    assert report.errors.gold == {MATCHED: gold}
    assert report.errors.predicted == {MATCHED: gold}
    assert report.errors.content == {EXACT: gold}
    assert f"  {MATCHED:<48}{gold:>6}" in report.format().splitlines()
