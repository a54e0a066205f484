"""Scorers of attribution extraction against annotated corpora (PolNeAR)."""

from __future__ import annotations

from onrecord.eval.polnear import PolnearReport, evaluate_polnear, read_split
from onrecord.eval.scoring import Counts, DocumentPair, Scores, score

__all__ = [
    "Counts",
    "DocumentPair",
    "PolnearReport",
    "Scores",
    "evaluate_polnear",
    "read_split",
    "score",
]
