"""A batch with broken inputs: each is named with its reason, the rest is stored, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.store import open_store

pytestmark = pytest.mark.slow

GOOD = (
    "Harbour Minister Tomas Vell said on Monday that the new pier would open in May.\n\n"
    "“We are ready,” Vell told reporters.\n"
)


def _write_batch(folder: Path) -> None:
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "wire.jsonl").write_text(
        '{"id": "w1", "text": "Mayor Ana Pell said the bridge is safe."}\n{"id": broken\n',
        encoding="utf-8",
    )
    (folder / "latin.txt").write_bytes(
        "Councillor Jo Brandt said the café “will stay open”.".encode("cp1252")
    )


def test_broken_inputs_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    _write_batch(tmp_path)
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(db), "--silent"])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: binary file" in result.output
    assert "wire.jsonl:2:" in result.output
    with open_store(db) as store:
        assert store.counts()["articles"] == 3  # good.txt, latin.txt, wire.jsonl line 1
        texts = [store.article(a.id).text for a in store.articles()]
    assert any("café “will stay open”" in text for text in texts)


def test_a_clean_batch_exits_0(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--silent"]
    )
    assert result.exit_code == 0, result.output
