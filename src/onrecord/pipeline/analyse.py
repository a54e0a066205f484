"""Parse articles once each and turn every parse into statements with speakers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from onrecord.attribution import analyse
from onrecord.dates import date_statements, find_occasions
from onrecord.models import Analysis, Article, Dropped, Failure, ProcessedArticle, Statement
from onrecord.speakers import resolve_speakers

# The language onrecord extracts statements from.
ENGLISH = "en"

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def analyse_articles(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 32
) -> Iterator[ProcessedArticle | Failure]:
    """Yield each article with its statements, or a Failure naming why it could not be read."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _analyse_batch(batch, nlp)
            batch = []
    if batch:
        yield from _analyse_batch(batch, nlp)


def _analyse_batch(batch: list[Article], nlp: Language) -> Iterator[ProcessedArticle | Failure]:
    # Only English is parsed: an article in another language is kept, with no statements
    # (the ingest report names it), rather than parsed by an English model.
    english = [i for i, article in enumerate(batch) if article.metadata.language == ENGLISH]
    docs: dict[int, Doc] = {}
    try:
        docs = dict(zip(english, nlp.pipe(batch[i].text for i in english), strict=True))
    except Exception:  # one bad article must not sink its batch: retry one at a time
        docs = {}
    for position, article in enumerate(batch):
        if article.metadata.language != ENGLISH:
            yield ProcessedArticle(article=article, statements=())
        else:
            yield _analyse_one(article, docs.get(position), nlp)


def _analyse_one(article: Article, doc: Doc | None, nlp: Language) -> ProcessedArticle | Failure:
    try:
        parsed = doc if doc is not None else nlp(article.text)
        analysis = analyse(parsed, article.captions)
        statements = _statements(article, analysis=analysis)
    except Exception as error:  # noqa: BLE001  (reported per article, the batch goes on)
        return Failure(article.source, f"could not analyse the article: {error!r}")
    return ProcessedArticle(article, statements, _dropped(article, analysis))


def _dropped(article: Article, analysis: Analysis) -> tuple[Dropped, ...]:
    """What cleaning removed and extraction left out of one article, by stage and reason."""
    return tuple(
        [Dropped("cleaning", reason, count) for reason, count in article.removed.items()]
        + [Dropped("attribution", reason, count) for reason, count in analysis.dropped.items()]
    )


def _statements(article: Article, analysis: Analysis) -> tuple[Statement, ...]:
    """Who said each attribution, when, and on what occasion (dates before occasions)."""
    statements = resolve_speakers(article.text, analysis)
    statements = date_statements(
        article.text, analysis, statements, article.metadata.published, article.captions
    )
    return find_occasions(article.text, analysis, statements)
