"""A page's title: its headline, never a date line, an advert label, a section name or a caption.

The title is the first line at the top of the page, before its first paragraph of text,
that reads like a headline. Lines that are furniture are passed over, each by a named test
below. The tests were written from the forms listed in issue 13 ("Advertisement 1",
"World", "... Photo: VCG", "0207 GMT August 13, 2018") and checked on the real-pages dev
set and the fictional example pages.
"""

from __future__ import annotations

import re

from onrecord.ingest.published import date_line

# A headline has at least this many words (one or two words are a section or a label)
# and at most this many.
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 30
# A line longer than this is a paragraph cut off without its full stop, unless it has the
# colon or the quotation marks of a long headline ("'You may have chosen us': Ardern ...").
MAX_PLAIN_TITLE_WORDS = 20
HEADLINE_MARKS = re.compile(r"[:\"“”‘’]")
# Lines from the top searched for a headline.
TOP_LINES = 12
# A line of article text ends the search: a sentence of this many words or more.
BODY_SENTENCE_WORDS = 12
# An advert, a counter or a page control: "Advertisement 1", "Search form", "Share".
FURNITURE = re.compile(
    r"^(?:advertisement|advert|sponsored|search form|search|subscribe|menu|share|print"
    r"|comments?|read more|recommended|related|video|photos?|listen|watch|back to top"
    r"|jump to)\b.{0,20}$"
    # a notice about the reader's browser or cookies, or a server's error in brackets
    r"|^.{0,80}\b(?:your browser|javascript|cookies|your device)\b.*$|^\[[^\]]*\]$"
    # a breadcrumb's label, or an appeal for money
    r"|^you are here\b.{0,40}$"
    r"|^(?:we need your help|support (?:us|our journalism|from readers)|donate)\b.{0,40}$",
    re.IGNORECASE,
)
# Names of share buttons and icons: a line with this many of them is a row of buttons.
_ICON_WORDS = (
    "facebook twitter instagram youtube youtube_play whatsapp linkedin pinterest reddit "
    "telegram email envelope envelope_alt search rss tiktok"
)
ICON_WORDS = frozenset(_ICON_WORDS.split())
MIN_ICON_WORDS = 3
# Picture credits that end a caption: "Photo: VCG", "(AFP)", "PHOTO: AGENCE FRANCE-PRESSE",
# "Mark Tantrum/Getty Images", "[Photo/Xinhua]", "(Xinhua/Lan Hongguang)".
CAPTION_CREDIT = re.compile(
    r"(?:\b(?:photo|photograph|picture|image|credit|file photo)s?\s*(?:by)?\s*:"
    r"|\((?:AFP|AP|Reuters|EPA|Getty Images|Xinhua|ANI|PTI|IANS)[^)]{0,40}\)\s*$"
    r"|/(?:Getty Images|AFP|AP|Reuters|Xinhua|EPA|Pool)\b|\[Photo[/ ][^\]]*\]"
    r"|\bvia (?:AP|Reuters|AFP)\b|\bHandout\b)",
    re.IGNORECASE,
)
# An update's stamp, which is no publication date but no headline either:
# "Last Updated: 21 October 2025".
UPDATE_STAMP = re.compile(r"^\W*(?:last\s+)?(?:updated|modified)\b\W*(?:on\b)?.{0,40}\d", re.I)
# Links for screen readers left at the top of a page: "Skip to main content".
SKIP_LINKS = re.compile(r"^skip to\b", re.IGNORECASE)
# A news agency's story number: "News Code: 82977271", "News ID: 12345".
STORY_NUMBER = re.compile(r"^(?:news|story|article)\s*(?:code|id|no\.?)\s*:?\s*\d+$", re.I)
# A byline or a page's own label: "By Mara Quell", "Edited by Li Nan", "Tag: Theresa May".
LABEL_LINE = re.compile(
    r"^(?:by\b|edited by\b|written by\b|tags?:|category(?: archives)?:|filed under\b"
    r"|posted by\b|reporting by\b|source:)",
    re.IGNORECASE,
)
# A navigation bar kept as text: items separated by runs of spaces.
NAV_GAPS = re.compile(r"\S\s{3,}\S")
# A site's name after a headline, or before it: "... – Newstrends", "... | Pier Post",
# "The Australian : Bush is ...". At most SITE_NAME_WORDS words.
SITE_NAME_WORDS = 4
_SITE_NAME = rf"(?P<name>[A-Z0-9][\w.&'’-]*(?: [\w.&'’-]+){{0,{SITE_NAME_WORDS - 1}}})"
SITE_SUFFIX = re.compile(rf"\s+[|–—-]\s+{_SITE_NAME}\s*$")
SITE_PREFIX = re.compile(rf"^\s*{_SITE_NAME}\s+[|:]\s+")
# A year or a month that a page's metadata opens its first line with ("date 2020-03 ..."):
# the headline is what follows it. (With a full date, "date 2019-09-03 ...", the line is a
# date line, never a title.)
CORPUS_DATE = re.compile(r"^date \d{4}(?:-\d{2})?\s+")
# Glued category names: three or more lower-case letters run into a capital.
GLUED = re.compile(r"[a-z]{3}(?=[A-Z][a-z])")


