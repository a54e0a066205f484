"""Training the attribution tagger from parsed Docs and their gold attributions.

`make train` parses PolNeAR train with the project's spaCy pipeline and calls `train`;
the result is the file `onrecord/data/attribution.crfsuite` the package ships, with the
cue words learnt from the same split beside it (`attribution.cues`, see `cue_lexicon`).
Training is deterministic: L-BFGS over the same paragraphs in the same order takes the
same steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.attribution import cue_lexicon, token_clusters
from onrecord.attribution.features import doc_features
from onrecord.attribution.linking import extract
from onrecord.attribution.rules import context
from onrecord.attribution.tagging import gold_tags, sequences
from onrecord.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

# CRFsuite's L-BFGS with L1 and L2 penalties. On PolNeAR dev (attribution F1, shipped
# features) the averaged perceptron's 40 passes gave 0.666; L-BFGS for 150 iterations with
# L1 0.05 / L2 0.01 gave 0.676; with L2 0.001, L1 0.1 gave 0.669, 0.3 0.682, 1.0 0.695 (300
# iterations: 0.698), 3.0 0.708 (1.7 MB), 5.0 0.709 (1.0 MB), 10.0 0.705: a strong L1
# keeps the few features that generalise. 3.0 has the better exact source and cue. With
# the token clusters (and the linking of 0.736): L1 2.0 gave 0.729, 3.0 0.736, 5.0 0.734.
L1 = 3.0
L2 = 0.001
ITERATIONS = 150
# Features seen fewer times than this in train are dropped. Chosen for size under the
# averaged perceptron (at 3 its file was 10 MB); kept, not re-tuned, for L-BFGS.
MIN_FEATURE_FREQUENCY = 10
# Texts per parsing batch, and parsing processes, when a split is parsed for training.
PARSE_BATCH_SIZE = 16
PARSE_PROCESSES = 2


def parsed(texts: Sequence[str]) -> Iterator[Doc]:
    """Parse texts with the project's spaCy pipeline (without onrecord's component), in order."""
    import spacy

    from onrecord import settings

    nlp = spacy.load(settings.get("model"))
    return nlp.pipe(texts, batch_size=PARSE_BATCH_SIZE, n_process=PARSE_PROCESSES)


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What one training run saw and wrote."""

    documents: int
    paragraphs: int
    tokens: int
    cue_words: int  # learnt cue words written beside the model
    path: Path


def train(
    examples: Iterable[tuple[Doc, Sequence[Attribution]]],
    path: Path,
    *,
    iterations: int = ITERATIONS,
    min_frequency: int = MIN_FEATURE_FREQUENCY,
    clusters: bool = True,
) -> TrainingReport:
    """Train the tagger on parsed Docs with their gold attributions; write it to `path`.

    The cue words and, with `clusters`, the centres of the Docs' token vectors are learnt
    first (the features depend on them) and written beside the model, at
    `cue_lexicon.path_for(path)` and `token_clusters.path_for(path)`.
    """
    import pycrfsuite

    examples = list(examples)
    learnt = cue_lexicon.learn(examples)
    cue_words = cue_lexicon.cue_words(learnt)
    centres = token_clusters.learn(doc.tensor for doc, _ in examples) if clusters else None
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    documents = paragraphs = tokens = 0
    for doc, gold in examples:
        ctx = context(doc)
        assigned = token_clusters.assign(doc, centres)
        features = doc_features(doc, ctx, extract(doc, ctx), cue_words, assigned)
        labels = gold_tags(doc, gold)
        for run in sequences(ctx.words):
            trainer.append([features[i] for i in run], [labels[i] for i in run])
            paragraphs += 1
            tokens += len(run)
        documents += 1
    trainer.set_params(
        {
            "max_iterations": iterations,
            "c1": L1,
            "c2": L2,
            "feature.possible_transitions": True,
            "feature.minfreq": float(min_frequency),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    cue_lexicon.write(learnt, cue_lexicon.path_for(path))
    if centres is not None:
        token_clusters.write(centres, token_clusters.path_for(path))
    return TrainingReport(documents, paragraphs, tokens, len(learnt), path)
