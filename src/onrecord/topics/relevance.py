"""How strongly a statement is about a topic: lexical evidence scored into [0, 1].

Three kinds of evidence, from strongest to weakest: the topic's keywords (phrases that
mark it outright), its entities (the proposition's counterpart), and overlap between the
statement's content words and the words of the topic's description, proposition and
examples. The sentence around the content (`context`) counts at half weight.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from onrecord.models import Topic, TopicScore
from onrecord.topics.words import content_stems, find_phrases

# A statement scoring at least this is about the topic. Tuned on the example corpus:
# tests/fixtures/stance_gold.json marks each statement relevant or not to
# talks-with-morvask; 0.3 separates them best there (see docs/topics.md for the figures).
RELEVANCE_THRESHOLD = 0.3

# How much each kind of evidence adds to the score's exponent (score = 1 - exp(-sum)).
KEYWORD_WEIGHT = 0.6
ENTITY_WEIGHT = 0.3
OVERLAP_WEIGHT = 0.12

# Evidence found only in the context (the sentence around the content) counts this much.
CONTEXT_FACTOR = 0.5


def score_topic(content: str, topic: Topic, *, context: str | None = None) -> TopicScore:
    """Score how strongly `content` (with its sentence as `context`) is about `topic`."""
    evidence, matches = _evidence(content, topic)
    if context:
        extra, context_matches = _evidence(context, topic)
        evidence += CONTEXT_FACTOR * max(0.0, extra - evidence)
        matches += [m for m in context_matches if m not in matches]
    score = round(1.0 - math.exp(-evidence), 3)
    return TopicScore(topic.name, score, score >= RELEVANCE_THRESHOLD, tuple(matches))


def score_topics(
    content: str, topics: Sequence[Topic], *, context: str | None = None
) -> list[TopicScore]:
    """Score `content` against every topic, best first."""
    scores = [score_topic(content, topic, context=context) for topic in topics]
    return sorted(scores, key=lambda s: -s.score)


def relevant_topics(
    content: str, topics: Sequence[Topic], *, context: str | None = None
) -> list[TopicScore]:
    """Return the scores of the topics `content` is about (score over the threshold)."""
    return [s for s in score_topics(content, topics, context=context) if s.relevant]


def _evidence(text: str, topic: Topic) -> tuple[float, list[str]]:
    matches: list[str] = []
    keywords = {phrase.lower() for phrase, _, _ in find_phrases(text, topic.keywords)}
    entities = {phrase for phrase, _, _ in find_phrases(text, topic.entities)}
    matches += sorted(keywords) + sorted(entities)
    profile = content_stems(" ".join((topic.description, topic.proposition, *topic.examples)))
    shared = content_stems(text) & profile
    matches += sorted(shared)
    evidence = (
        KEYWORD_WEIGHT * len(keywords)
        + ENTITY_WEIGHT * min(len(entities), 2)
        + OVERLAP_WEIGHT * len(shared)
    )
    return evidence, matches
