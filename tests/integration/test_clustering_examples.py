"""Clusters, speech events and drift on the example corpus, scored against our gold set.

Run as a module to print the pairwise scores of both paraphrase paths:
`.venv/bin/python -m tests.integration.test_clustering_examples`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pytest
from tests.shared_data import EXAMPLE_CORPUS, REPO

from onrecord.clustering import (
    ClusterIndex,
    LexicalScorer,
    PairScores,
    ParaphraseScorer,
    pairwise_scores,
    quote_drift,
    quoted_pieces,
    render_drift,
    speech_events,
)
from onrecord.clustering.embeddings import available
from onrecord.models import ClusterInput, ProcessedArticle, SpeechEvent

pytestmark = pytest.mark.slow

GOLD = REPO / "tests" / "fixtures" / "clusters_gold.json"
# Floors on the gold set (measured 2025 on the example corpus; see docs/clustering.md).
# Lower one only on purpose, in its own commit, with the reason.
# Precision lowered from 1.0 with the tagger retrained on learnt cue words (PolNeAR dev
# attribution F1 0.626 -> 0.655): in tidemark-20250613-lindqvar-fishing-talks Lindqvar's
# statement holding "a move she described as ..." and that nested statement now share a
# quotation and cluster together. Measured 0.960 / 0.750 on both paths.
LEXICAL_FLOOR = (0.95, 0.75)  # (precision, recall)
EMBEDDINGS_FLOOR = (0.95, 0.75)
# Until corpus-wide speakers reach these records, speaker names map to ids by these forms.
SPEAKER_FORMS = {
    1: ("kestrel", "the head of state", "the president"),
    2: ("ondrel", "the prime minister"),
    3: ("lindqvar",),
}


@dataclass(frozen=True)
class Corpus:
    """The example corpus as clustering inputs, with each statement's document."""

    inputs: tuple[ClusterInput, ...]
    docs: dict[int, str]  # statement id -> document name
    articles: dict[str, str]  # document name -> article id


@cache
def corpus() -> Corpus:
    """Run the real pipeline on examples/ and turn its statements into clustering inputs."""
    from onrecord.pipeline.run import extract

    inputs: list[ClusterInput] = []
    docs: dict[int, str] = {}
    articles: dict[str, str] = {}
    names: dict[str, int] = {}
    for result in extract(EXAMPLE_CORPUS):
        assert isinstance(result, ProcessedArticle), result
        article = result.article
        articles[article.doc] = article.id
        for statement in result.statements:
            sid = len(inputs) + 1
            content = " … ".join(s.text(article.text) for s in statement.attribution.content)
            said = statement.said_on
            inputs.append(
                ClusterInput(
                    statement_id=sid,
                    article=article.id,
                    outlet=article.metadata.outlet,
                    speaker_id=_speaker_id(statement.speaker, names),
                    # Until the dates stage lands, the publication date stands in (day).
                    said_on=said.value if said else article.metadata.published,
                    said_on_precision=str(said.precision) if said else None,
                    published=article.metadata.published,
                    occasion=statement.occasion.text if statement.occasion else None,
                    kind=str(statement.kind),
                    content=content,
                    quoted=quoted_pieces(content, str(statement.kind)),
                )
            )
            docs[sid] = article.doc
    return Corpus(tuple(inputs), docs, articles)


def _speaker_id(name: str | None, names: dict[str, int]) -> int | None:
    if not name:
        return None
    lowered = name.casefold()
    for sid, forms in SPEAKER_FORMS.items():
        if any(form in lowered for form in forms):
            return sid
    return names.setdefault(lowered, 100 + len(names))


def gold_labels(data: Corpus) -> dict[int, str]:
    """Return statement id -> gold cluster name, each snippet naming exactly one statement."""
    labels: dict[int, str] = {}
    for cluster in json.loads(GOLD.read_text())["clusters"]:
        for named in cluster["statements"]:
            found = [
                i.statement_id
                for i in data.inputs
                if data.docs[i.statement_id] == named["doc"] and named["snippet"] in i.content
            ]
            assert len(found) == 1, (named, found)
            labels[found[0]] = cluster["name"]
    return labels


