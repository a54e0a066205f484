"""Where extraction goes wrong: each gold and predicted attribution sorted into one outcome.

The scores say how much is right; this says what the rest is. Every gold attribution
gets one outcome (matched, found with another source, its cue found but not its
content, nothing found, ...), so do the predicted ones, and the matched pairs are sorted
by how their content boundaries differ. Pure functions over `DocumentPair`s, no I/O;
docs/metrics.md defines each outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from onrecord.eval.scoring import (
    DocumentPair,
    Unit,
    attribution_units,
    content_matches,
    match_units,
    overlap,
    source_matches,
)

# Outcomes of a gold attribution, in the order they are tested and reported.
MATCHED = "matched"
TAKEN = "its match taken by another gold attribution"
OTHER_SOURCE = "content found, another source"
EXTRA_SOURCE = "content found, with a source the gold lacks"
NO_SOURCE = "content found, without the gold's source"
CUE_ONLY = "cue found, content not covered"
NOTHING = "neither its cue found nor its content covered"
GOLD_OUTCOMES = (MATCHED, TAKEN, OTHER_SOURCE, EXTRA_SOURCE, NO_SOURCE, CUE_ONLY, NOTHING)
# Outcomes of a predicted attribution.
AT_GOLD_CUE = "cue of a gold attribution"
AT_NO_GOLD_CUE = "cue in no gold attribution"
PREDICTED_OUTCOMES = (MATCHED, AT_GOLD_CUE, AT_NO_GOLD_CUE)
# How the content of a matched pair differs.
EXACT = "exact"
SPLIT = "same extent, pieces split differently"
EDGES = ("starts earlier", "starts later", "ends earlier", "ends later")
# How many of the missed attributions' cues are listed.
TOP_CUES = 12


@dataclass
class Breakdown:
    """Counts of outcomes over a set of documents."""

    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    content: Counter[str] = field(default_factory=Counter)  # of matched pairs
    missed_cues: Counter[str] = field(default_factory=Counter)  # cue texts, outcome NOTHING


def breakdown(documents: Iterable[DocumentPair]) -> Breakdown:
    """Sort every gold and predicted attribution of the documents into its outcome."""
    found = Breakdown()
    for document in documents:
        _add_document(found, document)
    return found


def breakdown_lines(found: Breakdown) -> Iterator[str]:
    """Return the breakdown as report lines: three tables and the most missed cues."""
    yield from _table(f"gold attributions ({found.gold.total()})", found.gold, GOLD_OUTCOMES)
    yield from _table(
        f"predicted attributions ({found.predicted.total()})", found.predicted, PREDICTED_OUTCOMES
    )
    matched = found.gold[MATCHED]
    yield from _table(
        f"content of the matched attributions ({matched}; a pair can differ at both ends)",
        found.content,
        (EXACT, SPLIT, *EDGES),
    )
    common = ", ".join(f'"{cue}" {n}' for cue, n in found.missed_cues.most_common(TOP_CUES))
    yield f"cues of gold attributions with nothing found, most frequent: {common or '-'}"


def content_difference(gold: Unit, predicted: Unit) -> list[str]:
    """Return how a predicted content differs from the gold: [EXACT], [SPLIT] or its edges."""
    if gold == predicted:
        return [EXACT]
    (gold_start, gold_end), (start, end) = _extent(gold), _extent(predicted)
    edges = []
    if start != gold_start:
        edges.append(EDGES[0] if start < gold_start else EDGES[1])
    if end != gold_end:
        edges.append(EDGES[2] if end < gold_end else EDGES[3])
    return edges or [SPLIT]


def _add_document(found: Breakdown, document: DocumentPair) -> None:
    text = document.text
    gold = [attribution_units(a, text) for a in document.gold]
    predicted = [attribution_units(a, text) for a in document.predicted]
    pairs = dict(match_units(gold, predicted))
    matched_predictions = set(pairs.values())
    for index, units in enumerate(gold):
        if index in pairs:
            found.gold[MATCHED] += 1
            match = predicted[pairs[index]]
            found.content.update(content_difference(units["content"], match["content"]))
            continue
        outcome = _gold_outcome(units, predicted)
        found.gold[outcome] += 1
        if outcome == NOTHING:
            cue = " ".join(text[start:end] for start, end in units["cue"]).lower()
            found.missed_cues[cue or "(no cue)"] += 1
    gold_cues = [units["cue"] for units in gold]
    for index, units in enumerate(predicted):
        if index in matched_predictions:
            found.predicted[MATCHED] += 1
        elif any(overlap(units["cue"], cue) for cue in gold_cues):
            found.predicted[AT_GOLD_CUE] += 1
        else:
            found.predicted[AT_NO_GOLD_CUE] += 1


def _gold_outcome(gold: dict[str, Unit], predicted: list[dict[str, Unit]]) -> str:
    """Return why an unmatched gold attribution was not matched."""
    covering = [u for u in predicted if content_matches(gold["content"], u["content"])]
    if any(source_matches(gold["source"], units["source"]) for units in covering):
        # A prediction that meets both criteria and is not this one's match is another's.
        return TAKEN
    if covering:
        sources = [units["source"] for units in covering]
        if not gold["source"]:
            return EXTRA_SOURCE
        if all(not source for source in sources):
            return NO_SOURCE
        return OTHER_SOURCE
    if any(overlap(gold["cue"], units["cue"]) for units in predicted):
        return CUE_ONLY
    return NOTHING


def _extent(unit: Unit) -> tuple[int, int]:
    return (unit[0][0], unit[-1][1]) if unit else (0, 0)


def _table(title: str, counts: Counter[str], order: tuple[str, ...]) -> Iterator[str]:
    yield title
    for outcome in order:
        yield f"  {outcome:<48}{counts[outcome]:>6}"
