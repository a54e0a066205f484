"""Topics, stance and position changes: a pure stage over statements (no spaCy, no store).

- `load_topics(path)`: the user's YAML topics file → Topic records (docs/topics.md);
- `score_topic(content, topic, context=...)`: relevance in [0, 1] → TopicScore;
- `stance(content, topic, cue=..., context=...)` / `statement_stance(text, statement, topic)`:
  for / against / neutral toward the topic's proposition, maybe conditional → Stance;
- `position_changes(items)`: where a speaker's position on a topic moves → PositionChange.
"""

from onrecord.topics.changes import group_position, position_changes, position_periods, undated
from onrecord.topics.definitions import load_topics, parse_topics
from onrecord.topics.relevance import (
    RELEVANCE_THRESHOLD,
    relevant_topics,
    score_topic,
    score_topics,
)
from onrecord.topics.stance import context_of, stance, statement_stance

__all__ = [
    "RELEVANCE_THRESHOLD",
    "context_of",
    "group_position",
    "load_topics",
    "parse_topics",
    "position_changes",
    "position_periods",
    "relevant_topics",
    "score_topic",
    "score_topics",
    "stance",
    "statement_stance",
    "undated",
]
