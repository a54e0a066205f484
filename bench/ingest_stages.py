"""CPU seconds of each stage of an ingest, against a bare spaCy parse of the same texts.

Runs the stages one after the other over all the texts, as `onrecord ingest` does them
(chunks of 8 articles, as a worker gets them), each timed with `time.process_time`, and
keeps each stage's smallest time over the rounds (a busy machine adds, never takes away):

- `read`, `clean`: reading the files, cleaning and metadata (`pipeline.prepare`), done
  by the writer;
- each pipe of the spaCy pipeline, by name (the tokenizer as `tokenizer`), onrecord's
  `onrecord_paragraphs` and `onrecord_attribution` among them;
- `analysis`: the parse turned into records (`attribution.analyse`);
- `speakers`, `dates+occasions`: the rest of a worker's per-article stages;
- `pickle`: a chunk's results sent from a worker (dumps) and received (loads);
- `store`: storing each batch with its speakers matched (`store.save`), by the writer;
- `derived`: clusters, events and topic scores of each batch (`bring_up_to_date`).

It prints each stage's CPU seconds per round, the bare parse's (`spacy.load` of the
model alone, `nlp.pipe` in batches of 32), and the totals of the worker's and the
writer's shares.

    python bench/ingest_stages.py [TEXTS_DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ingest_speed import BATCH_SIZE, DEFAULT_TEXTS

from onrecord.pipeline.engines import CHUNK  # articles per chunk, as a worker gets them

T = TypeVar("T")
# Stages the writer runs; the others run in the workers.
WRITER = ("read", "clean", "pickle", "store", "derived")


class Clock:
    """Smallest CPU seconds per stage over the rounds."""

    def __init__(self) -> None:
        self.best: dict[str, float] = {}
        self.round: defaultdict[str, float] = defaultdict(float)

    def time(self, stage: str, work: Callable[[], T]) -> T:
        """Run `work`, adding its CPU seconds to `stage` in this round."""
        start = time.process_time()
        result = work()
        self.round[stage] += time.process_time() - start
        return result

    def end_round(self) -> None:
        for stage, seconds in self.round.items():
            self.best[stage] = min(seconds, self.best.get(stage, seconds))
        self.round = defaultdict(float)


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parsed(nlp: Any, texts: list[str], clock: Clock) -> list[Any]:
    """Run the pipeline pipe by pipe over chunks of texts, timing each pipe."""
    docs: list[Any] = []
    for chunk in chunks(texts, CHUNK):
        part = clock.time("tokenizer", lambda chunk=chunk: [nlp.make_doc(t) for t in chunk])
        for name, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                work = lambda proc=proc, part=part: list(proc.pipe(part, batch_size=CHUNK))  # noqa: E731
            else:
                work = lambda proc=proc, part=part: [proc(doc) for doc in part]  # noqa: E731
            part = clock.time(name, work)
        docs.extend(part)
    return docs


def extracted(article: Any, doc: Any, clock: Clock) -> Any:
    """A worker's stages after the parse, for one article: its ProcessedArticle."""
    from onrecord.attribution import analyse
    from onrecord.dates import date_statements, find_occasions
    from onrecord.ingest.published import speech_heading_day
    from onrecord.models import ProcessedArticle
    from onrecord.speakers import resolve_speakers

    analysis = clock.time("analysis", lambda: analyse(doc, article.captions))
    said = clock.time("speakers", lambda: resolve_speakers(article.text, analysis))
    meta = article.metadata

    def dated() -> Any:
        heading = speech_heading_day(meta.published, meta.published_evidence)
        statements = date_statements(
            article.text, analysis, said, meta.published, article.captions, meta.url, heading
        )
        return find_occasions(article.text, analysis, statements)

    return ProcessedArticle(article, clock.time("dates+occasions", dated))


def one_round(texts_dir: Path, nlp: Any, clock: Clock) -> None:
    """Time every stage once over the texts."""
    from onrecord.pipeline.derived import bring_up_to_date
    from onrecord.pipeline.prepare import prepare
    from onrecord.pipeline.web import WebInputs, read_inputs
    from onrecord.speakers import SpeakerIndex
    from onrecord.store import open_store

    raws = clock.time("read", lambda: list(read_inputs([texts_dir], WebInputs())))
    articles = clock.time("clean", lambda: [prepare(raw) for raw in raws])  # type: ignore[arg-type]
    docs = parsed(nlp, [a.text for a in articles], clock)
    results = [extracted(article, doc, clock) for article, doc in zip(articles, docs, strict=True)]
    for chunk in chunks(results, CHUNK):
        clock.time("pickle", lambda chunk=chunk: pickle.loads(pickle.dumps(chunk)))
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        index = SpeakerIndex(None)
        for batch in chunks(results, BATCH_SIZE):
            stored = clock.time("store", lambda batch=batch: store.save(batch, assign=index.assign))
            clock.time("derived", lambda stored=stored: bring_up_to_date(store, stored))
    clock.end_round()


def bare_parse(texts: list[str], rounds: int) -> float:
    """Smallest CPU seconds of a bare spaCy parse of `texts` over the rounds."""
    import spacy

    from onrecord import settings

    nlp = spacy.load(settings.get("model"))
    list(nlp.pipe(texts[:CHUNK]))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    """Time the stages and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="?", default=DEFAULT_TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from onrecord.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    nlp = load_pipeline()
    list(nlp.pipe(texts[:CHUNK]))  # warm up
    clock = Clock()
    for _ in range(args.rounds):
        one_round(args.texts, nlp, clock)
    bare = bare_parse(texts, args.rounds)
    words = sum(len(text.split()) for text in texts)
    print(f"texts: {args.texts} ({len(texts)}, {words} words), best of {args.rounds} rounds")
    for stage, seconds in clock.best.items():
        side = "writer" if stage in WRITER else "worker"
        print(f"{stage:22} {seconds:7.3f} CPU s  ({side})")
    worker = sum(s for stage, s in clock.best.items() if stage not in WRITER)
    writer = sum(s for stage, s in clock.best.items() if stage in WRITER)
    print(f"{'bare spaCy parse':22} {bare:7.3f} CPU s")
    print(
        f"worker stages {worker:.3f} CPU s, writer stages {writer:.3f} CPU s, all "
        f"{worker + writer:.3f}: {bare / (worker + writer):.3f} x the bare parse's words per "
        f"CPU s ({words / (worker + writer):.0f} against {words / bare:.0f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
