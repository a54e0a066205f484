"""Words per second of `onrecord ingest` against a bare spaCy parse of the same texts.

Each round runs every variant once, each in a fresh Python process, in turn (the order
rotates from round to round so drift on a busy machine hits all alike):

- `parse`: load the spaCy pipeline alone and parse every text (`nlp.pipe`, batches of 32);
- `ingest-wN`: `onrecord.pipeline.run.ingest` of the same files into a new database with
  N worker processes (`--workers`, default 1 and 2; 0 parses in the ingesting process);
- `dask-wN` (with `--dask N`): the same with `engine="dask"`, a LocalCluster of N workers.

Words/s are timed once the process is ready: the model loaded (in every worker: each
has parsed a chunk of the texts first, not stored) and, for ingest, storing, clustering
and scoring included. The start-up (Python imports, model loads, starting workers) is
printed apart, as the whole process's time less that. Words per CPU second count every
process's CPU time, twice: over the timed part only (the cost per word, read from /proc
for the process and its live workers) and with start-up included; figures a busy machine
disturbs far less than wall time, the first the one to plan cores with. It also prints
the peak resident memory of the main process and of its largest worker process. Best
and median words/s over the rounds, then the ratios the issue sets targets for.

    python bench/ingest_speed.py [TEXTS_DIR] [--rounds 3] [--workers 1 2] [--dask 2]

TEXTS_DIR defaults to PolNeAR dev's texts (../shared/data/polnear/dev/text).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = REPO.parent / "shared" / "data" / "polnear" / "dev" / "text"
BATCH_SIZE = 32
# Texts parsed before the clock starts, so each worker has loaded the model.
WARM_UP = 16


def child(variant: str, texts: Path, db: Path) -> dict[str, float]:
    """Run one variant in this process; return its seconds (whole, and once started), CPU
    seconds and peak memory (MB)."""
    started = time.perf_counter()
    if variant == "parse":
        import spacy

        from onrecord import settings

        nlp = spacy.load(settings.get("model"))
        for _ in nlp.pipe(_texts(texts)[:WARM_UP], batch_size=BATCH_SIZE):
            pass
        ready, ready_cpu = time.perf_counter(), tree_cpu()
        for _ in nlp.pipe(_texts(texts), batch_size=BATCH_SIZE):
            pass
        timed_cpu = tree_cpu() - ready_cpu
    else:
        ready, timed_cpu = _ingest(variant, texts, db)
    done = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": done - ready,
        "whole": done - started,
        "main_mb": own.ru_maxrss / 1024,
        "worker_mb": workers.ru_maxrss / 1024,
        # CPU seconds of every process of the run, start-up included: what a busy machine
        # does not inflate the way it does wall time
        "cpu": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
        # CPU seconds of every process of the run while the words were timed (start-up
        # left out): the cost per word, whatever the machine's load
        "timed_cpu": timed_cpu,
    }


def tree_cpu() -> float:
    """CPU seconds (user and system) used so far by this process and its live descendants
    (Linux /proc; worker processes and a LocalCluster's are descendants)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids, total = [os.getpid()], 0.0
    while pids:
        pid = pids.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{pid}/task").iterdir():
                pids.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
    return total


def _ingest(variant: str, texts: Path, db: Path) -> tuple[float, float]:
    """Open the engine, warm every worker up, ingest; return the time the ingest began and
    the CPU seconds every process of the run spent on it."""
    from onrecord.models import RawDocument
    from onrecord.pipeline.engines import CHUNK, open_engine
    from onrecord.pipeline.prepare import prepare
    from onrecord.pipeline.run import ingest
    from onrecord.store import open_store

    name, count = variant.split("-w")
    workers = int(count)
    warm = [
        prepare(RawDocument(doc=str(n), source=str(n), format="txt", text=text))
        for n, text in enumerate(_texts(texts)[: max(1, workers) * CHUNK])
    ]
    engine_name = "dask" if name == "dask" else "processes"
    with open_engine(engine_name, workers) as engine, open_store(db) as store:
        for _ in engine.analyse(warm):
            pass
        ready, ready_cpu = time.perf_counter(), tree_cpu()
        report = ingest([texts], store, engine=engine)
        timed_cpu = tree_cpu() - ready_cpu
    assert report.ok and report.ingested, report.failures
    return ready, timed_cpu


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def run_variant(variant: str, texts: Path) -> dict[str, float]:
    """Run `variant` in a fresh process and return what it measured."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, __file__, str(texts), "--child", variant, "--db", f"{tmp}/b.db"]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    """Run the rounds and print words/s, memory and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="?", default=DEFAULT_TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", type=int, nargs="*", default=[], help="Dask workers")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.texts, args.db)))
        return 0
    words = sum(len(text.split()) for text in _texts(args.texts))
    variants = ["parse", *(f"ingest-w{n}" for n in args.workers)]
    variants += [f"dask-w{n}" for n in args.dask]
    runs: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for number in range(args.rounds):
        shift = number % len(variants)
        for variant in variants[shift:] + variants[:shift]:
            result = run_variant(variant, args.texts)
            runs[variant].append(result)
            print(
                f"round {number + 1} {variant}: {words / result['seconds']:.0f} words/s, "
                f"{words / result['timed_cpu']:.0f} words per CPU second (timed part), "
                f"start-up {result['whole'] - result['seconds']:.1f} s, "
                f"main {result['main_mb']:.0f} MB, worker {result['worker_mb']:.0f} MB",
                flush=True,
            )
    print(f"texts: {args.texts} ({words} words), rounds: {args.rounds}")
    best = {v: words / min(r["seconds"] for r in runs[v]) for v in variants}
    for variant in variants:
        median = words / statistics.median(r["seconds"] for r in runs[variant])
        peak = max(max(r["main_mb"], r["worker_mb"]) for r in runs[variant])
        print(
            f"{variant:10} best {best[variant]:6.0f} words/s, median {median:6.0f}; "
            f"{words / min(r['timed_cpu'] for r in runs[variant]):5.0f} words per CPU second "
            f"timed ({words / min(r['cpu'] for r in runs[variant]):5.0f} with start-up); start-up "
            f"{statistics.median(r['whole'] - r['seconds'] for r in runs[variant]):.1f} s; "
            f"peak main {max(r['main_mb'] for r in runs[variant]):4.0f} MB, "
            f"largest worker {max(r['worker_mb'] for r in runs[variant]):4.0f} MB "
            f"(largest process {peak:.0f} MB)"
        )
    parse_mb = max(r["main_mb"] for r in runs["parse"])
    for variant in variants[1:]:
        worker_mb = max(r["worker_mb"] or r["main_mb"] for r in runs[variant])
        print(
            f"{variant}: {best[variant] / best['parse']:.3f} x the bare parse; "
            f"worker memory {worker_mb / parse_mb:.2f} x the parse's"
        )
    cpu = {v: words / min(r["timed_cpu"] for r in runs[v]) for v in variants}
    for variant in variants[1:]:
        print(f"{variant}: {cpu[variant] / cpu['parse']:.3f} x the bare parse's words per CPU s")
    if "ingest-w1" in best and "ingest-w2" in best:
        print(f"ingest-w2 / ingest-w1: {best['ingest-w2'] / best['ingest-w1']:.3f}")
    for n in args.dask:
        if f"ingest-w{n}" in best:
            ratio = best[f"dask-w{n}"] / best[f"ingest-w{n}"]
            per_cpu = cpu[f"dask-w{n}"] / cpu[f"ingest-w{n}"]
            print(f"dask-w{n} / ingest-w{n}: {ratio:.3f} wall, {per_cpu:.3f} per CPU second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