def site_name_part(title: str) -> tuple[str, str] | None:
    """Split a site's name off a title, after or before it ("Pier to open – Pier Post",
    "The Pier Post : Pier to open"): (headline, name), or None when there is no such part.
    Whether the name is the site's is for the caller to check against the page's host."""
    if found := SITE_SUFFIX.search(title):
        headline, name = title[: found.start()], found.group("name")
    elif found := SITE_PREFIX.match(title):
        headline, name = title[found.end() :], found.group("name")
    else:
        return None
    if len(headline.split()) < MIN_TITLE_WORDS:
        return None
    return headline.strip(), name.strip()


def page_title(text: str) -> str | None:
    """Return the headline at the top of a page's text, or None when it has none."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # A headline stands above the text it heads: a one-line text has none.
    for line in lines[: min(TOP_LINES, len(lines) - 1)]:
        line = CORPUS_DATE.sub("", line, count=1)
        if _is_text(line):
            return None
        if _size(line) is None and _furniture(line) is None:
            return " ".join(line.split())
    return None


def is_boilerplate_title(title: str) -> bool:
    """Return whether a title given with the page is furniture, not a headline."""
    return _furniture(" ".join(title.split())) is not None


def _size(line: str) -> str | None:
    """Name why the line is too short or too long for a headline, else None."""
    words = [w for w in line.split() if re.search(r"\w", w)]
    if len(words) < MIN_TITLE_WORDS or len(words) > MAX_TITLE_WORDS:
        return "too short or too long"
    if len(words) > MAX_PLAIN_TITLE_WORDS and not HEADLINE_MARKS.search(line):
        return "paragraph"
    return None


def _furniture(line: str) -> str | None:
    """Name what the line is when it is page furniture, not a headline, else None."""
    if STORY_NUMBER.match(line):
        return "story number"
    if any(c.islower() for c in line) and not any(c.isupper() for c in line):
        return "keywords"  # "imran khan speech": a headline has capitals where its script does
    if date_line(line) or UPDATE_STAMP.match(line):
        return "date line"
    if FURNITURE.match(line) or SKIP_LINKS.match(line):
        return "furniture"
    if CAPTION_CREDIT.search(line):
        return "caption"
    if LABEL_LINE.match(line):
        return "label"
    if NAV_GAPS.search(line) or len(GLUED.findall(line)) >= 3:
        return "navigation"
    if sum(word.casefold() in ICON_WORDS for word in line.split()) >= MIN_ICON_WORDS:
        return "buttons"
    return None


def _is_text(line: str) -> bool:
    words = len(line.split())
    return words >= BODY_SENTENCE_WORDS and bool(re.search(r"[.!?][\"'”’)]*$", line))
