"""Speech events: the clusters one speaker's single appearance produced.

A cluster is placed on the day most of its members were said on; failing that, on the
day its earliest report was published or the day before (`REPORT_LAG_DAYS`), if at least
half its reports carry a publication date (`PUBLISHED_SHARE`); failing that, nowhere. Two
clusters of one speaker are one event when `same_event` says so; pairs are joined nearest
days first, as long as an event stays within `EVENT_SPAN_DAYS`.
Candidate pairs come from day buckets, shared articles and (for clusters placed nowhere)
shared content band keys only, so building the events of k clusters costs about the
pairs that fall on neighbouring days or say something alike, never all k * k.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from onrecord.clustering.lsh import content_keys
from onrecord.clustering.text import content_stems, quoted_pieces, quoted_strings, words
from onrecord.clustering.weights import overlap
from onrecord.models import BandProbe, ClusterInput, SpeechEvent, StatementCluster

# Clusters that share an article (or a named occasion) may be this many days apart and
# still be one event: an article's own date for a speech and another outlet's can differ
# by the report's lag (example corpus: the Port Selden speech is dated the 15th, the
# Ledger's own statements fall back to its publication date, the 16th).
SHARED_ARTICLE_DAY_WINDOW = 1
# Two occasions are the same when their stemmed content words overlap this much (Dice):
# "at the Harbour Workers' Congress in Port Selden" vs "addressing the Harbour Workers'
# Congress" (hand-made cases). Outlets name one occasion in unlike words ("Speaking at the
# World Economic Forum in Davos" / "told an opening meeting of the WEF": real dev pages),
# so occasions only keep apart clusters that nothing else ties: said on one day, in
# different articles, with nothing alike said.
OCCASION_DICE = 0.5
# A cluster no one dated is placed by its earliest report: the speech was given on the
# day of publication or the day before (news reports; a weekly would need more). So two
# reports published on the same or adjacent days may be one event.
REPORT_LAG_DAYS = 1
# ...but only when at least this share of its members' articles carry a publication date.
# A quote copied word for word by pages that carry no date is placed by nothing they say:
# the one dated copy among them may be an essay months later (real-pages dev set: a
# central banker's pledge quoted by six pages, the only dated one two months after it),
# and placing the cluster there kept it from the speech's own reports.
PUBLISHED_SHARE = 0.5
# Clusters of different articles are one event by their words only when they say
# something alike: one statement of each shares at least `MIN_SHARED_STEMS` stemmed
# content words, making up at least `CONTENT_OVERLAP` of the shorter one. Translations of
# one sentence ("There will be no war, nor will we negotiate" / "Neither a war will
# happen, nor will we negotiate") share "war" and "negotiate": 2 of 2. Tuned on the
# example corpus, its fictional translation pages and the real-pages dev set.
MIN_SHARED_STEMS = 2
CONTENT_OVERLAP = 0.5
# ...or what the speaker says in the two clusters' articles overlaps by at least this
# weight (`weights.overlap`: the inverse document frequency of the words both articles'
# reports of the speaker hold, over the lighter side's). Reports of one speech quote
# different passages of it: the real-pages dev set's Johnson, Modi and Ardern pages share
# 0.2-0.35 of their words by weight with other outlets' reports of the same address, and
# two statements of theirs rarely share enough words on their own.
CONTEXT_OVERLAP = 0.3
# A cluster placed nowhere has no day to back its words up: its context must overlap more
# (example corpus: the undated Gazette page has Ondrel speak of talks to reporters, 0.37
# by weight alike to his speech to parliament months before, which it is not).
UNPLACED_CONTEXT_OVERLAP = 0.5
# An event's clusters are anchored (said day, else publication day) within this many days
# of each other: reports on the same or adjacent days. Pairs are joined nearest days first;
# without the bound, one speaker's alike speeches on consecutive days would chain into one
# event that grows with the corpus (bench/make_corpus.py corpora did, at any size).
EVENT_SPAN_DAYS = 1
# Two outlets quoting the speaker in the same string of words report one appearance: at
# least `MIN_ECHOES` word strings of `text.ECHO_WORDS` (six) words in common.
MIN_ECHOES = 2


@dataclass(frozen=True, slots=True)
class Placed:
    """A cluster with the days it may have been said on and what its statements say."""

    cluster: StatementCluster
    days: tuple[int, int] | None  # proleptic ordinals, inclusive
    said: bool  # placed by the day it was said (else by publication, or nowhere)
    stems: tuple[frozenset[str], ...]  # each member statement's stemmed content words
    keys: frozenset[int]  # the members' content band keys
    context: frozenset[str] = frozenset()  # what the speaker says in the cluster's articles
    quoted: frozenset[int] = frozenset()  # the members' quoted word strings
    heard: frozenset[int] = frozenset()  # what the speaker is quoted saying in its articles
    # Orders clusters alike whatever order their articles were stored in (`stable_key`).
    key: tuple[str, int] = ("", 0)

    @property
    def anchor(self) -> int | None:
        """Return the day it is anchored on: the day said, else its publication day."""
        return self.days[1] if self.days is not None else None


def placed(cluster: StatementCluster, inputs: Mapping[int, ClusterInput]) -> Placed:
    """Return a cluster with its days and its members' content words and keys."""
    stems = tuple(
        content_stems(words(inputs[sid].content)) for sid in cluster.statements if sid in inputs
    )
    keys = frozenset(k for words_ in stems for k in content_keys(cluster.speaker_id, words_))
    # From the content itself: inputs read back from a store carry no quoted pieces.
    quoted = frozenset(
        e
        for sid in cluster.statements
        if sid in inputs
        for e in quoted_strings(quoted_pieces(inputs[sid].content, inputs[sid].kind))
    )
    key = stable_key(cluster, inputs)
    if cluster.said_on is not None:
        day = cluster.said_on.toordinal()
        return Placed(cluster, (day, day), True, stems, keys, quoted=quoted, key=key)
    if cluster.published is not None and _published_mostly(cluster, inputs):
        day = cluster.published.toordinal()
        where = (day - REPORT_LAG_DAYS, day)
        return Placed(cluster, where, False, stems, keys, quoted=quoted, key=key)
    return Placed(cluster, None, False, stems, keys, quoted=quoted, key=key)


