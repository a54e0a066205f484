"""Parse articles once each and turn every parse into statements with speakers."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from onrecord.attribution import analyse
from onrecord.dates import date_statements, find_occasions
from onrecord.ingest.published import speech_heading_day
from onrecord.models import (
    Analysis,
    Article,
    Dropped,
    Failure,
    MentionKind,
    Metadata,
    ProcessedArticle,
    Statement,
)
from onrecord.speakers import resolve_speakers

# The language onrecord extracts statements from.
ENGLISH = "en"
# A person's name as a site calls itself: two or three capitalised words ("Petra Lindqvar").
PERSON_NAME = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}")
# Words that make a site's name an organisation's, not a person's ("Tidemark Wire").
ORGANISATION_WORDS = frozenset(
    {
        "wire", "news", "times", "post", "daily", "herald", "gazette", "journal", "tribune",
        "press", "media", "network", "tv", "radio", "online", "today", "weekly", "express",
        "courier", "sentinel", "dispatch", "notes", "watch", "party", "government",
        "ministry", "office", "council", "agency", "group", "blog", "magazine", "review",
        "report", "live", "world",
    }
)  # fmt: skip
# The speaker's own voice on their own site: "I" is the site's owner.
FIRST_PERSON = frozenset({"i"})

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
    owner = site_owner(article.metadata)
    if owner is not None:
        statements = tuple(_owners(statement, article.text, owner) for statement in statements)
    statements = date_statements(
        article.text,
        analysis,
        statements,
        article.metadata.published,
        article.captions,
        article.metadata.url,
        speech_heading_day(article.metadata.published, article.metadata.published_evidence),
    )
    return find_occasions(article.text, analysis, statements)


def site_owner(metadata: Metadata) -> str | None:
    """Return the person whose own site a page is on: the outlet is a person's name and the
    host spells it ("Petra Lindqvar" at petra-lindqvar.example), else None."""
    name, url = metadata.outlet, metadata.url
    if not name or not url or not PERSON_NAME.fullmatch(name):
        return None
    if set(name.lower().split()) & ORGANISATION_WORDS:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    label = re.sub(r"[^a-z]", "", host.split(".")[0])
    return name if label and label == re.sub(r"[^a-z]", "", name.lower()) else None


def _owners(statement: Statement, text: str, owner: str) -> Statement:
    """Give a statement whose source is "I" to the site's owner ("I also said that …")."""
    sources = statement.attribution.source
    if statement.speaker or not sources:
        return statement
    if not all(span.text(text).lower() in FIRST_PERSON for span in sources):
        return statement
    return dataclasses.replace(statement, speaker=owner, speaker_kind=MentionKind.PERSON)
