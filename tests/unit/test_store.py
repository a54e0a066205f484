"""Unit tests of onrecord.store on records built by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from tests.postgres_server import NewDb

from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    Article,
    Attribution,
    Kind,
    MentionKind,
    Metadata,
    Precision,
    ProcessedArticle,
    Segment,
    Span,
    Statement,
    StatementDate,
    StatementFilter,
    StatementView,
)
from onrecord.models import article_id as make_id
from onrecord.store import SCHEMA_VERSION, Store, open_store
from onrecord.store.listings import match_expression
from onrecord.store.schema import APPLICATION_ID

LEADER = "Ayatollah Seyyed Ali Khamenei"
ZARIF = "Mohammad Javad Zarif"


def spans(text: str, *fragments: str) -> tuple[Span, ...]:
    """Return the spans of the first occurrence of each fragment in `text`."""
    found = []
    for fragment in fragments:
        start = text.index(fragment)
        found.append(Span(start, start + len(fragment)))
    return tuple(found)


def statement(
    text: str,
    speaker: str | None,
    source: tuple[str, ...],
    cue: str,
    content: tuple[str, ...],
    kind: Kind = Kind.DIRECT,
) -> Statement:
    """Return a statement whose spans are the first occurrences of the fragments."""
    return Statement(
        attribution=Attribution(
            source=spans(text, *source),
            cue=spans(text, cue),
            content=spans(text, *content),
            kind=kind,
            confidence=0.9,
        ),
        speaker=speaker,
        speaker_kind=MentionKind.PERSON if speaker else MentionKind.UNKNOWN,
        speaker_span=spans(text, speaker)[0] if speaker and speaker in text else None,
    )


def processed(
    text: str,
    doc: str,
    outlet: str | None,
    published: dt.date | None,
    statements: tuple[Statement, ...] = (),
) -> ProcessedArticle:
    """Return a processed article with the given metadata and statements."""
    article = Article(
        id=make_id(text),
        doc=doc,
        source=f"/corpus/{doc}.txt",
        text=text,
        metadata=Metadata(
            title=f"Title of {doc}",
            outlet=outlet,
            published=published,
            published_evidence="header: test" if published else None,
            url=f"https://example.org/{doc}",
        ),
        segments=(Segment(0, 10, len(text)),),
    )
    return ProcessedArticle(article, statements)


TEXT_A = (
    f'{LEADER} said on Sunday: "There will be no talks with the US." '
    'The foreign minister, Mohammad Javad Zarif, said talks were "off the table for now".'
)
TEXT_B = (
    f"{LEADER} told a crowd that negotiations with America were poison. "
    'Officials said the "US" and its allies had to choose.'
)
TEXT_C = f'"Talks, talks, talks with the US are useless," said {LEADER}, in an undated note.'


def article_a() -> ProcessedArticle:
    return processed(
        TEXT_A,
        "tehran-times-2018",
        "Tehran Times",
        dt.date(2018, 8, 13),
        (
            statement(TEXT_A, LEADER, (LEADER,), "said", ("There will be no talks with the US.",)),
            statement(
                TEXT_A,
                ZARIF,
                ("The foreign minister, Mohammad Javad Zarif",),
                "said talks were",
                ("talks were", "off the table for now"),
                Kind.MIXED,
            ),
        ),
    )


def article_b() -> ProcessedArticle:
    return processed(
        TEXT_B,
        "reuters-2019",
        "Reuters",
        dt.date(2019, 5, 14),
        (
            statement(
                TEXT_B,
                LEADER,
                (LEADER,),
                "told",
                ("negotiations with America were poison",),
                Kind.INDIRECT,
            ),
            statement(
                TEXT_B, None, ("Officials",), "said", ('the "US" and its allies had to choose',)
            ),
        ),
    )


def article_c() -> ProcessedArticle:
    return processed(
        TEXT_C,
        "blog-undated",
        None,
        None,
        (statement(TEXT_C, LEADER, (LEADER,), "said", ("Talks, talks, talks with the US",)),),
    )


@pytest.fixture
def store(new_db: NewDb) -> Store:
    opened = open_store(new_db("corpus"))
    opened.save([article_a(), article_b(), article_c()])
    return opened


def assert_provenance(store: Store, views: list[StatementView]) -> None:
    """Every span of every view reproduces the text the view shows for its role."""
    assert views
    for view in views:
        text = store.article(view.article).text
        assert set(view.spans) == {"source", "cue", "content"}
        for role in ("source", "cue", "content"):
            pieces = [text[start:end] for start, end in view.spans[role]]
            assert " … ".join(pieces) == getattr(view, role)


# --- opening ---------------------------------------------------------------------


def test_new_file_gets_schema_version_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as opened:
        assert opened.counts() == {"articles": 0, "statements": 0, "speakers": 0}
        conn = opened._db  # type: ignore[attr-defined]  # white-box: the pragma is per connection
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_reopening_keeps_the_data(new_db: NewDb) -> None:
    path = new_db("corpus")
    with open_store(path) as first:
        first.save([article_a()])
    with open_store(str(path)) as second:
        assert second.has_article(article_a().article.id)


def test_non_sqlite_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "is not a SQLite database" in caught.value.message
    assert caught.value.hint == "give the path of an onrecord database, or a new file name"


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "newer than this onrecord understands" in caught.value.message
    assert caught.value.hint == "upgrade onrecord (pip install -U onrecord) to open it"


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.close()
    with pytest.raises(StoreError, match="not one onrecord made"):
        open_store(path)


def test_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_closed_store_raises_store_error(new_db: NewDb) -> None:
    opened = open_store(new_db("c"))
    opened.close()
    with pytest.raises(StoreError, match="is closed"):
        opened.counts()


# --- writing ---------------------------------------------------------------------


def test_round_trip(store: Store) -> None:
    original = article_a()
    view = store.article(original.article.id)
    meta = original.article.metadata
    assert (view.id, view.doc, view.source, view.text) == (
        original.article.id,
        original.article.doc,
        original.article.source,
        original.article.text,
    )
    assert (view.title, view.outlet, view.published, view.published_evidence, view.url) == (
        meta.title,
        meta.outlet,
        meta.published,
        meta.published_evidence,
        meta.url,
    )
    assert [s.speaker for s in view.statements] == [LEADER, ZARIF]
    first, second = view.statements
    assert first.content == "There will be no talks with the US."
    assert first.kind == "direct" and first.speaker_kind == "person"
    assert first.title == meta.title and first.published == meta.published
    assert second.content == "talks were … off the table for now"
    assert second.kind == "mixed"
    assert second.spans["content"] == [
        [s.start, s.end] for s in original.statements[1].attribution.content
    ]
    assert store.counts() == {"articles": 3, "statements": 5, "speakers": 2}


def test_statements_are_stored_in_text_order(new_db: NewDb) -> None:
    original = article_a()
    reversed_order = ProcessedArticle(original.article, original.statements[::-1])
    with open_store(new_db("o")) as opened:
        opened.save([reversed_order])
        assert [s.speaker for s in opened.article(original.article.id).statements] == [
            LEADER,
            ZARIF,
        ]


def test_duplicates_are_skipped(new_db: NewDb) -> None:
    with open_store(new_db("d")) as opened:
        assert opened.save([article_a(), article_a()]) == [article_a().article.id]
        assert opened.save([article_a(), article_b()]) == [article_b().article.id]
        assert opened.save([article_b()]) == []
        assert opened.save([]) == []
        assert opened.counts()["articles"] == 2
        assert opened.counts()["statements"] == 4


def test_invalid_span_rolls_back_the_whole_batch(new_db: NewDb) -> None:
    good = article_a()
    text = "A short text."
    bad = processed(
        text,
        "bad",
        "Outlet",
        None,
        (Statement(Attribution((), (), (Span(2, len(text) + 5),), Kind.DIRECT), None),),
    )
    with open_store(new_db("a")) as opened:
        with pytest.raises(StoreError) as caught:
            opened.save([good, bad])
        assert "content span [2, 18) is outside the text (length 13)" in caught.value.message
        assert opened.counts() == {"articles": 0, "statements": 0, "speakers": 0}
        assert not opened.has_article(good.article.id)


def test_failure_inside_the_transaction_rolls_back(new_db: NewDb) -> None:
    good = article_a()
    text = "Someone said nothing."
    unbindable = Attribution((), (), (Span(0, 7),), Kind.DIRECT, confidence=object())  # type: ignore[arg-type]
    bad = processed(text, "bad", "Outlet", None, (Statement(unbindable, "Someone"),))
    with open_store(new_db("t")) as opened:
        with pytest.raises(StoreError, match="cannot store the batch"):
            opened.save([good, bad])
        assert opened.counts() == {"articles": 0, "statements": 0, "speakers": 0}
        assert search(opened, "talks") == []
        assert opened.save([good]) == [good.article.id]


def test_bad_segment_is_refused(new_db: NewDb) -> None:
    original = article_a()
    article = original.article
    broken = Article(
        article.id,
        article.doc,
        article.source,
        article.text,
        article.metadata,
        (Segment(5, 0, 10**6),),
    )
    with open_store(new_db("s")) as opened, pytest.raises(StoreError, match="segment 0"):
        opened.save([ProcessedArticle(broken, original.statements)])


# --- reading ---------------------------------------------------------------------


def listed(store: Store, **filters: object) -> list[StatementView]:
    """Return every statement the store's filter keeps, as a list."""
    return list(store.statements(StatementFilter(**filters)))  # type: ignore[arg-type]