def _published_mostly(cluster: StatementCluster, inputs: Mapping[int, ClusterInput]) -> bool:
    """Return whether at least half the cluster's members (those at hand) carry a
    publication date: only then does its earliest one place it (`PUBLISHED_SHARE`)."""
    members = [inputs[sid] for sid in cluster.statements if sid in inputs]
    dated = sum(1 for i in members if i.published is not None)
    return dated >= PUBLISHED_SHARE * len(members)


def stable_key(cluster: StatementCluster, inputs: Mapping[int, ClusterInput]) -> tuple[str, int]:
    """Return a key that orders clusters alike whatever order their articles were stored in.

    It is the cluster's first article (article ids are hashes of the text) with, within
    that article, its first statement: one article's statements are numbered in the order
    they appear in it, but two articles' ids follow the order they were stored in.
    """
    found = [(inputs[sid].article, sid) for sid in cluster.statements if sid in inputs]
    return min(found) if found else (min(cluster.articles, default=""), cluster.id)


@dataclass(frozen=True, slots=True)
class EventLookups:
    """What a store looks up to find every cluster an event rule could join to some others.

    `windows` (speaker, first, last): the speaker's statements placed on those days;
    `articles` (speaker, article): the speaker's statements in the article; `probes`:
    statements sharing a content band key (`unplaced`: only those placed nowhere).
    """

    windows: list[tuple[int, dt.date, dt.date]]
    articles: list[tuple[int, str]]
    probes: list[BandProbe]


