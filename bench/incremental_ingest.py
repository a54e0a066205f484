"""Time the ingest of the same 10 new articles into databases of growing size.

    python bench/incremental_ingest.py [STATEMENTS ...] [--dir DIR] [--rounds R] [--next-of N]

Each database is filled by `make_corpus.py` (records written through the store and the
corpus stage, no NLP; 3 statements per article) and kept in DIR (default
/tmp/onrecord-bench) for the next run. The 10 new articles are `make_corpus.py 10 --seed 99`
written as JSONL: fictional reports of speeches on the corpora's last day, by the same
speakers. Each round copies the database and runs `onrecord.pipeline.run.ingest` on them
(parsing in process, spaCy loaded once before timing), and the best round is printed with
the part spent in the corpus stage (`update_clusters`) and the pairs it judged, in CPU
seconds (the best round's) and then in wall seconds.
Default sizes: 0, 15,000 and 125,000 statements. See docs/scaling.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_corpus import articles, fill_database, write_files  # noqa: E402

from onrecord.models import ProcessedArticle  # noqa: E402
from onrecord.nlp import load_pipeline  # noqa: E402
from onrecord.pipeline import corpus, derived, run  # noqa: E402
from onrecord.store import open_store  # noqa: E402

STATEMENTS_PER_ARTICLE = 3


def database(root: Path, statements: int) -> Path:
    """Return a database of about `statements` statements, made once and kept."""
    path = root / f"corpus-{statements}.db"
    if statements and not path.exists():
        started = time.perf_counter()
        fill_database(path.with_suffix(".tmp"), statements // STATEMENTS_PER_ARTICLE, seed=1)
        path.with_suffix(".tmp").rename(path)
        print(f"  made {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def measure(base: Path, new: Path, work: Path) -> tuple[float, float, int, float, float]:
    """Ingest `new` into a copy of `base`; return the CPU seconds of the whole ingest and of
    the corpus stage, the pairs judged, and the same two in wall seconds (parsing is in
    process, so this process's CPU time is all of it: what a busy machine inflates least)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    if base.exists():
        shutil.copy(base, work)
    spent = [0.0, 0, 0.0]
    update = corpus.update_clusters

    def timed(*args: object, **kwargs: object) -> corpus.ClusterReport:
        started, used = time.perf_counter(), time.process_time()
        report = update(*args, **kwargs)  # type: ignore[arg-type]
        spent[0] += time.perf_counter() - started
        spent[1] += report.comparisons
        spent[2] += time.process_time() - used
        return report

    run.update_clusters = derived.update_clusters = timed  # type: ignore[assignment]
    try:
        with open_store(work) as store:
            started, used = time.perf_counter(), time.process_time()
            report = run.ingest([new], store, workers=0)  # parse in process: no worker start-up
            total, cpu = time.perf_counter() - started, time.process_time() - used
    finally:
        run.update_clusters = derived.update_clusters = update
    assert report.ok and len(report.ingested) == 10, report
    return cpu, spent[2], int(spent[1]), total, spent[0]


def _new_articles(root: Path, sizes: list[int], next_of: int | None) -> list[ProcessedArticle]:
    """The 10 articles to ingest: `make_corpus.py 10 --seed 99`, or with `next_of` the 10
    that follow the largest database's articles in `make_corpus.py next_of --seed 1`."""
    if next_of is None:
        return list(articles(10, seed=99))
    with open_store(database(root, max(sizes)), write=False) as store:
        held = store.counts()["articles"]
    return list(islice(articles(next_of, seed=1), held, held + 10))


def main() -> int:
    """Parse the command line, build the databases, and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[0, 15_000, 125_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/onrecord-bench"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--next-of",
        type=int,
        metavar="N",
        help="ingest instead the 10 articles that follow, in `make_corpus.py N --seed 1`, the "
        "ones a database holds (for a database whose build was stopped early: the newest news)",
    )
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    new = args.dir / "new"
    write_files(_new_articles(args.dir, args.sizes, args.next_of), new, "jsonl")
    load_pipeline(None)  # once, outside the timings
    print(
        "statements  articles  ingest 10 (CPU s)  corpus stage (CPU s)  pairs judged  "
        "ingest 10 (wall s)  corpus stage (wall s)"
    )
    for size in args.sizes:
        base = database(args.dir, size)
        best = min(
            measure(base, new / "corpus.jsonl", args.dir / "work.db") for _ in range(args.rounds)
        )
        cpu, clustering, pairs, wall, wall_clustering = best
        articles_in = size // STATEMENTS_PER_ARTICLE
        figures = (
            f"{cpu:>17.2f}  {clustering:>20.3f}  {pairs:>12,}  {wall:>18.2f}  "
            f"{wall_clustering:>21.3f}"
        )
        print(f"{size:>10,}  {articles_in:>8,}  {figures}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
