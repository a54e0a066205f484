"""Relevance of a statement to a topic: lexical scores in [0, 1] against a threshold."""

from __future__ import annotations

from tests.shared_data import EXAMPLES

from onrecord.topics import (
    RELEVANCE_THRESHOLD,
    load_topics,
    relevant_topics,
    score_topic,
    score_topics,
)

TALKS, MONEY = load_topics(EXAMPLES / "topics.yaml")


def test_a_statement_about_talks_scores_high() -> None:
    score = score_topic("There will be no negotiations with Iskarel this winter.", TALKS)
    assert score.relevant and score.score > 0.6
    assert "negotiations" in score.matches and "Iskarel" in score.matches


def test_a_statement_about_something_else_scores_low() -> None:
    score = score_topic("The harbour modernisation fund will be doubled this year.", TALKS)
    assert not score.relevant and score.score < RELEVANCE_THRESHOLD


def test_scores_stay_in_the_unit_interval() -> None:
    text = "talks negotiations dialogue the table Morvask Iskarel guarantees fishing quotas " * 5
    assert 0.0 <= score_topic(text, TALKS).score <= 1.0
    assert score_topic("", TALKS).score == 0.0


def test_context_counts_for_less_than_the_content() -> None:
    alone = score_topic("it will not happen", TALKS).score
    in_context = score_topic("it will not happen", TALKS, context="Talks with Morvask?").score
    itself = score_topic("talks with Morvask will not happen", TALKS).score
    assert alone < in_context < itself


def test_topics_are_ranked_and_filtered() -> None:
    text = "A compensation fund will cover lost earnings of crews."
    assert [s.topic for s in score_topics(text, [TALKS, MONEY])] == [MONEY.name, TALKS.name]
    assert [s.topic for s in relevant_topics(text, [TALKS, MONEY])] == [MONEY.name]
