"""The incremental cluster index: add one article's statements, get their clusters.

Candidates for a link come from two places, both blocked by speaker: statements dated to
a neighbouring day (every rule applies, paraphrase included), and a MinHash LSH over word
shingles kept as band keys (near-verbatim text, whatever the dates: the only way an
undated statement joins a cluster). Each candidate is then judged by `similarity.link`, a
pure function of the pair. A cluster is a connected component of one speaker's links,
named by its smallest statement id; a statement without an exact day whose matches lie on
days too far apart is ambiguous and bridges nothing. An update recomputes the components
of the speakers it touches from the links, so adding statements one article at a time
gives the clusters a batch build gives.

The index need not hold a whole corpus: the store hands it the neighbourhood of the new
statements (the candidates, and every member of their clusters) and it decides as if it
held everything (`pipeline.corpus.update_clusters`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict

from onrecord.clustering.events import speech_events
from onrecord.clustering.lsh import SHINGLE_BANDS, shingle_keys
from onrecord.clustering.similarity import (
    DAY_WINDOW,
    Features,
    LexicalScorer,
    ParaphraseScorer,
    day_range,
    features,
    link,
)
from onrecord.clustering.text import shingles, words
from onrecord.errors import OnrecordError
from onrecord.models import (
    BandProbe,
    ClusterAssignment,
    ClusterInput,
    ClusterLink,
    SpeechEvent,
    StatementCluster,
)

NUM_BANDS = SHINGLE_BANDS
FORMAT_VERSION = 2


def band_keys(feats: Features) -> tuple[int, ...]:
    """Return a statement's LSH band keys, blocked by speaker (none without a speaker)."""
    return shingle_keys(feats.item.speaker_id, feats.shingles)


def lookups(
    items: Sequence[ClusterInput],
) -> tuple[list[tuple[int, dt.date, dt.date]], list[BandProbe]]:
    """Return the day windows (speaker, first, last) and band probes that find candidates.

    These are the look-ups `ClusterIndex.add` makes in memory, for a store to make first;
    a probe leaves out only candidates whose dates `dates_compatible` would refuse.
    """
    windows: list[tuple[int, dt.date, dt.date]] = []
    probes: list[BandProbe] = []
    for item in items:
        if item.speaker_id is None:
            continue
        keys = shingle_keys(item.speaker_id, shingles(words(item.content)))
        days, exact = day_range(item)
        if days is None:
            probes.append(BandProbe(keys, None, None))
            continue
        first = dt.date.fromordinal(days[0] - DAY_WINDOW)
        last = dt.date.fromordinal(days[1] + DAY_WINDOW)
        probes.append(BandProbe(keys, first, last))
        if exact:
            windows.append((item.speaker_id, first, last))
    return windows, probes


