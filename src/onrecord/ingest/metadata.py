"""What an article says about itself: title, outlet, publication date, URL and language.

Each field comes from the most direct evidence available, in a fixed order, and stays
None when there is none. The publication date is never read from the article's body or
from boilerplate (lists of other stories carry other stories' dates): only from the
input's own metadata, a date line at the top, a dateline, or the URL; the rule and the
words it was read from are kept as its evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import urlsplit

from onrecord.ingest.languages import detect_language
from onrecord.ingest.outlets import (
    name_fits_host,
    outlet_named,
    outlet_of_host,
    readable_outlet,
)
from onrecord.ingest.published import FoundDate, dateline_date, is_listing, top_date
from onrecord.ingest.published import url_date as url_date_found
from onrecord.ingest.titles import is_boilerplate_title, page_title, site_name_part
from onrecord.models import CleanText, Metadata, RawDocument

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

# Formats of a date hint, tried in order once weekday, labels and time are cut off.
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
    """Return the title, outlet, publication date, URL and language of an article."""
    found = publication_date(clean, raw)
    return Metadata(
        title=_title(raw),
        outlet=_outlet(clean, raw),
        published=found.date if found else None,
        published_evidence=found.describe() if found else None,
        url=raw.hints.get("url") or None,
        language=detect_language(clean.text),
    )


def publication_date(clean: CleanText, raw: RawDocument) -> FoundDate | None:
    """Return the publication date and its evidence: hint, date line, dateline or URL."""
    hint = raw.hints.get("published")
    if hint and (date := parse_date(hint)):
        return FoundDate(date, HINT_EVIDENCE.get(raw.format, "input metadata"), "")
    url = raw.hints.get("url")
    if is_listing(raw.text):
        # A tag's or an archive's page: its dates are its posts'; only its URL may date it.
        return url_date_found(url) if url else None
    if found := top_date(raw.text):
        if agrees := _dateline_agrees(clean.text, found.date):
            agreeing = f"dateline '{agrees}' agrees"
            found = replace(found, note=f"{found.note}, {agreeing}" if found.note else agreeing)
        return found
    return dateline_date(clean.text) or (url_date_found(url) if url else None)


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
    """Return the year-month-day date written in a URL's path, if any."""
    found = url_date_found(url)
    return found.date if found else None


def _title(raw: RawDocument) -> str | None:
    """The headline: given with the page, else its top line; without an outlet's name."""
    hint = raw.hints.get("title")
    if hint and not is_boilerplate_title(hint):
        title: str | None = " ".join(hint.split())
    else:
        title = page_title(raw.text)
    parts = site_name_part(title) if title else None
    # The name of the page's site ("– Newstrends" on newstrends.ng), or of a known outlet
    # before the headline ("The Australian : ..."), is no part of it; a known outlet's name
    # after it on another site ("... – The New York Times" on a blog) says whose story it is.
    if (
        parts
        and title
        and (_title_site(title, raw) or (outlet_named(parts[1]) and title.startswith(parts[1])))
    ):
        return parts[0]
    return title


def _title_site(title: str | None, raw: RawDocument) -> tuple[str, str] | None:
    """(headline, site name) when the title carries the name of the page's own site: a
    name that fits the URL's host ("– Newstrends" on newstrends.ng)."""
    parts = site_name_part(title) if title else None
    host = _host(raw.hints.get("url"))
    if parts and host and name_fits_host(parts[1], host):
        return parts
    return None


def _outlet(clean: CleanText, raw: RawDocument) -> str | None:
    """The outlet: given with the input, else the URL's known site, masthead, dateline, host."""
    hint = raw.hints.get("outlet")
    if hint:
        hint = " ".join(hint.split())
        return outlet_named(hint) or hint
    host = _host(raw.hints.get("url"))
    if host and (known := outlet_of_host(host)):
        return known
    # A known name in the masthead names the site only if it could be the site's: a
    # credit or a wire's name there ("Reuters") is not the page's own outlet.
    masthead = _masthead_outlet(clean.header)
    if masthead and (not host or name_fits_host(masthead, host)):
        return masthead
    # A wire dateline names who wrote the story; on a site's page the site published it.
    if host:
        title = raw.hints.get("title") or page_title(raw.text)
        site = _title_site(title, raw)
        return outlet_named(site[1]) or site[1] if site else readable_outlet(host)
    return _dateline_outlet(clean.text)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url if "//" in url else f"//{url}").hostname or None


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
