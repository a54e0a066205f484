"""Clusters of the same utterance across outlets, speech events, and quote drift.

A pure stage: records in, records out. The store keeps each statement's cluster, band
keys and links, and hands back the neighbourhood of new statements for the next update.
"""

from __future__ import annotations

from onrecord.clustering.drift import quote_drift, render_drift, version_labels
from onrecord.clustering.events import speech_events
from onrecord.clustering.index import ClusterIndex, assign_clusters
from onrecord.clustering.quality import PairScores, pairwise_scores
from onrecord.clustering.similarity import LexicalScorer, ParaphraseScorer
from onrecord.clustering.text import quoted_pieces, with_quotes

__all__ = [
    "ClusterIndex",
    "LexicalScorer",
    "PairScores",
    "ParaphraseScorer",
    "assign_clusters",
    "pairwise_scores",
    "quote_drift",
    "quoted_pieces",
    "render_drift",
    "speech_events",
    "version_labels",
    "with_quotes",
]
