"""Which date expression tells when each statement was made, and what date that is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from onrecord.dates.context import Context
from onrecord.dates.expressions import DAY_KINDS, Expression, date_expressions, resolve
from onrecord.models import Analysis, Kind, Span, Statement, StatementDate

# A preposition that makes a date the edge of a period, not a day something was said.
BLOCKERS = re.compile(
    r"\b(?:since|until|till|from|before|after|by|through|throughout|during|for|over"
    r"|between|into|to|of|as\s+of)\s+$",
    re.IGNORECASE,
)
# A pronoun opening a relative clause: a date inside one is about something else.
RELATIVE = re.compile(r"\b(?:which|who|whom|whose|where|when)\b", re.IGNORECASE)
# A clause opening between a date and a cue after it: the cue is not what the date modifies
# ("met on Monday, opening talks that both sides described as businesslike").
CLAUSE_BEFORE_CUE = re.compile(r"\b(?:that|which)\b", re.IGNORECASE)
# Text after a date that makes it a dateline ("July 21, IRNA –"): the report's date.
DATELINE_AFTER = re.compile(r"^,?\s*\(?[A-Z][A-Za-z]*\)?\s*[–—-]\s")
# A content no longer than this, not a clause, may end in a date that belongs to its cue
# ("deplored the seizure on Thursday").
SHORT_CONTENT_WORDS = 5
# A month or year dates a statement only this close (in words) to its cue or source.
COARSE_WINDOW_WORDS = 2
# Between a speaker's name and a date in a sentence like "X on Monday ruled out ...".
NAME_GAP = re.compile(r"^[\s,]*$")
# After such a date, a pluperfect makes it an earlier utterance's ("X, on May 2, had said").
PLUPERFECT_AFTER = re.compile(r"[\s,]*had\b", re.IGNORECASE)

# How a date reached a statement, put in front of how its expression was resolved.
EVENT = "speech event in the article"
EARLIER = "earlier statement"
FOLLOWING = "quote following an earlier statement"
UNKNOWN_YEAR = "not resolved: the article's publication date is unknown"


def date_statements(
    text: str, analysis: Analysis, statements: Sequence[Statement], published: dt.date | None
) -> tuple[Statement, ...]:
    """Return the statements with `said_on` set (None when unknown), in the same order."""
    context = Context(text, analysis, statements)
    expressions = date_expressions(text, analysis)
    facts = _Facts.of(context, expressions)
    dated = []
    for i, statement in enumerate(statements):
        found = facts.evidence(context, i)
        said_on = _statement_date(*found, published) if found else None
        dated.append(replace(statement, said_on=said_on))
    return tuple(dated)


@dataclass(frozen=True, slots=True)
class _Facts:
    """Per statement: nested or not, its own date expression, whether it refers back."""

    nested: list[bool]
    own: list[Expression | None]
    back: list[bool]
    following: dict[int, int]  # a quote right after a back-reference → that back-reference
    events: dict[str | int, Expression]  # speaker key (or statement index) → speech event date

    @classmethod
    def of(cls, context: Context, expressions: Sequence[Expression]) -> _Facts:
        """Work out the facts for every statement of an article."""
        count = len(context.statements)
        nested = [context.nested(i) for i in range(count)]
        own = [None if nested[i] else own_expression(context, i, expressions) for i in range(count)]
        back = [not nested[i] and context.refers_back(i) for i in range(count)]
        following = _following(context, own, back, nested)
        events = speech_events(context, expressions, own, back, following, nested)
        return cls(nested, own, back, following, events)

    def evidence(self, context: Context, index: int) -> tuple[Expression, str | None] | None:
        """Return the expression that dates a statement, and how it reached it."""
        own = self.own[index]
        if self.nested[index]:
            return None  # reported inside another statement: the report's date is not its date
        if own is not None:
            return own, EARLIER if self.back[index] else None
        if index in self.following:
            earlier = self.own[self.following[index]]
            return (earlier, FOLLOWING) if earlier is not None else None
        if self.back[index]:
            return None  # an earlier utterance with no date of its own: unknown
        return _inherited(context, index, self.events)


def own_expression(
    context: Context, index: int, expressions: Sequence[Expression]
) -> Expression | None:
    """Return the date expression in a statement's sentence that modifies its cue, if any."""
    anchor = context.anchor(index)
    if anchor is None:
        return None
    attribution = context.statements[index].attribution
    roles = attribution.cue + attribution.source
    sentence = context.sentence(anchor.start)
    candidates = [
        expression
        for expression in expressions
        if sentence.start <= expression.span.start < sentence.end
        and eligible(context, expression, anchor, roles)
    ]
    return min(candidates, key=lambda e: _distance(e.span, anchor), default=None)


