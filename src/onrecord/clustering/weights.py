"""Content-word weights: inverse document frequency from a fixed, shipped table.

`data/stem_df.tsv` counts in how many PolNeAR train documents each stemmed content word
occurs (`bench/train_stem_weights.py`, `make weights`). A word every report uses ("new",
"people", "year") weighs little; a rare one, or one never seen there (names, places,
"demonetisation"), weighs the most. The table never changes as a corpus grows, so a
weight is a pure function of the word and incremental ingest still equals a batch build.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from importlib import resources


@functools.cache
def _table() -> tuple[int, dict[str, int]]:
    text = resources.files("onrecord").joinpath("data/stem_df.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    documents = int(lines[0].split("\t")[1])
    counts = {}
    for line in lines[1:]:
        stem, count = line.split("\t")
        counts[stem] = int(count)
    return documents, counts


@functools.lru_cache(maxsize=65536)
def weight(stem: str) -> float:
    """Return a stem's weight: log of documents over (documents holding it + 1)."""
    documents, counts = _table()
    return math.log((documents + 1) / (counts.get(stem, 0) + 1))


def mass(stems: Iterable[str]) -> float:
    """Return the summed weight of `stems`."""
    return sum(weight(s) for s in stems)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the weight of the stems `a` and `b` share over the lighter side's weight."""
    lighter = min(mass(a), mass(b))
    return mass(a & b) / lighter if lighter > 0 else 0.0
