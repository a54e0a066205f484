"""The speech event each statement belongs to: audience and venue phrases, as exact spans.

A statement's occasion is, in order:

1. the best audience or venue phrase in its own sentence ("addressing cabinet members on
   the occasion of Government Week", "In a speech to parliament", "told reporters in
   Dornholm", "said in Tehran") — never one inside quotation marks or reported content;
2. the occasion of its speaker's speech event in the article: the best phrase among the
   speaker's other statements and the sentences such as "The Supreme Leader made the
   remarks in a meeting with ...", which also covers the statement just before it.

Phrases rank: an event (meeting, speech, address, conference, "on the occasion of") over
an audience ("told reporters") over a channel ("in a statement") over a bare place. A
statement reported inside another one's content, or referring back to an earlier
utterance ("had said"), or dated differently from the speech event, inherits nothing.
The date stage repeats a few of these facts (stages share no code; see docs/dates.md).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from onrecord.models import Analysis, Kind, Occasion, Span, Statement

# Phrases that open an occasion, by rank (lower is preferred), each from its first word.
PHRASES: tuple[tuple[int, re.Pattern[str]], ...] = (
    # an event the speaker took part in, named by its audience or kind
    (0, re.compile(r"\b(?:while\s+)?(?:addressing|speaking\s+(?:to|at|before|in))\s", re.I)),
    (
        0,
        re.compile(
            r"\b(?:in|at|during)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?"
            r"(?:meeting|speech|address|conference|gathering|rally|ceremony|session|sermon"
            r"|summit|congress|briefing|debate|visit)\b",
            re.I,
        ),
    ),
    (0, re.compile(r"\bon\s+the\s+occasion\s+of\s", re.I)),
    # an audience: "told reporters in Dornholm" (not "told him", not "told that")
    (1, re.compile(r"\b(?:told|telling)\s+(?!(?:him|her|them|us|me|it|you|that)\b)", re.I)),
    # a channel: "in a statement", "in an interview"
    (
        2,
        re.compile(
            r"\bin\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:statement|interview|letter|message|post)\b",
            re.I,
        ),
    ),
)
# Rank of a bare place right after the cue ("said in Tehran").
PLACE_RANK = 3
# "in" right after a cue, before a place.
IN_PLACE = re.compile(r"\s+(in)\s+")
# Entity labels of a bare place.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that end a phrase: a new clause, a reason, a time.
STOP_WORDS = re.compile(
    r"\s(?:that|which|who|whom|whose|where|when|while|saying|adding|because|after|as|but)\b",
    re.I,
)
# A comma that ends a phrase: an appositive or participle follows ("…, held in Tehran").
STOP_COMMA = re.compile(r",\s+(?:her|his|its|their|he|she|they|it|we|I|\w+ing|\w+ed)\b", re.I)
# Marks that end a phrase: a quotation, a dash, a semicolon.
STOP_MARKS = re.compile(r"[“”\"«»;]|\s[–—-]\s")
# A date ends a phrase when a preposition or a relative word introduces it.
DATE_BEFORE = re.compile(r"\b(?:(?:late|early)\s+)?(?:on|in|since)\s+$", re.I)
DATE_WORDS = re.compile(r"^(?:yesterday|today|tonight|last|this|earlier|later|next)\b", re.I)
# What a phrase must not end with.
TRAILING = re.compile(r"(?:[\s,.:;]|\s+(?:and|or))+$")
# No phrase is longer than this; a longer one is cut at a word boundary.
MAX_PHRASE_CHARS = 240
# Quotation marks that open and close a quotation.
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
# A pluperfect: the statement reports an utterance made before the article's event.
HAD = re.compile(r"\bhad\b", re.I)
# A sentence that reports when or where remarks were made, without being a statement.
REMARKS = re.compile(
    r"\b(?:made|delivered|gave)\s+(?:the|these|those|his|her|their|its)\s+"
    r"(?:remarks|comments|statement|speech|address)\b"
    r"|\b(?:the\s+)?(?:remarks|comments)\s+(?:were|was)\s+made\b",
    re.I,
)
# A weekday or relative day the parse glued to a name ("Ali Khamenei Wednesday").
GLUED_DATE = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)$", re.I
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """An occasion phrase found in the text, with its rank."""

    rank: int
    occasion: Occasion


def find_occasions(
    text: str, analysis: Analysis, statements: Sequence[Statement]
) -> tuple[Statement, ...]:
    """Return the statements with `occasion` set (None when the article names none)."""
    article = _Article(text, analysis, statements)
    count = len(statements)
    nested = [article.nested(i) for i in range(count)]
    own = [None if nested[i] else own_phrase(article, i) for i in range(count)]
    back = [not nested[i] and article.refers_back(i) for i in range(count)]
    excluded = set(article.following(back, nested)) | {i for i in range(count) if back[i]}
    events = _events(article, own, excluded | {i for i in range(count) if nested[i]})
    found = []
    for i, statement in enumerate(statements):
        phrase = own[i]
        if not nested[i] and i not in excluded:
            event = _inherited(article, i, events)
            if event is not None and (phrase is None or event.rank < phrase.rank):
                phrase = event  # the speech event names the occasion better than this sentence
        found.append(replace(statement, occasion=phrase.occasion if phrase else None))
    return tuple(found)


def own_phrase(article: _Article, index: int) -> Phrase | None:
    """Return the best occasion phrase in a statement's sentence, if any."""
    anchor = article.anchor(index)
    if anchor is None:
        return None
    phrases = list(article.phrases(article.sentence(anchor.start)))
    place = _place(article, index)
    if place is not None:
        phrases.append(place)
    return min(phrases, key=lambda p: (p.rank, p.occasion.span.start), default=None)


