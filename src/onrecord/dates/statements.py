"""Which date expression tells when each statement was made, and what date that is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from onrecord.dates.context import Context
from onrecord.dates.eligibility import (
    adjacent_day,
    in_caption,
    in_content,
    not_narrative,
    own_expression,
    speech_clause,
)
from onrecord.dates.events import same_occasion, speech_events
from onrecord.dates.expressions import (
    DAY_KINDS,
    DateKind,
    Expression,
    date_expressions,
    resolve,
    with_written_weekdays,
)
from onrecord.dates.headings import url_heading
from onrecord.dates.transcripts import spoken_day
from onrecord.models import Analysis, Kind, Precision, Span, Statement, StatementDate

# Relative days that may be spelled out by a full date right after them.
RELATIVE_DAY_KINDS = frozenset({DateKind.WEEKDAY, DateKind.SAME_DAY, DateKind.YESTERDAY})
# What may stand between a relative day and the full date spelling it out: a weekday in
# brackets, commas and spaces ("this morning (Tuesday), October 14, 2025").
SPELLED_OUT_GAP = re.compile(
    r"[\s,]*(?:\(\w+\))?[\s,]*(?:(?:morning|afternoon|evening|night)[\s,]+)?"
)
SPELLED_OUT_CHARS = 16
# Words before a cue that put it at another time than the article's event, with no day:
# "recently called the measures useless" is not the speech the article reports.
OTHER_TIME_WORDS = re.compile(
    r"\b(?:recently|previously|formerly|in\s+the\s+past|last\s+(?:month|year)"
    r"|earlier\s+this\s+(?:month|year))\b",
    re.IGNORECASE,
)
# How a date reached a statement, put in front of how its expression was resolved.
EVENT = "speech event in the article"
EARLIER = "earlier statement"
FOLLOWING = "quote following an earlier statement"
SCOPED = "the speaker's last dated appearance before it"
URL_HEADING = "URL slug naming the speech and its day"
DATE_LINE_HEADING = "date line under the page's speech heading"
UNKNOWN_YEAR = "not resolved: the article's publication date is unknown"


def date_statements(
    text: str,
    analysis: Analysis,
    statements: Sequence[Statement],
    published: dt.date | None,
    captions: Sequence[Span] = (),
    url: str | None = None,
    heading: tuple[dt.date, str] | None = None,
) -> tuple[Statement, ...]:
    """Return the statements with `said_on` set (None when unknown), in the same order.

    `captions` are the photo captions the cleaning marked (spans into `text`); lines with a
    photo credit count as captions too. A `url` whose slug names a speech and its day dates
    the one transcribed speaker's statements that the text dates in no way (`url_heading`);
    so does `heading`, the day of a date line under the page's speech heading with its
    evidence (a line the cleaning took out of `text`), before the URL; else the day the
    transcript's own words spell out ("tomorrow, 15 March 2024": `spoken_day`).
    """
    context = Context(text, analysis, statements, captions)
    expressions = with_written_weekdays(
        text, date_expressions(text, analysis), lambda span: _not_weekday_evidence(context, span)
    )
    facts = _Facts.of(context, expressions, published)
    spoken = spoken_day(context, expressions, published)
    dated = []
    for i, statement in enumerate(statements):
        found = facts.evidence(context, i)
        if found:
            found = (_spelled_out(context, expressions, found[0]), found[1])
        said_on = _statement_date(*found, published) if found else None
        if found is None and facts.silent(context, i):
            said_on = _url_date(context, i, url, published, heading)
            if said_on is None and statement.kind is Kind.TRANSCRIPT:
                said_on = spoken.get(context.keys[i] or "")
        dated.append(replace(statement, said_on=said_on))
    return tuple(dated)


def _not_weekday_evidence(context: Context, span: Span) -> bool:
    """Whether a full date may not tell which day a weekday of the text means: one in a
    quotation or reported content, or in a photo caption that names no place or event the
    statements' sentences name (a file picture of another day)."""
    if not in_caption(context, span):
        return not_narrative(context, span)
    if context.in_quote(span) or in_content(context, span):
        return True
    return not any(same_occasion(context, key, span) for key in set(context.keys) if key)


