"""Metrics of predicted attributions against gold ones: pure functions, no I/O.

Three families, all micro-averaged over every document of a split (docs/metrics.md
defines them): exact match of role units, token overlap per role, and one-to-one
attribution matching. Every span is trimmed of surrounding whitespace before scoring.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onrecord.models import Attribution, Span

ROLES: tuple[str, ...] = ("source", "cue", "content")

# A token is a run of word characters or one other non-space character.
TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)

# A predicted attribution matches a gold one when its content covers at least this share
# of the gold content's characters (and their sources agree): fixed by the issue.
MIN_CONTENT_COVERAGE = 0.5

Unit = tuple[tuple[int, int], ...]  # a role's trimmed pieces, as (start, end) pairs


@dataclass(frozen=True, slots=True)
class DocumentPair:
    """One document's text with its gold and predicted attributions."""

    doc: str
    text: str
    gold: Sequence[Attribution]
    predicted: Sequence[Attribution]


@dataclass(frozen=True, slots=True)
class Counts:
    """How many predicted and gold items there were, and how many of them matched."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold, self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """The counts of every metric over a set of documents."""

    exact: dict[str, Counts]
    token: dict[str, Counts]
    attribution: Counts

    def as_dict(self) -> dict[str, float]:
        """Return every precision, recall and F1 under a flat name (`cue_token_f1`, ...)."""
        values: dict[str, float] = {}
        for family, by_role in (("exact", self.exact), ("token", self.token)):
            for role in ROLES:
                counts = by_role[role]
                values[f"{role}_{family}_precision"] = counts.precision
                values[f"{role}_{family}_recall"] = counts.recall
                values[f"{role}_{family}_f1"] = counts.f1
        values["attribution_precision"] = self.attribution.precision
        values["attribution_recall"] = self.attribution.recall
        values["attribution_f1"] = self.attribution.f1
        return values


def score(documents: Iterable[DocumentPair]) -> Scores:
    """Score every document and sum the counts (micro-average)."""
    exact = {role: Counts() for role in ROLES}
    token = {role: Counts() for role in ROLES}
    attribution = Counts()
    for document in documents:
        for role in ROLES:
            exact[role] += exact_counts(document, role)
            token[role] += token_counts(document, role)
        attribution += attribution_counts(document)
    return Scores(exact, token, attribution)


def role_unit(attribution: Attribution, role: str, text: str) -> Unit:
    """Return the role's spans, sorted, each trimmed of surrounding whitespace; empties dropped."""
    spans: tuple[Span, ...] = getattr(attribution, role)
    pieces = (_trimmed(span, text) for span in sorted(set(spans)))
    return tuple(piece for piece in pieces if piece[0] < piece[1])


def exact_counts(document: DocumentPair, role: str) -> Counts:
    """Count role units predicted exactly as in the gold (a multiset: each gold unit once)."""
    gold = _units(document.gold, role, document.text)
    predicted = _units(document.predicted, role, document.text)
    matched = sum((gold & predicted).values())
    return Counts(matched, sum(predicted.values()), sum(gold.values()))


def token_counts(document: DocumentPair, role: str) -> Counts:
    """Count the document's tokens in the role, predicted and gold (sets of token offsets)."""
    gold = _tokens(document.gold, role, document.text)
    predicted = _tokens(document.predicted, role, document.text)
    return Counts(len(gold & predicted), len(predicted), len(gold))


def tokens(text: str, unit: Unit) -> set[tuple[int, int]]:
    """Return the (start, end) offsets of the tokens inside the unit's pieces."""
    found: set[tuple[int, int]] = set()
    for start, end in unit:
        for match in TOKEN.finditer(text, start, end):
            found.add(match.span())
    return found


def attribution_counts(document: DocumentPair) -> Counts:
    """Count gold and predicted attributions, and the pairs matched one to one."""
    pairs = match_attributions(document.gold, document.predicted, document.text)
    return Counts(len(pairs), len(document.predicted), len(document.gold))


