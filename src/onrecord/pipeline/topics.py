"""Topics over the stored corpus: score each statement's relevance and stance, and keep them.

New articles are scored at ingest against every stored topic; `apply_topics` stores a
topics file and (re)scores the whole corpus against it without parsing anything again.
Scoring reads only the stored text and spans, so ingest and `apply_topics` agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onrecord import settings
from onrecord.models import (
    ArticleView,
    Attribution,
    Kind,
    Span,
    StatementTopic,
    StatementView,
    Topic,
)
from onrecord.store import Store
from onrecord.topics import context_of, load_topics, score_topic, statement_stance

Progress = Callable[[ArticleView], None]
ROLES = ("source", "cue", "content")
# Statement scores written per transaction while scoring the corpus.
BATCH_ROWS = 2000


@dataclass(frozen=True, slots=True)
class TopicRun:
    """What scoring did: the topics scored, articles read and statement scores stored."""

    topics: tuple[str, ...]
    articles: int
    scores: int


def topics_file(path: str | Path | None = None) -> tuple[Topic, ...]:
    """Read the topics file at `path`, else the one the `topics` setting names, if any."""
    chosen = path if path is not None else settings.get("topics")
    return load_topics(chosen) if chosen else ()


def attribution_of(view: StatementView) -> Attribution:
    """Return the attribution a stored statement was made from (its spans and kind)."""
    spans = {role: tuple(Span(s, e) for s, e in view.spans.get(role, [])) for role in ROLES}
    return Attribution(spans["source"], spans["cue"], spans["content"], Kind(view.kind))


def score_article(article: ArticleView, topics: Sequence[Topic]) -> list[StatementTopic]:
    """Return every statement of `article` scored against every topic, with its stance."""
    rows: list[StatementTopic] = []
    text = article.text
    for view in article.statements:
        attribution = attribution_of(view)
        context = context_of(text, attribution.content)
        for topic in topics:
            relevance = score_topic(view.content, topic, context=context)
            stance = statement_stance(text, attribution, topic)
            rows.append(
                StatementTopic(view.id, topic.name, relevance.score, relevance.relevant, stance)
            )
    return rows


def score_articles(
    store: Store,
    article_ids: Iterable[str],
    topics: Sequence[Topic] | None = None,
    progress: Progress | None = None,
) -> int:
    """Score the statements of the given stored articles (default: every stored topic)."""
    chosen = list(topics) if topics is not None else store.topics()
    if not chosen:
        return 0
    stored = 0
    batch: list[StatementTopic] = []
    for article_id in article_ids:
        article = store.article(article_id)
        batch.extend(score_article(article, chosen))
        if progress:
            progress(article)
        if len(batch) >= BATCH_ROWS:
            store.save_statement_topics(batch)
            stored, batch = stored + len(batch), []
    store.save_statement_topics(batch)
    return stored + len(batch)


def apply_topics(
    store: Store,
    topics: Sequence[Topic],
    *,
    only_changed: bool = False,
    progress: Progress | None = None,
) -> TopicRun:
    """Store `topics` and score the whole stored corpus against them (or only changed ones)."""
    changed = store.save_topics(topics)
    chosen = [t for t in topics if t.name in changed] if only_changed else list(topics)
    if not chosen:
        return TopicRun((), 0, 0)
    ids = [a.id for a in store.articles()]
    scores = score_articles(store, ids, chosen, progress)
    store.save_statement_topics([], scored=[t.name for t in chosen])
    return TopicRun(tuple(t.name for t in chosen), len(ids), scores)
