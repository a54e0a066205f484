"""One speaker per person on the fictional pages of examples/pages/speakers.jsonl (issue 13).

The pages reproduce the forms that split or mixed people on real news pages: a headline
name with a verb glued on ("Rusk Signs ..."), a title before the holder is named, a
spokesman in apposition or named only by whose spokesman he is, a government named by its
leader, a given name misspelt, a surname alone on a page that never names the person in
full, and a governor's father with her surname. The pages are ingested in file order and in
reverse: each person is one speaker either way, and the speakers are the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.integration.test_concurrent_ingest import snapshot
from tests.shared_data import EXAMPLES

from onrecord.models import StatementView
from onrecord.pipeline.run import ingest
from onrecord.store import open_store

pytestmark = pytest.mark.slow

PAGES = EXAMPLES / "pages" / "speakers.jsonl"
# (page, the start of a statement's content) -> its speaker, as the corpus names it.
EXPECTED = {
    ("rusk-headline-verb", '"It is a fair deal'): "Halvard Rusk",
    ("rusk-headline-verb", "the president would visit"): "Ivo Brandt",
    ("rusk-title-first", "that the treaty would open"): "Halvard Rusk",
    ("rusk-title-first", '"No coast is closed'): "Halvard Rusk",
    ("rusk-spokesman", '"We will pay our share'): "Halvard Rusk",
    ("rusk-spokesman", "that no date had been set"): "Rusk's spokesman",
    ("rusk-spokesman", "that it would pay for the dredging"): "Rusk government",
    ("rusk-misspelt", "that the treaty ended"): "Halvard Rusk",
    ("rusk-surname-only", "that the harbour treaty was"): "Halvard Rusk",
    ("marsh-resigns", '"I will not be a distraction'): "Lena Marsh",
    ("marsh-father-quoted", '"The province deserves'): "Lena Marsh",
    ("marsh-father-quoted", 'that the post was "a job'): "Otto Marsh",
}


def _ingest(folder: Path, lines: list[str]) -> Path:
    pages = folder / "pages.jsonl"
    pages.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "speakers.db"
    with open_store(db) as store:
        report = ingest([pages], store, workers=0)
    assert report.ok, report.failures
    return db


def _views(db: Path) -> list[StatementView]:
    with open_store(db) as store:
        return list(store.statements())


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    lines = PAGES.read_text(encoding="utf-8").splitlines()
    forward = _ingest(tmp_path_factory.mktemp("forward"), lines)
    backward = _ingest(tmp_path_factory.mktemp("backward"), lines[::-1])
    return forward, backward


def test_each_statement_has_the_speaker_the_page_means(databases: tuple[Path, Path]) -> None:
    for db in databases:
        views = _views(db)
        found = {
            key: [v.speaker for v in views if v.doc == key[0] and v.content.startswith(key[1])]
            for key in EXPECTED
        }
        wrong = {k: got for k, got in found.items() if got != [EXPECTED[k]]}
        assert wrong == {}


def test_each_person_is_one_speaker_and_nobody_else_carries_the_name(
    databases: tuple[Path, Path],
) -> None:
    views = _views(databases[0])
    for person in ("Halvard Rusk", "Lena Marsh", "Otto Marsh", "Ivo Brandt"):
        ids = {v.speaker_id for v in views if v.speaker == person}
        assert len(ids) == 1, person
    people = {v.speaker for v in views if v.speaker_kind == "person"}
    assert not any("Signs" in name or "spokesman" in name for name in people if name)


def test_the_order_pages_arrive_in_does_not_change_the_speakers(
    databases: tuple[Path, Path],
) -> None:
    forward, backward = (snapshot(db) for db in databases)
    assert forward["speakers"] == backward["speakers"]
    assert forward["speaker_counts"] == backward["speaker_counts"]
    assert forward["statements"] == backward["statements"]