def measure(scorer: ParaphraseScorer) -> tuple[ClusterIndex, PairScores]:
    """Cluster the corpus article by article and score it against the gold set."""
    data = corpus()
    index = ClusterIndex(scorer)
    for article in data.articles.values():
        index.add([i for i in data.inputs if i.article == article])
    spoken = [i.statement_id for i in data.inputs if i.speaker_id is not None]
    predicted = {sid: index.cluster_of(sid) for sid in spoken}
    return index, pairwise_scores(predicted, gold_labels(data))


def _event_of(events: Sequence[SpeechEvent], doc: str, snippet: str) -> SpeechEvent:
    data = corpus()
    sid = next(
        i.statement_id
        for i in data.inputs
        if data.docs[i.statement_id] == doc and snippet in i.content
    )
    return next(e for e in events if sid in e.statements)


@pytest.fixture(scope="module")
def lexical() -> ClusterIndex:
    return measure(LexicalScorer())[0]


def test_gold_snippets_name_one_statement_each() -> None:
    assert len(gold_labels(corpus())) == 14


def test_lexical_clusters_meet_the_floor() -> None:
    scores = measure(LexicalScorer())[1]
    assert scores.precision >= LEXICAL_FLOOR[0] and scores.recall >= LEXICAL_FLOOR[1], scores


@pytest.mark.skipif(not available(), reason="the embeddings extra is not installed")
def test_embedding_clusters_meet_the_floor() -> None:
    from onrecord.clustering.embeddings import EmbeddingScorer

    scores = measure(EmbeddingScorer())[1]
    floor = EMBEDDINGS_FLOOR
    assert scores.precision >= floor[0] and scores.recall >= floor[1], scores


def test_three_reports_of_port_selden_are_one_speech_event(lexical: ClusterIndex) -> None:
    events = speech_events(lexical.clusters())
    data = corpus()
    event = _event_of(events, "cvna_port_selden_speech", "We will not be talked into surrender")
    for doc in ("tidemark-20250315-kestrel-strait", "northern_ledger_kestrel_speech"):
        assert data.articles[doc] in event.articles
    assert set(event.outlets) >= {"CVNA", "Tidemark Wire", "The Northern Ledger"}


def test_different_speeches_are_different_events(lexical: ClusterIndex) -> None:
    events = speech_events(lexical.clusters())
    port_selden = _event_of(events, "cvna_port_selden_speech", "We will not be talked")
    others = [
        _event_of(events, "courier_kestrel_backs_limited_talks", "Mr Carrow wanted talks"),
        _event_of(events, "coastline-20250102-kestrel-new-year", "nothing to discuss with Iskarel"),
        _event_of(events, "cvna_trawler_seized", "This is not conservation"),
        _event_of(events, "dispatch_kestrel_fishing_towns", "choose between their boat"),
    ]
    assert all(other.id != port_selden.id for other in others)
    assert len({other.id for other in others}) == len(others)
    fish = _event_of(events, "cvna_ondrel_fishing_talks", "We will talk about fish")
    assert corpus().articles["tidemark-20250613-lindqvar-fishing-talks"] in fish.articles


def test_port_selden_quote_drift_names_the_changed_word(lexical: ClusterIndex) -> None:
    data = corpus()
    sid = next(i.statement_id for i in data.inputs if "our ships can sail" in i.content)
    cluster = lexical.cluster_of(sid)
    members = lexical.inputs(next(c for c in lexical.clusters() if c.id == cluster).statements)
    drift = quote_drift(members)
    changed = [s for s in drift.segments if s.status == "changed"]
    assert [(s.text, s.variants[0].text, s.variants[0].outlets) for s in changed] == [
        ("boats", "ships", ("Tidemark Wire",))
    ]
    assert "[-boats-]{+ships+}" in render_drift(drift)


if __name__ == "__main__":
    paths: list[tuple[str, ParaphraseScorer]] = [("lexical", LexicalScorer())]
    if available():
        from onrecord.clustering.embeddings import EmbeddingScorer

        paths.append(("embeddings", EmbeddingScorer()))
    for label, scorer in paths:
        found = measure(scorer)[1]
        print(
            f"{label}: precision {found.precision:.3f} recall {found.recall:.3f} "
            f"(pairs predicted {found.predicted}, gold {found.gold}, correct {found.correct})"
        )
