"""The trained CRF's weights in NumPy arrays, and its best tag sequence found with them.

CRFsuite's own tagger (`pycrfsuite.Tagger.tag`) takes every token's feature strings,
about forty-five of them on PolNeAR dev, built one by one in Python and copied into C++
one call at a time: that was most of the extraction's time. Here the features come as
columns (`features.Column`: one feature, every token's value), each looked up in one pass
(`map` over a dict of that feature's values), their weights summed by NumPy, and a Doc's
paragraphs decoded together by a vectorised Viterbi. The labels chosen are
CRFsuite's: the same weights and the same best path (a tie goes to the first label), which
the tests check against CRFsuite's own tagger.

The weights are read from the model's text dump, the one public view CRFsuite gives of
them. A feature string may hold a line break (the word "\\n" beside a paragraph's first
token), so a feature is read as everything from "(0) " up to the first " --> LABEL: weight"
that ends a line, not line by line.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from onrecord.attribution.features import Column

TRANSITIONS = "TRANSITIONS = {\n"
STATE_FEATURES = "STATE_FEATURES = {\n"
WEIGHT = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"


@dataclass(frozen=True, slots=True)
class Weights:
    """A linear-chain CRF: a score per (feature, label) and per (label, next label)."""

    labels: tuple[str, ...]
    rows: dict[str, int]  # feature string -> its row of `state`
    state: np.ndarray  # (features + 1) x labels; the last row, all zeros, is any unknown feature
    transition: np.ndarray  # labels x labels, from the row's label to the column's
    by_name: dict[str, dict[str | None, int]] = field(default_factory=dict, compare=False)

    def named(self, name: str) -> dict[str | None, int]:
        """Return the rows of the features called `name`, by their value ("w=" -> "said")."""
        found = self.by_name.get(name)
        if found is None:
            found = self.by_name[name] = {
                feature[len(name) :]: row
                for feature, row in self.rows.items()
                if feature.startswith(name)
            }
        return found


def read_weights(crf: Any) -> Weights:
    """Return the weights of an opened `pycrfsuite.Tagger`."""
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "model.txt"
        crf.dump(str(dump))
        return parsed_dump(dump.read_text(encoding="utf-8"), tuple(crf.labels()))


def parsed_dump(text: str, labels: tuple[str, ...]) -> Weights:
    """Return the weights written in a CRFsuite model dump (its text), for these labels."""
    import numpy as np

    column = {label: index for index, label in enumerate(labels)}
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    transitions = text[text.index(TRANSITIONS) : text.index(STATE_FEATURES)]
    transition = np.zeros((len(labels), len(labels)))
    for before, after, weight in re.findall(
        rf"\(1\) ({names}) --> ({names}): ({WEIGHT})\n", transitions
    ):
        transition[column[before], column[after]] = float(weight)
    rows: dict[str, int] = {}
    cells: list[tuple[int, int, float]] = []
    features = text[text.index(STATE_FEATURES) + len(STATE_FEATURES) :]
    for feature, label, weight in re.findall(
        rf"  \(0\) (.*?) --> ({names}): ({WEIGHT})\n", features, re.DOTALL
    ):
        cells.append((rows.setdefault(feature, len(rows)), column[label], float(weight)))
    state = np.zeros((len(rows) + 1, len(labels)))
    for row, label_column, weight in cells:
        state[row, label_column] = weight
    return Weights(labels, rows, state, transition)


def state_scores(columns: Sequence[Column], size: int, weights: Weights) -> np.ndarray:
    """Return, for each of a Doc's `size` tokens, its score for every label."""
    import numpy as np

    unknown = len(weights.rows)
    scores = np.zeros((size, len(weights.labels)))
    for column in columns:
        rows = weights.named(column.name)
        count = len(column.values)
        found = np.fromiter(map(rows.get, column.values, repeat(unknown)), np.intp, count)
        if column.tokens is None:
            scores += weights.state[found]
        else:  # a feature some tokens have several times
            np.add.at(scores, np.asarray(column.tokens, dtype=np.intp), weights.state[found])
    return scores


def best_labels(scores: np.ndarray, runs: Sequence[range], weights: Weights) -> list[list[str]]:
    """Return the highest-scoring label sequence of each run of tokens (Viterbi, runs at once).

    The runs are taken longest first, so the runs still going at a position are the first
    `going[position]`; nothing is padded, and the memory grows with the tokens alone.
    """
    import numpy as np

    if not runs:
        return []
    by_length = sorted(range(len(runs)), key=lambda number: -len(runs[number]))
    lengths = np.array([len(runs[number]) for number in by_length])
    starts = np.array([runs[number].start for number in by_length])
    going = np.searchsorted(-lengths, -np.arange(int(lengths[0]) + 1), side="left").tolist()
    best = scores[starts].copy()
    back = [np.empty((0, 0), dtype=np.intp)]  # per position: the label each one came from
    for position in range(1, int(lengths[0])):
        live = going[position]
        candidates = best[:live, :, None] + weights.transition[None]
        back.append(candidates.argmax(axis=1))
        best[:live] = candidates.max(axis=1) + scores[starts[:live] + position]
    final, tags = best.argmax(axis=1), np.zeros(len(scores), dtype=np.intp)
    current = np.zeros(len(runs), dtype=np.intp)
    for position in range(int(lengths[0]) - 1, -1, -1):
        live, ended = going[position], going[position + 1]
        current[ended:live] = final[ended:live]  # runs whose last token is here start back
        tags[starts[:live] + position] = current[:live]
        if position:
            current[:live] = back[position][np.arange(live), current[:live]]
    names = np.array(weights.labels, dtype=object)
    return [names[tags[run.start : run.stop]].tolist() for run in runs]