class ClusterIndex:
    """Clustered statements, their band keys, the links found, and the clusters."""

    def __init__(self, scorer: ParaphraseScorer | None = None) -> None:
        self.scorer: ParaphraseScorer = scorer or LexicalScorer()
        self.comparisons = 0  # pairs judged by `link` since the index was made
        self._features: dict[int, Features] = {}
        self._keys: dict[int, tuple[int, ...]] = {}
        self._bands: dict[int, set[int]] = defaultdict(set)
        self._by_day: dict[tuple[int, int], set[int]] = defaultdict(set)
        self._by_speaker: dict[int | None, set[int]] = defaultdict(set)
        self._links: dict[int, dict[int, ClusterLink]] = defaultdict(dict)
        self._cluster: dict[int, int] = {}
        self._known_ambiguous: set[int] = set()

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._features

    def add(self, items: Sequence[ClusterInput]) -> list[ClusterAssignment]:
        """Index `items` and return every statement whose cluster is new or changed."""
        fresh = list({i.statement_id: i for i in items if i.statement_id not in self}.values())
        for feats in features(fresh, self.scorer):
            keys = band_keys(feats)
            for other in sorted(self._candidates(feats, keys)):
                self.comparisons += 1
                found = link(feats, self._features[other], self.scorer)
                if found is not None:
                    self._links[found.a][found.b] = found
                    self._links[found.b][found.a] = found
            self._place(feats, keys)
        changed: list[ClusterAssignment] = []
        for speaker in sorted({i.speaker_id for i in fresh}, key=lambda s: (s is None, s)):
            block = sorted(self._by_speaker[speaker])
            previous = {sid: self._cluster.get(sid) for sid in block}
            self._recluster(speaker)
            changed.extend(
                ClusterAssignment(sid, self._cluster[sid], previous[sid])
                for sid in block
                if self._cluster[sid] != previous[sid]
            )
        return changed

    def cluster_of(self, statement_id: int) -> int:
        """Return the id of the cluster `statement_id` is in."""
        return self._cluster[statement_id]

    def keys(self, statement_id: int) -> tuple[int, ...]:
        """Return the LSH band keys of an indexed statement, as the store keeps them."""
        return self._keys[statement_id]

    def ambiguous(self) -> set[int]:
        """Return the statements that bridge nothing (no exact day, matches days apart)."""
        return {sid for sid in self._features if self._ambiguous(sid)}

    def links(self) -> list[ClusterLink]:
        """Return every link found (an ambiguous statement's too), as evidence."""
        found = {x for near in self._links.values() for x in near.values()}
        return sorted(found, key=lambda x: (x.a, x.b))

    def clusters(
        self, *, min_size: int = 1, only: Collection[int] | None = None
    ) -> list[StatementCluster]:
        """Return the clusters with at least `min_size` statements (or those ids in `only`)."""
        members: dict[int, list[int]] = defaultdict(list)
        for sid, cid in self._cluster.items():
            if only is None or cid in only:
                members[cid].append(sid)
        evidence: dict[int, list[ClusterLink]] = defaultdict(list)
        for found in self.links():
            cid = self._cluster[found.a]
            if cid in members and cid == self._cluster[found.b]:
                evidence[cid].append(found)
        return [
            cluster_record(cid, self.inputs(sorted(ids)), evidence[cid])
            for cid, ids in sorted(members.items())
            if len(ids) >= min_size
        ]

    def events(self) -> list[SpeechEvent]:
        """Return the speech events of every indexed cluster."""
        return speech_events(self.clusters(), self.items())

    def items(self) -> dict[int, ClusterInput]:
        """Return every indexed statement's input by id."""
        return {sid: f.item for sid, f in self._features.items()}

    def inputs(self, statement_ids: Iterable[int]) -> list[ClusterInput]:
        """Return the stored inputs of `statement_ids`, in that order."""
        return [self._features[sid].item for sid in statement_ids]

    def to_bytes(self) -> bytes:
        """Serialise the index: inputs, links and ambiguous statements (JSON, UTF-8)."""
        entries = [_input_json(f.item) for _, f in sorted(self._features.items())]
        links = [[x.a, x.b, x.how, x.score] for x in self.links()]
        payload = {"format": FORMAT_VERSION, "bands": NUM_BANDS, "scorer": self.scorer.name}
        extra = {"ambiguous": sorted(self.ambiguous())}
        return json.dumps({**payload, "entries": entries, "links": links, **extra}).encode()

    @classmethod
    def from_bytes(cls, data: bytes, scorer: ParaphraseScorer | None = None) -> ClusterIndex:
        """Rebuild an index from `to_bytes` output without judging any pair again."""
        payload = json.loads(data.decode("utf-8"))
        if payload.get("format") != FORMAT_VERSION or payload.get("bands") != NUM_BANDS:
            raise OnrecordError(
                "The saved cluster index has an unknown format.",
                hint="Rebuild it from the stored statements (ClusterIndex().add(...)).",
            )
        links = [ClusterLink(a, b, how, score) for a, b, how, score in payload["links"]]
        items = [_input_from_json(e) for e in payload["entries"]]
        return cls.restore(items, links, payload["ambiguous"], scorer)

    @classmethod
    def restore(
        cls,
        items: Sequence[ClusterInput],
        links: Iterable[ClusterLink],
        ambiguous: Collection[int] = (),
        scorer: ParaphraseScorer | None = None,
    ) -> ClusterIndex:
        """Rebuild an index from statements, their links and the ones known to be ambiguous.

        `items` must hold whole clusters: every member of a cluster one of them is in.
        """
        index = cls(scorer)
        index._known_ambiguous = set(ambiguous)
        for feats in features(items, index.scorer):
            index._place(feats, band_keys(feats))
        held = index._features
        for found in links:
            if found.a in held and found.b in held:
                index._links[found.a][found.b] = found
                index._links[found.b][found.a] = found
        for speaker in list(index._by_speaker):
            index._recluster(speaker)
        return index

    def _candidates(self, feats: Features, keys: Sequence[int]) -> set[int]:
        """Return the indexed statements of the same speaker worth judging against `feats`."""
        speaker = feats.item.speaker_id
        if speaker is None:
            return set()
        found: set[int] = set()
        for key in keys:
            found |= self._bands.get(key, set())
        if feats.exact and feats.days is not None:
            day = feats.days[0]
            for near in range(day - DAY_WINDOW, day + DAY_WINDOW + 1):
                found |= self._by_day.get((speaker, near), set())
        return found

    def _place(self, feats: Features, keys: tuple[int, ...]) -> None:
        """Add `feats` to the lookup structures (not yet to a cluster)."""
        sid, speaker = feats.item.statement_id, feats.item.speaker_id
        self._features[sid] = feats
        self._keys[sid] = keys
        self._by_speaker[speaker].add(sid)
        for key in keys:
            self._bands[key].add(sid)
        if feats.exact and feats.days is not None and speaker is not None:
            self._by_day[(speaker, feats.days[0])].add(sid)

    def _recluster(self, speaker: int | None) -> None:
        """Recompute one speaker's clusters: connected components of the usable links."""
        block = self._by_speaker[speaker]
        bridges = {sid for sid in block if not self._ambiguous(sid)}
        seen: set[int] = set()
        for start in sorted(block):
            if start in seen:
                continue
            component, stack = {start}, [start] if start in bridges else []
            while stack:
                for near in self._links.get(stack.pop(), {}):
                    if near in bridges and near not in component:
                        component.add(near)
                        stack.append(near)
            seen |= component
            for member in component:
                self._cluster[member] = start  # the smallest id: `block` is walked in order

    def _ambiguous(self, sid: int) -> bool:
        """Return whether a statement without an exact day matches days too far apart."""
        if self._features[sid].exact:
            return False
        if sid in self._known_ambiguous:
            return True  # more links never make a statement unambiguous again
        days = [
            f.days[0]
            for near in self._links.get(sid, {})
            if (f := self._features[near]).exact and f.days is not None
        ]
        return bool(days) and max(days) - min(days) > DAY_WINDOW


