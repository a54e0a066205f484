"""Words per second of the bare spaCy parse and of onrecord's extraction, in one run.

On the PolNeAR dev texts: (a) the spaCy pipeline alone, (b) the same pipeline with
onrecord's attribution component (what `onrecord.nlp.load_pipeline` builds), each run
over every text, alternating (a)(b), (b)(a), ... so drift on a busy machine hits both
alike; the best round of each is reported, then their ratio. On a busy machine one
run's time moves by a tenth or more, so the default is five rounds.

    python bench/attribution_speed.py [../shared/data/polnear/dev] [--rounds 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from onrecord import settings
from onrecord.eval.polnear import read_split
from onrecord.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "data" / "polnear" / "dev"
# Texts per nlp.pipe batch: the pipeline's own default for articles.
BATCH_SIZE = 32


def timed(run: Callable[[list[str]], None], texts: list[str]) -> float:
    """Return the seconds one run over all texts takes."""
    started = time.perf_counter()
    run(texts)
    return time.perf_counter() - started


def main() -> int:
    """Time both pipelines round by round and print words/s and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, nargs="?", default=DEFAULT_SPLIT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = [document.text for document in read_split(args.split).documents]
    words = sum(len(text.split()) for text in texts)
    bare = spacy.load(settings.get("model"))
    full = load_pipeline()

    def parse(batch: list[str]) -> None:
        for _ in bare.pipe(batch, batch_size=BATCH_SIZE):
            pass

    def extract(batch: list[str]) -> None:
        for _ in full.pipe(batch, batch_size=BATCH_SIZE):
            pass

    extract(texts[:2])  # load the tagger before timing
    best = {"parse": float("inf"), "extract": float("inf")}
    runs = {"parse": parse, "extract": extract}
    for number in range(args.rounds):
        order = ["parse", "extract"] if number % 2 == 0 else ["extract", "parse"]
        for name in order:
            best[name] = min(best[name], timed(runs[name], texts))
            print(f"round {number + 1} {name}: {words / best[name]:.0f} words/s (best so far)")
    parse_wps, extract_wps = words / best["parse"], words / best["extract"]
    print(f"texts: {len(texts)}, words: {words}, rounds: {args.rounds}")
    print(f"bare parse:          {parse_wps:.0f} words/s")
    print(f"parse + attribution: {extract_wps:.0f} words/s")
    print(f"ratio: {extract_wps / parse_wps:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
