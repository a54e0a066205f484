"""Derived data is never stale: a run killed between storing and clustering is finished later."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.unit.test_store import article_a, article_b, article_c
from tests.unit.test_store_corpus import TOPIC

from onrecord.cli import main
from onrecord.pipeline.corpus import update_clusters
from onrecord.pipeline.derived import bring_up_to_date, finish_pending
from onrecord.pipeline.topics import apply_topics
from onrecord.store import Store, open_store
from onrecord.store.schema import APPLICATION_ID, MIGRATIONS


@pytest.fixture(autouse=True)
def lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests use the lexical paraphrase rule (no model to load)."""
    monkeypatch.setenv("ONRECORD_PARAPHRASE", "lexical")


def derived(store: Store) -> dict[str, object]:
    """Everything derived from the statements, by statement number (ids are the same)."""
    statements = [v.id for v in store.statements()]
    return {
        "clusters": store.cluster_members(statements),
        "events": [(e.speaker_id, [v.id for v in e.statements]) for e in store.speech_events()],
        "scores": sorted(
            (t.statement_id, t.topic, t.score, t.stance.label)
            for t in store.statement_topics(statements)
        ),
    }


def _clean_run(path: Path) -> Store:
    store = open_store(path)
    apply_topics(store, [TOPIC])
    ids = store.save([article_a(), article_b(), article_c()])
    bring_up_to_date(store, ids)
    return store


def test_a_stored_article_is_pending_until_clustered_and_scored(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        apply_topics(store, [TOPIC])
        ids = store.save([article_a(), article_b()])
        assert store.pending_articles() == sorted(ids)
        done = bring_up_to_date(store, ids[:1])
        assert store.pending_articles() == sorted(ids[1:])
        assert done.articles == 1 and done.scored == len(article_a().statements)


def test_a_kill_before_clustering_is_finished_by_the_next_run(tmp_path: Path) -> None:
    with _clean_run(tmp_path / "clean.db") as clean:
        want = derived(clean)
    with open_store(tmp_path / "killed.db") as killed:
        apply_topics(killed, [TOPIC])
        killed.save([article_a(), article_b(), article_c()])  # the kill comes here
        assert derived(killed)["scores"] == [] and killed.pending_articles()
        done = finish_pending(killed)
        assert done.articles == 3 and done.scored > 0
        assert derived(killed) == want
        assert killed.pending_articles() == []
        assert finish_pending(killed).articles == 0  # nothing left: a second run does nothing
        assert derived(killed) == want


def test_a_kill_between_clustering_and_scoring_is_finished(tmp_path: Path) -> None:
    with _clean_run(tmp_path / "clean.db") as clean:
        want = derived(clean)
    with open_store(tmp_path / "half.db") as half:
        apply_topics(half, [TOPIC])
        ids = half.save([article_a(), article_b(), article_c()])
        update_clusters(half, statements=half.article_statements(ids))  # then the kill
        finish_pending(half)
        assert derived(half) == want


def test_topic_scoring_cut_short_is_finished(tmp_path: Path) -> None:
    with _clean_run(tmp_path / "clean.db") as clean:
        want = derived(clean)
    with open_store(tmp_path / "cut.db") as cut:
        ids = cut.save([article_a(), article_b(), article_c()])
        bring_up_to_date(cut, ids)
        cut.save_topics([TOPIC])  # `topics apply` killed right after storing the topic
        assert cut.unscored_topics() == [TOPIC.name]
        done = finish_pending(cut)
        assert done.topics == (TOPIC.name,)
        assert cut.unscored_topics() == []
        assert derived(cut) == want


# What takes a database at version 12 back to version 11.
UNDO_VERSION_12 = (
    "DROP TABLE speaker_roles",
    "DROP TABLE speaker_keys",
    "DROP INDEX speaker_aliases_unkeyed",
    "ALTER TABLE speaker_aliases DROP COLUMN keyed",
)

# What takes a database at version 11 back to version 10 (version 10 only made the count
# triggers again: undoing version 8 drops them).
UNDO_VERSION_11 = tuple(
    f"ALTER TABLE statements DROP COLUMN {column}"
    for column in ("channel_text", "channel_start", "channel_end")
)
# What takes a database at version 9 back to version 8 (the view first: it reads `dated`).
UNDO_VERSION_9 = ("DROP VIEW statements_view",)
# What takes a database at version 8 back to version 7.
UNDO_VERSION_8 = (
    *(
        f"DROP TRIGGER {name}"
        for name in (
            "articles_published_update",
            "statements_counts_insert",
            "statements_counts_delete",
            "statements_counts_move",
            "articles_counts_delete",
            "articles_counts_outlet",
        )
    ),
    "DROP TABLE speaker_counts",
    "DROP TABLE speaker_outlets",
    *(
        f"DROP INDEX {name}"
        for name in (
            "statements_listing",
            "statements_dated",
            "statements_speaker_dated",
            "speakers_listing",
            "speech_events_said_on",
        )
    ),
    "ALTER TABLE statements DROP COLUMN dated",
    "ALTER TABLE statements DROP COLUMN published",
    "CREATE INDEX statements_speaker ON statements (speaker_id)",
)


def test_upgrading_marks_articles_left_unclustered_or_unscored(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    with _clean_run(tmp_path / "clean.db") as clean:
        want = derived(clean)
    raw = sqlite3.connect(path)
    for version in range(1, 6):
        for ddl in MIGRATIONS[version]:
            raw.execute(ddl)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 5")
    raw.commit()
    raw.close()
    with open_store(path) as store:  # stored as a version-5 run cut short would leave it
        apply_topics(store, [TOPIC])
        ids = store.save([article_a(), article_b(), article_c()])
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE pending_articles")
    for ddl in (
        "DROP TABLE speaker_titles",  # version 13's
        *UNDO_VERSION_12,
        *UNDO_VERSION_11,
        *UNDO_VERSION_9,
        *UNDO_VERSION_8,
    ):
        raw.execute(ddl)
    raw.execute("DROP TABLE article_captions")  # version 7's, made by the open above
    raw.execute("PRAGMA user_version = 5")
    raw.commit()
    raw.close()
    with open_store(path) as store:
        assert store.pending_articles() == sorted(ids)
        finish_pending(store)
        assert derived(store) == want


def test_repair_finishes_pending_work_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with open_store(path) as store:
        apply_topics(store, [TOPIC])
        store.save([article_a(), article_b()])
    result = CliRunner().invoke(main, ["repair", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("brought 2 pending article(s) up to date: ")
    with open_store(path) as store:
        assert store.pending_articles() == []
    again = CliRunner().invoke(main, ["repair", "--db", str(path)])
    assert again.output.startswith("brought 0 pending article(s) up to date: 0 statement(s)")
