"""The corpus stage after each ingest batch: clusters of the same utterance and speech events.

Only the speakers with statements not yet in a cluster are touched: their stored
statements, links and MinHash signatures rebuild a `ClusterIndex` without judging any pair
again, the new statements are added, and what changed is written back with the speakers'
speech events. After a merge of speakers the store forgets both speakers' clusters, so the
next update rebuilds them from their statements.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from onrecord import settings
from onrecord.clustering import (
    ClusterIndex,
    LexicalScorer,
    ParaphraseScorer,
    speech_events,
    with_quotes,
)
from onrecord.errors import InputError
from onrecord.models import ClusterUpdate, SpeakerSummary
from onrecord.store import Store

PARAPHRASE_CHOICES = ("auto", "lexical", "embeddings")


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """What one clustering update did."""

    speakers: int  # speakers whose clusters were updated
    statements: int  # statements clustered for the first time
    changed: int  # statements whose cluster is new or changed
    events: int  # speech events of those speakers now


def paraphrase_scorer(choice: str | None = None) -> ParaphraseScorer:
    """Return the paraphrase scorer the `paraphrase` setting (or `choice`) names; loaded once."""
    chosen = choice or settings.get("paraphrase")
    if chosen not in PARAPHRASE_CHOICES:
        raise InputError(
            f"unknown paraphrase scorer {chosen!r}",
            hint=f"set ONRECORD_PARAPHRASE to one of {', '.join(PARAPHRASE_CHOICES)}",
        )
    return _scorer(chosen)


@functools.cache
def _scorer(chosen: str) -> ParaphraseScorer:
    from onrecord.clustering.embeddings import EmbeddingScorer, available

    if chosen == "embeddings" or (chosen == "auto" and available()):
        return EmbeddingScorer()
    return LexicalScorer()


def update_clusters(store: Store, scorer: ParaphraseScorer | None = None) -> ClusterReport:
    """Cluster the statements not yet in a cluster; recompute those speakers' speech events."""
    speakers = store.unclustered_speakers()
    if not speakers:
        return ClusterReport(0, 0, 0, 0)
    inputs = [with_quotes(item) for item in store.cluster_inputs(speakers=speakers)]
    links, signatures = store.cluster_state(speakers)
    old = [item for item in inputs if item.statement_id in signatures]
    new = [item for item in inputs if item.statement_id not in signatures]
    index = ClusterIndex.restore(old, links, signatures, scorer or paraphrase_scorer())
    assignments = index.add(new)
    known = {(x.a, x.b) for x in links}
    events = speech_events(index.clusters())
    store.save_clusters(
        ClusterUpdate(
            speakers=tuple(speakers),
            assignments=tuple(assignments),
            signatures={item.statement_id: index.signature(item.statement_id) for item in new},
            links=tuple(x for x in index.links() if (x.a, x.b) not in known),
            events=tuple(events),
        )
    )
    return ClusterReport(len(speakers), len(new), len(assignments), len(events))


def rebuild_clusters(store: Store, scorer: ParaphraseScorer | None = None) -> ClusterReport:
    """Forget every stored cluster and build them again (after changing the paraphrase scorer)."""
    speakers = [s.id for s in store.speakers() if s.id is not None]
    store.forget_clusters(speakers)
    return update_clusters(store, scorer)


def merge_speakers(store: Store, target: str, other: str) -> SpeakerSummary:
    """Merge speaker `other` into `target` and rebuild the merged speaker's clusters."""
    store.merge_speakers(target, other)
    update_clusters(store)
    return store.speaker(target)
