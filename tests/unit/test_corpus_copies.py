"""Copies of a generated database's days (bench/corpus_copies.py, `make_corpus.py --base`)
are articles in their own right: own dates, ids and datelines, spans that reproduce their
text, counts the triggers kept, and clusters a rebuild would give."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from bench.corpus_copies import add_copies
from bench.make_corpus import fill_database, key_speakers

from onrecord.models import article_id
from onrecord.pipeline.corpus import rebuild_clusters
from onrecord.store import open_store

# A week of generated news (40 articles a day), copied twice.
BASE = 280
COPIES = 2


def _built(tmp_path: Path) -> Path:
    path = tmp_path / "copies.db"
    fill_database(path, BASE, seed=3, quiet=True)
    add_copies(str(path), COPIES, quiet=True)
    return path


def _clusters(db: sqlite3.Connection) -> set[tuple[int, ...]]:
    rows = db.execute("SELECT cluster_id, statement_id FROM statement_clusters ORDER BY 2")
    members: dict[int, list[int]] = {}
    for cluster, statement in rows:
        members.setdefault(cluster, []).append(statement)
    return {tuple(m) for m in members.values()}


def test_copies_are_articles_of_their_own_days(tmp_path: Path) -> None:
    db = sqlite3.connect(_built(tmp_path))
    articles = db.execute("SELECT id, text, published, doc FROM articles").fetchall()
    assert len(articles) == BASE * (COPIES + 1)
    assert len({doc for *_, doc in articles}) == len(articles)
    for ident, text, published, doc in articles:
        assert ident == article_id(text)
        assert f"\n{dt.date.fromisoformat(published):%d %B %Y}\n" in text
        assert published.replace("-", "") in doc
    # every stored span and said-on expression reproduces its article's text
    wrong = db.execute(
        "SELECT count(*) FROM statement_spans p JOIN statements s ON s.id = p.statement_id "
        "JOIN articles a ON a.id = s.article_id WHERE p.role = 'content' "
        "AND substr(a.text, p.start + 1, p.end_ - p.start) <> s.content_text"
    ).fetchone()[0]
    assert wrong == 0
    said = db.execute(
        "SELECT substr(a.text, s.said_on_start + 1, s.said_on_end - s.said_on_start), "
        "s.said_on_expression, s.said_on FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE s.said_on_start IS NOT NULL"
    ).fetchall()
    assert said
    for found, expression, day in said:
        assert found == expression == f"on {dt.date.fromisoformat(day):%A}"


def test_copies_keep_counts_search_and_clusters(tmp_path: Path) -> None:
    path = _built(tmp_path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 3 * BASE * 3
    counted = db.execute(
        "SELECT speaker_id, count(*), count(DISTINCT article_id) FROM statements "
        "GROUP BY speaker_id ORDER BY 1"
    ).fetchall()
    kept = db.execute("SELECT speaker_id, statements, articles FROM speaker_counts ORDER BY 1")
    assert kept.fetchall() == counted
    # the full-text index holds each copy: a base statement's words find it three times
    words = db.execute("SELECT content_text FROM statements WHERE id = 1").fetchone()[0]
    found = db.execute(
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ? AND rowid % ? = 1",
        (f'"{words}"', 3 * BASE),
    ).fetchone()[0]
    assert found == COPIES + 1
    copied = _clusters(db)
    links = db.execute("SELECT a, b, how FROM cluster_links ORDER BY 1, 2").fetchall()
    db.close()
    with open_store(path) as store:
        rebuild_clusters(store)
    db = sqlite3.connect(path)
    assert _clusters(db) == copied
    assert db.execute("SELECT a, b, how FROM cluster_links ORDER BY 1, 2").fetchall() == links


def test_a_copied_build_keys_its_speakers_as_an_ingest_would(tmp_path: Path) -> None:
    path = _built(tmp_path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM speaker_aliases WHERE keyed = 0").fetchone()[0] > 0
    db.close()
    key_speakers(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM speaker_aliases WHERE keyed = 0").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM speaker_keys").fetchone()[0] > 0
