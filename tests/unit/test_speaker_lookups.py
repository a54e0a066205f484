"""Speakers are looked up by stored, indexed keys: the queries one new article costs do not
grow with the database, and each is an indexed search, never a scan of the speakers."""

from __future__ import annotations

import sqlite3
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.unit.test_speakers_canonical import ORG, PERSON, article

from onrecord.models import MentionKind, ProcessedArticle
from onrecord.speakers import SpeakerIndex
from onrecord.store import Store, open_store

SPEAKER_TABLES = ("speakers", "speaker_aliases", "speaker_keys")
# The new article: a full name, its surname, an honorific form, an organisation written two
# ways, an anonymous source; none of them is in the filler.
NEW = (
    ("Oriane Kestrel", PERSON),
    ("Kestrel", PERSON),
    ("Mrs Oriane Kestrel", PERSON),
    ("Morvaskan Foreign Ministry", ORG),
    ("Morvask's Foreign Ministry", ORG),
    ("a senior official", MentionKind.ANONYMOUS),
)


def _word(n: int) -> str:
    """A made-up name word for number n ("Bab", "Bac", ...)."""
    letters = ""
    while True:
        n, rest = divmod(n, 26)
        letters += string.ascii_lowercase[rest]
        if not n:
            return "B" + letters


def _filler(count: int) -> Iterator[ProcessedArticle]:
    """Articles quoting `count` made-up people and organisations, three to an article."""
    for n in range(0, count, 3):
        yield article(
            (f"{_word(n)} {_word(n + 1)}", PERSON),
            (f"{_word(n + 2)}", PERSON),
            (f"{_word(n)} Ministry", ORG),
        )


def _queries(store: Store, processed: ProcessedArticle, index: SpeakerIndex) -> list[str]:
    """Store one article with its speakers matched; return the SQL run on speaker tables."""
    db: sqlite3.Connection = store._db  # type: ignore[attr-defined]
    ran: list[str] = []
    db.set_trace_callback(ran.append)
    try:
        store.save([processed], assign=index.assign)
    finally:
        db.set_trace_callback(None)
    return [sql for sql in ran if any(f" {t} " in f" {sql} " for t in SPEAKER_TABLES)]


@pytest.mark.parametrize("size", [1500])
def test_one_article_costs_the_same_queries_in_a_small_and_a_large_database(
    tmp_path: Path, size: int
) -> None:
    index = SpeakerIndex()
    with open_store(tmp_path / "small.db") as small, open_store(tmp_path / "large.db") as large:
        filler = list(_filler(size))
        for start in range(0, len(filler), 100):
            large.save(filler[start : start + 100], assign=index.assign)
        assert large.counts()["speakers"] >= size * 0.9
        few = _queries(small, article(*NEW), index)
        many = _queries(large, article(*NEW), index)
        assert len(few) == len(many)
        assert len(many) <= 16 * len(NEW)  # a handful of look-ups and writes per statement
        found = [v.speaker for v in large.statements() if v.speaker_mention in dict(NEW)]
        assert sorted(set(found)) == [
            "Morvaskan Foreign Ministry",
            "Oriane Kestrel",
            "a senior official",
        ]
        db: sqlite3.Connection = large._db  # type: ignore[attr-defined]
        for sql in many:
            if sql.lstrip().upper().startswith("SELECT"):
                plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
                # The partial index of unkeyed aliases holds only those (none here).
                scans = [
                    step
                    for step in plan
                    if step.startswith("SCAN") and "speaker_aliases_unkeyed" not in step
                ]
                assert not scans, (sql, plan)


def test_renamed_and_merged_speakers_are_found_by_their_new_names(
    new_db: Callable[[str], str],
) -> None:
    """A rename leaves its name unkeyed (the store cannot key it); the next ingest keys it
    before matching. A merge moves the merged speaker's keys to the target. (SQLite and
    PostgreSQL.)"""
    index = SpeakerIndex()
    with open_store(new_db("edit")) as store:
        store.save(
            [article(("Oriane Kestrel", PERSON), ("Piet Ondrel", PERSON))], assign=index.assign
        )
        kestrel = store.rename_speaker("Oriane Kestrel", "Ayatollah Ori Vantage")
        store.merge_speakers("Ayatollah Ori Vantage", "Piet Ondrel")
        store.save([article(("Ori Vantage", PERSON), ("Ondrel", PERSON))], assign=index.assign)
        assert store.counts()["speakers"] == 1
        (speaker,) = store.speakers()
        assert (speaker.id, speaker.name, speaker.statements) == (kestrel.id, kestrel.name, 4)


def test_shared_names_match_alike_on_both_databases(new_db: Callable[[str], str]) -> None:
    """Surnames, initials, organisations written with a demonym: one speaker each."""
    index = SpeakerIndex()
    with open_store(new_db("names")) as store:
        store.save([article(*NEW)], assign=index.assign)
        store.save(
            [article(("O. Kestrel", PERSON), ("Morvask Foreign Ministry", ORG))],
            assign=index.assign,
        )
        names = sorted((s.name, s.statements) for s in store.speakers())
    assert names == [
        ("Morvaskan Foreign Ministry", 3),
        ("Oriane Kestrel", 4),
        ("a senior official", 1),
    ]
