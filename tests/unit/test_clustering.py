"""Clusters of the same utterance and speech events, on hand-made statements."""

from __future__ import annotations

import datetime as dt
import random

from onrecord.clustering import (
    ClusterIndex,
    assign_clusters,
    pairwise_scores,
    quoted_pieces,
    speech_events,
)
from onrecord.models import ClusterInput, StatementCluster

DAY = dt.date(2025, 3, 15)
FULL = (
    "We will not be talked into surrender. There will be no talks with Iskarel without "
    "guarantees that our boats can sail the Skerrin Strait in peace. Give us those "
    "guarantees, and we will come to the table the same day."
)


def item(
    sid: int,
    article: str,
    content: str,
    *,
    kind: str = "direct",
    speaker: int | None = 1,
    said_on: dt.date | None = DAY,
    published: dt.date | None = DAY,
    outlet: str | None = None,
    occasion: str | None = None,
) -> ClusterInput:
    return ClusterInput(
        statement_id=sid,
        article=article,
        outlet=outlet or article.upper(),
        speaker_id=speaker,
        said_on=said_on,
        said_on_precision="day" if said_on else None,
        published=published,
        occasion=occasion,
        kind=kind,
        content=content,
        quoted=quoted_pieces(content, kind),
    )


def clusters_of(items: list[ClusterInput]) -> dict[int, int]:
    index = ClusterIndex()
    index.add(items)
    return {i.statement_id: index.cluster_of(i.statement_id) for i in items}


def together(items: list[ClusterInput]) -> bool:
    return len(set(clusters_of(items).values())) == 1


def test_a_verbatim_quote_with_one_changed_word_clusters() -> None:
    index = ClusterIndex()
    index.add([item(1, "a", f"“{FULL}”"), item(2, "b", f'"{FULL.replace("boats", "ships")}"')])
    assert [(x.a, x.b, x.how) for x in index.links()] == [(1, 2, "verbatim")]


def test_a_trimmed_quote_clusters_with_the_full_one() -> None:
    trimmed = "“Give us those guarantees, and we will come to the table,”"
    index = ClusterIndex()
    index.add([item(1, "a", f"“{FULL}”"), item(2, "b", trimmed)])
    assert [(x.how, x.score) for x in index.links()] == [("trimmed", 1.0)]


def test_a_quoted_fragment_in_reported_speech_clusters_with_the_quote() -> None:
    fragment = "that the country would “not be talked into surrender” and would wait"
    assert together([item(1, "a", f"“{FULL}”"), item(2, "b", fragment, kind="mixed")])


def test_a_paraphrase_clusters_by_content_words_without_embeddings() -> None:
    assert together(
        [
            item(1, "a", "that the harbour modernisation fund would be doubled", kind="indirect"),
            item(
                2, "b", "to double a fund for modernising the country's harbours", kind="indirect"
            ),
        ]
    )


def test_a_paraphrase_said_on_another_day_is_another_utterance() -> None:
    # Alike words of one speaker on two days are two utterances (a line repeated at two
    # rallies); the same words dated a day apart are still one (a report's own calendar).
    nxt = DAY + dt.timedelta(days=1)
    said = "that the harbour modernisation fund would be doubled"
    first = item(1, "a", said, kind="indirect")
    again = "to double a fund for modernising the country's harbours"
    later = item(2, "b", again, kind="indirect", said_on=nxt, published=nxt)
    assert not together([first, later])
    assert together([item(3, "c", f"“{FULL}”"), item(4, "d", f"“{FULL}”", said_on=nxt)])


def test_different_utterances_of_one_speaker_on_one_day_stay_apart() -> None:
    assert not together(
        [
            item(1, "a", "that the harbour modernisation fund would be doubled", kind="indirect"),
            item(
                2,
                "b",
                "that any agreement with Morvask must be put before parliament",
                kind="indirect",
            ),
        ]
    )


def test_different_speakers_never_cluster() -> None:
    assert not together([item(1, "a", f"“{FULL}”"), item(2, "b", f"“{FULL}”", speaker=2)])


def test_statements_without_a_speaker_never_cluster() -> None:
    assert not together(
        [item(1, "a", f"“{FULL}”", speaker=None), item(2, "b", f"“{FULL}”", speaker=None)]
    )


