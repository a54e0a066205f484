"""Articles for tests: built by hand, phrase by phrase, or read and run through every stage."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self

from onrecord import models
from onrecord.attribution import analyse
from onrecord.dates import date_statements, find_occasions
from onrecord.ingest import read_paths
from onrecord.models import (
    Analysis,
    Attribution,
    Failure,
    Kind,
    Mention,
    Precision,
    Span,
    Statement,
    StatementDate,
)
from onrecord.nlp import load_pipeline
from onrecord.pipeline.prepare import prepare
from onrecord.speakers import resolve_speakers

# A phrase of the text: its first occurrence, or (phrase, n) for its nth (from 0).
Phrase = str | tuple[str, int]


def span_of(text: str, words: str) -> Span:
    """Return the span of the first occurrence of `words` in `text`."""
    start = text.index(words)
    return Span(start, start + len(words))


class Text:
    """A text with the mentions a test declares on it, phrase by phrase."""

    # How the hand-built parse splits sentences: from a non-space to a stop and its quote mark.
    SENTENCE = re.compile(r"[^\s.!?][^.!?\n]*[.!?]?[”\"]?")
    # The label of a mention whose test names none.
    LABEL = "DATE"

    def __init__(self, *paragraphs: str) -> None:
        self.text = "\n\n".join(paragraphs)
        self.mentions: list[Mention] = []

    def at(self, phrase: Phrase, after: int = 0) -> Span:
        """Return the span of a phrase (a bare string: its first occurrence from `after`)."""
        words, nth = (phrase, 0) if isinstance(phrase, str) else phrase
        start = after - 1 if nth == 0 else -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return Span(start, start + len(words))

    def mention(self, phrase: Phrase, label: str | None = None) -> Self:
        """Declare an entity or noun phrase the parse found (labelled LABEL unless told)."""
        span = self.at(phrase)
        self.mentions.append(Mention(span, span.text(self.text), label or self.LABEL))
        return self

    def analysis(self, attributions: Sequence[Attribution] = ()) -> Analysis:
        """Return the parse: paragraphs, SENTENCE sentences, the mentions in text order."""
        paragraphs, start = [], 0
        for part in self.text.split("\n\n"):
            paragraphs.append(Span(start, start + len(part)))
            start += len(part) + 2
        sentences = tuple(Span(m.start(), m.end()) for m in self.SENTENCE.finditer(self.text))
        mentions = tuple(sorted(self.mentions, key=lambda m: m.span))
        return Analysis(sentences, tuple(paragraphs), mentions, tuple(attributions))


class Article(Text):
    """A text with the mentions and statements a test declares on it, phrase by phrase."""

    def __init__(self, *paragraphs: str) -> None:
        super().__init__(*paragraphs)
        self.statements: list[Statement] = []

    def said(
        self,
        speaker: str | None,
        source: Phrase | None,
        cue: Phrase | None,
        *content: Phrase,
        kind: Kind = Kind.INDIRECT,
        said_on: dt.date | None = None,
    ) -> Self:
        """Declare a statement by `speaker` (as the speaker stage would have resolved it)."""
        attribution = Attribution(
            source=(self.at(source),) if source else (),
            cue=(self.at(cue),) if cue else (),
            content=tuple(self.at(part) for part in content),
            kind=kind,
        )
        date = StatementDate(said_on, Precision.DAY, "", None, "test") if said_on else None
        self.statements.append(Statement(attribution, speaker, said_on=date))
        return self


def processed_articles(
    paths: Sequence[Path],
) -> Iterator[tuple[models.Article, Analysis, tuple[Statement, ...]]]:
    """Yield each article under `paths` with its parse and statements, dated, with occasions."""
    nlp = load_pipeline()
    for raw in read_paths(paths):
        assert not isinstance(raw, Failure), raw
        article = prepare(raw)
        analysis = analyse(nlp(article.text))
        statements = resolve_speakers(article.text, analysis)
        published = article.metadata.published
        statements = date_statements(article.text, analysis, statements, published)
        yield article, analysis, find_occasions(article.text, analysis, statements)
