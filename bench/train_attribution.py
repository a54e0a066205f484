"""Rebuild the shipped attribution tagger from PolNeAR train: `make train`.

Parses every text of the split with the project's spaCy pipeline (without onrecord's
component), pairs each parse with its gold attributions, learns the cue words and the
token-vector clusters, and trains the CRF; the weights, the cue words (`attribution.cues`)
and the cluster centres (`attribution.centroids.npy`) are written side by side. Train only:
dev is for tuning, and the test split is held out.

    python bench/train_attribution.py ../shared/data/polnear/train [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from onrecord.attribution import cue_lexicon, token_clusters
from onrecord.attribution.training import parsed, train
from onrecord.eval.polnear import read_split

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "onrecord" / "data" / "attribution.crfsuite"


def main() -> int:
    """Parse the split, train, and say where the weights went and what they hash to."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR train directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    args = parser.parse_args()
    if args.split.name == "test":
        parser.error("the test split is held out: train on train")
    started = time.perf_counter()
    split = read_split(args.split)
    docs = parsed([document.text for document in split.documents])
    examples = zip(docs, (document.attributions for document in split.documents), strict=True)
    report = train(examples, args.out)
    print(
        f"trained on {report.documents} texts, {report.paragraphs} paragraphs, "
        f"{report.tokens} tokens, {report.cue_words} cue words learnt, "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    for path in (args.out, cue_lexicon.path_for(args.out), token_clusters.path_for(args.out)):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(f"{path} {path.stat().st_size} bytes sha256={digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
