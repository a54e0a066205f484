"""Counting inputs before reading them (the progress bar's total)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onrecord.ingest import count_inputs


def test_files_and_jsonl_lines_are_counted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "b.HTML").write_text("<p>Another.</p>")
    (tmp_path / "notes.md").write_text("not read")
    (tmp_path / ".hidden.txt").write_text("skipped")
    sub = tmp_path / "sub"
    sub.mkdir()
    lines = "\n".join('{"text": "x"}' for _ in range(5))
    (sub / "wire.jsonl").write_text(lines + "\n\n   \n" + '{"text": "last, no newline"}')
    assert count_inputs([tmp_path]) == 2 + 6
    assert count_inputs([tmp_path / "a.txt", tmp_path / "missing.txt"]) == 2  # a failure too
    assert count_inputs([tmp_path / "notes.md"]) == 1  # named, so reported as failed


def test_a_jsonl_file_larger_than_a_chunk_is_counted_by_its_lines(tmp_path: Path) -> None:
    line = '{"text": "' + "word " * 300 + '"}\n'
    big = tmp_path / "big.jsonl"
    big.write_text(line * 2000)  # about 3 MB: lines cross the 1 MiB chunks
    assert count_inputs([big]) == 2000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stream.jsonl")
    assert count_inputs([tmp_path]) == 1  # one input (it will be reported), not a hang