def _place(article: _Article, index: int) -> Phrase | None:
    """Return "in Tehran" right after a statement's cue, if a place follows it."""
    text = article.text
    for cue in article.statements[index].attribution.cue:
        match = IN_PLACE.match(text, cue.end)
        if match is None:
            continue
        for mention in article.analysis.mentions:
            if mention.span.start == match.end() and mention.label in PLACE_LABELS:
                span = Span(match.start(1), mention.span.end)
                return Phrase(PLACE_RANK, Occasion(span.text(text), span))
    return None


def _events(
    article: _Article, own: list[Phrase | None], excluded: set[int]
) -> dict[str | int, tuple[Phrase, int | None]]:
    """Map speaker keys (and, for "the remarks", statement indices) to their event's phrase."""
    candidates: dict[str | int, list[tuple[Phrase, int | None]]] = {}
    for i, phrase in enumerate(own):
        key = article.keys[i]
        if key and phrase and i not in excluded:
            candidates.setdefault(key, []).append((phrase, i))
    for sentence, verb, key, previous in article.remarks():
        after = Span(verb.end, sentence.end)
        phrase = min(
            article.phrases(after), key=lambda p: (p.rank, p.occasion.span.start), default=None
        )
        if phrase is None:
            continue
        for target in (key, previous):
            if target is not None:
                candidates.setdefault(target, []).append((phrase, None))
    return {
        target: min(found, key=lambda item: (item[0].rank, item[0].occasion.span.start))
        for target, found in candidates.items()
    }


def _inherited(
    article: _Article, index: int, events: dict[str | int, tuple[Phrase, int | None]]
) -> Phrase | None:
    key = article.keys[index]
    event = (events.get(key) if key else None) or events.get(index)
    if event is None:
        return None
    phrase, provider = event
    said_on = article.statements[index].said_on
    other = article.statements[provider].said_on if provider is not None else None
    if said_on and other and (said_on.value, said_on.precision) != (other.value, other.precision):
        return None  # dated apart from the speech event: another occasion
    return phrase