def _url_date(
    context: Context,
    index: int,
    url: str | None,
    published: dt.date | None,
    line: tuple[dt.date, str] | None = None,
) -> StatementDate | None:
    """The day a date line under the page's speech heading, else the URL's slug, names with a
    speech, for the one speaker the page transcribes."""
    heading, how = (line, DATE_LINE_HEADING) if line else (url_heading(url), URL_HEADING)
    transcribed = {
        key
        for key, statement in zip(context.keys, context.statements, strict=True)
        if key and statement.kind is Kind.TRANSCRIPT
    }
    key = context.keys[index]
    if heading is None or not key or transcribed != {key}:
        return None
    day, words = heading
    if published is not None and day > published:
        return None
    return StatementDate(day, Precision.DAY, words, None, how)


@dataclass(frozen=True, slots=True)
class _Facts:
    """Per statement: nested or not, its own date expression, whether it refers back."""

    nested: list[bool]
    own: list[Expression | None]
    back: list[bool]
    following: dict[int, int]  # a quote right after a back-reference → that back-reference
    events: dict[str | int, Expression]  # speaker key (or statement index) → speech event date
    other_day: list[bool]  # its sentence names a day other than its speaker's event day
    several: dict[str, list[Expression]]  # speakers whose text names several days of speaking
    narrative: list[Expression]  # the reporter's own dates (not quoted, reported or captions)
    published: dt.date | None

    @classmethod
    def of(
        cls, context: Context, expressions: Sequence[Expression], published: dt.date | None
    ) -> _Facts:
        """Work out the facts for every statement of an article."""
        count = len(context.statements)
        nested = [context.nested(i) for i in range(count)]
        own = [
            adjacent_day(context, i, expressions)
            if nested[i]
            else own_expression(context, i, expressions)
            for i in range(count)
        ]
        # An utterance before the article's event ("had said"), or one named as another
        # speech in its own sentence ("a statement late on Thursday in which he cited"),
        # keeps its own date and passes none on.
        back = [
            not nested[i] and (context.refers_back(i) or _named_speech(context, i, own[i]))
            for i in range(count)
        ]
        following = _following(context, own, back, nested)
        events, several = speech_events(
            context, expressions, own, back, following, nested, published
        )
        other_day = [
            _names_other_day(context, i, expressions, events, published) for i in range(count)
        ]
        narrative = [e for e in expressions if not not_narrative(context, e.span)]
        return cls(nested, own, back, following, events, other_day, several, narrative, published)

    def silent(self, context: Context, index: int) -> bool:
        """Whether the text says nothing of when a statement was made, nor of another day."""
        key = context.keys[index]
        return not (
            self.nested[index]
            or self.own[index] is not None
            or index in self.following
            or self.back[index]
            or self.other_day[index]
            or index in self.events
            or (key and key in self.events)
        )

    def evidence(self, context: Context, index: int) -> tuple[Expression, str | None] | None:
        """Return the expression that dates a statement, and how it reached it."""
        own = self.own[index]
        if self.nested[index]:
            # Reported inside another statement: the report's date is not its date, only a
            # day written right at its own cue ("May today said ..., The Guardian reported").
            return (own, None) if own is not None else None
        if own is not None:
            return own, EARLIER if self.back[index] else None
        if index in self.following:
            earlier = self.own[self.following[index]]
            return (earlier, FOLLOWING) if earlier is not None else None
        if self.back[index] or self.other_day[index]:
            return None  # an earlier utterance, or a sentence about another day: unknown
        return _inherited(context, index, self.events) or self._scoped(context, index)

    def _scoped(self, context: Context, index: int) -> tuple[Expression, str] | None:
        """For a speaker the text dates on several days: the day of their last dated
        appearance before the statement, when no other date stands in between (the
        statement reports the same appearance); else unknown.

        "X said on Monday ... [statement] ... On Tuesday X told ... [statement]": each
        statement takes the day just before it. A statement before the first day, or after
        a date of anything else (another day, a month, a year), stays unknown.
        """
        key, anchor = context.keys[index], context.anchor(index)
        if not key or key not in self.several or anchor is None:
            return None
        before = [e for e in self.several[key] if e.span.end <= anchor.start]
        if not before:
            return None
        last = max(before, key=lambda e: e.span.start)
        day = resolve(last, self.published)
        # Only on the dated statement's own line: a report returns to its main appearance
        # after a paragraph about another without naming its day again.
        if day is None or "\n" in context.text[last.span.start : anchor.start]:
            return None
        for other in self.narrative:
            if last.span.end <= other.span.start and other.span.end <= anchor.start:
                resolved = resolve(other, self.published)
                if resolved is None or resolved.value != day.value:
                    return None  # another time named in between: another appearance maybe
                if resolved.precision is not day.precision:
                    return None
        return last, SCOPED


