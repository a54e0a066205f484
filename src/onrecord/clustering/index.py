"""The incremental cluster index: add one article's statements, get their clusters.

Candidates for a link come from two places, both blocked by speaker: statements dated to
a neighbouring day (every rule applies, paraphrase included), and a MinHash LSH over word
shingles (near-verbatim text, whatever the dates: the only way an undated statement joins
a cluster). Each candidate is then judged by `similarity.link`, a pure function of the
pair. A cluster is a connected component of one speaker's links, named by its smallest
statement id; a statement without an exact day whose matches lie on days too far apart
is ambiguous and bridges nothing. An update recomputes the components of the speakers it
touches from the links, so adding statements one article at a time gives the clusters a
batch build gives.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

import numpy as np

from onrecord.clustering.similarity import (
    DAY_WINDOW,
    UNDATED_JACCARD,
    Features,
    LexicalScorer,
    ParaphraseScorer,
    features,
    link,
)
from onrecord.errors import OnrecordError
from onrecord.models import ClusterAssignment, ClusterInput, ClusterLink, StatementCluster

if TYPE_CHECKING:  # datasketch takes a second to import: only when an index is made
    from datasketch import LeanMinHash

# 128 permutations estimate a Jaccard of 0.6 within about ±0.04, enough to retrieve.
NUM_PERM = 128
MINHASH_SEED = 1
# The LSH retrieves pairs from about this Jaccard up; `UNDATED_JACCARD` then decides on
# exact shingle sets, so the band sits below it to miss few true pairs.
LSH_THRESHOLD = UNDATED_JACCARD - 0.15
FORMAT_VERSION = 1


class ClusterIndex:
    """Every clustered statement, its shingles' MinHash, the links found, and the clusters."""

    def __init__(self, scorer: ParaphraseScorer | None = None) -> None:
        from datasketch import MinHashLSH

        self.scorer: ParaphraseScorer = scorer or LexicalScorer()
        self._features: dict[int, Features] = {}
        self._minhashes: dict[int, LeanMinHash] = {}
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._by_day: dict[tuple[int, int], set[int]] = defaultdict(set)
        self._by_speaker: dict[int | None, set[int]] = defaultdict(set)
        self._links: dict[int, dict[int, ClusterLink]] = defaultdict(dict)
        self._cluster: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self._features

    def add(self, items: Sequence[ClusterInput]) -> list[ClusterAssignment]:
        """Index `items` and return every statement whose cluster is new or changed."""
        fresh = list({i.statement_id: i for i in items if i.statement_id not in self}.values())
        for feats in features(fresh, self.scorer):
            minhash = self._minhash_of(feats)
            for other in sorted(self._candidates(feats, minhash)):
                found = link(feats, self._features[other], self.scorer)
                if found is not None:
                    self._links[found.a][found.b] = found
                    self._links[found.b][found.a] = found
            self._place(feats, minhash)
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

    def signature(self, statement_id: int) -> str:
        """Return the MinHash signature of an indexed statement, as the store keeps it."""
        return _signature_text(self._minhashes[statement_id])

    def links(self) -> list[ClusterLink]:
        """Return every link found (an ambiguous statement's too), as evidence."""
        found = {x for near in self._links.values() for x in near.values()}
        return sorted(found, key=lambda x: (x.a, x.b))

    def clusters(self, *, min_size: int = 1) -> list[StatementCluster]:
        """Return the clusters with at least `min_size` statements, by id."""
        members: dict[int, list[int]] = defaultdict(list)
        for sid, cid in self._cluster.items():
            members[cid].append(sid)
        evidence: dict[int, list[ClusterLink]] = defaultdict(list)
        for found in self.links():
            if self._cluster[found.a] == self._cluster[found.b]:
                evidence[self._cluster[found.a]].append(found)
        return [
            self._cluster_record(cid, sorted(ids), evidence[cid])
            for cid, ids in sorted(members.items())
            if len(ids) >= min_size
        ]

    def inputs(self, statement_ids: Iterable[int]) -> list[ClusterInput]:
        """Return the stored inputs of `statement_ids`, in that order."""
        return [self._features[sid].item for sid in statement_ids]

    def to_bytes(self) -> bytes:
        """Serialise the index: inputs, MinHash signatures and links (JSON, UTF-8)."""
        entries = [
            {**_input_json(f.item), "minhash": _signature_text(self._minhashes[sid])}
            for sid, f in sorted(self._features.items())
        ]
        links = [[x.a, x.b, x.how, x.score] for x in self.links()]
        payload = {"format": FORMAT_VERSION, "num_perm": NUM_PERM, "scorer": self.scorer.name}
        return json.dumps({**payload, "entries": entries, "links": links}).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, scorer: ParaphraseScorer | None = None) -> ClusterIndex:
        """Rebuild an index from `to_bytes` output without judging any pair again."""
        payload = json.loads(data.decode("utf-8"))
        if payload.get("format") != FORMAT_VERSION or payload.get("num_perm") != NUM_PERM:
            raise OnrecordError(
                "The saved cluster index has an unknown format.",
                hint="Rebuild it from the stored statements (ClusterIndex().add(...)).",
            )
        entries = payload["entries"]
        signatures = {e["statement_id"]: e["minhash"] for e in entries}
        links = [ClusterLink(a, b, how, score) for a, b, how, score in payload["links"]]
        return cls.restore([_input_from_json(e) for e in entries], links, signatures, scorer)

    @classmethod
    def restore(
        cls,
        items: Sequence[ClusterInput],
        links: Iterable[ClusterLink],
        signatures: dict[int, str] | None = None,
        scorer: ParaphraseScorer | None = None,
    ) -> ClusterIndex:
        """Rebuild an index from stored statements, links and (optional) signatures."""
        index = cls(scorer)
        signatures = signatures or {}
        for feats in features(items, index.scorer):
            stored = signatures.get(feats.item.statement_id)
            minhash = _signature_from_text(stored) if stored else index._minhash_of(feats)
            index._place(feats, minhash)
        for found in links:
            index._links[found.a][found.b] = found
            index._links[found.b][found.a] = found
        for speaker in list(index._by_speaker):
            index._recluster(speaker)
        return index

    def _candidates(self, feats: Features, minhash: LeanMinHash) -> set[int]:
        """Return the indexed statements of the same speaker worth judging against `feats`."""
        speaker = feats.item.speaker_id
        if speaker is None:
            return set()
        found = {
            sid
            for sid in self._lsh.query(minhash)
            if self._features[sid].item.speaker_id == speaker
        }
        if feats.exact and feats.days is not None:
            day = feats.days[0]
            for near in range(day - DAY_WINDOW, day + DAY_WINDOW + 1):
                found |= self._by_day.get((speaker, near), set())
        return found

    def _place(self, feats: Features, minhash: LeanMinHash) -> None:
        """Add `feats` to the lookup structures (not yet to a cluster)."""
        sid, speaker = feats.item.statement_id, feats.item.speaker_id
        self._features[sid] = feats
        self._minhashes[sid] = minhash
        self._by_speaker[speaker].add(sid)
        self._lsh.insert(sid, minhash, check_duplication=False)
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
        days = [
            f.days[0]
            for near in self._links.get(sid, {})
            if (f := self._features[near]).exact and f.days is not None
        ]
        return bool(days) and max(days) - min(days) > DAY_WINDOW

    def _minhash_of(self, feats: Features) -> LeanMinHash:
        from datasketch import LeanMinHash, MinHash

        minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
        minhash.update_batch([s.to_bytes(4, "big") for s in sorted(feats.shingles)])
        return LeanMinHash(minhash)

    def _cluster_record(
        self, cid: int, members: list[int], found: list[ClusterLink]
    ) -> StatementCluster:
        items = [self._features[m].item for m in members]
        exact_days = Counter(
            f.days[0] for m in members if (f := self._features[m]).exact and f.days is not None
        )
        day = min(exact_days, key=lambda d: (-exact_days[d], d)) if exact_days else None
        occasions = Counter(i.occasion for i in items if i.occasion)
        return StatementCluster(
            id=cid,
            speaker_id=items[0].speaker_id,
            statements=tuple(members),
            articles=tuple(dict.fromkeys(i.article for i in items)),
            outlets=tuple(dict.fromkeys(i.outlet for i in items if i.outlet)),
            said_on=dt.date.fromordinal(day) if day is not None else None,
            occasion=occasions.most_common(1)[0][0] if occasions else None,
            links=tuple(found),
        )


