"""What an article says about itself: title, outlet, publication date and URL.

Each field comes from the most direct evidence available, in a fixed order, and stays
None when there is none. The publication date is never read from the article's body or
from boilerplate (lists of other stories carry other stories' dates): only from the
input's own metadata, a date line in the masthead, or the URL.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from onrecord.ingest.outlets import outlet_named, outlet_of_host
from onrecord.models import CleanText, Metadata, RawDocument

# A title is at most this many words; a longer first line is a paragraph.
MAX_TITLE_WORDS = 25
# Paragraphs at the start of the text searched for a dateline.
DATELINE_PARAGRAPHS = 3

_DASH = r"\s*[–—-]{1,2}\s"
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
# The place a dateline opens with: up to four words, the first capitalised.
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}?"
# "WASHINGTON (AP) —", "TEHRAN, July 3 (Reuters) -": the outlet in brackets.
DATELINE_BRACKETED = re.compile(
    rf"^(?P<place>{_PLACE}),?(?:\s+{_MONTH_DAY},?)?\s+\((?P<outlet>[^()]{{2,40}})\){_DASH}"
)
# "Tehran, July 21, IRNA –": the outlet after the place and date, before a dash.
DATELINE_TRAILING = re.compile(
    rf"^{_PLACE},\s+(?P<date>{_MONTH_DAY}),\s+(?P<outlet>[A-Z][\w&.'’ ]{{1,40}}?){_DASH}"
)
# A word of a masthead line that may be an outlet's name or abbreviation.
MASTHEAD_WORDS = re.compile(r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*")

# Formats of a date, tried in order once weekday, labels and time are cut off.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%Y/%m/%d",
)
# Labels and weekdays before a date: "Published: Saturday, July 21, 2018".
DATE_PREFIX = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)
# A time of day and what follows it, after a date: ", 4:21 PM", " - 16:21 GMT".
TIME_SUFFIX = re.compile(r"(?:[\sT,|–—-]+(?:at\s+)?\d{1,2}[:.]\d{2}.*)$", re.IGNORECASE)
# Ordinal suffixes of day numbers: "21st" → "21".
ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
# An ISO date at the start of an ISO timestamp: "2018-07-21T16:21:00+04:30".
ISO_START = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
# The earliest publication date believed: older dates are misreadings.
EARLIEST_DATE = dt.date(1990, 1, 1)

# Where a hint came from, by input format, for published_evidence.
HINT_EVIDENCE: dict[str, str] = {
    "jsonl": "JSONL field",
    "html": "HTML metadata",
    "txt": "input metadata",
}


def extract_metadata(clean: CleanText, raw: RawDocument) -> Metadata:
    """Return the title, outlet, publication date and URL of an article."""
    published, evidence = publication_date(clean, raw)
    return Metadata(
        title=_title(clean, raw),
        outlet=_outlet(clean, raw),
        published=published,
        published_evidence=evidence,
        url=raw.hints.get("url") or None,
    )


def publication_date(clean: CleanText, raw: RawDocument) -> tuple[dt.date | None, str | None]:
    """Return the publication date and where it was found: hint, header line or URL."""
    hint = raw.hints.get("published")
    if hint and (date := parse_date(hint)):
        return date, HINT_EVIDENCE.get(raw.format, "input metadata")
    for line in clean.header:
        if date := parse_date(line):
            evidence = f"header line '{line}'"
            if confirmation := _dateline_agrees(clean.text, date):
                evidence += f", dateline '{confirmation}' agrees"
            return date, evidence
    url = raw.hints.get("url")
    if url and (date := url_date(url)):
        return date, "URL"
    return None, None


def parse_date(text: str) -> dt.date | None:
    """Parse a whole string that is a date (with optional weekday and time); else None."""
    text = " ".join(text.split())
    if iso := ISO_START.match(text):
        text = iso.group(1)
    text = TIME_SUFFIX.sub("", DATE_PREFIX.sub("", text, count=1), count=1)
    text = ORDINAL.sub("", text).replace("Sept", "Sep").replace(".", "").strip(" ,")
    for date_format in DATE_FORMATS:
        try:
            date = dt.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
        return date if date >= EARLIEST_DATE else None
    return None


def url_date(url: str) -> dt.date | None:
    """Return the year-month-day date written in a URL's path, if any (via htmldate)."""
    # Imported here: only articles with a URL and no better date need it.
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    latest = dt.datetime.now()
    options = Extractor(
        extensive=False,
        max=latest,
        min=dt.datetime.combine(EARLIEST_DATE, dt.time()),
        original=True,
        format="%Y-%m-%d",
    )
    found = extract_url_date(url, options)
    return dt.date.fromisoformat(found) if found else None


def _title(clean: CleanText, raw: RawDocument) -> str | None:
    hint = raw.hints.get("title")
    if hint:
        return " ".join(hint.split())
    first = clean.text.split("\n", 1)[0].strip()
    words = len(first.split())
    if first and words <= MAX_TITLE_WORDS and not first.endswith(".") and "\n" in clean.text:
        return first
    return None


def _outlet(clean: CleanText, raw: RawDocument) -> str | None:
    hint = raw.hints.get("outlet")
    if hint:
        hint = " ".join(hint.split())
        return outlet_named(hint) or hint
    return (
        _dateline_outlet(clean.text)
        or _masthead_outlet(clean.header)
        or _url_outlet(raw.hints.get("url"))
    )


def _body_paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()][:DATELINE_PARAGRAPHS]


def _dateline_outlet(text: str) -> str | None:
    """The outlet named in a dateline opening one of the first paragraphs."""
    for paragraph in _body_paragraphs(text):
        match = DATELINE_BRACKETED.match(paragraph)
        # A bracket after a capitalised phrase is a dateline only if the place is in
        # capitals ("WASHINGTON (AP) —") or the bracket names a known outlet.
        if match and (match.group("place").isupper() or outlet_named(match.group("outlet"))):
            name = match.group("outlet").strip()
            return outlet_named(name) or name
        match = DATELINE_TRAILING.match(paragraph)
        if match:
            name = match.group("outlet").strip()
            # An unknown name here must at least look like an agency's abbreviation.
            known = outlet_named(name)
            if known or re.fullmatch(r"[A-Z]{2,8}", name):
                return known or name
    return None


def _dateline_agrees(text: str, date: dt.date) -> str | None:
    """The dateline's month and day when they match `date` (a dateline has no year)."""
    for paragraph in _body_paragraphs(text):
        match = DATELINE_TRAILING.match(paragraph)
        if not match:
            continue
        month_day = match.group("date")
        for date_format in ("%B %d %Y", "%b %d %Y"):
            try:
                parsed = dt.datetime.strptime(
                    f"{month_day.replace('.', '')} {date.year}", date_format
                )
            except ValueError:
                continue
            if parsed.date() == date:
                return month_day
    return None


def _masthead_outlet(header: tuple[str, ...]) -> str | None:
    """A known outlet's name or abbreviation in a masthead line ("IFP Exclusive")."""
    for line in header:
        for words in MASTHEAD_WORDS.findall(line):
            parts = words.split()
            # Longest runs of capitalised words first: "Tehran Times" before "Tehran".
            for size in range(len(parts), 0, -1):
                for start in range(len(parts) - size + 1):
                    if known := outlet_named(" ".join(parts[start : start + size])):
                        return known
    return None


def _url_outlet(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    known = outlet_of_host(host)
    if known:
        return known
    return host[4:] if host.startswith("www.") else host
