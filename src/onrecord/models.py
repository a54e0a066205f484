"""The records that flow through onrecord's stages.

Every record is small, immutable and made of plain values, so it can cross a process
or machine boundary unchanged. This module imports nothing of ours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


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


def any_overlap(spans: Iterable[Span], others: Sequence[Span]) -> bool:
    """Tell whether any span of one list shares a character with any of the other."""
    return any(span.overlaps(other) for span in spans for other in others)


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
    metadata): keys among title, url, published (ISO date), outlet. `warnings` says what
    reading repaired or left out (invalid bytes replaced, a date that is not one).
    """

    doc: str  # file stem, or the JSONL `id`, or "<stem>:<line>"
    source: str  # path, "path:line" for JSONL, or URL
    format: str  # "txt" | "html" | "jsonl"
    text: str
    hints: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CleanText:
    """The result of boilerplate removal.

    `segments` maps clean offsets back to raw offsets. `header` holds the masthead
    lines removed from the top (date line, news code, breadcrumbs), which metadata
    may read; `removed` counts what was removed, by reason. `captions` are the photo
    captions kept in the text (spans into it): read for dates, never for statements.
    """

    text: str
    segments: tuple[Segment, ...]
    header: tuple[str, ...] = ()
    removed: dict[str, int] = field(default_factory=dict)
    captions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about an article beyond its text. None means unknown, never a guess."""

    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None  # e.g. "header: Jul 21, 2018, 4:21 PM"
    url: str | None = None
    language: str = "en"
    # The fields the input stated outright (JSONL fields, a page's metadata), not inferred
    # from its text: on a re-ingest they replace stored values, inferences only fill gaps.
    stated: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article with its metadata; `id` is a hash of its normalised text.

    `captions` are the photo captions in `text` (no statement comes from them); `removed`
    counts what cleaning took out, by reason.
    """

    id: str
    doc: str
    source: str
    text: str
    metadata: Metadata
    segments: tuple[Segment, ...] = ()
    captions: tuple[Span, ...] = ()
    removed: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # what reading the input repaired (RawDocument.warnings)


class Kind(StrEnum):
    DIRECT = "direct"  # the content is a quotation
    INDIRECT = "indirect"  # reported speech, no quotation marks
    MIXED = "mixed"  # reported speech with a quoted fragment
    TRANSCRIPT = "transcript"  # a paragraph of a speech the page gives the text of


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
    # How the words reached the page when not from the speaker directly: "Fars" in "…,
    # according to Fars", "his official website" in "his official website quoted him".
    channel: Spans = ()


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
    dropped: dict[str, int] = field(default_factory=dict)  # candidates left out, by reason


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class StatementDate:
    """When a statement was made, and the evidence: the expression and how it was resolved."""

    # For month or year precision, the first day of that month or year. None when the
    # expression is known but its date is not: "on September 17" with no publication year.
    value: dt.date | None
    precision: Precision | None
    expression: str  # the words it came from: "on Saturday", "September 17"
    span: Span | None  # where `expression` is in the text (None: from the publication date)
    method: str  # e.g. "weekday before publication date", "absolute date", "earlier statement"


@dataclass(frozen=True, slots=True)
class Occasion:
    """The speech event a statement belongs to: audience, venue, place."""

    text: str  # "in a meeting with Iranian Foreign Minister ... and Iranian ambassadors"
    span: Span


@dataclass(frozen=True, slots=True)
class Speaker:
    """A canonical speaker across the corpus: one person, organisation or anonymous phrase.

    `id` is the store's number for it (None until stored); `aliases` are the names it has
    been mentioned by; `external_id` is an identifier the user gave (e.g. a Wikidata QID).
    """

    name: str
    kind: MentionKind
    aliases: tuple[str, ...] = ()
    external_id: str | None = None
    id: int | None = None
    name_fixed: bool = False  # the user chose the name: automatic updates keep it


@dataclass(frozen=True, slots=True)
class NameKey:
    """One stored key of a speaker's name, by which later mentions find the speaker.

    `field` is "name" for the key of a name as written, "variant" for another way an
    organisation's name may be written (its first word read as a place's demonym).
    Persons' keys carry the name's folded surname, given names and suffix.
    """

    kind: MentionKind
    key: str
    field: str = "name"
    surname: str | None = None
    given: tuple[str, ...] = ()
    suffix: str | None = None


