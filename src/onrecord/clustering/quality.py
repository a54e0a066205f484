"""Pairwise precision and recall of a clustering against a gold one."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class PairScores:
    """Counts of statement pairs put together by the system, by the gold, and by both."""

    predicted: int
    gold: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairwise_scores(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> PairScores:
    """Score cluster labels (item -> cluster) against gold labels over the same items.

    Items absent from `gold` are gold singletons; a pair counts once, in either order.
    """
    items = list(predicted)
    gold_pairs = _pairs(items, lambda i: gold.get(i, ("singleton", i)))
    predicted_pairs = _pairs(items, lambda i: predicted[i])
    return PairScores(len(predicted_pairs), len(gold_pairs), len(predicted_pairs & gold_pairs))


def _pairs(
    items: Iterable[Hashable], label: Callable[[Hashable], Hashable]
) -> set[frozenset[Hashable]]:
    groups: dict[Hashable, list[Hashable]] = {}
    for item in items:
        groups.setdefault(label(item), []).append(item)
    return {frozenset(p) for group in groups.values() for p in combinations(group, 2)}
