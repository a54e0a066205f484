"""Whether two statements report the same utterance: speaker, dates, and the words said.

Every rule here is a pure function of the two statements, so clusters (the connected
components of the links) do not depend on the order statements arrive in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from onrecord.clustering.text import content_stems, shingles, words
from onrecord.models import ClusterInput, ClusterLink

# Two statements dated to the day may be at most this many days apart: one day absorbs a
# report published the morning after that dates the speech by its own calendar
# (tuned on the example corpus: The Northern Ledger reports the 15 March speech on the 16th).
DAY_WINDOW = 1
# A statement with no date of its own is placed between this many days before its
# article's publication date and that date (reports rarely carry week-old speech as new).
UNDATED_LAG_DAYS = 7
# Verbatim: Jaccard of word-3-gram shingles at least this (example corpus: one changed
# word in the Port Selden quote gives 0.70; unrelated quotes of one speaker stay below 0.1).
VERBATIM_JACCARD = 0.5
# Trimmed: at least this share of the shorter quote's shingles lies inside the longer one
# (example corpus: "Give us those guarantees, and we will come to the table" inside the
# full quote is 1.0; different sentences of one speech share none).
TRIMMED_CONTAINMENT = 0.8
# ...and the shorter text has at least this many shingles (5 words), so that "the
# criticism" or "the offer last week" cannot match every long statement containing them.
MIN_TRIMMED_SHINGLES = 3
# A statement without an exact day (undated, or month/year precision) joins a cluster
# only by verbatim overlap at least this strong: "one unknown date, strong text".
UNDATED_JACCARD = 0.6


class ParaphraseScorer(Protocol):
    """Judges whether two statements say the same thing; features are computed once each."""

    name: str

    def features(self, texts: Sequence[str]) -> list[Any]:
        """Return one feature object per text."""
        ...

    def similar(self, a: Any, b: Any) -> float | None:
        """Return the similarity of two feature objects when they paraphrase, else None."""
        ...


@dataclass(frozen=True, slots=True)
class Features:
    """What the rules need from one statement, computed once when it enters the index."""

    item: ClusterInput
    shingles: frozenset[int]
    quotes: tuple[frozenset[int], ...]  # the shingles of each quoted piece
    days: tuple[int, int] | None  # proleptic ordinals, inclusive
    exact: bool  # dated to the day by the dates stage
    meaning: Any  # the paraphrase scorer's features


def features(items: Sequence[ClusterInput], scorer: ParaphraseScorer) -> list[Features]:
    """Return the features of `items`, computing the paraphrase features in one batch."""
    meanings = scorer.features([item.content for item in items])
    return [
        Features(
            item,
            shingles(words(item.content)),
            tuple(shingles(words(piece)) for piece in item.quoted),
            *day_range(item),
            meaning,
        )
        for item, meaning in zip(items, meanings, strict=True)
    ]


def day_range(item: ClusterInput) -> tuple[tuple[int, int] | None, bool]:
    """Return the days a statement may have been made on, and whether that is one known day."""
    if item.said_on is not None:
        start = item.said_on
        if item.said_on_precision in (None, "day"):
            return (start.toordinal(), start.toordinal()), True
        if item.said_on_precision == "month":
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            end = start.replace(year=start.year + 1, month=1, day=1)
        return (start.toordinal(), end.toordinal() - 1), False
    if item.published is not None:
        end_day = item.published.toordinal()
        return (end_day - UNDATED_LAG_DAYS, end_day), False
    return None, False


def dates_compatible(a: Features, b: Features) -> bool:
    """Return whether two statements may have been made on the same occasion."""
    if a.days is None or b.days is None:
        return True
    gap = max(a.days[0], b.days[0]) - min(a.days[1], b.days[1])
    return gap <= DAY_WINDOW


def link(a: Features, b: Features, scorer: ParaphraseScorer) -> ClusterLink | None:
    """Return the evidence that `a` and `b` report the same utterance, or None."""
    x, y = a.item, b.item
    if x.speaker_id is None or x.speaker_id != y.speaker_id or x.statement_id == y.statement_id:
        return None
    if not dates_compatible(a, b):
        return None
    first, second = sorted((x.statement_id, y.statement_id))
    if x.article == y.article:
        # One article repeats an utterance only by quoting the same words again (headline
        # and body); nested or overlapping extractions of one passage are not repeats.
        repeated = quoted_containment(a.quotes, b.quotes)
        if repeated >= TRIMMED_CONTAINMENT:
            return ClusterLink(first, second, "trimmed", round(repeated, 3))
        return None
    jaccard, containment, smaller = overlap(a.shingles, b.shingles)
    if not (a.exact and b.exact):
        # One date unknown: only near-verbatim text ties the two together.
        if jaccard >= UNDATED_JACCARD:
            return ClusterLink(first, second, "verbatim", round(jaccard, 3))
        return None
    if jaccard >= VERBATIM_JACCARD:
        return ClusterLink(first, second, "verbatim", round(jaccard, 3))
    if smaller < MIN_TRIMMED_SHINGLES:
        containment = 0.0
    # A quoted fragment inside the other report counts as much as the whole content.
    containment = max(
        containment,
        quoted_containment(a.quotes, (b.shingles,)),
        quoted_containment(b.quotes, (a.shingles,)),
    )
    if containment >= TRIMMED_CONTAINMENT:
        return ClusterLink(first, second, "trimmed", round(containment, 3))
    if a.days != b.days:
        # Said on two days: the same words only. Alike words of one speaker on two days
        # ("the economic war" at two rallies on the real-pages dev set) are two utterances
        # more often than one utterance dated two ways.
        return None
    meaning = scorer.similar(a.meaning, b.meaning)
    if meaning is not None:
        return ClusterLink(first, second, "paraphrase", round(meaning, 3))
    return None


def quoted_containment(pieces: Sequence[frozenset[int]], others: Sequence[frozenset[int]]) -> float:
    """Return the largest share of a long-enough piece's shingles found in one of `others`."""
    best = 0.0
    for piece in pieces:
        if len(piece) < MIN_TRIMMED_SHINGLES:
            continue
        for other in others:
            best = max(best, len(piece & other) / len(piece))
    return best


def overlap(a: frozenset[int], b: frozenset[int]) -> tuple[float, float, int]:
    """Return Jaccard, containment of the smaller set in the larger, and the smaller's size."""
    if not a or not b:
        return 0.0, 0.0, 0
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return shared / len(a | b), shared / smaller, smaller


class LexicalScorer:
    """Paraphrase by shared content words (stemmed): the fallback without embeddings."""

    name = "lexical"
    # Dice coefficient of stemmed content words at least this (tuned on the example corpus:
    # the gold paraphrase pairs score 0.38-0.80, the closest pair of different utterances
    # by one speaker within a day 0.28; a thin margin on little data, see docs/clustering.md).
    threshold = 0.35
    # Statements with fewer content words than this are too short to paraphrase anything.
    min_words = 4

    def features(self, texts: Sequence[str]) -> list[Any]:
        """Return the stemmed content words of each text."""
        return [content_stems(words(text)) for text in texts]

    def score(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Return the Dice coefficient of two stem sets (0 when either is too short)."""
        if len(a) < self.min_words or len(b) < self.min_words:
            return 0.0
        return 2 * len(a & b) / (len(a) + len(b))

    def similar(self, a: Any, b: Any) -> float | None:
        """Return the Dice coefficient when it reaches the threshold, else None."""
        found = self.score(a, b)
        return found if found >= self.threshold else None
