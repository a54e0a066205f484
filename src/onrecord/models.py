"""The records that flow through onrecord's stages.

Every record is small, immutable and made of plain values, so it can cross a process
or machine boundary unchanged. This module imports nothing of ours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range [start, end) into an article's clean text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text(self, text: str) -> str:
        """Return the characters of `text` this span covers."""
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


Spans = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of clean text copied unchanged from the raw text: clean[clean_start:+length]."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read and decoded, before cleaning.

    `hints` carries metadata the input format states outright (JSONL fields, HTML
    metadata): keys among title, url, published (ISO date), outlet.
    """

    doc: str  # file stem, or the JSONL `id`, or "<stem>:<line>"
    source: str  # path, "path:line" for JSONL, or URL
    format: str  # "txt" | "html" | "jsonl"
    text: str
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The result of boilerplate removal.

    `segments` maps clean offsets back to raw offsets. `header` holds the masthead
    lines removed from the top (date line, news code, breadcrumbs), which metadata
    may read; `removed` counts what was removed, by reason.
    """

    text: str
    segments: tuple[Segment, ...]
    header: tuple[str, ...] = ()
    removed: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article beyond its text. None means unknown, never a guess."""

    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None  # e.g. "header: Jul 21, 2018, 4:21 PM"
    url: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article with its metadata; `id` is a hash of its normalised text."""

    id: str
    doc: str
    source: str
    text: str
    metadata: Metadata
    segments: tuple[Segment, ...] = ()


class Kind(StrEnum):
    DIRECT = "direct"  # the content is a quotation
    INDIRECT = "indirect"  # reported speech, no quotation marks
    MIXED = "mixed"  # reported speech with a quoted fragment


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who (source) said (cue) what (content), as character spans into the clean text.

    Any role may be empty (a quote whose speaker is outside its sentence has no
    source span of its own); content may be discontinuous.
    """

    source: Spans
    cue: Spans
    content: Spans
    kind: Kind
    confidence: float = 1.0


class MentionKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity or noun phrase found in the text (from the parse)."""

    span: Span
    text: str
    label: str  # spaCy entity label (PERSON, ORG, GPE, NORP) or "NP"


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the parse of one article yields: everything later stages need, no spaCy."""

    sentences: Spans
    paragraphs: Spans
    mentions: tuple[Mention, ...]
    attributions: tuple[Attribution, ...]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class StatementDate:
    """When a statement was made, and the evidence: the expression and how it was resolved."""

    value: dt.date  # for month or year precision, the first day of that month or year
    precision: Precision
    expression: str  # the words it came from: "on Saturday", "September 17"
    span: Span | None  # where `expression` is in the text (None: from the publication date)
    method: str  # e.g. "weekday before publication date", "absolute date", "earlier statement"


@dataclass(frozen=True, slots=True)
class Occasion:
    """The speech event a statement belongs to: audience, venue, place."""

    text: str  # "in a meeting with Iranian Foreign Minister ... and Iranian ambassadors"
    span: Span


@dataclass(frozen=True, slots=True)
class Statement:
    """An attribution with its resolved speaker, date and occasion, as stored and shown."""

    attribution: Attribution
    speaker: str | None  # best full name of the speaker within the article
    speaker_kind: MentionKind = MentionKind.UNKNOWN
    speaker_span: Span | None = None  # the full-name mention the speaker resolved to
    said_on: StatementDate | None = None
    occasion: Occasion | None = None

    @property
    def kind(self) -> Kind:
        return self.attribution.kind


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """The output of the per-article stages: ready to store."""

    article: Article
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or processed, named with a reason."""

    source: str  # path, or "path:line" for one JSONL line
    reason: str


@dataclass(frozen=True, slots=True)
class StatementView:
    """One stored statement as queries return it, with its article's metadata.

    The field names are a public contract (`statements --format jsonl`): later
    versions add fields and never rename them.
    """

    id: int
    article: str  # article id
    doc: str
    outlet: str | None
    published: dt.date | None
    speaker: str | None
    speaker_kind: str
    kind: str
    source: str  # the source spans' text, joined by " … "
    cue: str
    content: str
    spans: dict[str, list[list[int]]]  # {"source": [[s, e], ...], "cue": ..., "content": ...}
    title: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A speaker with how often and where they are quoted."""

    name: str
    kind: str
    statements: int
    articles: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A stored article with its statements."""

    id: str
    doc: str
    source: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    published_evidence: str | None
    url: str | None
    text: str
    statements: tuple[StatementView, ...]


def article_id(text: str) -> str:
    """Return the id of an article: a hash of its text with case and whitespace normalised."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