class _Article:
    """An article's text and statements, with the facts about them occasions need."""

    def __init__(self, text: str, analysis: Analysis, statements: Sequence[Statement]) -> None:
        self.text = text
        self.analysis = analysis
        self.statements = tuple(statements)
        self.sentences = tuple(sorted(analysis.sentences))
        self._starts = [sentence.start for sentence in self.sentences]
        self.quoted = _quoted(text, analysis.paragraphs)
        attributions = [statement.attribution for statement in self.statements]
        self.contents = tuple(span for a in attributions for span in a.content)
        self.roles = sorted(span for a in attributions for span in a.source + a.cue + a.content)
        self.keys = tuple(_key(statement) for statement in self.statements)
        self.dates = [m for m in analysis.mentions if m.label in {"DATE", "TIME"}]

    def sentence(self, offset: int) -> Span:
        """Return the sentence holding `offset` (the whole text if the parse gave none)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return Span(0, len(self.text))

    def anchor(self, index: int) -> Span | None:
        """Return a statement's first cue, else its first source."""
        attribution = self.statements[index].attribution
        spans = attribution.cue or attribution.source
        return spans[0] if spans else None

    def inside(self, offset: int, spans: Sequence[Span]) -> bool:
        """Whether `offset` falls inside one of `spans`."""
        return any(span.start <= offset < span.end for span in spans)

    def nested(self, index: int) -> bool:
        """Whether a statement is reported inside another statement's content."""
        anchor = self.anchor(index)
        own = self.statements[index].attribution.content
        return anchor is not None and self.inside(
            anchor.start, [span for span in self.contents if span not in own]
        )

    def refers_back(self, index: int) -> bool:
        """Whether a statement reports an earlier utterance: "had said", "X had on ... said"."""
        attribution = self.statements[index].attribution
        cue = attribution.cue[0] if attribution.cue else None
        if cue and HAD.fullmatch(cue.text(self.text).split()[0]):
            return True
        sentence = self.sentence(cue.start) if cue else None
        windows = [self.text[sentence.start : cue.start].split()[-2:]] if cue and sentence else []
        for source in attribution.source:
            end = cue.start if cue and cue.start > source.end else self.sentence(source.end).end
            windows.append(self.text[source.end : end].split()[:3])
        return any(HAD.fullmatch(word) for words in windows for word in words)

    def following(self, back: list[bool], nested: list[bool]) -> Iterator[int]:
        """Yield each quote right after a back-reference by the same speaker."""
        for i in range(len(back) - 1):
            same = self.keys[i] is not None and self.keys[i] == self.keys[i + 1]
            direct = self.statements[i + 1].kind is Kind.DIRECT
            if back[i] and same and direct and not nested[i + 1] and not back[i + 1]:
                yield i + 1

    def remarks(self) -> Iterator[tuple[Span, Span, str | None, int | None]]:
        """Yield (sentence, verb, speaker key, statement before) for "X made the remarks ..."."""
        for sentence in self.sentences:
            match = REMARKS.search(self.text, sentence.start, sentence.end)
            if match is None or self.inside(match.start(), self.quoted):
                continue
            key = self.speaker_of(self.text[sentence.start : match.start()])
            before = [i for i in range(len(self.statements)) if self._ends_before(i, sentence)]
            yield sentence, Span(match.start(), match.end()), key, before[-1] if before else None

    def speaker_of(self, words: str) -> str | None:
        """Return the key of the known speaker `words` name: exactly, by surname, by title."""
        name = _normal(words)
        names: dict[str, set[str]] = {}
        for key, statement in zip(self.keys, self.statements, strict=True):
            if key is not None:
                names.setdefault(key, {key}).update(_names(self.text, statement))
        exact = (key for key, found in names.items() if name in found)
        longer = (key for key in names if name.endswith(" " + key))
        titled = (k for k, found in names.items() if any(name.endswith(" " + n) for n in found))
        return next(exact, None) or next(longer, None) or next(titled, None) if name else None

    def _ends_before(self, index: int, sentence: Span) -> bool:
        anchor = self.anchor(index)
        return anchor is not None and anchor.end <= sentence.start and not self.nested(index)

    def phrases(self, region: Span) -> Iterator[Phrase]:
        """Yield the occasion phrases that open in a region, outside quotations and content."""
        for rank, pattern in PHRASES:
            for match in pattern.finditer(self.text, region.start, region.end):
                start = match.start() + len(match.group()) - len(match.group().lstrip())
                if self.inside(start, self.quoted) or self.inside(start, self.contents):
                    continue
                end = self.phrase_end(match.end(), self.sentence(start).end)
                opener = match.start() + len(match.group().rstrip())
                if end > opener or (end == opener and opener == match.end()):
                    span = Span(start, end)
                    yield Phrase(rank, Occasion(span.text(self.text), span))

    def phrase_end(self, start: int, limit: int) -> int:
        """Return where a phrase opened before `start` ends: before a stop, trimmed."""
        limit = min(limit, start + MAX_PHRASE_CHARS)
        stops = [limit]
        stops += [span.start for span in self.roles if start <= span.start < limit]
        for pattern in (STOP_WORDS, STOP_COMMA, STOP_MARKS):
            match = pattern.search(self.text, start, limit)
            if match:
                stops.append(match.start())
        for mention in self.dates:
            if start <= mention.span.start < limit:
                stops.append(self._date_start(mention.span) or limit)
        end = min(stops)
        trailing = TRAILING.search(self.text, start, end)
        return trailing.start() if trailing and trailing.end() == end else end

    def _date_start(self, span: Span) -> int | None:
        before = DATE_BEFORE.search(self.text, max(0, span.start - 12), span.start)
        if before:
            return before.start()
        return span.start if DATE_WORDS.match(span.text(self.text)) else None


def _quoted(text: str, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """Return each quotation, marks included; an unclosed one runs to its paragraph's end."""
    regions = []
    for paragraph in paragraphs or (Span(0, len(text)),):
        opened: int | None = None
        for offset in range(paragraph.start, paragraph.end):
            char = text[offset]
            if opened is None and char in QUOTE_PAIRS:
                opened, closer = offset, QUOTE_PAIRS[char]
            elif opened is not None and char == closer:
                regions.append(Span(opened, offset + 1))
                opened = None
        if opened is not None:
            regions.append(Span(opened, paragraph.end))
    return tuple(regions)


def _normal(words: str) -> str:
    name = " ".join(words.lower().split()).removeprefix("the ")
    return name.removesuffix("’s").removesuffix("'s")


def _key(statement: Statement) -> str | None:
    return _normal(GLUED_DATE.sub("", statement.speaker)) if statement.speaker else None


def _names(text: str, statement: Statement) -> set[str]:
    spans = statement.attribution.source + (
        (statement.speaker_span,) if statement.speaker_span else ()
    )
    return {_normal(span.text(text)) for span in spans}
