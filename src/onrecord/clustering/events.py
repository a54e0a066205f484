"""Speech events: the clusters one speaker's single appearance produced.

A cluster is placed on the day most of its members were said on; failing that, on the
day its earliest report was published or the day before (`REPORT_LAG_DAYS`); failing
that, nowhere. Two clusters of one speaker are one event when `same_event` says so, and
an event is a connected component of that relation. Candidate pairs come from day buckets
and shared articles only, so building the events of k clusters costs about the pairs
that fall on neighbouring days, never all k * k.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from onrecord.clustering.text import content_stems, words
from onrecord.models import ClusterInput, SpeechEvent, StatementCluster

# Clusters that share an article (or a named occasion) may be this many days apart and
# still be one event: an article's own date for a speech and another outlet's can differ
# by the report's lag (example corpus: the Port Selden speech is dated the 15th, the
# Ledger's own statements fall back to its publication date, the 16th).
SHARED_ARTICLE_DAY_WINDOW = 1
# Two occasions are the same when their stemmed content words overlap this much (Dice):
# "at the Harbour Workers' Congress in Port Selden" vs "addressing the Harbour Workers'
# Congress" (hand-made cases; the dates stage does not fill occasions yet).
OCCASION_DICE = 0.5
# A cluster no one dated is placed by its earliest report: the speech was given on the
# day of publication or the day before (news reports; a weekly would need more). So two
# reports published on the same or adjacent days may be one event.
REPORT_LAG_DAYS = 1
# Clusters placed on overlapping days by different articles are one event only when they
# say something alike: one statement of each shares at least `MIN_SHARED_STEMS` stemmed
# content words, making up at least `CONTENT_OVERLAP` of the shorter one. Translations of
# one sentence ("There will be no war, nor will we negotiate" / "Neither a war will
# happen, nor will we negotiate") share "war" and "negotiate": 2 of 2. Tuned on the
# example corpus and its fictional translation pages (examples/README.md).
MIN_SHARED_STEMS = 2
CONTENT_OVERLAP = 0.5
# An event's clusters are anchored (said day, else publication day) within this many days
# of each other: reports on the same or adjacent days. Pairs are joined nearest days first;
# without the bound, one speaker's alike speeches on consecutive days would chain into one
# event that grows with the corpus (bench/make_corpus.py corpora did, at any size).
EVENT_SPAN_DAYS = 1


@dataclass(frozen=True, slots=True)
class Placed:
    """A cluster with the days it may have been said on and what its statements say."""

    cluster: StatementCluster
    days: tuple[int, int] | None  # proleptic ordinals, inclusive
    said: bool  # placed by the day it was said (else by publication, or nowhere)
    stems: tuple[frozenset[str], ...]  # each member statement's stemmed content words


def placed(cluster: StatementCluster, inputs: Mapping[int, ClusterInput]) -> Placed:
    """Return a cluster with its days and its members' content words."""
    stems = tuple(
        content_stems(words(inputs[sid].content)) for sid in cluster.statements if sid in inputs
    )
    if cluster.said_on is not None:
        day = cluster.said_on.toordinal()
        return Placed(cluster, (day, day), True, stems)
    if cluster.published is not None:
        day = cluster.published.toordinal()
        return Placed(cluster, (day - REPORT_LAG_DAYS, day), False, stems)
    return Placed(cluster, None, False, stems)


def event_lookups(
    clusters: Sequence[StatementCluster],
) -> tuple[list[tuple[int, dt.date, dt.date]], list[tuple[int, str]]]:
    """Return the windows (speaker, first, last) and (speaker, article) pairs through
    which a store finds every cluster that `same_event` could join to one of `clusters`.

    A window holds the days on which the other cluster's placing statement may lie: its
    range may end at most `SHARED_ARTICLE_DAY_WINDOW` days before this one starts, or
    start that many days after this one ends (ending a day after that when placed by a
    report).
    """
    windows: list[tuple[int, dt.date, dt.date]] = []
    articles: list[tuple[int, str]] = []
    span = SHARED_ARTICLE_DAY_WINDOW
    for cluster in clusters:
        if cluster.speaker_id is None:
            continue
        articles.extend((cluster.speaker_id, a) for a in cluster.articles)
        days = placed(cluster, {}).days
        if days is not None:
            first = dt.date.fromordinal(days[0] - span)
            last = dt.date.fromordinal(days[1] + span + REPORT_LAG_DAYS)
            windows.append((cluster.speaker_id, first, last))
    return windows, articles


def speech_events(
    clusters: Sequence[StatementCluster],
    inputs: Mapping[int, ClusterInput] | None = None,
    counts: Counter[str] | None = None,
) -> list[SpeechEvent]:
    """Group clusters into speech events: one speaker, one occasion, one day.

    `inputs` (statement id -> input) supplies the statements' words, without which
    clusters placed only by publication never join other articles'. `counts`, if given,
    gets the number of cluster pairs judged under "event pairs".
    """
    by_speaker: dict[int | None, list[Placed]] = defaultdict(list)
    for cluster in clusters:
        by_speaker[cluster.speaker_id].append(placed(cluster, inputs or {}))
    events: list[SpeechEvent] = []
    for speaker, group in by_speaker.items():
        if speaker is None:
            events.extend(_event([p.cluster]) for p in group)
            continue
        events.extend(_event(part) for part in _components(group, counts))
    return sorted(events, key=lambda e: (e.said_on or dt.date.max, e.id))