def assign_clusters(new: Sequence[ClusterInput], index: ClusterIndex) -> list[ClusterAssignment]:
    """Add `new` statements to `index`; return every statement whose cluster is new or changed."""
    return index.add(new)


def cluster_record(
    cid: int, items: Sequence[ClusterInput], found: Sequence[ClusterLink] = ()
) -> StatementCluster:
    """Return the cluster `cid` made of `items` (its members, by id) and its links."""
    exact_days = Counter(
        i.said_on for i in items if i.said_on is not None and i.said_on_precision in (None, "day")
    )
    day = min(exact_days, key=lambda d: (-exact_days[d], d)) if exact_days else None
    occasions = Counter(i.occasion for i in items if i.occasion)
    published = [i.published for i in items if i.published is not None]
    return StatementCluster(
        id=cid,
        speaker_id=items[0].speaker_id,
        statements=tuple(i.statement_id for i in items),
        articles=tuple(dict.fromkeys(i.article for i in items)),
        outlets=tuple(dict.fromkeys(i.outlet for i in items if i.outlet)),
        said_on=day,
        occasion=min(occasions, key=lambda o: (-occasions[o], o)) if occasions else None,
        links=tuple(found),
        published=min(published) if published else None,
    )


def clusters_of(
    items: Sequence[ClusterInput], cluster: Mapping[int, int]
) -> list[StatementCluster]:
    """Return the clusters that `cluster` (statement id -> cluster id) makes of `items`."""
    members: dict[int, list[ClusterInput]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i.statement_id):
        members[cluster[item.statement_id]].append(item)
    return [cluster_record(cid, found) for cid, found in sorted(members.items())]


def _input_json(item: ClusterInput) -> dict[str, object]:
    data = asdict(item)
    for key in ("said_on", "published"):
        data[key] = data[key].isoformat() if data[key] else None
    data["quoted"] = list(item.quoted)
    return data


def _input_from_json(data: dict[str, object]) -> ClusterInput:
    fields = dict(data)
    for key in ("said_on", "published"):
        value = fields.get(key)
        fields[key] = dt.date.fromisoformat(value) if isinstance(value, str) else None
    fields["quoted"] = tuple(fields.get("quoted") or ())  # type: ignore[arg-type]
    return ClusterInput(**fields)  # type: ignore[arg-type]
