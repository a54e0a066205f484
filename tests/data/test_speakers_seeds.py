"""Canonical speakers on the five seed articles in ../shared/data/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import SEEDS, requires_seeds

from onrecord.cli import main
from onrecord.models import StatementView
from onrecord.store import open_store

pytestmark = [pytest.mark.slow, requires_seeds]

# Forms the seeds give the Supreme Leader as a statement's source (README of the data).
LEADER_SOURCES = ("khamenei", "leader")


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> list[StatementView]:
    path: Path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(path), "--silent"])
    assert result.exit_code == 0, result.output
    with open_store(path) as store:
        return list(store.statements())


def _leader(views: list[StatementView]) -> list[StatementView]:
    return [v for v in views if any(w in v.source.casefold() for w in LEADER_SOURCES)]


def test_every_supreme_leader_statement_has_one_canonical_speaker(
    views: list[StatementView],
) -> None:
    leader = _leader(views)
    assert len({v.doc for v in leader}) == 5
    assert {v.speaker_id for v in leader} == {leader[0].speaker_id}
    assert leader[0].speaker == "Ali Khamenei"
    mentions = {v.speaker_mention for v in leader}
    assert len(mentions) > 1, "the seeds name him in several ways; all merge"


def test_trump_and_macron_are_separate_speakers(views: list[StatementView]) -> None:
    (leader_id,) = {v.speaker_id for v in _leader(views)}
    trump = {v.speaker_id for v in views if v.speaker == "Donald Trump"}
    macron = {v.speaker_id for v in views if v.speaker == "Emmanuel Macron"}
    assert len(trump) == 1 and len(macron) == 1
    assert len(trump | macron | {leader_id}) == 3
    assert {v.doc[:3] for v in views if v.speaker == "Donald Trump"} == {"001"}
    assert {v.doc[:3] for v in views if v.speaker == "Emmanuel Macron"} == {"003"}


def test_rouhani_is_not_the_leader(views: list[StatementView]) -> None:
    (leader_id,) = {v.speaker_id for v in _leader(views)}
    rouhani = [v for v in views if "rouhani" in v.source.casefold()]
    assert all(v.speaker_id != leader_id for v in rouhani)
    assert all("Rouhani" not in (v.speaker or "") for v in views if v.speaker_id == leader_id)