def _named_speech(context: Context, index: int, own: Expression | None) -> bool:
    anchor = context.anchor(index)
    return own is not None and anchor is not None and speech_clause(context.text, own.span, anchor)


def _following(
    context: Context, own: list[Expression | None], back: list[bool], nested: list[bool]
) -> dict[int, int]:
    """Map a quote right after a back-reference, by the same speaker, to that back-reference."""
    result = {}
    for i in range(len(own) - 1):
        nxt = i + 1
        if not back[i] or nested[nxt] or back[nxt] or own[nxt] is not None:
            continue
        same = context.keys[i] is not None and context.keys[i] == context.keys[nxt]
        if same and context.statements[nxt].kind is Kind.DIRECT:
            result[nxt] = i
    return result


def _spelled_out(
    context: Context, expressions: Sequence[Expression], expression: Expression
) -> Expression:
    """A relative day followed by the full date it means ("this morning (Tuesday), October
    14, 2025"): the full date, which needs no publication date."""
    if expression.kind not in RELATIVE_DAY_KINDS:
        return expression
    for other in expressions:
        gap = context.text[expression.span.end : other.span.start]
        if (
            other.kind is DateKind.MONTH_DAY
            and 0 <= other.span.start - expression.span.end <= SPELLED_OUT_CHARS
            and SPELLED_OUT_GAP.fullmatch(gap)
        ):
            return other
    return expression


def _names_other_day(
    context: Context,
    index: int,
    expressions: Sequence[Expression],
    events: dict[str | int, Expression],
    published: dt.date | None,
) -> bool:
    """Whether a statement's sentence names a day, outside quotes and reported content, that
    is not its speaker's event day ("a statement late on Thursday in which he cited ..."),
    or puts its cue at another time with no day ("recently called ...")."""
    key, anchor = context.keys[index], context.anchor(index)
    event = events.get(key) if key else None
    if event is None or anchor is None:
        return False
    sentence = context.sentence(anchor.start)
    for match in OTHER_TIME_WORDS.finditer(context.text, sentence.start, anchor.end):
        if not context.in_quote(Span(match.start(), match.end())):
            return True
    resolved = resolve(event, published)
    event_day = resolved.value if resolved else event.core
    for expression in expressions:
        span = expression.span
        if not sentence.start <= span.start < sentence.end or expression.kind not in DAY_KINDS:
            continue
        if context.in_quote(span) or in_content(context, span):
            continue
        day = resolve(expression, published)
        if (day.value if day else expression.core) != event_day:
            return True
    return False


def _inherited(
    context: Context, index: int, events: dict[str | int, Expression]
) -> tuple[Expression, str] | None:
    key = context.keys[index]
    expression = events.get(key) if key else None
    expression = expression or events.get(index)
    return (expression, EVENT) if expression is not None else None


def _statement_date(
    expression: Expression, how: str | None, published: dt.date | None
) -> StatementDate | None:
    resolved = resolve(expression, published)
    if resolved is None and published is None:
        # The words are kept as evidence; the date itself would need a guess.
        method = f"{how}: {UNKNOWN_YEAR}" if how else UNKNOWN_YEAR
        return StatementDate(None, None, expression.text, expression.span, method)
    if resolved is None:
        return None
    method = f"{how}: {resolved.method}" if how else resolved.method
    return StatementDate(
        value=resolved.value,
        precision=resolved.precision,
        expression=expression.text,
        span=expression.span,
        method=method,
    )
