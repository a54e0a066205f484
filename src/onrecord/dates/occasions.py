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
utterance ("had said"), or dated differently from the speech event, inherits nothing;
nor does any later statement of a speaker whose back-reference names its own day ("had
on September 17 downplayed …"): the article is retelling that day's speech.
The facts about statements (quotations, nesting, pluperfects, speakers) come from
`onrecord.dates.context`, which the date rules use too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from onrecord.dates.context import Context
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
    excluded |= set(article.retold(back))
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
    for remark in article.remarks():
        if article.inside(remark.verb.start, article.quoted):
            continue  # the remark opens inside a quotation: the speaker's words, not the report's
        after = Span(remark.verb.end, remark.sentence.end)
        phrase = min(
            article.phrases(after), key=lambda p: (p.rank, p.occasion.span.start), default=None
        )
        if phrase is None:
            continue
        for target in (remark.speaker, remark.previous):
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


class _Article(Context):
    """An article's statements with their facts, and the spans that end an occasion phrase."""

    def __init__(self, text: str, analysis: Analysis, statements: Sequence[Statement]) -> None:
        super().__init__(text, analysis, statements)
        attributions = [statement.attribution for statement in self.statements]
        self.roles = sorted(span for a in attributions for span in a.source + a.cue + a.content)
        self.dates = [m for m in analysis.mentions if m.label in {"DATE", "TIME"}]

    def inside(self, offset: int, spans: Sequence[Span]) -> bool:
        """Whether `offset` falls inside one of `spans`."""
        return any(span.start <= offset < span.end for span in spans)

    def following(self, back: list[bool], nested: list[bool]) -> Iterator[int]:
        """Yield each quote right after a back-reference by the same speaker."""
        for i in range(len(back) - 1):
            same = self.keys[i] is not None and self.keys[i] == self.keys[i + 1]
            direct = self.statements[i + 1].kind is Kind.DIRECT
            if back[i] and same and direct and not nested[i + 1] and not back[i + 1]:
                yield i + 1

    def retold(self, back: list[bool]) -> Iterator[int]:
        """Yield the statements that go on retelling an earlier day's speech.

        "Ayatollah Khamenei had on September 17 downplayed …" opens a retelling: the same
        speaker's statements after it belong to that day, not to the article's speech
        event, until one is dated by words of its own after it (seed 003's last
        paragraphs had taken the Sunday speech's occasion).
        """
        for i, refers in enumerate(back):
            said_on = self.statements[i].said_on
            anchor = self.anchor(i)
            if not refers or said_on is None or said_on.span is None or anchor is None:
                continue
            if not self.sentence(anchor.start).start <= said_on.span.start < anchor.end:
                continue  # the back-reference names no day of its own
            for j in range(i + 1, len(self.statements)):
                if self.keys[j] != self.keys[i] or self.keys[i] is None:
                    continue
                own = self.statements[j].said_on
                if own is not None and own.span is not None and own.span.start > anchor.end:
                    break  # dated anew: the retelling is over
                yield j

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