def test_speaker_filter_takes_the_speaker_number(store: Store) -> None:
    leader = store.speaker(LEADER).id
    assert [v.speaker for v in listed(store, speaker_id=leader)] == [LEADER] * 3
    assert [v.speaker for v in listed(store, speaker_id=store.speaker(ZARIF).id)] == [ZARIF]
    assert listed(store, speaker_id=999) == []


def test_statements_are_ordered_by_speaker_then_date(store: Store) -> None:
    views = listed(store)
    assert [(v.speaker, v.doc) for v in views] == [
        (LEADER, "tehran-times-2018"),
        (LEADER, "reuters-2019"),
        (LEADER, "blog-undated"),
        (ZARIF, "tehran-times-2018"),
        (None, "reuters-2019"),
    ]


def test_outlet_and_date_filters(store: Store) -> None:
    leader = store.speaker(LEADER).id
    assert {v.doc for v in listed(store, outlet="reut")} == {"reuters-2019"}
    since = listed(store, speaker_id=leader, since=dt.date(2019, 5, 14))
    assert [v.doc for v in since] == ["reuters-2019"]
    until = listed(store, speaker_id=leader, until=dt.date(2018, 8, 13))
    assert [v.doc for v in until] == ["tehran-times-2018"]
    both = StatementFilter(since=dt.date(2018, 1, 1), until=dt.date(2019, 12, 31))
    assert "blog-undated" not in {v.doc for v in store.statements(both)}
    assert store.statement_count(both) == 4
    assert store.undated_count(both) == 1  # the blog's statement: no date said or published
    with_undated = StatementFilter(since=dt.date(2018, 1, 1), include_undated=True)
    assert store.statement_count(with_undated) == 5


