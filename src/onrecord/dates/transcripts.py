"""The day a transcribed speech was given, from the speaker's own words naming it.

A speech text says "today, 14 March 2024" or "the vote set down for tomorrow, 15 March
2024": a relative day spelled out by a full date tells the day the words were spoken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from onrecord.dates.context import Context
from onrecord.dates.expressions import DateKind, Expression, resolve
from onrecord.models import Kind, Precision, StatementDate

# A relative day right before the full date spelling it out ("tomorrow, 15 March 2024",
# "today, Thursday 14 March 2024"): the word is group 1.
SPELLED_OUT_BEFORE = re.compile(
    r"\b(today|tomorrow|yesterday)[\s,]+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day[\s,]+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# How many days after the day of speaking each word names.
OFFSET_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
# How far back (in characters) from a full date its relative day may stand.
LOOKBACK_CHARS = 40
SPOKEN_DAY = "the transcribed speaker's own words spell out a relative day"


def spoken_day(
    context: Context, expressions: Sequence[Expression], published: dt.date | None
) -> dict[str, StatementDate]:
    """Map the one transcribed speaker's key to the day their transcript's own words name.

    Every relative day spelled out in the transcript must give the same day of speaking,
    not after publication; otherwise (or with several transcribed speakers) nothing.
    """
    keys = {
        key
        for key, statement in zip(context.keys, context.statements, strict=True)
        if statement.kind is Kind.TRANSCRIPT
    }
    key = next(iter(keys)) if len(keys) == 1 else None
    if key is None:
        return {}
    spans = [
        span
        for statement in context.statements
        if statement.kind is Kind.TRANSCRIPT
        for span in statement.attribution.content
    ]
    found: dict[dt.date, Expression] = {}
    for expression in expressions:
        inside = (s.start <= expression.span.start < expression.span.end <= s.end for s in spans)
        if not any(inside):
            continue
        day = _day_of_speaking(context.text, expression, published)
        if day is not None:
            found.setdefault(day, expression)
    if len(found) != 1:
        return {}
    day, expression = next(iter(found.items()))
    if published is not None and day > published:
        return {}
    return {key: StatementDate(day, Precision.DAY, expression.text, expression.span, SPOKEN_DAY)}


def _day_of_speaking(
    text: str, expression: Expression, published: dt.date | None
) -> dt.date | None:
    """The day a full date right after "today", "tomorrow" or "yesterday" puts the speaking on."""
    if expression.kind is not DateKind.MONTH_DAY:
        return None
    word = SPELLED_OUT_BEFORE.search(
        text, max(0, expression.span.start - LOOKBACK_CHARS), expression.span.start
    )
    resolved = resolve(expression, published)
    if word is None or resolved is None or resolved.precision is not Precision.DAY:
        return None
    return resolved.value - dt.timedelta(days=OFFSET_DAYS[word.group(1).lower()])