def test_far_apart_dates_never_cluster() -> None:
    later = DAY + dt.timedelta(days=10)
    assert not together([item(1, "a", f"“{FULL}”"), item(2, "b", f"“{FULL}”", said_on=later)])


def test_a_report_one_day_later_still_clusters() -> None:
    later = DAY + dt.timedelta(days=1)
    assert together([item(1, "a", f"“{FULL}”"), item(2, "b", f"“{FULL}”", said_on=later)])


def test_an_undated_statement_joins_only_on_near_verbatim_text() -> None:
    undated = {"said_on": None, "published": None}
    verbatim = item(2, "b", f"“{FULL}”", **undated)  # type: ignore[arg-type]
    trimmed = item(3, "c", "“Give us those guarantees, and we will come to the table”", **undated)  # type: ignore[arg-type]
    found = clusters_of([item(1, "a", f"“{FULL}”"), verbatim, trimmed])
    assert found[1] == found[2] != found[3]


def test_one_article_repeating_a_quote_clusters_but_nested_extractions_do_not() -> None:
    headline = item(1, "a", "“Morvask does not negotiate at gunpoint”")
    body = item(2, "a", "“Morvask does not negotiate at gunpoint,” … “and it never will.”")
    outer = item(
        3,
        "a",
        "that Morvask remained open to contacts, which had never been restricted",
        kind="indirect",
    )
    inner = item(4, "a", "which had never been restricted", kind="indirect")
    found = clusters_of([headline, body, outer, inner])
    assert found[1] == found[2] and found[3] != found[4]


def corpus() -> list[ClusterInput]:
    other_day = DAY + dt.timedelta(days=40)
    return [
        item(1, "a", f"“{FULL}”"),
        item(2, "a", "that the harbour modernisation fund would be doubled", kind="indirect"),
        item(3, "b", f'"{FULL.replace("boats", "ships")}"'),
        item(4, "b", "to double a fund for modernising the country's harbours", kind="indirect"),
        item(
            5,
            "c",
            "“Give us those guarantees, and we will come to the table”",
            said_on=DAY + dt.timedelta(days=1),
        ),
        item(6, "c", "that Calverra would “not be talked into surrender”", kind="mixed"),
        item(7, "d", f"“{FULL}”", said_on=other_day),
        item(
            8,
            "d",
            "that any agreement must be put before parliament",
            kind="indirect",
            said_on=other_day,
        ),
        item(9, "e", f"“{FULL}”", said_on=None, published=None),
        item(10, "e", f"“{FULL}”", speaker=2),
    ]


def test_adding_articles_one_by_one_gives_the_batch_clusters() -> None:
    batch = ClusterIndex()
    batch.add(corpus())
    for seed in range(5):
        articles = sorted({i.article for i in corpus()})
        random.Random(seed).shuffle(articles)
        index = ClusterIndex()
        for article in articles:
            assign_clusters([i for i in corpus() if i.article == article], index)
        assert index.clusters() == batch.clusters()


def test_assignments_name_every_statement_a_merge_moves() -> None:
    index = ClusterIndex()
    first = index.add([item(5, "c", "“Give us those guarantees, and we will come to the table”")])
    second = index.add(
        [item(6, "d", "that Calverra would “not be talked into surrender”", kind="mixed")]
    )
    third = index.add([item(3, "b", f"“{FULL}”")])
    assert [(a.statement_id, a.cluster_id, a.previous) for a in first + second] == [
        (5, 5, None),
        (6, 6, None),
    ]
    assert sorted((a.statement_id, a.cluster_id, a.previous) for a in third) == [
        (3, 3, None),
        (5, 3, 5),
        (6, 3, 6),
    ]


def test_the_index_survives_a_round_trip_through_bytes() -> None:
    index = ClusterIndex()
    index.add(corpus()[:-2])
    restored = ClusterIndex.from_bytes(index.to_bytes())
    assert restored.clusters() == index.clusters()
    assert restored.add(corpus()[-2:]) == index.add(corpus()[-2:])
    assert restored.clusters() == index.clusters()


def test_re_adding_a_statement_changes_nothing() -> None:
    index = ClusterIndex()
    index.add(corpus())
    assert index.add(corpus()) == []


def test_a_cluster_knows_its_outlets_and_day() -> None:
    index = ClusterIndex()
    index.add(corpus())
    (cluster,) = [c for c in index.clusters() if 1 in c.statements]
    assert cluster.statements == (1, 3, 5, 6)
    assert cluster.outlets == ("A", "B", "C")
    assert cluster.said_on == DAY


