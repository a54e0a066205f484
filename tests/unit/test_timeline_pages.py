"""A timeline page is cut before its events are built (`queries.timeline.timeline_of`):
every page equals the same page of the whole timeline, on both backends."""

from __future__ import annotations

from collections.abc import Callable

from bench.make_corpus import fill_database
from tests.unit.test_query_plans import _full_scans, plans

from onrecord.queries.timeline import Timeline, build_timeline, timeline_of, timeline_page
from onrecord.store import Store, open_store


def assert_pages_agree(store: Store, speaker: str, topic: str | None = None) -> Timeline:
    """Check every page (several sizes) of `speaker`'s timeline; return the whole one."""
    whole = build_timeline(store, speaker, topic)
    total = len(whole.events) + len(whole.undated)
    for limit in (1, 3, 50):
        pages: list[Timeline] = []
        for offset in range(0, total + limit, limit):
            page = timeline_of(store, speaker, topic, limit, offset)
            assert page == timeline_page(whole, limit, offset), (speaker, limit, offset)
            pages.append(page)
        assert [e for p in pages for e in p.events] == list(whole.events)
        assert [e for p in pages for e in p.undated] == list(whole.undated)
    return whole


def test_pages_equal_the_whole_timeline_on_a_generated_database(
    new_db: Callable[[str], str],
) -> None:
    path = new_db("timeline")
    fill_database(path, 150, seed=2, quiet=True, undated=0.3)
    with open_store(path, write=False) as store:
        speakers = list(store.speakers(limit=40))
        # No statement is scored on a topic: the pages are cut from the first offset + limit
        # events with a day of their own alone (`event_datings(..., limit=)`).
        assert not any(store.event_stances(s.id) for s in speakers if s.id is not None)
        wholes = [assert_pages_agree(store, str(s.id)) for s in speakers]
    events = [e for w in wholes for e in (*w.events, *w.undated)]
    # Every kind of date was paged: an event's own day, its statements' days, a
    # publication date, and none.
    assert len(events) >= 40
    assert {e.basis for e in events} == {"said", "published", None}


def test_a_timeline_page_reads_events_through_indexes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plans.db"
    fill_database(path, 150, seed=2, quiet=True, undated=0.3)
    with open_store(path, write=False) as store:
        speaker = str(next(iter(store.speakers(limit=1))).id)
        found = plans(store, lambda: timeline_of(store, speaker, None, 20, 0))
    steps = [step for plan in found for step in plan]
    # The events with a day of their own in the order of the index (no sort), those
    # without one through it too; the page's events by number.
    dated = "SEARCH e USING COVERING INDEX speech_events_speaker (speaker_id=? AND said_on>?)"
    loose = "SEARCH e USING COVERING INDEX speech_events_speaker (speaker_id=? AND said_on=?)"
    assert dated in steps and loose in steps
    assert "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)" in steps
    (by_day,) = [plan for plan in found if dated in plan]
    assert not any("TEMP B-TREE" in step for step in by_day)
    # Whether any statement is scored at all: the first row of a scan (LIMIT 1).
    probe = ["SCAN statement_topics USING COVERING INDEX sqlite_autoindex_statement_topics_1"]
    assert probe in found
    for plan in found:
        assert plan == probe or not _full_scans(plan), plan


def test_event_datings_reads_the_first_events_with_a_day_of_their_own(
    new_db: Callable[[str], str],
) -> None:
    path = new_db("datings")
    fill_database(path, 300, seed=2, quiet=True, undated=0.5)
    with open_store(path, write=False) as store:
        checked = 0
        for s in store.speakers(limit=40):
            assert s.id is not None
            every = store.event_datings(s.id)
            own = [d for d in every if d.said_on is not None]
            rest = [d for d in every if d.said_on is None]
            assert every == own + rest
            for limit in (0, 1, 3, len(own) + 5):
                # The first `limit` of those with a day (in day order), and all the others.
                assert store.event_datings(s.id, limit=limit) == own[:limit] + rest
            checked += len(own) > 3 and bool(rest)
        assert checked  # some speaker had more events with a day than a limit, and others
