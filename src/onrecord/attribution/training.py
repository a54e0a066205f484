"""Training the attribution tagger from parsed Docs and their gold attributions.

`make train` parses PolNeAR train with the project's spaCy pipeline and calls `train`;
the result is the file `onrecord/data/attribution.crfsuite` the package ships, with the
cue words learnt from the same split beside it (`attribution.cues`, see `cue_lexicon`).
Training is deterministic: the averaged perceptron visits the paragraphs in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.attribution import cue_lexicon
from onrecord.attribution.features import doc_features
from onrecord.attribution.linking import extract
from onrecord.attribution.rules import context
from onrecord.attribution.tagging import gold_tags, sequences
from onrecord.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

# CRFsuite's averaged perceptron: passes over the training paragraphs. Looked at on PolNeAR
# dev only roughly (15 passes with fewer features gave attribution F1 0.609, 25 gave 0.613;
# with word pairs and clause edges 40 gave 0.636 and 60 gave 0.637).
EPOCHS = 40
# Features seen fewer times than this in train are dropped: keeps the shipped model a few
# MB (at 3 the file is 10 MB). Chosen for size; its effect on PolNeAR dev is in the docs.
MIN_FEATURE_FREQUENCY = 10


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
    epochs: int = EPOCHS,
    min_frequency: int = MIN_FEATURE_FREQUENCY,
) -> TrainingReport:
    """Train the tagger on parsed Docs with their gold attributions; write it to `path`.

    The cue words are learnt first (the features depend on them) and written beside the
    model, at `cue_lexicon.path_for(path)`.
    """
    import pycrfsuite

    examples = list(examples)
    learnt = cue_lexicon.learn(examples)
    cue_words = cue_lexicon.cue_words(learnt)
    trainer = pycrfsuite.Trainer(algorithm="ap", verbose=False)
    documents = paragraphs = tokens = 0
    for doc, gold in examples:
        ctx = context(doc)
        features = doc_features(doc, ctx, extract(doc, ctx), cue_words)
        labels = gold_tags(doc, gold)
        for run in sequences(ctx.words):
            trainer.append([features[i] for i in run], [labels[i] for i in run])
            paragraphs += 1
            tokens += len(run)
        documents += 1
    trainer.set_params(
        {
            "max_iterations": epochs,
            "feature.possible_transitions": True,
            "feature.minfreq": float(min_frequency),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    cue_lexicon.write(learnt, cue_lexicon.path_for(path))
    return TrainingReport(documents, paragraphs, tokens, len(learnt), path)
