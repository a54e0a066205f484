"""Counting inputs cheaply before reading them, so a progress bar can show a total and an ETA.

The count walks the same files `read_paths` reads (known extensions, hidden ones skipped)
without decoding or parsing anything: a file is one input, a JSON Lines file one input per
non-blank line. Only regular files are opened, so a FIFO or a device never blocks it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from onrecord.ingest.readers import READERS

_CHUNK = 1 << 20  # bytes read at a time when counting the lines of a JSON Lines file


def count_inputs(paths: Iterable[str | Path]) -> int:
    """Return about how many articles (or failures) reading `paths` yields."""
    total = 0
    for given in paths:
        path = Path(given)
        if path.is_dir():
            total += sum(_count_file(p) for p in _files(path))
        else:
            total += _count_file(path) if path.suffix.lower() in READERS else 1
    return total


def _files(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(dirpath) / name


def _count_file(path: Path) -> int:
    """Return the inputs of one file: its non-blank lines for JSON Lines, else one.

    A line split across two chunks is counted once, from its second part (an estimate:
    a line whose second part is blank is missed).
    """
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return 1
        lines = 0
        with path.open("rb") as handle:
            last = b"\n"
            while chunk := handle.read(_CHUNK):
                lines += sum(1 for line in chunk.split(b"\n")[:-1] if line.strip())
                last = chunk
        return max(lines + (0 if last.endswith(b"\n") else 1), 1)
    except OSError:
        return 1
