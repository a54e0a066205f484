"""Speech events: the clusters one speaker's single appearance produced."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from onrecord.clustering.text import content_stems, words
from onrecord.models import SpeechEvent, StatementCluster

# Clusters that share an article (or a named occasion) may be this many days apart and
# still be one event: an article's own date for a speech and another outlet's can differ
# by the report's lag (example corpus: the Port Selden speech is dated the 15th, the
# Ledger's own statements fall back to its publication date, the 16th).
SHARED_ARTICLE_DAY_WINDOW = 1
# Two occasions are the same when their stemmed content words overlap this much (Dice):
# "at the Harbour Workers' Congress in Port Selden" vs "addressing the Harbour Workers'
# Congress" (hand-made cases; the dates stage does not fill occasions yet).
OCCASION_DICE = 0.5


def speech_events(clusters: Sequence[StatementCluster]) -> list[SpeechEvent]:
    """Group clusters into speech events: one speaker, one occasion, one day."""
    by_speaker: dict[int | None, list[StatementCluster]] = defaultdict(list)
    for cluster in clusters:
        by_speaker[cluster.speaker_id].append(cluster)
    events: list[SpeechEvent] = []
    for speaker, group in by_speaker.items():
        if speaker is None:
            events.extend(_event([c]) for c in group)
            continue
        events.extend(_event(part) for part in _components(group))
    return sorted(events, key=lambda e: (e.said_on or dt.date.max, e.id))


def same_event(a: StatementCluster, b: StatementCluster) -> bool:
    """Return whether two clusters of one speaker come from the same appearance."""
    both_placed = bool(a.occasion and b.occasion)
    shared_article = bool(set(a.articles) & set(b.articles))
    # One article, one day: a clipped occasion ("told visiting") need only be contained
    # in the other ("in a meeting with visiting foreign ministers ...").
    lenient = shared_article and a.said_on is not None and a.said_on == b.said_on
    if both_placed and not same_occasion(a.occasion or "", b.occasion or "", lenient=lenient):
        return False
    if a.said_on is None or b.said_on is None:
        # Undated: only an article reporting both ties them to one appearance.
        return shared_article
    gap = abs((a.said_on - b.said_on).days)
    if shared_article or both_placed:
        return gap <= SHARED_ARTICLE_DAY_WINDOW
    # No occasion and no common report: the same speaker on the same day.
    return gap == 0


def same_occasion(a: str, b: str, *, lenient: bool = False) -> bool:
    """Return whether two occasion descriptions name the same audience or venue.

    `lenient` compares the shared words with the shorter description only (containment).
    """
    x, y = content_stems(words(a)), content_stems(words(b))
    if not x or not y:
        return False
    if lenient:
        return len(x & y) / min(len(x), len(y)) >= OCCASION_DICE
    return 2 * len(x & y) / (len(x) + len(y)) >= OCCASION_DICE


def _components(group: list[StatementCluster]) -> list[list[StatementCluster]]:
    """Return the connected components of `same_event` over one speaker's clusters."""
    parent = list(range(len(group)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(group):
        for j in range(i + 1, len(group)):
            if root(i) != root(j) and same_event(a, group[j]):
                parent[root(j)] = root(i)
    parts: dict[int, list[StatementCluster]] = defaultdict(list)
    for i, cluster in enumerate(group):
        parts[root(i)].append(cluster)
    return list(parts.values())


def _event(part: list[StatementCluster]) -> SpeechEvent:
    """Return the speech event made of the clusters in `part`."""
    part = sorted(part, key=lambda c: c.id)
    sizes = Counter[dt.date]()
    for cluster in part:
        if cluster.said_on is not None:
            sizes[cluster.said_on] += len(cluster.statements)
    occasions = Counter(c.occasion for c in part if c.occasion)
    return SpeechEvent(
        id=part[0].id,
        speaker_id=part[0].speaker_id,
        said_on=min(sizes, key=lambda d: (-sizes[d], d)) if sizes else None,
        occasion=occasions.most_common(1)[0][0] if occasions else None,
        clusters=tuple(c.id for c in part),
        statements=tuple(sorted(s for c in part for s in c.statements)),
        articles=tuple(dict.fromkeys(a for c in part for a in c.articles)),
        outlets=tuple(dict.fromkeys(o for c in part for o in c.outlets)),
    )