def event_lookups(
    clusters: Sequence[StatementCluster], inputs: Mapping[int, ClusterInput]
) -> EventLookups:
    """Return the look-ups through which a store finds every cluster that `same_event`
    could join to one of `clusters`.

    A window holds the days on which the other cluster's anchor may lie: its range may end
    at most `SHARED_ARTICLE_DAY_WINDOW` days before this one starts, or start that many
    days after this one ends (ending a day after that when placed by a report). A cluster
    placed nowhere may join any cluster that says something alike; a placed one, any
    cluster placed nowhere that does.
    """
    found = EventLookups([], [], [])
    span = SHARED_ARTICLE_DAY_WINDOW
    for cluster in clusters:
        if cluster.speaker_id is None:
            continue
        found.articles.extend((cluster.speaker_id, a) for a in cluster.articles)
        where = placed(cluster, inputs)
        days = where.days
        found.probes.append(BandProbe(tuple(sorted(where.keys)), None, None, days is not None))
        if days is not None:
            first = dt.date.fromordinal(days[0] - span)
            last = dt.date.fromordinal(days[1] + span + REPORT_LAG_DAYS)
            found.windows.append((cluster.speaker_id, first, last))
    return found


def speech_events(
    clusters: Sequence[StatementCluster],
    inputs: Mapping[int, ClusterInput] | None = None,
    counts: Counter[str] | None = None,
) -> list[SpeechEvent]:
    """Group clusters into speech events: one speaker, one occasion, one day.

    `inputs` (statement id -> input) supplies the statements' words, without which
    clusters placed only by publication, or nowhere, never join other articles'. `counts`,
    if given, gets the number of cluster pairs judged under "event pairs".
    """
    by_speaker: dict[int | None, list[Placed]] = defaultdict(list)
    for cluster in clusters:
        by_speaker[cluster.speaker_id].append(placed(cluster, inputs or {}))
    events: list[SpeechEvent] = []
    for speaker, group in by_speaker.items():
        if speaker is None:
            events.extend(_event([p.cluster]) for p in group)
            continue
        events.extend(_event(part) for part in _components(_in_context(group), counts))
    return sorted(events, key=lambda e: (e.said_on or dt.date.max, e.id))


