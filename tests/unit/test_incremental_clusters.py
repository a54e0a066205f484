"""Clusters and events update locally: the work for new articles does not grow with the database.

The databases are filled by the fictional corpus generator (bench/make_corpus.py), which
writes records through the store without NLP. Its corpora end on the same day at the same
density, and a larger one holds the same last days as a smaller one, so the same ten new
articles have the same neighbourhood in both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.make_corpus import articles, fill_database

from onrecord.pipeline.corpus import ClusterReport, update_clusters
from onrecord.store import Store, open_store

NEW = list(articles(10, seed=99))  # ten new articles on the corpora's last day
# Statement and cluster pairs judged per new article: measured 54.2 at 1,600 and at 4,000
# stored articles (the speakers' statements of neighbouring days, not the database).
COMPARISONS_PER_ARTICLE = 80
# SQL statements one update runs per new article, each row written included (measured 74.6:
# 3 statements with 16 band keys each make 48 of them).
QUERIES_PER_ARTICLE = 100


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


def add_new(store: Store) -> tuple[ClusterReport, list[str]]:
    """Store the ten new articles and cluster them; return the report and the SQL run."""
    ids = store.save(NEW)
    statements = store.article_statements(ids)
    queries: list[str] = []
    store._db.set_trace_callback(queries.append)  # type: ignore[attr-defined]
    try:
        report = update_clusters(store, statements=statements)
    finally:
        store._db.set_trace_callback(None)  # type: ignore[attr-defined]
    return report, queries


def plan(store: Store, sql: str) -> tuple[str, list[str]]:
    """Return a query with the steps of its plan (`EXPLAIN QUERY PLAN`)."""
    rows = store._db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()  # type: ignore[attr-defined]
    return sql, [row[3] for row in rows]


def events(store: Store) -> set[frozenset[int]]:
    return {frozenset(v.id for v in e.statements) for e in store.speech_events()}


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Path]]:
    root = tmp_path_factory.mktemp("sizes")
    paths = {n: root / f"{n}.db" for n in (1600, 4000)}
    for n, path in paths.items():
        fill_database(path, n, seed=1, quiet=True)
    yield paths


def test_comparisons_and_queries_per_new_article_do_not_grow_with_the_database(
    sizes: dict[int, Path],
) -> None:
    found = {}
    for n, path in sizes.items():
        with open_store(path) as store:
            stored = store.counts()["statements"]
            report, run = add_new(store)
            plans = [plan(store, sql) for sql in run if sql.lstrip().upper().startswith("SELECT")]
        queries = len(run)
        found[n] = (report.comparisons, queries)
        # Every read is an indexed search: no table scanned, no speaker's statements read.
        for sql, steps in plans:
            assert not any(step.startswith("SCAN") for step in steps), (sql, steps)
            assert not any("statements_speaker" in step for step in steps), (sql, steps)
        print(
            f"{n} articles ({stored} statements): "
            f"{report.comparisons} comparisons, {queries} queries"
        )
        assert report.statements == sum(len(a.statements) for a in NEW)
        assert report.comparisons <= COMPARISONS_PER_ARTICLE * len(NEW)
        assert queries <= QUERIES_PER_ARTICLE * len(NEW)
    assert found[1600] == found[4000]


def test_batches_of_any_size_give_the_same_clusters_and_events(tmp_path: Path) -> None:
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    # One article in five states no date at all: those join events by their words alone.
    fill_database(one, 600, seed=3, batch=600, quiet=True, undated=0.2)
    fill_database(many, 600, seed=3, batch=37, quiet=True, undated=0.2)
    with open_store(one) as a, open_store(many) as b:
        assert events(a) == events(b)
        assert len(events(a)) < a.counts()["statements"]  # some reports were joined
        undated = {v.id for v in a.statements() if v.published is None}
        joined = [e for e in events(a) if e & undated and e - undated]
        assert undated and joined  # some undated reports joined a dated event
        ids = [v.id for v in a.statements()]
        assert a.cluster_members(ids) == b.cluster_members(ids)