def assign_clusters(new: Sequence[ClusterInput], index: ClusterIndex) -> list[ClusterAssignment]:
    """Add `new` statements to `index`; return every statement whose cluster is new or changed."""
    return index.add(new)


def _signature_text(minhash: LeanMinHash) -> str:
    values = np.asarray(minhash.hashvalues, dtype="<u4")
    return f"{minhash.scheme}:{base64.b64encode(values.tobytes()).decode('ascii')}"


def _signature_from_text(text: str) -> LeanMinHash:
    from datasketch import LeanMinHash

    scheme, encoded = text.split(":", 1)
    values = np.frombuffer(base64.b64decode(encoded), dtype="<u4")
    return LeanMinHash(seed=MINHASH_SEED, hashvalues=values, scheme=scheme)


def _input_json(item: ClusterInput) -> dict[str, object]:
    data = asdict(item)
    for key in ("said_on", "published"):
        data[key] = data[key].isoformat() if data[key] else None
    data["quoted"] = list(item.quoted)
    return data


def _input_from_json(data: dict[str, object]) -> ClusterInput:
    fields = {k: v for k, v in data.items() if k != "minhash"}
    for key in ("said_on", "published"):
        value = fields.get(key)
        fields[key] = dt.date.fromisoformat(value) if isinstance(value, str) else None
    fields["quoted"] = tuple(fields.get("quoted") or ())  # type: ignore[arg-type]
    return ClusterInput(**fields)  # type: ignore[arg-type]
