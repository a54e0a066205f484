"""Cross-validate the attribution tagger on PolNeAR train: a figure that dev never tuned.

Every choice in onrecord's attribution (rules, linking, settings) was measured on dev, so
the dev figure may flatter it; the maintainers score the held-out test split. This
splits train into K folds by text (text i goes to fold i mod K), trains a tagger on the
other folds exactly as `make train` does (cue words and clusters learnt from those folds
only), runs the full extraction on the fold it did not see, and scores all folds
together with the same metric as `onrecord eval polnear`. It also scores the rules alone
on the same texts, to tell a harder split from a tuned one. Two folds train at a time
(this machine has two cores); at K=4 it takes about 25 minutes.

    python bench/crossval_attribution.py ../shared/data/polnear/train [--folds 4]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import spacy

from onrecord.attribution import rule_extraction
from onrecord.attribution.model import open_tagger, tagged_extraction
from onrecord.attribution.training import parsed, train
from onrecord.eval.errors import breakdown, breakdown_lines
from onrecord.eval.polnear import GoldDocument, read_split, score_table
from onrecord.eval.scoring import DocumentPair, score
from onrecord.models import Attribution

# Folds trained at once (this machine has two cores).
WORKERS = 2
# The parsed texts and their gold, shared with the fold workers by fork (a Doc is
# costly to pickle).
PARSED: list[tuple[spacy.tokens.Doc, GoldDocument]] = []


def main() -> int:
    """Parse the split, train and test each fold, print the pooled scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR train directory")
    parser.add_argument("--folds", type=int, default=4, help="how many folds (at least 2)")
    args = parser.parse_args()
    if args.split.name == "test":
        parser.error("the test split is held out: cross-validate on train")
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    started = time.perf_counter()
    documents = read_split(args.split).documents
    docs = parsed([document.text for document in documents])
    PARSED.extend(zip(docs, documents, strict=True))
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(WORKERS, mp_context=fork) as pool:
        folds = list(pool.map(held_out, range(args.folds), [args.folds] * args.folds))
    model = [pair for fold in folds for pair in fold]
    rules = [pair_for(gold, rule_extraction(doc).attributions) for doc, gold in PARSED]
    print(f"{len(PARSED)} texts, {args.folds} folds, {time.perf_counter() - started:.0f} s")
    for name, pairs in (("rules alone", rules), ("tagger, cross-validated", model)):
        print(f"\n{name}")
        print("\n".join(score_table(score(pairs))))
    print("\n" + "\n".join(breakdown_lines(breakdown(model))))
    print(f"\nattribution_f1={score(model).attribution.f1:.4f}")
    return 0


def held_out(fold: int, folds: int) -> list[DocumentPair]:
    """Train on every fold but one; return the scored pairs of the fold left out."""
    training = [
        (doc, gold.attributions) for i, (doc, gold) in enumerate(PARSED) if i % folds != fold
    ]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "attribution.crfsuite"
        train(training, path)
        tagger = open_tagger(path)
        if tagger is None:  # never fall back on the shipped tagger: it has seen this fold
            raise RuntimeError(f"training fold {fold + 1} wrote no tagger at {path}")
        pairs = [
            pair_for(gold, tagged_extraction(doc, tagger).attributions)
            for i, (doc, gold) in enumerate(PARSED)
            if i % folds == fold
        ]
    print(
        f"fold {fold + 1}/{folds}: attribution F1 {score(pairs).attribution.f1:.4f}",
        file=sys.stderr,
    )
    return pairs


def pair_for(gold: GoldDocument, predicted: tuple[Attribution, ...]) -> DocumentPair:
    return DocumentPair(gold.doc, gold.text, gold.attributions, list(predicted))


if __name__ == "__main__":
    raise SystemExit(main())
