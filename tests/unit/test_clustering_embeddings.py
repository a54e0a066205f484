"""The embeddings path of paraphrase detection (the optional `embeddings` extra)."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.clustering import ClusterIndex
from onrecord.clustering.embeddings import available
from onrecord.models import ClusterInput

pytestmark = pytest.mark.skipif(
    not available(),
    reason="the embeddings extra is not installed (pip install 'onrecord[embeddings]')",
)
DAY = dt.date(2025, 3, 15)


def indirect(sid: int, article: str, content: str, speaker: int = 1) -> ClusterInput:
    return ClusterInput(sid, article, article, speaker, DAY, "day", DAY, None, "indirect", content)


@pytest.fixture(scope="module")
def scorer():  # type: ignore[no-untyped-def]
    from onrecord.clustering.embeddings import EmbeddingScorer

    return EmbeddingScorer()


def test_a_paraphrase_with_few_shared_words_clusters(scorer) -> None:  # type: ignore[no-untyped-def]
    index = ClusterIndex(scorer)
    index.add(
        [
            indirect(1, "a", "that the harbour modernisation fund would be doubled this year"),
            indirect(2, "b", "to double a fund for modernising the country's harbours"),
        ]
    )
    assert [(x.how, x.score >= scorer.threshold) for x in index.links()] == [("paraphrase", True)]


def test_different_utterances_stay_apart(scorer) -> None:  # type: ignore[no-untyped-def]
    index = ClusterIndex(scorer)
    index.add(
        [
            indirect(1, "a", "that the harbour modernisation fund would be doubled this year"),
            indirect(2, "b", "that any agreement with Morvask must be put before parliament"),
            indirect(3, "c", "that the harbour modernisation fund would be doubled", speaker=2),
        ]
    )
    assert index.links() == []


def test_the_lexical_rule_still_applies_below_the_embedding_threshold(scorer) -> None:  # type: ignore[no-untyped-def]
    a = "that his government was ready for talks limited to quotas"
    b = "Calverra was ready to hold talks with the Federation of Morvask on fishing quotas"
    index = ClusterIndex(scorer)
    index.add([indirect(1, "a", a), indirect(2, "b", b)])
    (found,) = index.links()
    assert found.how == "paraphrase" and found.score < scorer.threshold
