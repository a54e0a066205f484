"""Headings that name a speech and its day: "PM address to the nation on coronavirus: 23
March 2020", "ADDRESS TO THE NATION BY … MUHAMMADU BUHARI …, 22ND OCTOBER, 2020".

A page that gives a speech's text (or reports one) often says the day only in its heading.
Such a line dates the speech event of the speaker it names, or, when it names nobody, of the
one speaker whose speech the page transcribes. Only lines near the top count: a heading
further down is a link to another story ("Related: PM statement … 16 March 2020").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from onrecord.dates.context import Context
from onrecord.dates.expressions import DateKind, Expression
from onrecord.models import Kind, Span

# A noun naming a speech, which a heading about one holds.
SPEECH_NOUN = re.compile(
    r"\b(?:statement|speech|address|broadcast|remarks|apology|transcript)\b", re.IGNORECASE
)
# A heading is at most this many words (a longer line is a paragraph).
HEADING_WORDS = 30
# Headings are looked for in this many lines from the top of the page.
TOP_LINES = 15
# A heading holds no full stop ending a sentence, at its end or inside it ("… 2025. Photo").
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?:\s*$|\s+[A-Z])")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def heading_dates(
    context: Context, expressions: Sequence[Expression], caption: Callable[[Span], bool]
) -> dict[str, list[Expression]]:
    """Map speaker keys to the full dates of the speech headings near the top that name them
    (a line that is a photo caption, as `caption` tells, is none)."""
    top = _top_end(context.text)
    transcribed = {
        key
        for key, statement in zip(context.keys, context.statements, strict=True)
        if key and statement.kind is Kind.TRANSCRIPT
    }
    found: dict[str, list[Expression]] = {}
    for expression in expressions:
        span = expression.span
        if span.start >= top or expression.kind is not DateKind.MONTH_DAY:
            continue
        if not _YEAR.search(expression.core) or context.in_quote(span) or caption(span):
            continue
        line = _line_span(context.text, span.start)
        words = line.text(context.text).split()
        if len(words) > HEADING_WORDS or SENTENCE_END.search(line.text(context.text)):
            continue
        if not SPEECH_NOUN.search(line.text(context.text)):
            continue
        named = {key for _, key in context.names_in(line)}
        if len(named) == 1:
            found.setdefault(named.pop(), []).append(expression)
        elif not named and len(transcribed) == 1:
            found.setdefault(next(iter(transcribed)), []).append(expression)
    return found


def _top_end(text: str) -> int:
    """The offset where the page's top (its first TOP_LINES lines of text) ends."""
    seen, offset = 0, 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line.strip():
            seen += 1
            if seen == TOP_LINES:
                break
    return offset


def _line_span(text: str, offset: int) -> Span:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return Span(start, len(text) if end == -1 else end)
