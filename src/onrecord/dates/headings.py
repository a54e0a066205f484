"""Headings that name a speech and its day: "PM address to the nation on coronavirus: 23
March 2020", "ADDRESS TO THE NATION BY … MUHAMMADU BUHARI …, 22ND OCTOBER, 2020".

A page that gives a speech's text (or reports one) often says the day only in its heading.
Such a line dates the speech event of the speaker it names, or, when it names nobody, of the
one speaker whose speech the page transcribes. Only lines near the top count: a heading
further down is a link to another story ("Related: PM statement … 16 March 2020").

A page's URL can carry the same heading as its slug ("…/statement-made-by-the-prime-minister-
15-november-2018"): a slug ending in a day, month name and year and naming a speech dates the
one transcribed speech when the text names no day for it (`url_heading`). A slug gives no
publication date: it is the title's day, often the event's, not the page's stamp.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from onrecord.dates.context import Context
from onrecord.dates.expressions import DateKind, Expression
from onrecord.models import Kind, Span

# A noun naming a speech, which a heading about one holds.
SPEECH_NOUN = re.compile(
    r"\b(?:statement|speech|address|broadcast|remarks|apology|transcript|homily|sermon"
    r"|lecture|audience|message|delivered|delivery)\b",
    re.IGNORECASE,
)
# A heading over a speech's own text names the speech within its first four words ("Remarks
# by the Mayor", "Budget Speech"); a headline reporting one names it after its verb.
HEADING_START = re.compile(
    r"^\W*(?:[\w.'’-]+\s+){0,3}(?:statement|speech|address|broadcast|remarks|apology"
    r"|transcript|homily|sermon|lecture|audience|message|delivered|delivery)\b",
    re.IGNORECASE,
)
# A date line under (or over) a speech's heading holds at most this many other words
# ("Wednesday, 18 March 2020", "March 1, 2018 15:00 The Kremlin, Moscow").
DATE_LINE_WORDS = 5
# Lines between a heading and its date line: a place, a name, a title ("Paul VI Audience
# Hall", "Nirmala Sitharaman", "Minister of Finance"), at most this many, each this short.
BETWEEN_LINES = 3
BETWEEN_WORDS = 8
# A line that is a byline or a publication stamp: a date under it is the page's, not the
# speech's ("By Mara Quell", "Published 14 October 2025").
STAMP_LINE = re.compile(r"^\W*(?:by\b|published|posted|updated|date\b)", re.IGNORECASE)
# A heading is at most this many words (a longer line is a paragraph).
HEADING_WORDS = 30
# Headings are looked for in this many lines from the top of the page.
TOP_LINES = 15
# A heading holds no full stop ending a sentence, at its end or inside it ("… 2025. Photo").
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?:\s*$|\s+[A-Z])")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_WORD = (
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|" + "|".join(_MONTHS) + ")"
)
_SLUG_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
# A slug ending in a full date with the month's name: "...-15-november-2018",
# "...-8th-november-2016", "...-november-15-2018".
SLUG_DATE = re.compile(
    rf"(?:^|[-_])(?:{_SLUG_DAY}[-_]{_MONTH_WORD}|{_MONTH_WORD.replace('month', 'month2')}"
    rf"[-_]{_SLUG_DAY.replace('day', 'day2')})[-_](?P<year>(?:19|20)\d\d)$",
    re.IGNORECASE,
)


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
            heading = _heading_over(context.text, line, span)
            if heading is None:
                continue
            line = heading
        named = {key for _, key in context.names_in(line)}
        if len(named) == 1:
            found.setdefault(named.pop(), []).append(expression)
        elif not named and len(transcribed) == 1:
            found.setdefault(next(iter(transcribed)), []).append(expression)
    return found


def _heading_over(text: str, line: Span, date: Span) -> Span | None:
    """For a date alone on its line, the lines from a speech's heading just above it down to
    the date: "Remarks by the Mayor at the Pier" / "Harbour Hall" / "October 14, 2025"."""
    rest = (text[line.start : date.start] + " " + text[date.end : line.end]).split()
    if len(rest) > DATE_LINE_WORDS or STAMP_LINE.match(text[line.start : line.end]):
        return None
    start = line.start
    for _ in range(BETWEEN_LINES + 1):
        if start == 0:
            return None
        above = _line_span(text, text.rfind("\n", 0, start - 1) + 1)
        words = above.text(text).split()
        start = above.start
        if not words:
            continue
        if SENTENCE_END.search(above.text(text)) or STAMP_LINE.match(above.text(text)):
            return None
        if HEADING_START.search(above.text(text)) and len(words) <= HEADING_WORDS:
            return Span(above.start, line.end)
        if len(words) > BETWEEN_WORDS:
            return None
    return None


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


def url_heading(url: str | None) -> tuple[dt.date, str] | None:
    """Return the day a URL's slug names with a speech, and the slug's words; else None.

    Only the last part of the path counts, when it ends in a day, a month's name and a year
    and names a speech ("statement-made-by-the-prime-minister-15-november-2018"). A year and
    month alone give no day; an impossible date gives nothing.
    """
    if not url:
        return None
    path = urlsplit(url if "//" in url else f"//{url}").path
    slug = re.sub(r"\.[a-z]{2,5}$", "", path.rstrip("/").rsplit("/", 1)[-1], flags=re.I)
    match = SLUG_DATE.search(slug)
    words = " ".join(re.split(r"[-_]+", slug))
    if match is None or not SPEECH_NOUN.search(words):
        return None
    month = (match["month"] or match["month2"]).casefold()[:3]
    number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month))
    try:
        day = dt.date(int(match["year"]), number, int(match["day"] or match["day2"]))
    except ValueError:
        return None
    return day, words