def cluster(
    cid: int,
    day: dt.date | None,
    articles: tuple[str, ...],
    occasion: str | None = None,
    speaker: int = 1,
) -> StatementCluster:
    return StatementCluster(cid, speaker, (cid,), articles, articles, day, occasion)


def test_clusters_of_one_speaker_on_one_day_are_one_speech_event() -> None:
    events = speech_events([cluster(1, DAY, ("a",)), cluster(2, DAY, ("b",))])
    assert [e.clusters for e in events] == [(1, 2)]


def test_a_shared_article_bridges_a_day_but_not_two_speakers() -> None:
    next_day = DAY + dt.timedelta(days=1)
    # Cluster 2 is placed by its report's publication, the day after the speech.
    reported_later = StatementCluster(2, 1, (2,), ("a", "b"), ("a", "b"), None, None, (), next_day)
    events = speech_events(
        [cluster(1, DAY, ("a",)), reported_later, cluster(3, DAY, ("a",), speaker=2)]
    )
    assert sorted(e.clusters for e in events) == [(1, 2), (3,)]


def test_a_page_that_dates_two_statements_to_two_days_reports_two_appearances() -> None:
    # One report of a rally on the 10th recalls what was said at another on the 9th.
    next_day = DAY + dt.timedelta(days=1)
    events = speech_events([cluster(1, DAY, ("a",)), cluster(2, next_day, ("a", "b"))])
    assert sorted(e.clusters for e in events) == [(1,), (2,)]


def test_other_days_and_other_occasions_are_other_events() -> None:
    events = speech_events(
        [
            cluster(1, DAY, ("a",), "at the Harbour Workers' Congress in Port Selden"),
            cluster(2, DAY, ("b",), "addressing the Harbour Workers' Congress"),
            cluster(3, DAY, ("c",), "in a meeting with visiting ministers"),
            cluster(4, DAY + dt.timedelta(days=2), ("d",)),
            cluster(5, None, ("e",)),
        ]
    )
    assert sorted(e.clusters for e in events) == [(1, 2), (3,), (4,), (5,)]
    assert events[-1].said_on is None  # undated events come last


def test_pairwise_scores_count_pairs() -> None:
    predicted = {1: "x", 2: "x", 3: "x", 4: "y"}
    gold = {1: "g", 2: "g", 4: "h"}
    scores = pairwise_scores(predicted, gold)
    assert (scores.predicted, scores.gold, scores.correct) == (3, 1, 1)
    assert (round(scores.precision, 3), scores.recall) == (0.333, 1.0)


def test_quoted_pieces_strip_marks_and_keep_only_quotes() -> None:
    assert quoted_pieces(
        "“We are a patient people,” … “but patience is not silence.”", "direct"
    ) == (
        "We are a patient people",
        "but patience is not silence.",
    )
    assert quoted_pieces('that Calverra "will not be talked into surrender"', "mixed") == (
        "will not be talked into surrender",
    )
    assert quoted_pieces("that the fund would be doubled", "indirect") == ()


def test_an_index_of_only_the_new_articles_speakers_gives_the_same_assignments() -> None:
    full = ClusterIndex()
    full.add(corpus()[:-2])
    kept = [i for i in corpus()[:-2] if i.speaker_id == 1]
    links = [x for x in full.links() if x.a in {i.statement_id for i in kept}]
    partial = ClusterIndex.restore(kept, links)
    new = [item(11, "f", "“Give us those guarantees, and we will come to the table”")]
    assert partial.add(new) == full.add(new)


def reported(sid: int, article: str, content: str, published: dt.date) -> ClusterInput:
    return item(sid, article, content, said_on=None, published=published)


def test_translations_published_on_adjacent_days_are_one_event() -> None:
    index = ClusterIndex()
    index.add([reported(1, "a", "“There will be no war, nor will we negotiate.”", DAY)])
    nxt = DAY + dt.timedelta(days=1)
    index.add([reported(2, "b", "“Neither a war will happen, nor will we negotiate.”", nxt)])
    assert [e.statements for e in index.events()] == [(1, 2)]


