"""The store's corpus tables: clusters, links, speech events, topics and stances; upgrades."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from tests.postgres_server import NewDb
from tests.unit.test_store import LEADER, TEXT_A, article_a, article_b, article_c

from onrecord.clustering import LexicalScorer
from onrecord.errors import NotFoundError, StoreError
from onrecord.models import (
    ClusterAssignment,
    ClusterLink,
    ClusterUpdate,
    MentionKind,
    Span,
    Speaker,
    Stance,
    StanceCue,
    StanceLabel,
    StatementFilter,
    StatementTopic,
    Topic,
)
from onrecord.pipeline.corpus import merge_speakers, update_clusters
from onrecord.pipeline.topics import apply_topics
from onrecord.store import SCHEMA_VERSION, Store, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS

TOPIC = Topic(
    name="talks-with-us",
    description="Whether Iran should hold talks with the United States.",
    proposition="Iran should negotiate with the United States",
    examples=("There will be no talks with the US.",),
    keywords=("talks", "negotiations"),
    entities=("US", "United States", "America"),
)


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests use the lexical paraphrase rule (no model to load)."""
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


@pytest.fixture
def store(new_db: NewDb) -> Store:
    opened = open_store(new_db("corpus"))
    opened.save([article_a(), article_b(), article_c()])
    return opened


def test_schema_has_version_4() -> None:
    assert SCHEMA_VERSION >= 4 and {1, 2, 3, 4} <= set(MIGRATIONS)


