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
    Kind,
    MentionKind,
    Metadata,
    ProcessedArticle,
    Span,
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
# A run of capitalised words, where a person's name is looked for: "Prime Minister Ana Vell".
CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+")
# Words of a role or a place in a URL, never part of the name it gives: "prime-minister".
ROLE_WORDS = frozenset(
    {
        "prime", "minister", "president", "chancellor", "secretary", "governor", "mayor",
        "leader", "senator", "speaker", "foreign", "finance", "state", "deputy", "vice",
        "general", "supreme", "the", "mr", "mrs", "ms", "dr", "pm", "fm", "house", "street",
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
    named = url_speaker(article.text, article.metadata.url)
    if named is not None:
        statements = tuple(_transcribed(statement, named) for statement in statements)
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


def url_speaker(text: str, url: str | None) -> tuple[str, Span] | None:
    """Return the one person a page's URL names, as the text writes the name, and where:
    "…/theresa-may-s-resignation-speech-in-full/" names "Theresa May" when the text does."""
    if not url:
        return None
    path = "-" + re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path.lower()) + "-"
    found: dict[str, Span] = {}
    for run in CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group()))
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                part = words[i : i + size]
                name = " ".join(w.group() for w in part)
                if {w.group().lower() for w in part} & ROLE_WORDS:
                    continue  # "Prime Minister" is in many a URL: a role, no name
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                if f"-{slug}-" in path and not any(name in other for other in found):
                    start = run.start() + part[0].start()
                    found.setdefault(name, Span(start, start + len(name)))
    return next(iter(found.items())) if len(found) == 1 else None


def _transcribed(statement: Statement, named: tuple[str, Span]) -> Statement:
    """Give a transcript's paragraph whose speaker stayed unknown, or is known by a part of
    the name only, to the person the page's URL names (the announcing line said only "her
    statement")."""
    name, span = named
    if statement.kind is not Kind.TRANSCRIPT or statement.speaker == name:
        return statement
    if statement.speaker and not set(statement.speaker.split()) < set(name.split()):
        return statement
    return dataclasses.replace(
        statement, speaker=name, speaker_kind=MentionKind.PERSON, speaker_span=span
    )


def _owners(statement: Statement, text: str, owner: str) -> Statement:
    """Give a statement whose source is "I" to the site's owner ("I also said that …")."""
    sources = statement.attribution.source
    if statement.speaker or not sources:
        return statement
    if not all(span.text(text).lower() in FIRST_PERSON for span in sources):
        return statement
    return dataclasses.replace(statement, speaker=owner, speaker_kind=MentionKind.PERSON)