@dataclass(frozen=True, slots=True)
class KeyMatch:
    """A stored key found for a mention, with the speaker it belongs to (no aliases read)."""

    speaker: Speaker
    key: NameKey


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A role the corpus names a speaker by ("Supreme Leader Ali Khamenei", "the Leader"
    resolved in its article), with the first and last days it was seen so named."""

    speaker: Speaker
    words: frozenset[str]  # the role's words ("supreme", "leader")
    designator: str = ""  # the country it is of ("iran"), or ""
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True, slots=True)
class TitleSeen:
    """A bare title the statements of one article go by ("the Russian president"), with the
    day it is resolved against."""

    article_id: str
    mention: str  # the statements' speaker_mention
    day: dt.date | None = None


class SpeakerRows(Protocol):
    """The stored speakers, read and grown by the corpus stage inside one write transaction.

    The store hands one to `save`'s `assign` for each article it stores; whatever the
    corpus stage reads and writes through it belongs to that transaction, so concurrent
    writers see each other's speakers and never number two alike.
    """

    def pending_aliases(self) -> list[tuple[Speaker, str]]:
        """Return the aliases added without keys (by an edit or an upgrade), with their speaker."""
        ...

    def keys_named(self, kind: MentionKind, keys: Collection[str], field: str) -> list[KeyMatch]:
        """Return the stored keys of `kind` and `field` equal to one of `keys`, by speaker id."""
        ...

    def keys_of_surname(self, surname: str) -> list[KeyMatch]:
        """Return the stored person keys with this folded surname, by speaker id."""
        ...

    def keys_of(self, speaker_id: int) -> list[NameKey]:
        """Return the stored keys of one speaker."""
        ...

    def speaker(self, speaker_id: int) -> Speaker:
        """Return one stored speaker (without its aliases)."""
        ...

    def speaker_named(self, kind: MentionKind, name: str) -> Speaker | None:
        """Return the speaker of `kind` shown under exactly `name`, if any."""
        ...

    def add_speaker(self, speaker: Speaker) -> int:
        """Insert a new speaker (its id is the store's to give); return its id."""
        ...

    def set_name(self, speaker_id: int, name: str, *, fixed: bool = False) -> None:
        """Show a speaker under `name` (`fixed`: for good, as the alias file says)."""
        ...

    def set_external_id(self, speaker_id: int, external_id: str) -> None:
        """Give a speaker an external id."""
        ...

    def add_alias(self, speaker_id: int, alias: str, keys: Sequence[NameKey]) -> None:
        """Attach a name and its keys to a speaker (both kept once)."""
        ...

    def roles_headed(self, head: str) -> list[RoleSeen]:
        """Return the roles the corpus names speakers by whose words include `head`."""
        ...

    def add_role(
        self, speaker_id: int, role: RoleSeen, head: str, day: dt.date | None
    ) -> RoleSeen | None:
        """Keep that the corpus names a speaker by a role, on `day` (first and last kept);
        return the role as it was before (None: new)."""
        ...

    def add_title(
        self, article_id: str, mention: str, heads: Collection[str], day: dt.date | None
    ) -> None:
        """File a bare title an article's statements go by under the office heads it names."""
        ...

    def titles_headed(
        self, head: str, first: dt.date | None, last: dt.date | None
    ) -> list[TitleSeen]:
        """Return the bare titles filed under `head` on days from `first` to `last`
        (either None: unbounded), and those filed with no day."""
        ...

    def article_text(self, article_id: str) -> str | None:
        """Return the clean text of a stored article (None: not stored)."""
        ...

    def mention_counts(self, speaker_id: int) -> dict[str, int]:
        """Return how many stored statements of a speaker go by each in-article name."""
        ...

    def point_title(self, title: TitleSeen, speaker_id: int | None) -> list[str]:
        """Give the statements of an article that go by a bare title to `speaker_id` (None:
        nobody), except those a user reassigned; the speakers that lost or gained some have
        their clusters and events forgotten and their articles marked pending: return
        those articles."""
        ...


Assign = Callable[["ProcessedArticle", SpeakerRows], "ProcessedArticle"]
"""The corpus stage's speaker assignment, run by the store inside its write transaction."""


@dataclass(frozen=True, slots=True)
class SpeakerEdit:
    """A change a user made to the canonical speakers, kept and re-applied on later ingests."""

    action: str  # "merge" (other into target) or "rename" (target renamed to other)
    target: str
    other: str


class EditAction(StrEnum):
    SET = "set"  # a user set an article's field
    UPDATE = "update"  # a re-ingest of the article took a field's new value
    REDATE = "redate"  # a statement's date was recomputed after its article's date changed
    REASSIGN = "reassign"  # a user gave a statement to another speaker
    DELETE = "delete"  # a user deleted a statement
    MERGE = "merge"  # a user merged speaker `old` into speaker `new`
    RENAME = "rename"  # a user renamed speaker `old` to `new`


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made to the record after extraction, as the edit log keeps it.

    `old` and `new` are the values as text (ISO dates, names; a deleted statement's
    `old` is its JSON record); `cause` is the edit this one follows from.
    """

    id: int
    made_at: str  # ISO 8601 UTC
    action: EditAction
    made_by: str | None = None
    article: str | None = None  # the article changed, or the article of the statement
    statement: int | None = None
    speaker: int | None = None
    field: str | None = None  # "published", "outlet", "title", "url", "speaker", "name", "said_on"
    old: str | None = None
    new: str | None = None
    origin: str | None = None  # the input a re-ingest update came from
    cause: int | None = None


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A web page as fetched: the bytes received, from where and when (for provenance)."""

    url: str  # as asked for
    final_url: str  # after redirects
    fetched_at: str  # ISO 8601 UTC
    status: int
    content_type: str | None
    body: bytes
    article: str | None = None  # the id of the article read from it, once stored


@dataclass(frozen=True, slots=True)
class Statement:
    """An attribution with its resolved speaker, date and occasion, as stored and shown."""

    attribution: Attribution
    speaker: str | None  # best full name of the speaker within the article
    speaker_kind: MentionKind = MentionKind.UNKNOWN
    speaker_span: Span | None = None  # the full-name mention the speaker resolved to
    said_on: StatementDate | None = None
    occasion: Occasion | None = None
    canonical: Speaker | None = None  # the corpus-wide speaker, set by the corpus stage

    @property
    def kind(self) -> Kind:
        return self.attribution.kind


@dataclass(frozen=True, slots=True)
class Dropped:
    """How many pieces one stage removed or left out of an article for one reason."""

    stage: str  # "cleaning" | "attribution"
    reason: str  # "story list", "in a photo caption", ...
    count: int


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """The output of the per-article stages: ready to store, with what the stages left out."""

    article: Article
    statements: tuple[Statement, ...]
    dropped: tuple[Dropped, ...] = ()


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
    speaker_id: int | None = None  # the canonical speaker's stable number
    said_on: dt.date | None = None
    said_on_precision: str | None = None  # "day" | "month" | "year"
    said_on_evidence: dict[str, Any] | None = None  # {"expression", "span", "method"}
    occasion: str | None = None
    speaker_mention: str | None = None  # the speaker's name as resolved within the article
    edits: int = 0  # rows of the edit log about this statement (reassigned, re-dated)
    channel: str | None = None  # how it was reported: "Fars", "his official website"
    channel_span: list[int] | None = None  # [start, end] of the channel's words


@dataclass(frozen=True, slots=True)
class StatementFilter:
    """Which statements a listing asks the store for, in the store's terms (ids, not names).

    A statement's date is the day it was said, else its article's publication date;
    `since`/`until` leave out statements with neither unless `include_undated`.
    """

    speaker_id: int | None = None
    outlet: str | None = None  # part of the outlet's name, any case
    since: dt.date | None = None
    until: dt.date | None = None
    include_undated: bool = False
    article_id: str | None = None
    topic: str | None = None  # on this topic: relevant to it, or taking a side
    stance: str | None = None  # "for" | "against" | "neutral" toward `topic`
    kind: str | None = None  # "direct" | "indirect" | "mixed" | "transcript"
    text: str | None = None  # full-text search: every word, best matches first


@dataclass(frozen=True, slots=True)
class SpeakerRole:
    """An office the corpus names a speaker by (table speaker_roles): its head noun, all its
    words (lower case, sorted), the country it names ('' for none), and the first and last
    days it was seen (None: not known)."""

    head: str
    words: str
    designator: str
    first_seen: dt.date | None
    last_seen: dt.date | None


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A speaker with how often and where they are quoted."""

    name: str
    kind: str
    statements: int
    articles: int
    outlets: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    external_id: str | None = None
    id: int | None = None


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
    language: str = "en"
    edits: int = 0  # rows of the edit log about this article or its statements
    captions: tuple[Span, ...] = ()  # the photo captions in `text` (read by `store.article`)


@dataclass(frozen=True, slots=True)
class OutletSummary:
    """An outlet with how many of its articles and statements are stored, and their dates."""

    name: str | None  # None: the articles whose outlet is unknown
    articles: int
    statements: int
    first_published: dt.date | None
    last_published: dt.date | None


@dataclass(frozen=True, slots=True)
class EventOutline:
    """A speech event in brief, for a chart or a list: its date, occasion and counts.

    `date` is the day the event was said on, else the earliest day one of its statements
    was said on, else the earliest publication day of its reports (`basis` says which).
    """

    id: int
    date: dt.date | None
    basis: str | None  # "said" | "published" | None (undated)
    occasion: str | None
    statements: int
    articles: int  # the articles that report it
    positions: dict[str, int]  # position toward the chosen topic -> statements taking it
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> statements (when known)


def article_id(text: str) -> str:
    """Return the id of an article: a hash of its text with case and whitespace normalised."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


# --- topics and stance (onrecord.topics) ---


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject defined by the user: what it is about, and the proposition stance is taken on."""

    name: str  # a short id: "talks-with-us"
    description: str
    proposition: str  # the stance target: "Iran should negotiate with the United States"
    examples: tuple[str, ...] = ()  # statements or phrases typical of the topic
    keywords: tuple[str, ...] = ()  # words or phrases that mark the topic outright
    entities: tuple[str, ...] = ()  # the proposition's counterpart: "United States", "US"


@dataclass(frozen=True, slots=True)
class TopicScore:
    """How strongly a statement is about a topic: a score in [0, 1] and what matched."""

    topic: str
    score: float
    relevant: bool  # score >= the relevance threshold
    matches: tuple[str, ...] = ()  # keywords, entities and topic words found


class StanceLabel(StrEnum):
    FOR = "for"  # supports the proposition
    AGAINST = "against"  # rejects it
    NEUTRAL = "neutral"  # takes no position on it (or on a different counterpart)


@dataclass(frozen=True, slots=True)
class StanceCue:
    """One phrase that decided a stance, with where it is.

    `span` is into the text named by `part`: the content string given to `stance()`, or
    the article's clean text when the stance came from `statement_stance()`.
    """

    text: str
    span: Span
    role: str  # "refusal" | "negation" | "support" | "condition" | "limit" | "recalled" | ...
    part: str = "content"  # "content" | "cue" | "article"


@dataclass(frozen=True, slots=True)
class Stance:
    """A statement's stance toward a topic's proposition, with the cues that decided it."""

    label: StanceLabel
    qualifier: str | None = None  # "conditional": limited to one subject, only if X, not until Y
    cues: tuple[StanceCue, ...] = ()
    confidence: float = 0.0

    @property
    def position(self) -> str:
        """Return label and qualifier as one word: "against", "for/conditional"."""
        return f"{self.label}/{self.qualifier}" if self.qualifier else str(self.label)


@dataclass(frozen=True, slots=True)
class StanceItem:
    """One statement of a speaker on a topic, with its stance and dates, for position changes."""

    statement: str  # the caller's id: a store id, or "doc:index"
    speaker: str
    topic: str
    stance: Stance
    said_on: dt.date | None = None
    published: dt.date | None = None
    content: str = ""

    @property
    def date(self) -> dt.date | None:
        """Return when it was said, else when it was published (None: undated)."""
        return self.said_on or self.published


@dataclass(frozen=True, slots=True)
class PositionPeriod:
    """A run of consecutive dates on which a speaker held one position on a topic."""

    position: str  # Stance.position: "against", "for/conditional", ...
    first: dt.date
    last: dt.date
    items: tuple[StanceItem, ...]  # the statements that took a position (neutral ones left out)


@dataclass(frozen=True, slots=True)
class PositionChange:
    """A speaker's position on a topic moving from one period to the next."""

    speaker: str
    topic: str
    before: PositionPeriod
    after: PositionPeriod


# --- clustering: the same utterance across outlets, speech events, quote drift ---


@dataclass(frozen=True, slots=True)
class ClusterInput:
    """One stored statement as the clustering stage sees it: who, when, where, what.

    `quoted` holds the direct-quote pieces of `content`, without quotation marks.
    """

    statement_id: int
    article: str  # article id
    outlet: str | None
    speaker_id: int | None  # canonical speaker; None never clusters
    said_on: dt.date | None
    said_on_precision: str | None  # "day" | "month" | "year" (None: "day" if said_on is set)
    published: dt.date | None
    occasion: str | None
    kind: str  # "direct" | "indirect" | "mixed" | "transcript"
    content: str
    quoted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BandProbe:
    """A look-up of candidates through LSH band keys: the keys, and the days a candidate
    said on a known day may lie on (None: any).

    A candidate placed by publication only must be published at most a month before
    `first`; with `unplaced`, only candidates placed on no day at all are wanted."""

    keys: tuple[int, ...]
    first: dt.date | None
    last: dt.date | None
    unplaced: bool = False  # only candidates placed on no day at all


@dataclass(frozen=True, slots=True)
class ClusterLink:
    """Why statements `a` < `b` were judged to report the same utterance."""

    a: int
    b: int
    how: str  # "verbatim" | "trimmed" | "paraphrase"
    score: float


@dataclass(frozen=True, slots=True)
class ClusterAssignment:
    """A statement's cluster after an update; `previous` is None for a new statement."""

    statement_id: int
    cluster_id: int
    previous: int | None


@dataclass(frozen=True, slots=True)
class StatementCluster:
    """Statements, from any number of articles, that report one utterance.

    `id` is the smallest member statement id; `said_on` the day most members are dated to.
    """

    id: int
    speaker_id: int | None
    statements: tuple[int, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    said_on: dt.date | None
    occasion: str | None
    links: tuple[ClusterLink, ...] = ()
    published: dt.date | None = None  # the earliest publication date of its articles


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    """Clusters by one speaker on one occasion (or one day when the occasion is unknown)."""

    id: int  # the smallest cluster id
    speaker_id: int | None
    said_on: dt.date | None
    occasion: str | None
    clusters: tuple[int, ...]
    statements: tuple[int, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DriftVariant:
    """One wording of a stretch of a quote and the outlets (or documents) that carry it."""

    text: str
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DriftSegment:
    """A stretch of the reference quote and how each version renders it.

    `status` is "equal" (every version that covers it agrees), "changed" (some carry other
    words), "omitted" (some leave it out, none change it) or "added" (words the reference
    lacks; `text` is empty).
    """

    status: str
    text: str
    carried_by: tuple[str, ...]  # versions with the reference's words here
    variants: tuple[DriftVariant, ...] = ()  # other words, for "changed" and "added"
    omitted_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Drift:
    """The word-level differences between versions of one quote, against a reference."""

    reference: str  # the version the others are aligned against
    versions: tuple[str, ...]  # every version, reference first
    segments: tuple[DriftSegment, ...]
    unaligned: tuple[DriftVariant, ...] = ()  # quoted pieces too unlike the reference to align

    @property
    def drifted(self) -> bool:
        """Return whether any version changes or adds words (omissions are not drift)."""
        return any(s.status in ("changed", "added") for s in self.segments)


@dataclass(frozen=True, slots=True)
class ClusterUpdate:
    """What one local clustering update writes: clusters, evidence, and the events it redid.

    `assignments` holds only the statements whose cluster is new or changed; `keys` the
    MinHash LSH band keys of statements clustered for the first time; `links` the new
    links; `ambiguous` the statements that now bridge nothing; `events` replace the stored
    events whose ids are in `replaced`.
    """

    assignments: tuple[ClusterAssignment, ...]
    keys: dict[int, tuple[int, ...]]
    links: tuple[ClusterLink, ...]
    ambiguous: tuple[int, ...]
    replaced: tuple[int, ...]
    events: tuple[SpeechEvent, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored speech event with its statements, as queries return it.

    `clusters` maps each statement id to its cluster's id (the cluster's smallest statement).
    """

    id: int
    speaker_id: int
    speaker: str
    said_on: dt.date | None
    occasion: str | None
    statements: tuple[StatementView, ...]
    clusters: dict[int, int]


@dataclass(frozen=True, slots=True)
class EventDating:
    """What dates a speech event on a timeline, for a page to be cut before any is read:
    its own day, else its statements counted by (said_on, said_on_precision), in the order
    each first appears, and their earliest publication date."""

    id: int
    said_on: dt.date | None
    said: tuple[tuple[dt.date, str | None, int], ...]
    published: dt.date | None


# --- topics as stored ---


@dataclass(frozen=True, slots=True)
class StatementTopic:
    """A statement's relevance to one topic and its stance toward the topic's proposition."""

    statement_id: int
    topic: str
    score: float
    relevant: bool
    stance: Stance

    @property
    def on_topic(self) -> bool:
        """Return whether the statement is about the topic: relevant, or taking a side."""
        return self.relevant or self.stance.label != StanceLabel.NEUTRAL


@dataclass(frozen=True, slots=True)
class EventStance:
    """An on-topic score of a statement of a speech event, with what a stance item needs."""

    event_id: int
    row: StatementTopic
    speaker: str | None
    content: str


@dataclass(frozen=True, slots=True)
class TopicSummary:
    """A stored topic with how many statements are on it, by stance label."""

    topic: Topic
    statements: int
    stances: dict[str, int]  # "for" | "against" | "neutral" -> count of on-topic statements
    definition_hash: str
