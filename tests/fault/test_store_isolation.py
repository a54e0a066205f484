"""A batch the store refuses is stored an article at a time: the culprit named, the rest kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.models import ProcessedArticle
from onrecord.pipeline.run import IngestReport, _stored
from onrecord.store import open_store
from tests.unit.test_store import article_a, article_b, article_c


def _with_bad_title(processed: ProcessedArticle) -> ProcessedArticle:
    article = processed.article
    metadata = dataclasses.replace(article.metadata, title="Pier \ud800 opens")
    bad = dataclasses.replace(article, metadata=metadata, source="wire.jsonl:3")
    return dataclasses.replace(processed, article=bad)


def test_the_store_names_a_string_it_cannot_keep(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store, pytest.raises(StoreError) as caught:
        store.save([article_a(), _with_bad_title(article_b())])
    assert "its title holds U+D800 at 5, which is not text" in caught.value.message
    with open_store(tmp_path / "a.db") as store:
        assert store.counts()["articles"] == 0  # the batch was refused whole


def test_the_refused_article_fails_and_the_rest_of_its_batch_is_stored(tmp_path: Path) -> None:
    report = IngestReport()
    bad = _with_bad_title(article_b())
    with open_store(tmp_path / "b.db") as store:
        inserted = _stored(store, [article_a(), bad, article_c()], report)
        assert inserted == {article_a().article.id, article_c().article.id}
        assert store.counts()["articles"] == 2
    (failure,) = report.failures
    assert failure.source == "wire.jsonl:3"
    assert failure.reason.startswith("cannot store it: article ")
    assert "its title holds U+D800" in failure.reason


def test_a_database_that_refuses_every_article_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    open_store(path).close()
    report = IngestReport()
    with open_store(path, write=False) as store, pytest.raises(StoreError) as caught:
        _stored(store, [article_a(), article_b()], report)
    assert caught.value.message.startswith(
        f"cannot store {article_a().article.source} or the rest of its batch: "
    )
    assert "readonly" in caught.value.message
    assert report.failures == []
