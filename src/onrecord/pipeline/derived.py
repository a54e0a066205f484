"""Derived data never left stale: the clusters, speech events and topic scores of stored articles.

An article is stored with a pending mark in the same transaction (table
`pending_articles`). `bring_up_to_date` clusters its statements and scores them against
every stored topic, and only then clears the mark. A run killed in between leaves the mark;
`finish_pending`, which every ingest runs first and `onrecord repair` runs alone, does the
rest. Each step can run twice without harm: clustering skips statements already clustered,
a topic score replaces the stored one, and the user's edits apply only where undone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.topics import apply_topics, score_articles
from onrecord.store import Store


@dataclass(frozen=True, slots=True)
class DerivedReport:
    """What bringing derived data up to date did."""

    articles: int = 0  # pending articles brought up to date
    clustered: int = 0  # statements put into clusters
    scored: int = 0  # statement-topic scores stored
    topics: tuple[str, ...] = ()  # topics whose cut-short scoring of the corpus was finished

    def __add__(self, other: DerivedReport) -> DerivedReport:
        return DerivedReport(
            self.articles + other.articles,
            self.clustered + other.clustered,
            self.scored + other.scored,
            self.topics + other.topics,
        )


def bring_up_to_date(store: Store, articles: Collection[str] | None = None) -> DerivedReport:
    """Cluster and score the stored `articles` (default: every pending one); clear their marks."""
    ids = sorted(articles) if articles is not None else store.pending_articles()
    if not ids:
        return DerivedReport()
    clustered = update_clusters(store, statements=store.article_statements(ids)).statements
    scored = score_articles(store, ids)
    store.clear_pending(ids)
    return DerivedReport(len(ids), clustered, scored)


def finish_pending(store: Store) -> DerivedReport:
    """Finish what an interrupted run left: topic scoring cut short, pending articles, edits."""
    names = set(store.unscored_topics())
    topics = [topic for topic in store.topics() if topic.name in names]
    rescored = apply_topics(store, topics) if topics else None
    done = bring_up_to_date(store)
    finished = DerivedReport(
        scored=rescored.scores if rescored else 0,
        topics=rescored.topics if rescored else (),
    )
    return finished + done + DerivedReport(clustered=replay_edits(store))


def replay_edits(store: Store) -> int:
    """Re-apply the user's speaker and statement edits; return the statements clustered anew."""
    moved = store.replay_speaker_edits()
    speakers = store.replay_statement_edits()
    if speakers:
        store.forget_clusters(speakers)
    if moved or speakers:
        return update_clusters(store).statements
    return 0