def same_event(a: Placed, b: Placed) -> bool:
    """Return whether two placed clusters of one speaker come from the same appearance."""
    x, y = a.cluster, b.cluster
    both_placed = bool(x.occasion and y.occasion)
    shared_article = bool(set(x.articles) & set(y.articles))
    # One article, one day: a clipped occasion ("told visiting") need only be contained
    # in the other ("in a meeting with visiting foreign ministers ...").
    lenient = shared_article and x.said_on is not None and x.said_on == y.said_on
    if both_placed and not same_occasion(x.occasion or "", y.occasion or "", lenient=lenient):
        return False
    if a.days is None or b.days is None:
        # Nowhere: only an article reporting both ties them to one appearance.
        return shared_article
    gap = max(a.days[0], b.days[0]) - min(a.days[1], b.days[1])
    if shared_article or both_placed:
        return gap <= SHARED_ARTICLE_DAY_WINDOW
    if a.said and b.said:
        # No occasion and no common report: the same speaker on the same day.
        return gap == 0
    # Placed by publication: overlapping days and something alike said.
    return gap <= 0 and similar_content(a.stems, b.stems)


def similar_content(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> bool:
    """Return whether a statement of `a` and one of `b` share enough content words."""
    for x in a:
        for y in b:
            shared = len(x & y)
            if shared >= MIN_SHARED_STEMS and shared >= CONTENT_OVERLAP * min(len(x), len(y)):
                return True
    return False


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


def _candidate_pairs(group: Sequence[Placed]) -> Iterator[tuple[int, int]]:
    """Yield the pairs of `group` that share an article or fall on neighbouring days."""
    by_day: dict[int, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(group):
        if p.days is not None:
            for day in range(p.days[0], p.days[1] + 1):
                by_day[day].append(i)
        for article in p.cluster.articles:
            by_article[article].append(i)
    for members in by_article.values():
        yield from ((i, j) for n, i in enumerate(members) for j in members[n + 1 :])
    for day, members in by_day.items():
        later = by_day.get(day + SHARED_ARTICLE_DAY_WINDOW, [])
        yield from ((i, j) for n, i in enumerate(members) for j in members[n + 1 :])
        yield from ((i, j) for i in members for j in later)


def _bridges(group: Sequence[Placed]) -> set[int]:
    """Return the clusters that may join others: not a nowhere-placed one whose articles
    also report this speaker on days too far apart to be one appearance."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(group):
        for article in p.cluster.articles:
            by_article[article].append(i)
    keep = set(range(len(group)))
    for i, p in enumerate(group):
        if p.days is not None:
            continue
        days = [
            d
            for article in p.cluster.articles
            for j in by_article[article]
            if (d := group[j].days) is not None
        ]
        if days and max(d[0] for d in days) - min(d[1] for d in days) > SHARED_ARTICLE_DAY_WINDOW:
            keep.discard(i)
    return keep


def _components(group: list[Placed], counts: Counter[str] | None) -> list[list[StatementCluster]]:
    """Return one speaker's events: the pairs `same_event` joins, joined nearest days first,
    unless the event would then span more than `EVENT_SPAN_DAYS`."""
    parent = list(range(len(group)))
    span = {i: (a, a) if (a := _anchor(p)) is not None else None for i, p in enumerate(group)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bridges = _bridges(group)
    pairs = sorted(
        {
            (min(i, j), max(i, j))
            for i, j in _candidate_pairs(group)
            if i != j and i in bridges and j in bridges
        }
    )
    if counts is not None:
        counts["event pairs"] += len(pairs)
    edges = [(i, j) for i, j in pairs if same_event(group[i], group[j])]
    edges.sort(
        key=lambda e: (
            _gap(group[e[0]], group[e[1]]),
            group[e[0]].cluster.id,
            group[e[1]].cluster.id,
        )
    )
    for i, j in edges:
        a, b = root(i), root(j)
        if a == b:
            continue
        merged = _widest(span[a], span[b])
        if merged is not None and merged[1] - merged[0] > EVENT_SPAN_DAYS:
            continue
        parent[b] = a
        span[a] = merged
    parts: dict[int, list[StatementCluster]] = defaultdict(list)
    for i, p in enumerate(group):
        parts[root(i)].append(p.cluster)
    return list(parts.values())


def _anchor(p: Placed) -> int | None:
    """Return the day a cluster is anchored on: the day said, else its publication day."""
    return p.days[1] if p.days is not None else None


def _gap(a: Placed, b: Placed) -> int:
    x, y = _anchor(a), _anchor(b)
    return abs(x - y) if x is not None and y is not None else 0


def _widest(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


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