def match_attributions(
    gold: Sequence[Attribution], predicted: Sequence[Attribution], text: str
) -> list[tuple[int, int]]:
    """Pair gold and predicted attributions one to one, greedily by best content overlap."""
    return match_units(
        [attribution_units(a, text) for a in gold],
        [attribution_units(a, text) for a in predicted],
    )


def match_units(
    gold_units: Sequence[dict[str, Unit]], predicted_units: Sequence[dict[str, Unit]]
) -> list[tuple[int, int]]:
    """Pair attributions already read as units (`attribution_units`), as `match_attributions`."""
    candidates: list[tuple[tuple[float, ...], int, int]] = []
    for g, gu in enumerate(gold_units):
        for p, pu in enumerate(predicted_units):
            if _matches(gu, pu):
                key = tuple(-_jaccard(gu[role], pu[role]) for role in ("content", "source", "cue"))
                candidates.append((key, g, p))
    pairs: list[tuple[int, int]] = []
    gold_used: set[int] = set()
    predicted_used: set[int] = set()
    for _, g, p in sorted(candidates):
        if g not in gold_used and p not in predicted_used:
            pairs.append((g, p))
            gold_used.add(g)
            predicted_used.add(p)
    return pairs


def overlap(a: Unit, b: Unit) -> int:
    """Return the number of characters two units share."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in _merged(a)
        for b_start, b_end in _merged(b)
    )


def length(unit: Unit) -> int:
    """Return the number of characters a unit covers (overlapping pieces counted once)."""
    return sum(end - start for start, end in _merged(unit))


def _matches(gold: dict[str, Unit], predicted: dict[str, Unit]) -> bool:
    """Whether a predicted attribution may match a gold one (the criterion of the issue)."""
    return content_matches(gold["content"], predicted["content"]) and source_matches(
        gold["source"], predicted["source"]
    )


def content_matches(gold: Unit, predicted: Unit) -> bool:
    """Whether predicted content covers enough of the gold content for a match."""
    if not gold:
        # Nothing to cover: a content-less gold attribution matches only a content-less one.
        return not predicted
    covered = overlap(gold, predicted)
    return covered > 0 and covered >= MIN_CONTENT_COVERAGE * length(gold)


def source_matches(gold: Unit, predicted: Unit) -> bool:
    """Whether a predicted source agrees with the gold one (they overlap, or both are absent)."""
    if not gold or not predicted:
        # A gold attribution without a source matches only a prediction without one.
        return not gold and not predicted
    return overlap(gold, predicted) > 0


def _jaccard(a: Unit, b: Unit) -> float:
    union = length(a) + length(b) - overlap(a, b)
    return overlap(a, b) / union if union else 1.0


def attribution_units(attribution: Attribution, text: str) -> dict[str, Unit]:
    """Return the attribution's trimmed unit of every role."""
    return {role: role_unit(attribution, role, text) for role in ROLES}


def _units(attributions: Sequence[Attribution], role: str, text: str) -> Counter[Unit]:
    units = (role_unit(attribution, role, text) for attribution in attributions)
    return Counter(unit for unit in units if unit)


def _tokens(attributions: Sequence[Attribution], role: str, text: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for attribution in attributions:
        found |= tokens(text, role_unit(attribution, role, text))
    return found


def _trimmed(span: Span, text: str) -> tuple[int, int]:
    piece = span.text(text)
    start = span.start + (len(piece) - len(piece.lstrip()))
    end = span.end - (len(piece) - len(piece.rstrip()))
    return (start, max(start, end))


def _merged(unit: Unit) -> list[tuple[int, int]]:
    """Return the unit's pieces with overlapping ones merged, so no character counts twice."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(unit):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _ratio(matched: int, total: int, other: int) -> float:
    """matched / total; with nothing in total, 1.0 if the other side is empty too, else 0.0."""
    if total:
        return matched / total
    return 1.0 if not other else 0.0