def test_a_said_on_date_comes_before_the_publication_date(new_db: NewDb) -> None:
    said = dataclasses.replace(
        article_b().statements[0],
        said_on=StatementDate(dt.date(2017, 3, 1), Precision.DAY, "March 1, 2017", None, "test"),
    )
    with open_store(new_db("d")) as opened:
        opened.save([ProcessedArticle(article_b().article, (said,))])
        early = StatementFilter(until=dt.date(2017, 12, 31))
        assert [v.said_on for v in opened.statements(early)] == [dt.date(2017, 3, 1)]
        assert opened.statement_count(StatementFilter(since=dt.date(2019, 1, 1))) == 0


def test_article_kind_and_limit_filters(store: Store) -> None:
    views = listed(store, article_id=article_b().article.id)
    assert {v.article for v in views} == {article_b().article.id}
    assert len(views) == 2
    assert [v.kind for v in listed(store, kind="mixed")] == ["mixed"]
    everything = listed(store)
    page = list(store.statements(limit=2, offset=1))
    assert [v.id for v in page] == [v.id for v in everything[1:3]]
    assert list(store.statements(limit=0)) == []


def test_speakers_summary(store: Store) -> None:
    leader, zarif = store.speakers()
    assert [s.name for s in store.speakers(limit=1, offset=1)] == [ZARIF]
    assert (leader.name, leader.kind, leader.statements, leader.articles) == (
        LEADER,
        "person",
        3,
        3,
    )
    assert leader.outlets == ("Reuters", "Tehran Times")
    assert (zarif.name, zarif.statements, zarif.outlets) == (ZARIF, 1, ("Tehran Times",))