def eligible(context: Context, expression: Expression, anchor: Span, roles: Sequence[Span]) -> bool:
    """Whether a date expression in the anchor's sentence may say when the anchor happened."""
    text, span = context.text, expression.span
    sentence = context.sentence(anchor.start)
    clause_start = text.rfind(",", sentence.start, span.start) + 1 or sentence.start
    return not (
        context.in_quote(span)  # the speaker's own words talk about other days
        or _in_content(context, span)  # so does reported speech
        or BLOCKERS.search(text, max(0, span.start - 12), span.start)  # "since November 1964"
        or DATELINE_AFTER.match(text[span.end : span.end + 16])  # "Tehran, July 21, IRNA –"
        or _in_parentheses(text, sentence, span)  # "Aban 13 (November 4)": an aside
        or (span.start > anchor.end and RELATIVE.search(text, anchor.end, span.start))
        or (span.end <= anchor.start and CLAUSE_BEFORE_CUE.search(text, span.end, anchor.start))
        or (
            not clause_start <= anchor.start < span.start  # a relative clause without the cue
            and RELATIVE.search(text, clause_start, span.start)
        )
        or (expression.kind not in DAY_KINDS and not _near(text, span, roles))
    )


def _in_parentheses(text: str, sentence: Span, span: Span) -> bool:
    return text.count("(", sentence.start, span.start) > text.count(")", sentence.start, span.start)


def _in_content(context: Context, span: Span) -> bool:
    """Whether a date is inside reported content, unless it ends a short noun phrase."""
    text = context.text
    for content in context.contents:
        if content.start <= span.start and span.end <= content.end:
            words = content.text(text).split()
            short = len(words) <= SHORT_CONTENT_WORDS and words[0].lower() != "that"
            at_end = span.end >= len(content.text(text).rstrip(".,;")) + content.start
            return not (short and at_end and content.text(text)[0] not in "“\"'‘")
    return False


def _near(text: str, span: Span, roles: Sequence[Span]) -> bool:
    for role in roles:
        gap = text[role.end : span.start] if role.end <= span.start else text[span.end : role.start]
        if len(gap.split()) <= COARSE_WINDOW_WORDS:
            return True
    return False


def _distance(span: Span, anchor: Span) -> int:
    return anchor.start - span.end if span.end <= anchor.start else max(0, span.start - anchor.end)


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


def speech_events(
    context: Context,
    expressions: Sequence[Expression],
    own: list[Expression | None],
    back: list[bool],
    following: dict[int, int],
    nested: list[bool],
) -> dict[str | int, Expression]:
    """Map speaker keys (and statement indices, for "the remarks") to their speech event's date."""
    events: dict[str | int, Expression] = {}
    for i, expression in enumerate(own):
        key = context.keys[i]
        if key and expression and not (back[i] or nested[i] or i in following):
            events.setdefault(key, expression)
    for remark in context.remarks():
        expression = _remark_date(context, expressions, remark.sentence, remark.verb)
        if expression is None:
            continue
        if remark.speaker:
            events.setdefault(remark.speaker, expression)
        if remark.previous is not None:
            events.setdefault(remark.previous, expression)
    for key, expression in _named_dates(context, expressions):
        events.setdefault(key, expression)
    return events


def _remark_date(
    context: Context, expressions: Sequence[Expression], sentence: Span, verb: Span
) -> Expression | None:
    candidates = [
        e
        for e in expressions
        if sentence.start <= e.span.start < sentence.end
        and e.kind in DAY_KINDS
        and eligible(context, e, verb, (verb,))
    ]
    return min(candidates, key=lambda e: _distance(e.span, verb), default=None)


def _named_dates(
    context: Context, expressions: Sequence[Expression]
) -> list[tuple[str, Expression]]:
    """Return (speaker, date) for each "X on Monday <did something>" outside quotations."""
    found = []
    names = sorted(set(context.speaker_mentions()), key=lambda item: item[0])
    for expression in expressions:
        if expression.kind not in DAY_KINDS or context.in_quote(expression.span):
            continue
        if PLUPERFECT_AFTER.match(context.text, expression.span.end):
            continue
        for span, key in names:
            gap = context.text[span.end : expression.span.start]
            if span.end <= expression.span.start and NAME_GAP.match(gap):
                found.append((key, expression))
                break
    return found


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