def test_the_same_words_months_apart_or_unalike_words_are_other_events() -> None:
    index = ClusterIndex()
    later = DAY + dt.timedelta(days=120)
    index.add([reported(1, "a", "“There will be no war, nor will we negotiate.”", DAY)])
    index.add([reported(2, "b", "“Neither a war will happen, nor will we negotiate.”", later)])
    index.add([reported(3, "c", "“The harbour fund will be doubled next spring.”", DAY)])
    assert sorted(e.statements for e in index.events()) == [(1,), (2,), (3,)]


def test_alike_speeches_on_consecutive_days_do_not_chain_into_one_event() -> None:
    index = ClusterIndex()
    places = ("Grennock", "Dornholm", "Ashby", "Tarrow", "Vellmouth", "Korvhaven")
    for n, place in enumerate(places):
        day = DAY + dt.timedelta(days=n)
        said = f"“No war will come to {place}, and we will not negotiate about {place}.”"
        index.add([reported(n + 1, f"x{n}", said, day)])
    assert len(index.clusters()) == len(places)  # six utterances, each alike the next
    spans = [{i.published for i in index.inputs(e.statements)} for e in index.events()]
    assert len(spans) >= 3
    assert all(max(s) - min(s) <= dt.timedelta(days=1) for s in spans if None not in s)


def test_reports_quoting_other_passages_of_one_speech_on_adjacent_days_are_one_event() -> None:
    # No two statements share more than one content word, but what the speaker says in
    # each report is much alike by weight (`CONTEXT_OVERLAP`): Teller, canal and Varga.
    nxt = DAY + dt.timedelta(days=1)
    index = ClusterIndex()
    index.add(
        [
            reported(1, "a", "that the Teller canal would be dredged", DAY),
            reported(2, "a", "“Varga will refuse every toll.”", DAY),
        ]
    )
    index.add(
        [
            reported(3, "b", "“The Teller will not flood this spring.”", nxt),
            reported(4, "b", "that Varga had set a deadline for the canal", nxt),
        ]
    )
    assert [e.statements for e in index.events()] == [(1, 2, 3, 4)]


def test_reports_of_other_subjects_on_adjacent_days_are_other_events() -> None:
    nxt = DAY + dt.timedelta(days=1)
    index = ClusterIndex()
    index.add([reported(1, "a", "that the Teller canal would be dredged before the floods", DAY)])
    index.add([reported(2, "b", "“Our schools will get new roofs this summer.”", nxt)])
    assert sorted(e.statements for e in index.events()) == [(1,), (2,)]


def undated(sid: int, article: str, content: str) -> ClusterInput:
    return item(sid, article, content, kind="indirect", said_on=None, published=None)


NOTES = "that the old banknotes would no longer be legal tender from midnight"
NOTES_AGAIN = "that from midnight the old banknotes would stop being legal tender"


def test_pages_with_no_date_at_all_join_the_event_they_say_alike() -> None:
    index = ClusterIndex()
    index.add([reported(1, "a", NOTES, DAY), reported(2, "a", "“We will win this fight.”", DAY)])
    index.add([undated(3, "b", NOTES_AGAIN), undated(4, "b", "that banks would close tomorrow")])
    index.add([undated(5, "c", "that the old banknotes would no longer be legal from midnight")])
    assert [e.statements for e in index.events()] == [(1, 2, 3, 4, 5)]


def test_an_undated_page_alike_to_speeches_months_apart_joins_neither() -> None:
    index = ClusterIndex()
    later = DAY + dt.timedelta(days=90)
    index.add([reported(1, "a", NOTES, DAY)])
    index.add([reported(2, "b", "that the old banknotes would no longer be legal tender", later)])
    index.add([undated(3, "c", NOTES_AGAIN)])
    assert sorted(e.statements for e in index.events()) == [(1,), (2,), (3,)]


ROCKS = "“The Skerrin rocks will not be sold to anyone, at any price, while I hold this office,”"
SOLD = 'that the rocks off the coast "will not be sold to anyone, at any price"'


def test_an_undated_page_quoting_the_same_words_joins_the_day_it_echoes() -> None:
    # The undated page (c) is alike by its words to the rally on the 15th and to a
    # statement of the 13th (rocks, fishermen, Skerrin), which alone would leave it
    # nowhere; it quotes the 15th's speech word for word, which places it there.
    index = ClusterIndex()
    before = DAY - dt.timedelta(days=2)
    index.add(
        [reported(1, "a", "“The Skerrin rocks are dear to the fishermen of Skerrin.”", before)]
    )
    index.add([item(2, "b", ROCKS), item(3, "b", "“Fishermen of Skerrin, hold on.”")])
    index.add(
        [
            item(4, "c", SOLD, kind="mixed", said_on=None, published=None),
            undated(5, "c", "that the fishermen of Skerrin should hold on"),
        ]
    )
    events = sorted(e.statements for e in index.events())
    assert events == [(1,), (2, 3, 4, 5)]