def search(store: Store, text: str, **filters: object) -> list[StatementView]:
    """Return the statements a full-text search finds, best first."""
    return listed(store, text=text, **filters)


def test_search_finds_content_and_ranks_by_bm25(store: Store) -> None:
    views = search(store, "talks US")
    assert [v.doc for v in views] == ["blog-undated", "tehran-times-2018"]
    assert [v.content for v in search(store, "poison")] == ["negotiations with America were poison"]
    assert search(store, "   ") == []
    assert store.statement_count(StatementFilter(text="talks US")) == 2
    assert store.statement_count(StatementFilter(text=" ")) == 0
    dated = search(store, "talks US", since=dt.date(2018, 1, 1))
    assert [v.doc for v in dated] == ["tehran-times-2018"]


@pytest.mark.parametrize(
    "query",
    ['"US" AND (talks', "talks-US", "US'", "NEAR(talks", "talks*", "content:US", '"', "(", "^"],
)
def test_search_with_odd_characters_does_not_raise(store: Store, query: str) -> None:
    search(store, query)


def test_search_quotes_every_term() -> None:
    assert match_expression('US AND (talks') == '"US" "AND" "(talks"'
    assert match_expression('"US') == '"""US"'
    assert match_expression("") == ""


def test_search_takes_phrases_and_prefixes() -> None:
    assert match_expression('"no  talks" with*') == '"no talks" "with"*'
    assert match_expression('"" * talks**') == '"*" "talks"*'


def test_a_phrase_keeps_its_word_order_and_a_prefix_finds_longer_words(tmp_path: Path) -> None:
    # SQLite's FTS5 only: PostgreSQL drops stop words from a phrase and has no prefixes.
    store = open_store(tmp_path / "phrases.db")
    store.save([article_a(), article_b(), article_c()])
    assert {v.doc for v in search(store, '"talks with"')} == {
        v.doc for v in search(store, "talks with")
    }
    assert search(store, '"with talks"') == []
    assert search(store, "negot") == []
    found = {v.doc for v in search(store, "negot*")}
    assert found and found == {v.doc for v in search(store, "negotiations")}


def test_search_stays_in_sync_when_statements_are_deleted(new_db: NewDb) -> None:
    path = new_db("sync")
    with open_store(path) as opened:
        opened.save([article_a(), article_c()])
        raw = opened._db  # type: ignore[attr-defined]  # white-box: a delete made in SQL
        raw.execute("DELETE FROM articles WHERE id = ?", (article_c().article.id,))
    with open_store(path) as opened:
        assert {v.doc for v in search(opened, "talks")} == {"tehran-times-2018"}


def test_article_by_id_prefix_and_doc(store: Store) -> None:
    wanted = article_b().article.id
    assert store.article(wanted).id == wanted
    assert store.article(wanted[:6]).id == wanted
    assert store.article(wanted[:8].upper()).id == wanted
    assert store.article("reuters-2019").id == wanted
    assert store.article("reuters").id == wanted  # the start of a doc name
    assert [s.doc for s in store.article("reuters-2019").statements] == ["reuters-2019"] * 2


def test_article_missing_or_ambiguous(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.article("no-such-doc")
    assert caught.value.hint is not None
    assert "list articles with `onrecord articles`" in caught.value.hint
    with pytest.raises(NotFoundError):
        store.article(article_a().article.id[:5])  # too short to be a prefix
    twin = processed("Another text entirely.", "reuters-2019", "Reuters", None)
    store.save([twin])
    with pytest.raises(NotFoundError, match="matches 2 articles"):
        store.article("reuters-2019")


def test_articles_listing(store: Store) -> None:
    listing = list(store.articles())
    assert [a.doc for a in listing] == ["tehran-times-2018", "reuters-2019", "blog-undated"]
    assert all(a.statements == () for a in listing)
    assert [a.doc for a in store.articles(limit=1, offset=2)] == ["blog-undated"]


def test_provenance_invariant(store: Store) -> None:
    assert_provenance(store, listed(store))
    assert_provenance(store, search(store, "talks"))
    for article in store.articles():
        assert_provenance(store, list(store.article(article.id).statements))
