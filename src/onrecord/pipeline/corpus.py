"""The corpus stage after each ingest batch: clusters of the same utterance and speech events.

An update is local. The new statements' candidates come from the store's indexes (the
speaker's statements said within a day of them, and those sharing a MinHash LSH band);
only those candidates' clusters are read back, rebuilt into a `ClusterIndex` without
judging any stored pair again, and given the new statements. The events near the clusters
that changed (same speaker, neighbouring days, or a shared article) are read back whole
and recomputed; everything else stays as stored. So the cost follows the new statements
and their neighbourhood, not the size of the database.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from onrecord import settings
from onrecord.clustering import (
    ClusterIndex,
    LexicalScorer,
    ParaphraseScorer,
    speech_events,
    with_quotes,
)
from onrecord.clustering.events import event_lookups
from onrecord.clustering.index import clusters_of, lookups
from onrecord.clustering.lsh import content_keys
from onrecord.clustering.text import content_stems, words
from onrecord.errors import InputError
from onrecord.models import (
    ClusterAssignment,
    ClusterInput,
    ClusterUpdate,
    SpeakerSummary,
    SpeechEvent,
    StatementCluster,
)
from onrecord.store import Store

PARAPHRASE_CHOICES = ("auto", "lexical", "embeddings")
# A full (re)build clusters this many statements per update, so memory stays bounded.
REBUILD_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """What one clustering update did."""

    speakers: int  # speakers whose clusters were updated
    statements: int  # statements clustered for the first time
    changed: int  # statements whose cluster is new or changed
    events: int  # speech events written (new or recomputed)
    comparisons: int = 0  # statement pairs and cluster pairs judged


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


def update_clusters(
    store: Store,
    scorer: ParaphraseScorer | None = None,
    *,
    statements: Collection[int] | None = None,
) -> ClusterReport:
    """Cluster `statements` (default: every statement not yet in a cluster) and redo the
    speech events near them. Statements already clustered, or without a speaker, are skipped.
    """
    if statements is None:
        statements = store.unclustered_statements()
    ids = sorted(set(statements))
    total = ClusterReport(0, 0, 0, 0, 0)
    speakers: set[int] = set()
    for start in range(0, len(ids), REBUILD_CHUNK):
        done, touched = _update(store, ids[start : start + REBUILD_CHUNK], scorer)
        speakers |= touched
        total = ClusterReport(
            len(speakers),
            total.statements + done.statements,
            total.changed + done.changed,
            total.events + done.events,
            total.comparisons + done.comparisons,
        )
    return total


def _update(
    store: Store, ids: Sequence[int], scorer: ParaphraseScorer | None
) -> tuple[ClusterReport, set[int]]:
    """Cluster the new statements among `ids` and write what changed, in one transaction.

    The write lock is held from the first read: another writer clustering the same
    neighbourhood waits, then sees what this one wrote.
    """
    chosen = scorer or paraphrase_scorer()  # loaded before the lock is taken
    with store.writing():
        return _update_held(store, ids, chosen)


def _update_held(
    store: Store, ids: Sequence[int], scorer: ParaphraseScorer
) -> tuple[ClusterReport, set[int]]:
    clustered = store.cluster_members(ids)
    new = [
        with_quotes(item)
        for item in store.cluster_inputs(statements=ids)
        if item.speaker_id is not None and item.statement_id not in clustered
    ]
    if not new:
        return ClusterReport(0, 0, 0, 0, 0), set()
    windows, probes = lookups(new)
    members = store.cluster_members(store.cluster_neighbours(windows, probes, exact=True))
    old = [with_quotes(item) for item in store.cluster_inputs(statements=members)]
    index = ClusterIndex.restore(
        old,
        store.cluster_links(members),
        [sid for sid, (_, ambiguous) in members.items() if ambiguous],
        scorer,
    )
    assignments = [
        a
        for a in index.add(new)
        if a.statement_id not in members or members[a.statement_id][0] != a.cluster_id
    ]
    counts = Counter[str]()
    replaced, events = _redo_events(store, index, assignments, members, counts)
    known = set(members)
    was_ambiguous = {sid for sid, (_, ambiguous) in members.items() if ambiguous}
    store.save_clusters(
        ClusterUpdate(
            assignments=tuple(assignments),
            keys={item.statement_id: _keys(index, item) for item in new},
            links=tuple(x for x in index.links() if not (x.a in known and x.b in known)),
            ambiguous=tuple(sorted(index.ambiguous() - was_ambiguous)),
            replaced=tuple(sorted(replaced)),
            events=tuple(events),
        )
    )
    speakers = {item.speaker_id for item in new if item.speaker_id is not None}
    comparisons = index.comparisons + counts["event pairs"]
    report = ClusterReport(len(speakers), len(new), len(assignments), len(events), comparisons)
    return report, speakers


def _redo_events(
    store: Store,
    index: ClusterIndex,
    assignments: Sequence[ClusterAssignment],
    members: dict[int, tuple[int, bool]],
    counts: Counter[str],
) -> tuple[set[int], list[SpeechEvent]]:
    """Return the stored events to replace and the events that replace them.

    The changed clusters' neighbourhood is read back as whole events, widened until every
    cluster placed nowhere has the other clusters of its articles beside it.
    """
    changed = {a.cluster_id for a in assignments}
    touched = index.clusters(only=changed)
    found = event_lookups(touched, index.items())
    near = store.cluster_neighbours(found.windows, found.probes, found.articles)
    near |= {sid for c in touched for sid in c.statements if sid in members}
    events: dict[int, list[int]] = {}
    held: set[int] = set()
    while True:
        events.update(store.events_of(near - held))
        held = {sid for ids in events.values() for sid in ids}
        clusters, inputs = _clusters(store, index, held, changed)
        # A cluster placed nowhere is judged by everything alike and in its articles.
        nowhere = event_lookups(
            [c for c in clusters if c.said_on is None and c.published is None], inputs
        )
        near = store.cluster_neighbours((), nowhere.probes, nowhere.articles) - held
        if not near:
            break
    rebuilt = speech_events(clusters, inputs, counts)
    return set(events), rebuilt


def _keys(index: ClusterIndex, item: ClusterInput) -> tuple[int, ...]:
    """Return the band keys the store keeps for a statement: shingles' and content words'."""
    return (
        *index.keys(item.statement_id),
        *content_keys(item.speaker_id, content_stems(words(item.content))),
    )


def _clusters(
    store: Store, index: ClusterIndex, held: set[int], changed: set[int]
) -> tuple[list[StatementCluster], dict[int, ClusterInput]]:
    """Return the changed clusters and those of the `held` statements (the index's if it
    holds them: it holds whole stored clusters), with every member's input."""
    inputs = index.items()
    mine = changed | {index.cluster_of(sid) for sid in held if sid in inputs}
    outside = sorted(held - set(inputs))
    stored = store.cluster_members(outside) if outside else {}
    read = store.cluster_inputs(statements=outside) if outside else []
    found = clusters_of(read, {s: c for s, (c, _) in stored.items()})
    inputs.update({i.statement_id: i for i in read})
    return [*index.clusters(only=mine), *found], inputs


def rebuild_clusters(store: Store, scorer: ParaphraseScorer | None = None) -> ClusterReport:
    """Forget every stored cluster and build them again (after changing the paraphrase scorer)."""
    speakers = [s.id for s in store.speakers() if s.id is not None]
    store.forget_clusters(speakers)
    return update_clusters(store, scorer=scorer)


def merge_speakers(
    store: Store, target: str, other: str, *, by: str | None = None
) -> SpeakerSummary:
    """Merge speaker `other` into `target` and rebuild the merged speaker's clusters."""
    merged = store.merge_speakers(target, other, by=by)
    if merged.id is not None:
        mine = [i.statement_id for i in store.cluster_inputs(speakers=[merged.id])]
        update_clusters(store, statements=mine)
    return store.speaker(target)
