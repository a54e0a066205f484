"""Rebuild the shipped content-word weights (`src/onrecord/data/stem_df.tsv`): `make weights`.

Counts, over the texts of PolNeAR train, in how many documents each stemmed content word
(`clustering.text.content_stems`) occurs, and writes the stems seen in at least
`MIN_DF` documents with their counts (the first line holds the number of documents).
Speech events weigh shared words by their inverse document frequency from this table: a
fixed table, so a weight never changes as a corpus grows and incremental ingest still
gives the events of a batch build. Train only: dev is for tuning, the test split is held
out. The table holds counts, not text.

    python bench/train_stem_weights.py ../shared/data/polnear/train [--out PATH]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from onrecord.clustering.text import content_stems, words

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "onrecord" / "data" / "stem_df.tsv"
# Stems rarer than this are left out: unseen stems weigh the most anyway.
MIN_DF = 3


def main() -> int:
    """Count the stems of every text of the split and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a PolNeAR train directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the table")
    args = parser.parse_args()
    if args.split.name == "test":
        parser.error("the test split is held out: count on train")
    texts = sorted((args.split / "text").glob("*.txt"))
    counts: Counter[str] = Counter()
    for path in texts:
        counts.update(content_stems(words(path.read_text(encoding="utf-8"))))
    kept = sorted((s, n) for s, n in counts.items() if n >= MIN_DF)
    lines = [f"#documents\t{len(texts)}", *(f"{s}\t{n}" for s, n in kept)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(texts)} documents, {len(kept)} stems -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