def test_an_undated_page_echoing_speeches_days_apart_joins_neither() -> None:
    later = DAY + dt.timedelta(days=3)
    index = ClusterIndex()
    index.add([item(1, "a", ROCKS)])
    index.add([item(2, "b", ROCKS.replace("this office", "the seal"), said_on=later)])
    index.add([item(3, "c", SOLD, kind="mixed", said_on=None, published=None)])
    events = sorted(e.statements for e in index.events())
    assert (3,) in events


def test_the_same_occasion_on_adjacent_days_is_two_appearances_unless_quoted_alike() -> None:
    # A speaker addressing supporters in two towns on consecutive days: the occasions read
    # alike ("addressing supporters in ..."), the words differ.
    nxt = DAY + dt.timedelta(days=1)
    rally = "addressing supporters in the harbour town"
    events = speech_events(
        [
            StatementCluster(1, 1, (1,), ("a",), ("A",), DAY, rally),
            StatementCluster(2, 1, (2,), ("b",), ("B",), nxt, rally),
        ]
    )
    assert sorted(e.clusters for e in events) == [(1,), (2,)]


def test_undated_pages_alike_only_by_subject_stay_apart_unless_quoted_alike() -> None:
    # Nothing dates either page: two appearances on the banknotes are as likely as one.
    index = ClusterIndex()
    index.add([undated(1, "a", NOTES), undated(2, "a", "that banks would close tomorrow")])
    index.add([undated(3, "b", NOTES_AGAIN), undated(4, "b", "that banks would reopen soon")])
    assert sorted(e.statements for e in index.events()) == [(1, 2), (3, 4)]
    whole = 'the notes "will be no longer legal tender from midnight, and new ones reach banks"'
    part = 'that old notes "will be no longer legal tender from midnight"'
    index.add([item(5, "c", whole, kind="mixed", said_on=None, published=None)])
    index.add([item(6, "d", part, kind="mixed", said_on=None, published=None)])
    assert len(index.clusters()) == 6  # not the same utterance by its words alone
    assert (5, 6) in [e.statements for e in index.events()]


def test_an_undated_page_echoing_another_undated_one_still_joins_the_speech_it_resembles() -> None:
    # b and c quote the same words (both undated); b also reads much like the dated report a.
    index = ClusterIndex()
    index.add([reported(1, "a", NOTES, DAY)])
    whole = (
        'that the notes "will be no longer legal tender from midnight, and new ones reach banks"'
    )
    part = 'that old notes "will be no longer legal tender from midnight"'
    index.add(
        [
            undated(2, "b", NOTES_AGAIN),
            item(3, "b", whole, kind="mixed", said_on=None, published=None),
        ]
    )
    index.add([item(4, "c", part, kind="mixed", said_on=None, published=None)])
    assert [e.statements for e in index.events()] == [(1, 2, 3, 4)]


PLEDGE = "“Within our charter, the Bank will do whatever it must to keep the florin whole.”"


def test_a_quote_copied_by_undated_pages_is_not_placed_by_one_retrospective_months_later() -> None:
    # Three pages with no date at all and an essay published two months on quote the
    # pledge word for word: one cluster, whose only publication date is the essay's. The
    # speech itself is reported on its day in a longer passage (other words around it).
    index = ClusterIndex()
    speech = f"{PLEDGE[:-2]}, and believe me, it will be enough. Markets should take note.”"
    index.add([item(1, "a", speech)])
    index.add([item(2, "b", PLEDGE, said_on=None, published=None)])
    index.add([item(3, "c", PLEDGE, said_on=None, published=None)])
    index.add([item(4, "d", PLEDGE, said_on=None, published=None)])
    essay = DAY + dt.timedelta(days=60)
    index.add([item(5, "e", PLEDGE, said_on=None, published=essay)])
    assert len(index.clusters()) == 2  # the speech's longer passage, and the copies
    assert [e.statements for e in index.events()] == [(1, 2, 3, 4, 5)]
