"""The quality gate: onrecord's scores on PolNeAR dev may not fall below their floors.

The floors and a checksum of the dev gold they were measured on are pinned in
`polnear_floors.json`. Lowering a floor is a decision, made in its own commit with the
reason; a changed gold means the floors no longer mean anything and must be measured anew.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from tests.shared_data import POLNEAR

from onrecord.eval.polnear import PolnearReport, evaluate_polnear

DEV = POLNEAR / "dev"
FLOORS = Path(__file__).with_name("polnear_floors.json")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not DEV.is_dir(), reason=f"the PolNeAR dev split is not here ({DEV} is absent)"
    ),
]


def gold_checksum(split: Path) -> str:
    """Return the sha256 of the split's .ann files concatenated in sorted name order."""
    digest = hashlib.sha256()
    for path in sorted((split / "attributions").glob("*.ann")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def pinned() -> dict[str, object]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> PolnearReport:
    return evaluate_polnear(DEV)


def test_dev_gold_is_the_gold_the_floors_were_measured_on(pinned: dict[str, object]) -> None:
    found = gold_checksum(DEV)
    assert found == pinned["dev_gold_sha256"], (
        f"the PolNeAR dev gold changed (sha256 {found}, floors measured on "
        f"{pinned['dev_gold_sha256']}): measure the scores anew and pin new floors in {FLOORS}"
    )


def test_no_score_falls_below_its_floor(pinned: dict[str, object], report: PolnearReport) -> None:
    floors = pinned["floors"]
    assert isinstance(floors, dict)
    scores = report.scores()
    below = {
        name: f"{scores[name]:.4f} < floor {floor}"
        for name, floor in floors.items()
        if scores[name] < floor
    }
    assert not below, f"scores fell below their floors on PolNeAR dev: {below}"
