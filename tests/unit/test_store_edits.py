"""Schema v5 of the store: the edit log, corrections of articles and statements, fetched pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from tests.postgres_server import NewDb
from tests.unit.test_store import LEADER, TEXT_A, ZARIF, article_a, article_b, article_c

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    EditAction,
    FetchedPage,
    MentionKind,
    Precision,
    Span,
    StatementDate,
    StatementFilter,
)
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.derived import bring_up_to_date
from onrecord.store import SCHEMA_VERSION, Store, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS


@pytest.fixture
def store(new_db: NewDb) -> Store:
    opened = open_store(new_db("corpus"))
    opened.save([article_a(), article_b(), article_c()])
    return opened


def _article_a_id(store: Store) -> str:
    return store.article("tehran-times-2018").id


def test_a_version_4_database_keeps_its_speaker_edits_in_the_log(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path)
    for ddl in (*MIGRATIONS[1], *MIGRATIONS[2], *MIGRATIONS[3], *MIGRATIONS[4]):
        conn.execute(ddl)
    conn.executemany(
        "INSERT INTO speaker_edits (action, target, other, made_at) VALUES (?, ?, ?, ?)",
        [
            ("merge", "Ali Khamenei", "Supreme Leader", "2024-01-01T00:00:00+00:00"),
            ("rename", "Ali Khamenei", "Sayyid Ali Khamenei", "2024-01-02T00:00:00+00:00"),
        ],
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with open_store(path) as upgraded:
        assert [(e.action, e.target, e.other) for e in upgraded.speaker_edits()] == [
            ("merge", "Ali Khamenei", "Supreme Leader"),
            ("rename", "Ali Khamenei", "Sayyid Ali Khamenei"),
        ]
        merge, rename = upgraded.edits()
        assert (merge.action, merge.old, merge.new, merge.made_at) == (
            EditAction.MERGE,
            "Supreme Leader",
            "Ali Khamenei",
            "2024-01-01T00:00:00+00:00",
        )
        assert (rename.field, rename.old, rename.new) == (
            "name",
            "Ali Khamenei",
            "Sayyid Ali Khamenei",
        )
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}
    assert "speaker_edits" not in tables and {"edits", "fetched_pages"} <= tables
    conn.close()


def test_speaker_merges_and_renames_are_logged_with_the_speaker_and_who(store: Store) -> None:
    merged = store.merge_speakers(LEADER, ZARIF, by="ana")
    store.rename_speaker(LEADER, "Ali Khamenei")
    merge, rename = store.edits(speaker=merged.id)
    assert (merge.action, merge.made_by, merge.old, merge.new) == (
        EditAction.MERGE,
        "ana",
        ZARIF,
        LEADER,
    )
    assert (rename.action, rename.made_by, rename.old, rename.new) == (
        EditAction.RENAME,
        None,
        LEADER,
        "Ali Khamenei",
    )
    assert store.replay_speaker_edits() == 0


def test_setting_article_fields_logs_old_and_new_and_fixes_them(store: Store) -> None:
    article = _article_a_id(store)
    edits = store.set_article(
        article, {"published": dt.date(2018, 8, 14), "outlet": "Tehran Times"}, by="ana"
    )
    (edit,) = edits  # the outlet did not change: nothing logged for it
    assert (edit.action, edit.field, edit.old, edit.new, edit.made_by, edit.article) == (
        EditAction.SET,
        "published",
        "2018-08-13",
        "2018-08-14",
        "ana",
        article,
    )
    view = store.article(article)
    assert (view.published, view.published_evidence) == (dt.date(2018, 8, 14), "set by hand")
    assert store.fixed_fields(article) == {"published"}
    assert store.set_article(article, {"published": dt.date(2018, 8, 14)}) == []
    assert store.edits(article=article) == edits


def test_clearing_a_field_stores_unknown(store: Store) -> None:
    article = _article_a_id(store)
    (edit,) = store.set_article(article, {"published": None})
    assert (edit.old, edit.new) == ("2018-08-13", None)
    view = store.article(article)
    assert (view.published, view.published_evidence) == (None, None)


def test_a_reingest_update_never_overrides_a_field_set_by_hand(store: Store) -> None:
    article = _article_a_id(store)
    store.set_article(article, {"title": "The Leader on talks"})
    edits = store.update_article(
        article,
        {"title": "Khamenei rules out talks", "outlet": "IRNA"},
        origin="wire.jsonl:1",
        evidence="JSONL field",
    )
    (edit,) = edits
    assert (edit.action, edit.field, edit.old, edit.new, edit.origin) == (
        EditAction.UPDATE,
        "outlet",
        "Tehran Times",
        "IRNA",
        "wire.jsonl:1",
    )
    view = store.article(article)
    assert (view.title, view.outlet) == ("The Leader on talks", "IRNA")
    assert store.fixed_fields(article) == {"title"}


def test_new_statement_dates_are_written_and_day_changes_logged(store: Store) -> None:
    article = _article_a_id(store)
    first, second = store.article(article).statements
    start = TEXT_A.index("on Sunday")
    sunday = StatementDate(
        dt.date(2018, 8, 12),
        Precision.DAY,
        "on Sunday",
        Span(start, start + 9),
        "weekday on or before publication",
    )
    edits = store.set_article(
        article,
        {"published": dt.date(2018, 8, 14)},
        dates={first.id: sunday, second.id: None},
    )
    date_set, redate = edits
    assert (redate.action, redate.statement, redate.old, redate.new, redate.cause) == (
        EditAction.REDATE,
        first.id,
        None,
        "2018-08-12",
        date_set.id,
    )
    assert store.statement(first.id).said_on_evidence == {
        "expression": "on Sunday",
        "span": [start, start + 9],
        "method": "weekday on or before publication",
    }
    assert store.statement(second.id).said_on is None
    assert store.edits(statement=first.id) == [redate]


def test_dates_are_not_touched_when_neither_date_nor_url_changes(store: Store) -> None:
    article = _article_a_id(store)
    first, _ = store.article(article).statements
    date = StatementDate(dt.date(2000, 1, 1), Precision.DAY, "x", None, "test")
    edits = store.set_article(article, {"title": "New"}, dates={first.id: date})
    assert [e.field for e in edits] == ["title"]
    assert store.statement(first.id).said_on is None


def test_reassigning_a_statement_moves_it_and_logs_both_names(store: Store) -> None:
    article = _article_a_id(store)
    _, second = store.article(article).statements
    assert second.speaker == ZARIF
    edit, speakers = store.reassign_statement(second.id, LEADER, by="ana")
    assert edit is not None
    leader = store.speaker(LEADER)
    assert (edit.action, edit.old, edit.new, edit.speaker, edit.statement) == (
        EditAction.REASSIGN,
        ZARIF,
        LEADER,
        leader.id,
        second.id,
    )
    assert speakers == sorted({leader.id, second.speaker_id})
    assert store.statement(second.id).speaker == LEADER
    assert store.reassign_statement(second.id, LEADER) == (None, [leader.id])
    with pytest.raises(NotFoundError, match="no speaker is named 'Nobody'"):
        store.reassign_statement(second.id, "Nobody")


def test_reassigning_to_a_new_speaker_creates_it(store: Store) -> None:
    _, second = store.article(_article_a_id(store)).statements
    edit, _ = store.reassign_statement(second.id, "  Abbas  Araghchi ", new_kind=MentionKind.PERSON)
    assert edit is not None and edit.new == "Abbas Araghchi"
    assert store.speaker("Abbas Araghchi").statements == 1


def test_a_missing_statement_names_where_numbers_are(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.reassign_statement(999, LEADER)
    assert caught.value.message == "no statement has the number 999"
    assert caught.value.hint == (
        "statement numbers are the `id` of `onrecord statements --format jsonl`"
    )
    with pytest.raises(NotFoundError, match="999"):
        store.statement(999)


def test_deleting_a_statement_keeps_what_it_was(store: Store) -> None:
    article = _article_a_id(store)
    first, second = store.article(article).statements
    edit, speakers = store.delete_statement(second.id, by="ana")
    assert speakers == [second.speaker_id]
    assert [s.id for s in store.article(article).statements] == [first.id]
    assert (
        list(store.statements(StatementFilter(text="table"))) == []
    )  # the full-text index forgot it
    was = json.loads(edit.old or "")
    assert (was["speaker"], was["content"], was["spans"]) == (
        ZARIF,
        second.content,
        second.spans,
    )
    assert store.edits(statement=second.id) == [edit]
    assert store.edits(article=article) == [edit]
    with pytest.raises(NotFoundError):
        store.delete_statement(second.id)


def test_a_reassignment_undone_by_an_ingest_is_applied_again(store: Store) -> None:
    _, second = store.article(_article_a_id(store)).statements
    store.reassign_statement(second.id, LEADER)
    # Something later (a replayed merge, a new name learnt) gives it back to Zarif.
    assert store.replay_statement_edits() == []
    zarif = store.speaker(ZARIF).id
    assert zarif is not None
    other = store._db  # type: ignore[attr-defined]  # white-box: a change made outside
    other.execute("UPDATE statements SET speaker_id = ? WHERE id = ?", (zarif, second.id))
    touched = store.replay_statement_edits()
    assert store.statement(second.id).speaker == LEADER
    assert set(touched) == {zarif, store.speaker(LEADER).id}


def test_fetched_pages_keep_their_bytes_and_are_found_by_either_url(store: Store) -> None:
    article = _article_a_id(store)
    body = "<html><body>Caf\u00e9</body></html>".encode("cp1252")
    page = FetchedPage(
        url="http://127.0.0.1:9/a",
        final_url="http://127.0.0.1:9/news/a.html",
        fetched_at="2024-05-01T12:00:00+00:00",
        status=200,
        content_type="text/html; charset=windows-1252",
        body=body,
        article=article,
    )
    orphan = FetchedPage("http://127.0.0.1:9/b", "http://127.0.0.1:9/b", "t", 200, None, b"x")
    store.save_pages([page, orphan])
    assert store.fetched_page("http://127.0.0.1:9/a") == page
    assert store.fetched_page("http://127.0.0.1:9/news/a.html") == page
    assert store.fetched_page("http://127.0.0.1:9/b") is None  # no article read from it
    assert store.article_pages(article) == [page]


def test_captions_are_stored_with_the_article_and_read_back(new_db: NewDb) -> None:
    processed = article_a()
    start = TEXT_A.index("The foreign minister")
    captioned = dataclasses.replace(
        processed,
        article=dataclasses.replace(processed.article, captions=(Span(start, start + 20),)),
    )
    with open_store(new_db("c")) as store:
        store.save([captioned])
        assert store.article("tehran-times-2018").captions == (Span(start, start + 20),)
        outside = dataclasses.replace(
            article_b(),
            article=dataclasses.replace(article_b().article, captions=(Span(0, 10_000),)),
        )
        with pytest.raises(StoreError, match="caption 0 \\[0, 10000\\) is outside the text"):
            store.save([outside])


def test_an_edit_marks_the_speakers_articles_pending_in_its_own_transaction(store: Store) -> None:
    update_clusters(store)
    store.clear_pending(store.pending_articles())
    first, second = store.article("tehran-times-2018").statements
    leader = first.speaker_id
    assert leader is not None and list(store.speech_events(leader))
    store.reassign_statement(second.id, str(leader))
    # Killed here, before the rebuild: the clusters are gone and the articles say so.
    assert list(store.speech_events(leader)) == []
    ids = {a.id for a in store.articles()}
    leader_articles = {v.article for v in store.statements() if v.speaker_id == leader}
    assert set(store.pending_articles()) == leader_articles and leader_articles <= ids
    report = bring_up_to_date(store)  # what the next ingest or `onrecord repair` does
    assert report.articles == len(leader_articles) and store.pending_articles() == []
    assert any(second.id in {s.id for s in e.statements} for e in store.speech_events(leader))
