"""Date expressions in an article, and what each means against the publication date.

An expression is a DATE or TIME entity the parse found, or a weekday, month-day or
relative-day word the parse missed. `kind_of` says what sort of point in time it names
(or None: a duration, a season, a future); `resolve` turns it into a date with a
precision and the method used — or None when that would need a guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from onrecord.models import Analysis, Precision, Span


class DateKind(StrEnum):
    WEEKDAY = "weekday"  # "Saturday", "Wednesday night"
    SAME_DAY = "same day"  # "today", "this morning"
    YESTERDAY = "yesterday"
    WEEK = "week"  # "last week", "earlier this week"
    AGO = "ago"  # "two days ago", "four months ago"
    MONTH_DAY = "month-day"  # "September 17", "17 September 2019"
    MONTH = "month"  # "November", "last November", "March 2019"
    YEAR = "year"  # "2019"


# Kinds that name a day (or a week) and may date a statement from anywhere in its sentence;
# months and years are coarse and must stand right next to the cue or source.
DAY_KINDS = frozenset(
    {
        DateKind.WEEKDAY,
        DateKind.SAME_DAY,
        DateKind.YESTERDAY,
        DateKind.WEEK,
        DateKind.AGO,
        DateKind.MONTH_DAY,
    }
)

# Entity labels that can hold a date expression.
DATE_LABELS = frozenset({"DATE", "TIME"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A day of the month, its ordinal perhaps spaced off by a page's layout ("1 st February").
_DAY = r"\d{1,2}(?:\s?(?:st|nd|rd|th))?"
_YEAR = r"(?:1[89]|20)\d\d"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
# A date in digits, day and month with a four-digit year ("23/03/2020", "03/23/2020");
# which of the two is the month is read in `numeric_date`. An ISO date ("2020-03-23") is
# not read: on a page it is a stamp of the page's own (a header, a file name), not words
# saying when something happened.
_NUMERIC = r"(?<![\d/.-])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/.-])"
_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"

# Words in front of a date that add nothing to when ("only four months ago").
_HEDGES = re.compile(
    r"^(?:only|just|about|some|nearly|around|almost|as\s+early\s+as)\s+"
    # a weekday in front of the date it names adds nothing to it ("tuesday october 14")
    rf"|^(?:{'|'.join(_WEEKDAYS)}),?\s+(?=(?:{_MONTH}\s+)?\d)"
)

# The shapes of expression, tried in order; anything else is not a point in time.
KINDS: tuple[tuple[DateKind, re.Pattern[str]], ...] = (
    (DateKind.WEEKDAY, re.compile(rf"(?:{'|'.join(_WEEKDAYS)}){_PART_OF_DAY}")),
    (
        DateKind.SAME_DAY,
        re.compile(
            r"today|tonight|(?:earlier|later) today|(?:early |late )?this (?:morning|afternoon"
            r"|evening)"
        ),
    ),
    (DateKind.YESTERDAY, re.compile(rf"yesterday{_PART_OF_DAY}|last night")),
    (DateKind.WEEK, re.compile(r"last week|earlier this week")),
    (DateKind.AGO, re.compile(rf"{_NUMBER} (?:days?|weeks?|months?|years?) ago")),
    (
        DateKind.MONTH_DAY,
        re.compile(
            rf"(?:(?:{_MONTH} {_DAY}|{_DAY} (?:of )?{_MONTH})(?:,? {_YEAR})?|{_NUMERIC})"
            rf"{_PART_OF_DAY}"
        ),
    ),
    (DateKind.MONTH, re.compile(rf"(?:last |early |late )?{_MONTH}(?:,? {_YEAR})?")),
    (DateKind.YEAR, re.compile(_YEAR)),
)

# The space between the words of a date, which a page's layout may break onto the next
# line ("September\n20, 2006", as in text taken from a PDF); a blank line ends the date.
_GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
# Expressions the parse may miss: a weekday, a month-day, a relative day word, a date in
# digits.
MISSED = re.compile(
    rf"\b(?:(?:{'|'.join(_WEEKDAYS)}){_PART_OF_DAY}|yesterday|today|tonight|last night"
    r"|this (?:morning|afternoon|evening)|last week"
    rf"|{_MONTH}{_GAP}{_DAY}(?:,?{_GAP}{_YEAR})?|{_DAY}{_GAP}{_MONTH}(?:,?{_GAP}{_YEAR})?"
    rf"|{_NUMERIC})\b",
    re.IGNORECASE,
)
# A part of the day after a date, dropped from the words resolved.
PART_OF_DAY_END = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
# The parts of a date in digits, to read it without guessing the order of day and month.
NUMERIC = re.compile(_NUMERIC)
# A preposition taken into the expression's span, so it reads "on Saturday", "late on Friday".
LEADING_WORDS = re.compile(r"(?:\b(?:late|early)[^\S\n]+)?\b(?:on|in)[^\S\n]+$", re.IGNORECASE)
# A capitalised weekday with a capitalised word after it and no "on" before it is part of a
# name ("Friday Prayers leaders"), not a date.
NAME_AFTER = re.compile(r"^\s+[A-Z]")
# What stands before a capitalised "Today" inside a sentence (not after a full stop,
# a line break or an opening quotation mark).
NAME_INSIDE = re.compile(r"(?:[\w,’'] )$")
# How far back (in characters) a full date of the same month lends its year to a
# month-day written without one.
YEAR_LOOKBACK_CHARS = 600
# A year-less month-day after the publication date is a later year's only when it falls
# this close before publication in the year before (December 28, published January 3).
PREVIOUS_YEAR_DAYS = 92
# What may stand between a weekday and the full date it names: "Thursday, October 22, 2020".
# Before a weekday, words that leave its week unknown: "last Sunday" read on a Monday may be
# the day before or the Sunday a week earlier; "next Sunday" is no day anything was said.
LAST_OR_NEXT = re.compile(r"\b(?:last|next)\s+$", re.IGNORECASE)
WEEKDAY_GAP = re.compile(r"[\s,]*(?:(?:morning|afternoon|evening|night)[\s,]+)?")
# How a weekday is resolved from the one full date of that weekday the article writes.
WRITTEN_WEEKDAY = "weekday, the full date of that weekday in the text"
_MONTH_OF = re.compile(_MONTH)
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")


@dataclass(frozen=True, slots=True)
class Expression:
    """A date expression: its span (with a leading "on"), its kind, and the date words alone."""

    span: Span
    text: str  # the words of `span`: "on Saturday"
    core: str  # the date words, lower case, hedges removed: "saturday", "four months ago"
    kind: DateKind
    # For a month-day without a year: the year of a full date of the same month written
    # shortly before it ("In January 2017 ... On January 17, ...").
    year: int | None = None
    # For a weekday: the one full date of that weekday the article writes ("on Thursday" …
    # "on Thursday, October 22, 2020"), which dates it when the publication date is unknown.
    written: dt.date | None = None
    # A weekday after "last" or "next": a day (not the speaker's event day, if that is
    # another) whose week is unknown, so it resolves to nothing.
    unknown: bool = False


@dataclass(frozen=True, slots=True)
class Resolved:
    """What an expression means: a date (first day for month or year precision), and how."""

    value: dt.date
    precision: Precision
    method: str


def kind_of(words: str) -> DateKind | None:
    """Return what sort of point in time `words` name, or None (a duration, a season, ...)."""
    normal = _HEDGES.sub("", " ".join(words.lower().split()).removeprefix("the "))
    if _core(words) is None:
        return None  # digits that could be either of two dates
    for kind, pattern in KINDS:
        if pattern.fullmatch(normal):
            return kind
    return None


def numeric_date(words: str) -> str | None:
    """Return a date written in digits as ISO ("23/03/2020" -> "2020-03-23"), or None when it
    is no date or when day and month could be either ("03/04/2020")."""
    match = NUMERIC.fullmatch(words.strip())
    if match is None:
        return None
    first, second, year = int(match["first"]), int(match["second"]), match["year"]
    if first <= 12 and second <= 12 and first != second:
        return None  # both orders make a date: which one the page means is a guess
    day, month = (first, second) if first > 12 else (second, first)
    try:
        return dt.date(int(year), month, day).isoformat()
    except ValueError:
        return None


def _core(words: str) -> str | None:
    """The date words compared and parsed: lower case, hedges removed, digits made ISO."""
    core = _HEDGES.sub("", " ".join(words.lower().split()).removeprefix("the "))
    numeric = NUMERIC.search(core)
    if numeric is None:
        return core
    iso = numeric_date(numeric.group())
    return core[: numeric.start()] + iso + core[numeric.end() :] if iso else None


def date_expressions(text: str, analysis: Analysis) -> tuple[Expression, ...]:
    """Return every date expression of the text that names a point in time, in order."""
    # An entity that names no point in time as a whole ("late on 8 November 2016 evening"
    # run together by a page) does not hide a date written inside it.
    spans = [
        m.span for m in analysis.mentions if m.label in DATE_LABELS and kind_of(m.text) is not None
    ]
    taken = list(spans)
    for match in MISSED.finditer(text):
        span = Span(match.start(), match.end())
        inside = [o for o in taken if span.overlaps(o)]
        if all(span.start <= o.start and o.end <= span.end for o in inside):
            # the parse may keep the day out of its entity ("2" | "September 2019" after
            # a colon or at a paragraph's start): the whole date replaces the part
            spans = [o for o in spans if o not in inside] + [span]
    found = []
    for span in sorted(spans):
        words = span.text(text)
        kind = kind_of(words)
        core = _core(words)
        if kind is None or core is None or _is_name(text, span, kind):
            continue
        if kind is DateKind.MONTH_DAY:
            core = PART_OF_DAY_END.sub("", core)  # "8 november 2016 evening": the day
        lead = LEADING_WORDS.search(text, max(0, span.start - 12), span.start)
        start = lead.start() if lead else span.start
        unknown = kind is DateKind.WEEKDAY and bool(
            LAST_OR_NEXT.search(text, max(0, span.start - 8), span.start)
        )
        found.append(
            Expression(Span(start, span.end), text[start : span.end], core, kind, unknown=unknown)
        )
    return tuple(_with_year_hints(found))


def _with_year_hints(found: list[Expression]) -> list[Expression]:
    """Give a year-less month-day the year of a full date of its month just before it."""
    result: list[Expression] = []
    for expression in found:
        if expression.kind is DateKind.MONTH_DAY and not _HAS_YEAR.search(expression.core):
            month = _month_name(expression.core)
            for earlier in reversed(result):
                if expression.span.start - earlier.span.end > YEAR_LOOKBACK_CHARS:
                    break
                year = _HAS_YEAR.search(earlier.core)
                if year and month and _month_name(earlier.core) == month:
                    expression = replace(expression, year=int(year.group()))
                    break
        result.append(expression)
    return result


def with_written_weekdays(
    text: str, found: Sequence[Expression], skipped: Callable[[Span], bool]
) -> tuple[Expression, ...]:
    """Give each weekday the full date the text writes with that weekday's name ("on
    Thursday, October 22, 2020"), when it writes exactly one; dates where `skipped` is true
    (reported content, quotations, captions) are not read."""
    full: dict[int, set[dt.date]] = {}
    for previous, expression in zip((None, *found), found, strict=False):
        if expression.kind is not DateKind.MONTH_DAY or not _HAS_YEAR.search(expression.core):
            continue
        weekday = _named_weekday(text, previous, expression)
        if weekday is None or skipped(expression.span):
            continue
        parsed = _parse(PART_OF_DAY_END.sub("", expression.core), None)
        if parsed is not None and parsed.weekday() == weekday:
            full.setdefault(weekday, set()).add(parsed)
    result = []
    for expression in found:
        if expression.kind is DateKind.WEEKDAY:
            days = full.get(_WEEKDAYS.index(expression.core.split()[0]), set())
            # Two different dates of that weekday: which one it means is a guess.
            if len(days) == 1:
                expression = replace(expression, written=next(iter(days)))
        result.append(expression)
    return tuple(result)


def _named_weekday(text: str, previous: Expression | None, expression: Expression) -> int | None:
    """The weekday written with a full date: inside its words, or right before them."""
    words = expression.text.lower()
    for index, name in enumerate(_WEEKDAYS):
        if name in words:
            return index
    if (
        previous is not None
        and previous.kind is DateKind.WEEKDAY
        and WEEKDAY_GAP.fullmatch(text, previous.span.end, expression.span.start)
    ):
        return _WEEKDAYS.index(previous.core.split()[0])
    return None


def _month_name(core: str) -> str | None:
    match = _MONTH_OF.search(core)
    return match.group()[:3] if match else None


def _is_name(text: str, span: Span, kind: DateKind) -> bool:
    before = text[max(0, span.start - 4) : span.start].lower()
    if kind is DateKind.SAME_DAY and text[span.start : span.end] in {"Today", "Tonight"}:
        # "BBC Radio 4's Today programme": capitalised inside a sentence, it is a name.
        return bool(NAME_INSIDE.search(text[max(0, span.start - 3) : span.start]))
    return (
        kind is DateKind.WEEKDAY
        and not before.endswith("on ")
        and bool(NAME_AFTER.match(text[span.end :]))
    )


def resolve(expression: Expression, published: dt.date | None) -> Resolved | None:
    """Return the date an expression names, or None when it cannot be known without a guess."""
    if expression.unknown:
        return None
    if expression.kind is DateKind.MONTH_DAY and not _HAS_YEAR.search(expression.core):
        resolved = _yearless_month_day(expression, published)
    elif expression.kind is DateKind.WEEKDAY and published is None and expression.written:
        resolved = Resolved(expression.written, Precision.DAY, WRITTEN_WEEKDAY)
    elif published is None and not _HAS_YEAR.search(expression.core):
        return None  # a relative or year-less expression needs the publication date
    else:
        resolved = _RESOLVERS[expression.kind](expression.core, published)
    if resolved is None or (published is not None and resolved.value > published):
        return None  # never a date after the article was published
    return resolved


def _weekday(core: str, published: dt.date | None) -> Resolved | None:
    assert published is not None
    wanted = _WEEKDAYS.index(core.split()[0])
    back = (published.weekday() - wanted) % 7
    return Resolved(
        published - dt.timedelta(days=back), Precision.DAY, "weekday on or before publication"
    )


def _same_day(core: str, published: dt.date | None) -> Resolved | None:
    assert published is not None
    return Resolved(published, Precision.DAY, f"same day as publication ({core})")


def _yesterday(core: str, published: dt.date | None) -> Resolved | None:
    assert published is not None
    return Resolved(
        published - dt.timedelta(days=1),
        Precision.DAY,
        f"day before publication ({'last night' if core == 'last night' else 'yesterday'})",
    )


def _week(core: str, published: dt.date | None) -> Resolved | None:
    assert published is not None
    monday = published - dt.timedelta(days=published.weekday())
    if core == "last week":
        first, last = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        method = "week before publication (last week)"
    else:
        first, last = monday, published
        method = "week of publication (earlier this week)"
    return _coarsened(first, last, method)


def _coarsened(first: dt.date, last: dt.date, method: str) -> Resolved | None:
    """Return the month (else the year) holding every day from `first` to `last`."""
    if (first.year, first.month) == (last.year, last.month):
        return Resolved(first.replace(day=1), Precision.MONTH, method)
    if first.year == last.year:
        return Resolved(first.replace(month=1, day=1), Precision.YEAR, method)
    return None


def _ago(core: str, published: dt.date | None) -> Resolved | None:
    assert published is not None
    parsed = _parse(core, published)
    if parsed is None:
        return None
    unit = core.split()[1].rstrip("s")
    method = f"{core.removesuffix(' ago')} before publication"
    if unit == "day":
        return Resolved(parsed, Precision.DAY, method)
    if unit == "week":
        return _coarsened(parsed, parsed + dt.timedelta(days=6), method)
    precision = Precision.MONTH if unit == "month" else Precision.YEAR
    return _truncated(parsed, precision, method)


def _month_day(core: str, published: dt.date | None) -> Resolved | None:
    parsed = _parse(core, published)
    if parsed is None:
        return None
    method = "absolute date" if _HAS_YEAR.search(core) else "absolute date, year from publication"
    return Resolved(parsed, Precision.DAY, method)


def _yearless_month_day(expression: Expression, published: dt.date | None) -> Resolved | None:
    """A month and day with no year: the year of a nearby full date, else of publication.

    With the publication year, a day after publication is a later event ("will resign on
    June 7"), not last year's, unless it falls just before publication in the year before.
    """
    if expression.year is not None:
        parsed = _parse(f"{expression.core} {expression.year}", None)
        method = "absolute date, year from a nearby date"
        return Resolved(parsed, Precision.DAY, method) if parsed else None
    if published is None:
        return None
    parsed = _parse(f"{expression.core} {published.year}", None)
    if parsed is None:
        return None
    if parsed > published:
        earlier = _parse(f"{expression.core} {published.year - 1}", None)
        if earlier is None or (published - earlier).days > PREVIOUS_YEAR_DAYS:
            return None
        parsed = earlier
    return Resolved(parsed, Precision.DAY, "absolute date, year from publication")


def _month(core: str, published: dt.date | None) -> Resolved | None:
    words = core.split()
    if words[0] in {"last", "early", "late"}:
        words = words[1:]
    parsed = _parse(" ".join(words), published)
    if parsed is None:
        return None
    if core.startswith("last ") and published is not None and parsed.month == published.month:
        parsed = parsed.replace(year=parsed.year - 1)  # "last June", said in June
    method = "month" if _HAS_YEAR.search(core) else "month, year from publication"
    return _truncated(parsed, Precision.MONTH, method)


def _year(core: str, published: dt.date | None) -> Resolved | None:
    return Resolved(dt.date(int(core), 1, 1), Precision.YEAR, "year")


def _truncated(value: dt.date, precision: Precision, method: str) -> Resolved:
    first = value.replace(day=1) if precision is Precision.MONTH else value.replace(month=1, day=1)
    return Resolved(first, precision, method)


def _parse(words: str, published: dt.date | None) -> dt.date | None:
    """Parse with dateparser, relative to the publication date and preferring the past."""
    base = dt.datetime.combine(published, dt.time()) if published else None
    parsed = _parser(base)(words)
    return parsed.date() if parsed is not None else None


@functools.lru_cache(maxsize=64)
def _parser(base: dt.datetime | None) -> Callable[[str], dt.datetime | None]:
    import dateparser  # slow to import: only when a date is resolved

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base

    def parse(words: str) -> dt.datetime | None:
        """Parse `words` as English, relative to `base`."""
        return dateparser.parse(words, languages=["en"], settings=settings)  # type: ignore[arg-type]

    return parse


_RESOLVERS: dict[DateKind, Callable[[str, dt.date | None], Resolved | None]] = {
    DateKind.WEEKDAY: _weekday,
    DateKind.SAME_DAY: _same_day,
    DateKind.YESTERDAY: _yesterday,
    DateKind.WEEK: _week,
    DateKind.AGO: _ago,
    DateKind.MONTH_DAY: _month_day,
    DateKind.MONTH: _month,
    DateKind.YEAR: _year,
}
