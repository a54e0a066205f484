"""Reads stay fast on large databases: listings come in index order, pages span their parts.

The query plans are checked on small databases: SQLite plans a query the same way whatever
the number of rows (no ANALYZE statistics are kept), so what holds here holds at a million.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bench.make_corpus import articles, fill_database
from tests.unit.test_store import LEADER, article_a, article_b, article_c

from onrecord.models import ProcessedArticle, StatementFilter
from onrecord.store import Store, listings, open_store
from onrecord.store.schema import _ALONE


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "corpus.db"
    fill_database(path, 200, seed=5, quiet=True)
    return path


@pytest.fixture
def small(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "small.db")
    opened.save([article_a(), article_b(), article_c()])
    return opened


def plans(store: Store, read: Callable[[], Any]) -> list[list[str]]:
    """Run `read`, and return the query plan of every SELECT it ran (spans aside)."""
    db: sqlite3.Connection = store._db  # type: ignore[attr-defined]
    ran: list[str] = []
    db.set_trace_callback(ran.append)
    try:
        read()
    finally:
        db.set_trace_callback(None)
    selects = [
        sql
        for sql in ran
        if sql.lstrip().upper().startswith("SELECT") and "statement_spans" not in sql
    ]
    assert selects
    return [[row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)] for sql in selects]


def _full_scans(plan: list[str]) -> list[str]:
    """Steps that read a whole table or index of statements or events."""
    return [
        step
        for step in plan
        if step.startswith("SCAN ") and not step.startswith(("SCAN sp ", "SCAN statements_fts"))
    ]


def test_every_statement_is_listed_in_index_order_without_sorting(generated: Path) -> None:
    with open_store(generated, write=False) as store:
        found = plans(store, lambda: list(store.statements(limit=50)))
    assert found[0][:3] == [
        "SCAN sp USING COVERING INDEX speakers_listing",
        "SEARCH s USING INDEX statements_listing (speaker_id=?)",
        "SEARCH a USING INDEX sqlite_autoindex_articles_1 (id=?)",
    ]
    assert not _full_scans(found[0]) and not any("TEMP B-TREE" in s for s in found[0])


def test_one_speakers_statements_come_from_the_index_in_order(generated: Path) -> None:
    with open_store(generated, write=False) as store:
        speaker = next(iter(store.speakers(limit=1))).id
        found = plans(
            store, lambda: list(store.statements(StatementFilter(speaker_id=speaker), limit=50))
        )
    (plan,) = found
    assert plan[0] == "SEARCH s USING INDEX statements_listing (speaker_id=?)"
    assert not any("TEMP B-TREE" in step for step in plan)


def test_a_date_range_reads_through_the_statements_date_index(generated: Path) -> None:
    within = StatementFilter(since=dt.date(2025, 12, 1), until=dt.date(2025, 12, 31))
    by_outlet = StatementFilter(outlet="e", since=dt.date(2025, 12, 1), until=dt.date(2025, 12, 31))
    with open_store(generated, write=False) as store:
        for chosen in (within, by_outlet):
            (plan, *_) = plans(store, lambda f=chosen: list(store.statements(f, limit=50)))
            assert plan[0] == "SEARCH s USING INDEX statements_dated (dated>? AND dated<?)"
            assert not _full_scans(plan)


def test_speech_events_come_in_index_order(generated: Path) -> None:
    with open_store(generated, write=False) as store:
        speaker = next(iter(store.speakers(limit=1))).id
        for read in (
            lambda: list(store.speech_events(several=True, limit=20)),
            lambda: list(store.speech_events(speaker, limit=20)),
        ):
            events = plans(store, read)[0]
            indexes = ("speech_events_said_on (said_on>?)", "speech_events_speaker (speaker_id=?")
            assert any(f"SEARCH e USING INDEX {i}" in step for step in events for i in indexes)
            assert "USE TEMP B-TREE FOR ORDER BY" not in events
            assert not _full_scans(events)


def test_pages_span_the_statements_with_and_without_a_speaker(small: Store) -> None:
    every = [v.id for v in small.statements()]
    assert len(every) == 5 and next(iter(small.statements(offset=4))).speaker is None
    for limit in range(0, 7):
        for offset in range(0, 7):
            page = [v.id for v in small.statements(limit=limit, offset=offset)]
            assert page == every[offset : offset + limit], (limit, offset)
    assert [v.id for v in small.statements(offset=2)] == every[2:]


def test_pages_span_dated_and_undated_speech_events(tmp_path: Path) -> None:
    undated = tmp_path / "undated.db"
    fill_database(undated, 150, seed=2, quiet=True, undated=0.3)
    with open_store(undated, write=False) as store:
        events = list(store.speech_events())
        every = [e.id for e in events]
        dates = [e.said_on for e in events]
        assert None in dates and dates.index(None) > 0
        assert all(d is None for d in dates[dates.index(None) :])
        size = len(every)
        for limit, offset in [(5, 0), (5, size - 3), (10, dates.index(None) - 4), (3, size + 2)]:
            page = [e.id for e in store.speech_events(limit=limit, offset=offset)]
            assert page == every[offset : offset + limit], (limit, offset)


def test_a_statement_keeps_its_articles_corrected_date(small: Store) -> None:
    undated = next(v for v in small.statements() if v.doc == "blog-undated")
    assert small.statement_count(StatementFilter(since=dt.date(2020, 1, 1))) == 0
    small.set_article(undated.article, {"published": dt.date(2021, 3, 4)})
    listed = list(small.statements(StatementFilter(since=dt.date(2020, 1, 1))))
    assert [(v.doc, v.speaker, v.published) for v in listed] == [
        ("blog-undated", LEADER, dt.date(2021, 3, 4))
    ]
    leader = listed[0].speaker_id
    docs = [v.doc for v in small.statements(StatementFilter(speaker_id=leader))]
    assert docs == ["tehran-times-2018", "reuters-2019", "blog-undated"]


def test_search_pages_are_slices_of_the_whole_ranking(generated: Path) -> None:
    with open_store(generated, write=False) as store:
        word = next(iter(store.statements(limit=1))).content.split()[-1].strip(".,")
        every = [v.id for v in store.statements(StatementFilter(text=word))]
        assert len(every) > 12
        joined = StatementFilter(text=word, since=dt.date(1900, 1, 1), include_undated=True)
        assert [v.id for v in store.statements(joined)] == every  # ranked after the joins
        for limit, offset in [(5, 0), (5, 3), (7, len(every) - 4), (3, len(every) + 1)]:
            page = store.statements(StatementFilter(text=word), limit=limit, offset=offset)
            assert [v.id for v in page] == every[offset : offset + limit]


def test_a_search_ranks_its_newest_matches_then_lists_the_older_newest_first(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the SEARCH_CANDIDATES most recently stored matches are ranked (bm25); a word
    # with more matches lists the rest after them by id, newest first, pages slicing it.
    with open_store(generated, write=False) as store:
        word = next(iter(store.statements(limit=1))).content.split()[-1].strip(".,")
        whole = [v.id for v in store.statements(StatementFilter(text=word))]
        monkeypatch.setattr(listings, "SEARCH_CANDIDATES", 5)
        every = [v.id for v in store.statements(StatementFilter(text=word))]
        newest = sorted(whole, reverse=True)[:5]
        assert sorted(every) == sorted(whole) and len(whole) > 12
        assert every[:5] == [i for i in whole if i in newest]  # ranked as a full ranking would
        assert every[5:] == sorted(set(whole) - set(newest), reverse=True)
        for limit, offset in [(3, 0), (4, 3), (5, 5), (7, len(every) - 4), (3, len(every) + 1)]:
            page = store.statements(StatementFilter(text=word), limit=limit, offset=offset)
            assert [v.id for v in page] == every[offset : offset + limit]
        assert store.statement_count(StatementFilter(text=word)) == len(every)


def test_counting_a_new_statement_looks_through_its_article_not_its_speaker(
    generated: Path,
) -> None:
    with open_store(generated, write=False) as store:
        db: sqlite3.Connection = store._db  # type: ignore[attr-defined]
        alone = _ALONE.format(article="?", speaker="?", statement="?")
        (plan,) = [[row[3] for row in db.execute(f"EXPLAIN QUERY PLAN SELECT {alone}", (1, 2, 3))]]
        stored = {
            name: sql
            for name, sql in db.execute(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
            )
        }
    assert "SEARCH o USING INDEX sqlite_autoindex_statements_1 (article_id=?)" in plan
    assert not [step for step in plan if "statements_listing" in step], plan
    for trigger in ("statements_counts_insert", "statements_counts_delete"):
        assert "+o.speaker_id" in stored[trigger] and " o.speaker_id =" not in stored[trigger]


def _steps_to_store(path: Path, items: list[ProcessedArticle]) -> int:
    """SQLite virtual machine steps (in hundreds) that storing `items` into `path` takes."""
    steps = [0]
    with open_store(path) as store:
        db: sqlite3.Connection = store._db  # type: ignore[attr-defined]
        db.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 100)
        assert len(store.save(items)) == len(items)
        db.set_progress_handler(None, 0)
    return steps[0]


def test_storing_a_statement_costs_the_same_whatever_its_speakers_history(
    generated: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small.db"
    fill_database(small, 20, seed=5, quiet=True)
    large = tmp_path / "large.db"
    shutil.copy(generated, large)  # 200 articles of the same seed: ten times the history
    new = list(articles(4, seed=99))
    with open_store(small, write=False) as store:
        before = {s.name: s.statements for s in store.speakers()}
    with open_store(large, write=False) as store:
        after = {s.name: s.statements for s in store.speakers()}
    said = {s.speaker for item in new for s in item.statements}
    assert all(after[name] >= 5 * before.get(name, 1) for name in said if name in after)
    cost_small, cost_large = _steps_to_store(small, new), _steps_to_store(large, new)
    assert cost_large < 1.3 * cost_small, (cost_small, cost_large)