def _in_context(group: list[Placed]) -> list[Placed]:
    """Return `group` with each cluster's context: the content words its speaker says in
    the cluster's articles, leaving out, for a cluster said on a known day, what the
    article says was said on other days (a page may report two appearances)."""
    said: dict[str, dict[int | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    quoted: dict[str, dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))
    for p in group:
        day = p.anchor if p.said else None
        for article in p.cluster.articles:
            said[article][day].update(s for stems in p.stems for s in stems)
            quoted[article][day].update(p.quoted)
    found = []
    for p in group:
        context: set[str] = set()
        heard: set[int] = set()
        for article in p.cluster.articles:
            for day, stems in said[article].items():
                if not p.said or day is None or day == p.anchor:
                    context |= stems
                    heard |= quoted[article][day]
        found.append(replace(p, context=frozenset(context), heard=frozenset(heard)))
    return found


def echoes(a: Placed, b: Placed) -> int:
    """Return how many quoted word strings (`text.quoted_strings`) the speaker's words in
    `a`'s articles share with `b`'s own members.

    `b`'s side is its members only: a store's neighbourhood holds a placed cluster without
    the rest of its articles, and what is judged must not depend on what was read.
    """
    return len(a.heard & b.quoted)


def echoed(a: Placed, b: Placed) -> bool:
    """Return whether `a`'s articles quote the speaker in `b`'s words: at least
    `MIN_ECHOES` word strings in common (strong evidence of one appearance)."""
    return echoes(a, b) >= MIN_ECHOES


def same_event(a: Placed, b: Placed) -> bool:
    """Return whether two placed clusters of one speaker come from the same appearance."""
    x, y = a.cluster, b.cluster
    shared_article = bool(set(x.articles) & set(y.articles))
    if a.days is None or b.days is None:
        # Nowhere: an article reporting both, or (guarded in `_components`) alike words.
        # Only a nowhere cluster's articles are all at hand (`pipeline.corpus`): it is
        # the one whose words are looked for in the other.
        heard = (a.days is None and echoed(a, b)) or (b.days is None and echoed(b, a))
        if a.days is None and b.days is None:
            # Two undated pages alike by subject may report any two of the speaker's
            # appearances on it: only the same words tie them without a day.
            return shared_article or heard
        return shared_article or heard or alike(a, b, UNPLACED_CONTEXT_OVERLAP)
    gap = max(a.days[0], b.days[0]) - min(a.days[1], b.days[1])
    both_placed = bool(x.occasion and y.occasion)
    # One article, one day: a clipped occasion ("told visiting") need only be contained
    # in the other ("in a meeting with visiting foreign ministers ...").
    lenient = shared_article and x.said_on is not None and x.said_on == y.said_on
    differ = both_placed and not same_occasion(x.occasion or "", y.occasion or "", lenient=lenient)
    if shared_article:
        if a.said and b.said and a.days != b.days and not (both_placed and not differ):
            # One page says the two were said on different days: two appearances.
            return False
        return gap <= 0 if differ else gap <= SHARED_ARTICLE_DAY_WINDOW
    if a.said and b.said:
        if both_placed and not differ:
            # Adjacent days: one appearance only if the reports quote the same words (a
            # speaker addressing supporters in two towns on two days is two rallies).
            quoted_alike = len(a.quoted & b.quoted) >= MIN_ECHOES
            return gap <= 0 or (gap <= SHARED_ARTICLE_DAY_WINDOW and quoted_alike)
        # The same speaker on the same day: one appearance unless the occasions differ
        # and nothing alike is said.
        return gap == 0 and (not differ or similar_content(a.stems, b.stems))
    # Placed by publication: overlapping days and something alike said.
    return gap <= 0 and alike(a, b)


def alike(a: Placed, b: Placed, least: float = CONTEXT_OVERLAP) -> bool:
    """Return whether two clusters' reports say something alike: one statement of each
    shares enough content words, or what the speaker says in their articles overlaps by
    weight at least `least`."""
    if similar_content(a.stems, b.stems):
        return True
    shared = a.context & b.context
    return len(shared) >= MIN_SHARED_STEMS and overlap(a.context, b.context) >= least


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
    """Yield the pairs of `group` that share an article, fall on neighbouring days, or
    (one of them placed nowhere) share a content band key."""
    by_day: dict[int, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    by_key: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(group):
        if p.days is not None:
            for day in range(p.days[0], p.days[1] + 1):
                by_day[day].append(i)
        for article in p.cluster.articles:
            by_article[article].append(i)
        for key in p.keys:
            by_key[key].append(i)
    for members in by_article.values():
        yield from _all_pairs(members)
    for day, members in by_day.items():
        later = by_day.get(day + SHARED_ARTICLE_DAY_WINDOW, [])
        yield from _all_pairs(members)
        yield from ((i, j) for i in members for j in later)
    for members in by_key.values():
        yield from (
            (i, j) for i, j in _all_pairs(members) if group[i].days is None or group[j].days is None
        )


def _all_pairs(members: Sequence[int]) -> Iterator[tuple[int, int]]:
    return ((i, j) for n, i in enumerate(members) for j in members[n + 1 :])


def _article_groups(group: Sequence[Placed]) -> list[int]:
    """Return, per cluster, the smallest index of the clusters placed nowhere that an
    article ties it to (itself when it is placed, or ties to none)."""
    parent = list(range(len(group)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, p in enumerate(group):
        if p.days is not None:
            continue
        for article in p.cluster.articles:
            j = first.setdefault(article, i)
            a, b = sorted((root(i), root(j)))
            parent[b] = a
    return [root(i) for i in range(len(group))]


def _usable(group: Sequence[Placed], edges: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Return the edges to keep: a nowhere-placed cluster may join another article's only
    if what its article says alike lies within one event's days (or nowhere), and joins
    by an article only if that article's other clusters lie within one event's days.
    Where its article echoes some placed reports (`echoed`), only those count: the others
    said something alike, the echoed ones the same words. Echoing an undated page does not
    keep it from the reports it is alike to."""
    edges = list(edges)
    tied = _article_groups(group)
    alike: dict[int, list[int]] = defaultdict(list)  # article group -> anchors said alike
    echo: dict[int, set[int]] = defaultdict(set)  # article group -> placed anchors echoed
    shared: dict[int, list[int]] = defaultdict(list)  # nowhere cluster -> its articles' anchors
    for i, j in edges:
        for u, v in ((i, j), (j, i)):
            if group[u].days is not None:
                continue
            anchor = group[v].anchor
            by_article = set(group[u].cluster.articles) & set(group[v].cluster.articles)
            if anchor is None:
                continue
            if not by_article and echoed(group[u], group[v]):
                echo[tied[u]].add(anchor)
            if by_article:
                shared[u].append(anchor)
            else:
                alike[tied[u]].append(anchor)
    keep: set[tuple[int, int]] = set()
    for i, j in edges:
        ok = True
        for u, v in ((i, j), (j, i)):
            if group[u].days is not None:
                continue
            by_article = set(group[u].cluster.articles) & set(group[v].cluster.articles)
            days = echo[tied[u]]
            if not by_article and days:
                # Echoed reports of several days leave it nowhere.
                ok = ok and max(days) - min(days) <= EVENT_SPAN_DAYS
                ok = ok and echoed(group[u], group[v])
                continue
            if not by_article and group[v].days is None and echoed(group[u], group[v]):
                continue  # the same words, both undated: whatever else either resembles
            anchors = shared[u] if by_article else alike[tied[u]]
            if anchors and max(anchors) - min(anchors) > EVENT_SPAN_DAYS:
                ok = False
        if ok:
            keep.add((i, j))
    return keep


def _components(group: list[Placed], counts: Counter[str] | None) -> list[list[StatementCluster]]:
    """Return one speaker's events: the pairs `same_event` joins, joined nearest days first,
    unless the event would then span more than `EVENT_SPAN_DAYS`."""
    parent = list(range(len(group)))
    span = {i: (a, a) if (a := p.anchor) is not None else None for i, p in enumerate(group)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = sorted({(min(i, j), max(i, j)) for i, j in _candidate_pairs(group) if i != j})
    if counts is not None:
        counts["event pairs"] += len(pairs)
    edges = _usable(group, (e for e in pairs if same_event(group[e[0]], group[e[1]])))

    def order(edge: tuple[int, int]) -> tuple[int, tuple[str, int], tuple[str, int]]:
        a, b = group[edge[0]], group[edge[1]]
        gap = abs(a.anchor - b.anchor) if a.anchor is not None and b.anchor is not None else 0
        first, second = sorted((a.key, b.key))
        return gap, first, second

    said = {i: span[i] if p.said else None for i, p in enumerate(group)}
    for i, j in sorted(edges, key=order):
        a, b = root(i), root(j)
        if a == b:
            continue
        merged, days = _widest(span[a], span[b]), _widest(said[a], said[b])
        if merged is not None and merged[1] - merged[0] > EVENT_SPAN_DAYS:
            continue
        # Days said apart join only through a pair that allows it (a shared article or
        # occasion), never through a cluster placed by publication or nowhere between.
        direct = group[i].said and group[j].said
        if days is not None and days[1] > days[0] and not direct:
            continue
        parent[b] = a
        span[a], said[a] = merged, days
    parts: dict[int, list[StatementCluster]] = defaultdict(list)
    for i, p in enumerate(group):
        parts[root(i)].append(p.cluster)
    return list(parts.values())


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
        occasion=min(occasions, key=lambda o: (-occasions[o], o)) if occasions else None,
        clusters=tuple(c.id for c in part),
        statements=tuple(sorted(s for c in part for s in c.statements)),
        articles=tuple(dict.fromkeys(a for c in part for a in c.articles)),
        outlets=tuple(dict.fromkeys(o for c in part for o in c.outlets)),
    )
