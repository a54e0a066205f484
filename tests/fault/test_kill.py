"""An ingest SIGKILLed at any moment, then run again, stores what a clean run stores.

Each trial kills an ingest of a small corpus (two speeches reported by four outlets,
batches of two, a topics file) in a subprocess, runs the same ingest again to the end, and
compares articles, statements, speakers, clusters, speech events, topic scores and the
pending marks with a clean run's. CI runs a kill right after each write of the first
batch (articles, clusters, topic scores, marks cleared) and twenty at random moments;
bench/kill_trials.py runs as many as asked (20 and more).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import onrecord.pipeline.run as run_module
from onrecord.cli import main
from onrecord.pipeline.derived import DerivedReport
from tests.fault.killing import KillLab, arguments, environment

pytestmark = pytest.mark.slow


def _rerun_in_process(corpus: Path, db: Path) -> None:
    """The run after the kill, in this process (the pipeline is loaded once for all)."""
    result = CliRunner().invoke(main, arguments(corpus, db), env=environment())
    assert result.exit_code == 0, result.output


def _rerun_in_process_with_workers(corpus: Path, db: Path) -> None:
    """The run after the kill, with 2 worker processes."""
    env = {**environment(), "ONRECORD_WORKERS": "2"}
    result = CliRunner().invoke(main, arguments(corpus, db), env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> KillLab:
    os.environ.setdefault("ONRECORD_PARAPHRASE", "lexical")
    return KillLab(tmp_path_factory.mktemp("kill"), rerun=_rerun_in_process)


def test_the_clean_run_has_something_to_lose(lab: KillLab) -> None:
    clean = lab.clean
    assert clean["integrity"] == "ok" and clean["pending"] == []
    assert len(clean["articles"]) == 8  # type: ignore[arg-type]
    multi = [row for row in clean["clusters"] if " " in str(row[0])]  # type: ignore[union-attr]
    assert multi, "clusters across articles"
    assert clean["scores"] and clean["events"]


def test_a_kill_after_each_write_of_a_batch_is_recovered(lab: KillLab) -> None:
    trials = lab.after_writes(batches=1)
    assert all(trial.killed for trial in trials), trials
    assert [trial for trial in trials if trial.differences] == []


def test_kills_at_random_moments_are_recovered(lab: KillLab) -> None:
    trials = lab.at_random(20, seed=int(os.environ.get("ONRECORD_KILL_SEED", "15")))
    assert [trial for trial in trials if trial.differences] == []


def test_a_kill_during_a_parallel_ingest_is_recovered(lab: KillLab) -> None:
    # The first batch is stored while both workers still hold chunks: the writer and the
    # workers are killed together, and the re-run (2 workers again) finishes the rest.
    trial = lab.parallel_after_write("save", 1, rerun=_rerun_in_process_with_workers)
    assert trial.killed
    assert trial.differences == ()
    assert lab.last_killed["articles"] and lab.last_killed["pending"], "killed midway"


def test_the_comparison_sees_what_a_run_without_recovery_leaves(
    lab: KillLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_module, "finish_pending", lambda store: DerivedReport())
    trial = lab.after_write("save", 1)
    assert trial.killed
    assert {"scores", "pending"} <= set(trial.differences)