def test_a_version_2_database_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path)
    for ddl in (*MIGRATIONS[1], *MIGRATIONS[2]):
        conn.execute(ddl)
    conn.execute(
        "INSERT INTO articles (id, doc, source, text, ingested_at) "
        "VALUES ('abc', 'doc', 'src', 'Ayatollah Khamenei said no talks.', '2024-01-01')"
    )
    conn.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Ali Khamenei', 'person')")
    conn.execute(
        "INSERT INTO statements (article_id, position, speaker_id, speaker_kind, kind, "
        "confidence, source_text, cue_text, content_text) "
        "VALUES ('abc', 0, 1, 'person', 'indirect', 1.0, 'Ayatollah Khamenei', 'said', 'no talks')"
    )
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with open_store(path) as upgraded:
        assert upgraded.cluster_backlog() and len(upgraded.unclustered_statements()) == 1
        assert list(upgraded.speech_events()) == [] and upgraded.topics() == []
        report = update_clusters(upgraded, LexicalScorer())
        assert (report.speakers, report.statements, report.events) == (1, 1, 1)
        (event,) = upgraded.speech_events()
        assert [v.content for v in event.statements] == ["no talks"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert {"statement_clusters", "statement_bands", "cluster_links", "speech_events"} <= tables
    conn.close()


def test_clusters_and_events_are_stored_and_read_back(store: Store) -> None:
    report = update_clusters(store, LexicalScorer())
    leader = store.speaker(LEADER).id
    assert report.statements == 4 and store.unclustered_statements() == []
    events = list(store.speech_events(leader))
    assert {v.speaker for e in events for v in e.statements} == {"Ayatollah Seyyed Ali Khamenei"}
    # Dated events come in date order; the undated blog is last.
    assert [e.said_on for e in events][-1] is None
    for event in events:
        assert set(event.clusters) == {v.id for v in event.statements}
    mine = [i.statement_id for i in store.cluster_inputs(speakers=[leader])]
    assert len(store.cluster_members(mine)) == 3
    assert update_clusters(store, LexicalScorer()).statements == 0  # nothing new: no work
    assert update_clusters(store, statements=mine).statements == 0  # already clustered


def test_an_update_with_a_bad_link_is_refused_whole(store: Store) -> None:
    update_clusters(store, LexicalScorer())
    (first, *_) = [v.id for v in store.statements()]
    bad = ClusterUpdate(
        (ClusterAssignment(first, first, None),),
        {},
        (ClusterLink(5, 2, "verbatim", 1.0),),
        (),
        (),
        (),
    )
    with pytest.raises(StoreError, match="bad cluster link"):
        store.save_clusters(bad)


def test_a_merge_forgets_both_speakers_clusters_and_rebuilds_them(store: Store) -> None:
    update_clusters(store, LexicalScorer())
    zarif = store.speaker("Mohammad Javad Zarif").id
    merged = merge_speakers(store, LEADER, "Mohammad Javad Zarif")
    assert merged.statements == 4 and store.unclustered_statements() == []
    events = list(store.speech_events(merged.id))
    assert sum(len(e.statements) for e in events) == 4
    assert zarif not in {e.speaker_id for e in store.speech_events()}


def test_topics_are_stored_with_a_hash_and_only_changes_rescore(store: Store) -> None:
    first = apply_topics(store, [TOPIC], only_changed=True)
    assert first.topics == ("talks-with-us",) and first.articles == 3
    assert apply_topics(store, [TOPIC], only_changed=True).topics == ()
    changed = dataclasses.replace(TOPIC, keywords=("talks",))
    assert apply_topics(store, [changed], only_changed=True).topics == ("talks-with-us",)
    (summary,) = store.topic_summaries()
    assert summary.topic == changed and summary.statements >= 3
    assert set(summary.stances) == {"for", "against", "neutral"}


def test_stances_keep_their_cue_spans_into_the_article(store: Store) -> None:
    apply_topics(store, [TOPIC])
    views = list(store.statements(StatementFilter(speaker_id=store.speaker(LEADER).id)))
    rows = store.statement_topics([v.id for v in views], "talks-with-us")
    texts = {v.id: store.article(v.article).text for v in views}
    against = [r for r in rows if r.stance.label == StanceLabel.AGAINST]
    assert against
    for row in rows:
        for cue in row.stance.cues:
            assert texts[row.statement_id][cue.span.start : cue.span.end] == cue.text


def test_a_cue_span_outside_the_text_is_refused(store: Store) -> None:
    store.save_topics([TOPIC])
    view = next(store.statements(StatementFilter(article_id=store.article("tehran-times").id)))
    cue = StanceCue("no", Span(len(TEXT_A), len(TEXT_A) + 5), "negation", "article")
    row = StatementTopic(view.id, TOPIC.name, 0.5, True, Stance(StanceLabel.AGAINST, None, (cue,)))
    with pytest.raises(StoreError, match="is not a span of the article text"):
        store.save_statement_topics([row])
    assert store.statement_topics([view.id]) == []


def test_statements_filter_by_topic_and_unknown_topics_name_the_fix(store: Store) -> None:
    apply_topics(store, [TOPIC])
    on_topic = list(store.statements(StatementFilter(topic="talks-with-us")))
    assert on_topic and all(
        "talks" in v.content.lower() or "negotiat" in v.content.lower() or "US" in v.content
        for v in on_topic
    )
    with pytest.raises(NotFoundError) as caught:
        store.statements(StatementFilter(topic="trade"))
    assert (
        caught.value.hint
        == "add topics with `onrecord topics apply FILE`; stored topics: talks-with-us"
    )
    store.remove_topic("talks-with-us")
    assert store.topics() == [] and store.statement_topics([v.id for v in on_topic]) == []


def test_events_of_two_days_stay_apart(new_db: NewDb) -> None:
    with open_store(new_db("two")) as two:
        a, b = article_a(), article_b()
        leader = Speaker("Ali Khamenei", MentionKind.PERSON, (LEADER,), id=1)
        for processed in (a, b):
            statements = tuple(
                dataclasses.replace(s, canonical=leader) if s.speaker == LEADER else s
                for s in processed.statements
            )
            two.save([dataclasses.replace(processed, statements=statements)])
            update_clusters(two, LexicalScorer())
        # Two articles a year apart, nothing in common: two events, however they arrive.
        assert len(list(two.speech_events(1))) == 2
