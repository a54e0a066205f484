"""Speech events do not depend on the order articles are stored in (issue 14).

Statement ids follow the order articles arrive in, so a rebuild, a re-ingest in another
order or a parallel ingest numbers them differently. The events (which statements, which
day and occasion) must come out the same: ties are broken by what the statements are, never
by their ids. The corpora come from the fictional generator (bench/make_corpus.py).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.make_corpus import _store_batch, articles
from tests.unit.test_clustering import item

from onrecord.clustering import speech_events
from onrecord.clustering.index import cluster_record
from onrecord.store import Store, open_store

# One article in five states no date, so events are also joined by words alone.
CORPUS = list(articles(300, seed=5, undated=0.2))


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


def named_events(store: Store) -> set[tuple[object, ...]]:
    """Return each event as its day, occasion and statements named by article and place."""
    return {
        (
            e.said_on,
            e.occasion,
            frozenset((v.article, str(v.spans.get("content")), v.content) for v in e.statements),
        )
        for e in store.speech_events()
    }


def stored(path: Path, order: list[object], batch: int) -> set[tuple[object, ...]]:
    with open_store(path) as store:
        for start in range(0, len(order), batch):
            _store_batch(store, order[start : start + batch])
        return named_events(store)


@pytest.mark.parametrize(("seed", "batch"), [(0, len(CORPUS)), (1, 37)])
def test_events_do_not_depend_on_the_order_articles_are_stored_in(
    tmp_path: Path, seed: int, batch: int
) -> None:
    shuffled = CORPUS[:]
    random.Random(seed).shuffle(shuffled)
    given = stored(tmp_path / "given.db", CORPUS, len(CORPUS))
    other = stored(tmp_path / "shuffled.db", shuffled, batch)
    assert len(given) < sum(len(a.statements) for a in CORPUS)  # some reports were joined
    assert given == other


def test_a_tie_between_occasions_is_not_broken_by_statement_ids() -> None:
    harbour, senate = "at the Harbour Congress", "before the Senate"
    named = []
    for first, second in ((harbour, senate), (senate, harbour)):
        items = [
            item(1, "a", "We will build the new locks at Port Selden", occasion=first),
            item(2, "b", "We will build the new locks at Port Selden", occasion=second),
        ]
        cluster = cluster_record(1, items)
        event = speech_events([cluster], {i.statement_id: i for i in items})[0]
        named.append((cluster.occasion, event.occasion))
    assert named[0] == named[1]
