"""When a page was published: from its metadata, a date line at its top, a dateline, its URL.

Each rule returns the date with the evidence it read and the rule's name, so a stored date
can always be checked. The body is never searched for a date: captions, "Recent posts"
lists and archive notes carry other days. A date line is a line near the top that is a date
and little else ("Publish Date : 18 August 2018 - 08:15", "0207 GMT August 13, 2018",
"By Kevin Schofield | 24 May 2019"); a caption that mentions a day ("X addresses the UN on
September 19, 2017.") is not one. The rules were written from the forms listed in issue 13
and checked on the real-pages dev set (tests/fixtures/real_pages_gold.json).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
# A month name may be glued to the section name before it ("SocietyMarch 19, 2019").
_START = r"(?:(?<=[a-z])(?=[A-Z])|(?<![\w]))"
# The date forms a date line is made of, each with named parts.
DATE_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # The space may be lost when a PDF is turned to text ("February1, 2020").
        rf"{_START}(?P<month>{_MONTH})(?:\s+|(?=\d))(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})(?!\d)",
        rf"(?<![\w])(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})(?!\d)",
        r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<mm>\d{2})-(?P<day>\d{2})(?![\d-])",
        r"(?<![\d/])(?P<year>(?:19|20)\d{2})/(?P<mm>\d{2})/(?P<day>\d{2})(?![\d/])",
        rf"(?<![\w-])(?P<day>{_DAY})-(?P<month>{_MONTH})-(?P<year>{_YEAR})(?![\w-])",
    )
)
# Digits with slashes or dots ("24/03/2020", "03.24.2020"): read only when one order alone
# makes a date (see `_date_of`), never by guessing the site's order, and only after a
# publication label ("Published: 24/03/2020"): digits alone at a page's top are as often an
# update's or a picture's stamp.
NUMERIC_FORM = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d{2})(?![\d/.]|\.\d)"
)
# A publication label right before a date: "Published: ", "Posted on ", "Date: ".
NUMERIC_LABEL = re.compile(
    r"\b(?:published|posted|publish date|broadcast|aired)\b[\s:]*(?:on\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$",
    re.IGNORECASE,
)
# Words a date line may hold besides its date: labels, a byline's "by", times and zones,
# an age. A lower-case word outside this set ("addresses", "delivers") makes a sentence.
_LINE_WORDS = (
    "published posted updated update last date publish on at by and of the am pm a.m. p.m. "
    "gmt utc ist est edt bst cet cest pst pdt jst hkt ago minutes minute hours hour mins min "
    "read first story source editor time e-mail email print comment comments share modified"
    " edited revised reviewed"
)
LINE_WORDS = frozenset(_LINE_WORDS.split())
# A date line holds at most this many words besides its dates, times, weekdays and zones.
MAX_LINE_WORDS = 6
# What a date line may hold that is not a word of it: a time, a weekday, a time zone.
LINE_EXTRAS = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\b|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"(?:day|sday|nesday|rsday|urday)?\b\.?|\b(?:GMT|UTC|IST|EST|EDT|BST|CET|CEST|PST|PDT|JST|HKT"
    r"|AEDT|AEST|WAT|SAST|CAT|EAT)\b",
    re.IGNORECASE,
)
# Words run together by a page's layout: "EDTFirst", "contentSkip".
GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# A label saying a date is the publication's, not an update's: "First published on".
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|publish date)\b[\s:–—-]*(?:on\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$",
    re.IGNORECASE,
)
# A label saying a date is an update's: a page's update stamp alone is not its publication
# date ("Last Updated: 12 June 2013" on a page first published years before).
# A time may stand between the label and the date: "Updated 10:46 AM ET, Tue March 24, 2020".
UPDATE_LABEL = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|reviewed|edited|revised|amended)|update)\b"
    r"[\s:(–—-]*(?:on\s+|at\s+)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4}\b)?[\s,|/–—-]*(?:on\s+)?)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$",
    re.IGNORECASE,
)
# An update label with only a time after a date: the date is the update's.
UPDATED_AT_TIME = re.compile(
    r"\W*(?:(?:page\s+)?last\s+)?(?:updated|modified)\s*(?:at|:)?\s*\d{1,2}[:.]\d{2}\b",
    re.IGNORECASE,
)
# A blog's categories or tags after its date line: "May 10th, 2007 posted by // Categories:
# Favorite Articles" (left out when the line's words are counted).
LINE_TAIL = re.compile(r"\s*(?://|\|)?\s*\b(?:categories|category|tags|filed under)\s*:.*$", re.I)
# Words saying a line is a speech's heading, not the page's date line: "PM Statement: 2
# September 2019", "Victory Speech – November 7, 2012", "General Audience, 18 March 2020",
# "Delivered on 24 March 2020". The day they name is the speech's; the page may be later.
SPEECH_HEADING = re.compile(
    r"\b(?:speech|statement|address|remarks|keynote|lecture|homily|sermon|audience|interview"
    r"|briefing|conference|transcript|delivered|message|angelus|event|meeting"
    r"|summit|session|debate|hearing)e?s?\b",
    re.IGNORECASE,
)
# A date line under a speech's heading ("Remarks by the Mayor at the Pier" / "Harbour Hall" /
# "October 14, 2025") is the page's date and the speech's day: the heading is looked for this
# many lines up, past lines of at most HEADING_GAP_WORDS words (a hall, a name, a title).
HEADING_REACH = 4
HEADING_GAP_WORDS = 8
HEADING_WORDS = 30
# The note a date line under a speech's heading carries in its evidence.
UNDER_HEADING = "under the speech heading"
# A line that is a byline or a labelled stamp: a date line under it is no speech's day.
STAMP_LINE = re.compile(
    r"^\W*(?:by\b|published|posted|updated|last updated|date\b|source\b|broadcast|aired)", re.I
)
# A heading over a speech's own text: a speech's noun within its first four words ("Remarks
# by the Mayor", "Speech of", "Prime Minister's Address to the Nation", "Full text of ...");
# a headline reporting a speech ("Chavez Calls Bush 'Devil' in ... Speech to U.N.", "X
# delivers longest budget speech") names it later, after its verb.
TRANSCRIPT_HEADING = re.compile(
    r"^\W*(?:[\w.'’-]+\s+){0,3}(?:speech|statement|address|remarks|homily|sermon|lecture"
    r"|transcript|full text)\b",
    re.IGNORECASE,
)
# Lines from the top searched for a date line (they end at the first paragraph of text).
TOP_LINES = 15
# A line of article text: a sentence of six words or more, or this many words (a headline
# or a standfirst without a full stop can run to twenty or thirty).
BODY_WORDS = 40
# A line ending in an abbreviation of capitals ("U.N.", "U.S.") ends no sentence by it.
ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}[\"'”’)]*$")
# A line with at least this share of capitalised words is a headline in title case.
TITLE_CASE_SHARE = 0.7
# The heading of a list of other stories, which ends the page's top.
STORY_LIST = re.compile(
    r"^(?:recent posts|recent news|related(?: \w+)?|most (?:read|popular|viewed|shared"
    r"|commented)|top stories|top news|latest(?: \w+)?|trending(?: \w+)?|check also|see also"
    r"|read also|also read|read more|recommended(?: \w+)?|more (?:from|on|in|stories|news)\b.*"
    r"|you (?:may|might) also like|editor'?s? picks?|popular(?: \w+)?|in other news"
    r"|(?:previous|next|older|newer) (?:posts?|articles?|stor(?:y|ies)|entry|entries)"
    r"|more like this|around the web|don'?t miss|featured \w+|(?:top |latest )?"
    r"headlines|more stories|other (?:news|stories)|in case you missed it|icymi"
    r"|further reading|similar (?:articles|stories|posts)|related coverage"
    # readers' comments carry their own dates: "3 Comments", "Leave a Reply", "Responses"
    r"|\d+\s+(?:comments?|responses?|replies)(?: \w+){0,6}|leave a (?:reply|comment)"
    r"|\d+ responses? to .{1,80}|join the (?:discussion|conversation))\s*:?$",
    re.IGNORECASE,
)
# Words saying a short line's day is another thing's than the page's: an archive's or a
# capture's stamp ("Archived 5 March 2021"), a look back ("Today in History: March 3, 2019",
# "On This Day", "Flashback"), a picture's ("Photo: ... 3 March 2019"), a birth or a death,
# a copyright, an end ("Until 30 June 2020"). Such a line is passed over, never taken as the
# page's date. ("From Our Correspondent, 3 March 2019" is a byline: "from" is no such word.)
OTHER_DAY = re.compile(
    r"\b(?:archived?|archives|captured|retrieved|accessed|saved|recorded|filmed|taken"
    r"|in history|on this day|flashback|throwback|anniversary|years? ago|remember(?:ing|ed)?"
    r"|photo(?:graph)?s?|pictures?|images?|credits?|getty|handout|file photo"
    r"|born|died|deceased|obituary|copyright|expires?|deadline|until|till)\b|©",
    re.IGNORECASE,
)
# The heading of a page that lists posts ("Tag: Theresa May", "Category Archives: Speeches",
# "Showing posts with label Budget", "Recent Articles in On This Day", "14 Articles"): the
# dates near its top are its posts', and the page itself has none. ("Category:" with
# nothing after it is a document site's field, and "Tags:" an article's own tags.)
LISTING = re.compile(
    r"^\W*(?:(?:category|tag|label|topic)(?: archives?)?\s*:\s*\S|(?:category|tag) archives\b"
    r"|archives? (?:for|of)\b|archives?\s*:\s*\S|posts? tagged\b|posts? (?:in|under) (?:category"
    r"|tag)\b|showing posts (?:with|for) label\b|search results? for\b|recent (?:posts|articles"
    r"|stories|entries) in\b|\d+ (?:articles|posts|stories|results)$)",
    re.IGNORECASE,
)
# A cookie notice: a line of at least NOTICE_WORDS words about cookies, in any language
# ("Utilizamos cookies ...", "We use cookies ...").
COOKIE_NOTICE = re.compile(r"\bcookies?\b", re.IGNORECASE)
NOTICE_WORDS = 12
# A line of this many words between two date lines is a story's headline in a list.
LIST_HEADLINE_WORDS = 3
# Labels of a speech's record on an archive's page ("Speaker: ...", "Venue: ...",
# "Date: 3 March 1999"): the date such a record gives is the speech's, not the page's.
SPEECH_RECORD = re.compile(
    r"^\W*(?:speaker|venue|location|place|occasion|event|delivered|audience|speech|title"
    r"|category)\s*:",
    re.IGNORECASE,
)
# A record's date label, written as a record writes it ("Date: ..."): the lower-case
# "date 2019-05-24" a page's metadata line opens with is not one.
RECORD_DATE = re.compile(r"^\W*Date\s*:")
# A dateline opens a paragraph of text: at least this many words follow its date ("Chandigarh
# 9 Nov 2016: Indian Prime Minister ..."). Names and a date alone ("Tomas Vell, Korvhaven,
# 3 March 2019.") are a caption's or a quotation's credit.
DATELINE_TEXT_WORDS = 6
# A labelled date opening a line counts even when text follows on the same line.
LABELLED = re.compile(
    r"^\W*(?:date|published(?: on)?|posted(?: on)?|post(?:ed)? on|publish date|updated(?: on)?"
    r"|last updated|broadcast|aired)\s*(?:[:–—-]\s*)?(?=\S)",
    re.IGNORECASE,
)
# A date after a capitalised publication label anywhere near the top, even inside a line
# that runs on ("... the Coronavirus. Published 23 March 2020 From: ..."): a lower-case
# "published" is a sentence's word ("the report, published on March 3, ...").
LABEL_ANYWHERE = re.compile(
    r"(?<![\w,] )\b(?:First [Pp]ublished|Published|Posted|Publish [Dd]ate|Date [Pp]ublished"
    r"|Post on)(?: on)?\s*(?:[:–—-]\s*)?(?=\S)"
)
# How far into a page (in characters) a labelled date is looked for.
LABEL_REACH = 600
# A byline with the date after the name: "By Ilse Varn Aug. 3, 2021 (updated Aug. 10)".
BYLINE = re.compile(r"By\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:[|,–—-]\s*)?")
# A blog's byline with the date after the poster's name: "Posted by admin on March 24, 2020".
POSTED_BY = re.compile(
    r"\W*(?:posted|published|written|submitted)\s+by\s+(?:[\w.'’-]+\s+){1,4}?(?:on\s+)?"
    r"(?:[|,–—-]\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?",
    re.IGNORECASE,
)
# Buttons left at the top of a page before its date: "Tweet Monday, 23 March, 2020 ...".
BUTTONS = re.compile(
    r"(?:(?:tweet|share|print|email|e-mail|home|facebook|twitter|whatsapp|linkedin|menu)\s+)"
    r"{1,3}(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
    re.IGNORECASE,
)
# A dateline with a full date, at the start of a paragraph: "Chandigarh 9 Nov 2016:",
# "(Xinhua News Agency, Jan. 18, 2017. Complete text:)", "KORVHAVEN, 30 Sep 2025 -".
DATELINE_PREFIX = re.compile(r"^\(?(?:[A-Z][\w.'’-]*[ ,]+){1,5}$")
DATELINE_END = re.compile(r"^\s*(?:\([A-Za-z][\w .&-]{1,30}\)\s*)?(?:[:.)]|[-–—]{1,2}\s)")
# Dates in URL paths that htmldate does not read: "/20190401/", "/t20170118_",
# "/2017/0301/", "/19-03-2019/", "/15-Oct-2015/".
URL_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?<![\d])(?P<year>(?:19|20)\d{2})(?P<mm>0[1-9]|1[0-2])(?P<day>[0-2]\d|3[01])(?!\d)"
    ),
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mm>0[1-9]|1[0-2])(?P<day>[0-2]\d|3[01])/"),
    re.compile(r"/(?P<day>[0-2]?\d|3[01])-(?P<mm>0?[1-9]|1[0-2])-(?P<year>(?:19|20)\d{2})/"),
    re.compile(rf"/(?P<day>[0-2]?\d|3[01])-(?P<month>{_MONTH})-(?P<year>(?:19|20)\d{{2}})/", re.I),
    # "/2007/may/10/": the month by its name
    re.compile(rf"/(?P<year>(?:19|20)\d{{2}})/(?P<month>{_MONTH})/(?P<day>[0-2]?\d|3[01])/", re.I),
)
# The earliest publication date believed: older dates are misreadings.
EARLIEST_DATE = dt.date(1990, 1, 1)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date and where it was read: the rule and the words."""

    date: dt.date
    rule: str  # "header line", "dateline", "URL", "JSONL field", ...
    evidence: str  # the line it was read from ("" for a URL or an input's field)
    note: str = ""  # what else agrees: "dateline 'July 21' agrees"

    def describe(self) -> str:
        """Return the evidence as stored: "header line 'Publish Date : 18 August 2018'"."""
        described = f"{self.rule} '{self.evidence}'" if self.evidence else self.rule
        return f"{described}, {self.note}" if self.note else described


def _forms_in(text: str) -> list[re.Match[str]]:
    """Every match of a date form in `text`; digits only right after a publication label."""
    matches = [match for form in DATE_FORMS for match in form.finditer(text)]
    matches += [
        match
        for match in NUMERIC_FORM.finditer(text)
        if NUMERIC_LABEL.search(text, 0, match.start())
    ]
    return matches


def date_in(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """Return the first full date written in `text` and its match, if any."""
    found = []
    for match in _forms_in(text):
        if date := _date_of(match):
            found.append((match.start(), date, match))
    if not found:
        return None
    _, date, match = min(found, key=lambda item: item[0])
    return date, match


def date_line(line: str) -> dt.date | None:
    """Return the date of a line that is a date and little else (see LINE_WORDS), else None.

    With two dates ("Mon 23 Mar 2020 21.16 EDT First published on Mon 23 Mar 2020"), the
    one a publication label names wins over an update's.
    """
    stripped = LABELLED.sub("", line, count=1)
    label = line[: len(line) - len(stripped)]
    first = date_in(stripped) if stripped != line else None
    if first and first[1].start() == _lead(stripped) and not UPDATE_LABEL.search(label):
        return first[0]
    line = GLUED_WORDS.sub(" ", line)
    found = _dates_in(line)
    # An update's stamp is not the publication date: "Updated: 17 March 2022" alone is none.
    found = [(date, m) for date, m in found if not _after_update_label(line, found, m)]
    # "26 July 2012 Last updated at 13:03 GMT": the day of the update's stamp
    found = [(date, m) for date, m in found if not UPDATED_AT_TIME.match(line, m.end())]
    line = LINE_TAIL.sub("", line)
    if not found:
        return None
    rest = line
    for _, match in reversed(found):
        rest = rest[: match.start()] + " " + rest[match.end() :]
    if SPEECH_HEADING.search(rest):
        return None  # the day of a speech the page is about, not the page's own
    words = [w for w in LINE_EXTRAS.sub(" ", rest).split() if re.search(r"[^\W\d_]", w)]
    if len(words) > MAX_LINE_WORDS:
        return None
    lower = [w.strip("()[],.:;|•-–—'\"").casefold() for w in words if w[:1].islower()]
    if not all(w in LINE_WORDS or not w for w in lower):
        return None
    labelled = [date for date, match in found if PUBLISHED_LABEL.search(line, 0, match.start())]
    return labelled[-1] if labelled else found[0][0]


def _after_update_label(
    line: str, found: list[tuple[dt.date, re.Match[str]]], match: re.Match[str]
) -> bool:
    """Whether an update label stands right before a date (after any date before it)."""
    start = max((m.end() for _, m in found if m.end() <= match.start()), default=0)
    return bool(UPDATE_LABEL.search(line, start, match.start()))


def _dates_in(text: str) -> list[tuple[dt.date, re.Match[str]]]:
    """Every full date written in `text`, in order, overlapping readings dropped."""
    found: list[tuple[dt.date, re.Match[str]]] = []
    for match in _forms_in(text):
        date = _date_of(match)
        overlaps = any(m.start() < match.end() and match.start() < m.end() for _, m in found)
        if date and not overlaps:
            found.append((date, match))
    return sorted(found, key=lambda item: item[1].start())


def top_date(text: str) -> FoundDate | None:
    """Return the date of the first date line among the page's top lines; else of a byline
    or of buttons run into the page's first words; else of a publication label near the
    top."""
    text = _without_notices(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()][:TOP_LINES]
    record = any(SPEECH_RECORD.match(line) for line in lines)
    chosen: FoundDate | None = None
    headline_after = False  # a headline stands between the chosen date line and this line
    for index, line in enumerate(lines):
        if STORY_LIST.match(line):
            break  # "Recent Posts" and its dates are other stories'
        found = _line_date(lines, index, record)
        if found and chosen is None:
            if found.rule != "header line" or STAMP_LINE.match(line) or LABELLED.match(line):
                return found  # a byline or a labelled line says whose date it is
            chosen = found
        elif found and chosen and found.date != chosen.date and headline_after:
            # Date, headline, another date: a list of stories, each under its day. Which
            # one is the page's is a guess: none is taken. (A speech's day and place right
            # under the page's date line, "10 May 1994, Union Buildings", is no list.)
            chosen = None
            break
        elif chosen and not found and len(line.split()) >= LIST_HEADLINE_WORDS:
            headline_after = True
        if _is_body(line):
            break
    return chosen or _labelled_date(text[:LABEL_REACH])


def _without_notices(text: str) -> str:
    """The page without the long lines of a cookie notice, which open some pages in the
    site's other language and would end their top before the headline and its date."""
    return "\n".join(
        line
        for line in text.split("\n")
        if not (COOKIE_NOTICE.search(line) and len(line.split()) >= NOTICE_WORDS)
    )


def _line_date(lines: list[str], index: int, record: bool) -> FoundDate | None:
    """The date a top line gives the page: a date line, a byline, buttons run into a date;
    None for a line whose day is another thing's (OTHER_DAY) or a speech record's date."""
    line = lines[index]
    if record and RECORD_DATE.match(line):
        return None
    # A labelled line ("date 2019-05-24 <the article's first words>") is read up to its date.
    date = date_line(line)
    if date and (LABELLED.match(line) or not OTHER_DAY.search(line)):
        heading = _speech_heading_above(lines, index)
        note = f"{UNDER_HEADING} '{_short(heading, 60)}'" if heading else ""
        return FoundDate(date, "header line", _short(line), note)
    found = date_in(line)
    openings = (("byline", BYLINE), ("byline", POSTED_BY), ("opening line", BUTTONS))
    for rule, opening in openings:
        before = line[: found[1].start()] if found else ""
        if found and opening.fullmatch(before) and not OTHER_DAY.search(before):
            return FoundDate(found[0], rule, _short(line[: found[1].end()]))
    return None


def _speech_heading_above(lines: list[str], index: int) -> str | None:
    """The speech heading a little above a date line, past short lines only (a hall, a name,
    a title); None across a byline, a stamp or a sentence."""
    if STAMP_LINE.match(lines[index]):
        return None
    for line in reversed(lines[max(0, index - HEADING_REACH) : index]):
        words = len(line.split())
        if _is_body(line) or STAMP_LINE.match(line):
            return None
        if TRANSCRIPT_HEADING.search(line) and words <= HEADING_WORDS:
            return line
        if words > HEADING_GAP_WORDS:
            return None
    return None


def speech_heading_day(
    published: dt.date | None, evidence: str | None
) -> tuple[dt.date, str] | None:
    """The day a date line under a speech's heading names, and its evidence, when that line
    is what dated the page (see `top_date`); else None."""
    if published is None or evidence is None or UNDER_HEADING not in evidence:
        return None
    return published, evidence


def _labelled_date(top: str) -> FoundDate | None:
    """The date right after a capitalised publication label near the top ("Published 23
    March 2020"), before any list of other stories."""
    for line in top.split("\n"):
        if STORY_LIST.match(line.strip()):
            return None
        for label in LABEL_ANYWHERE.finditer(line):
            found = date_in(line[label.end() :])
            if found and found[1].start() == 0:
                end = label.end() + found[1].end()
                return FoundDate(found[0], "labelled date", _short(line[label.start() : end]))
    return None


def is_listing(text: str) -> bool:
    """Whether the page lists posts under a tag, a category or an archive (see LISTING)."""
    for line in [line.strip() for line in text.split("\n") if line.strip()][:TOP_LINES]:
        if LISTING.match(line):
            return True
        if _is_body(line):
            return False  # an article's text has begun: a tag line below it is the article's
    return False


def dateline_date(text: str) -> FoundDate | None:
    """Return a full date written in the dateline opening one of the first paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()][:4]
    for paragraph in paragraphs:
        head = paragraph[:120]
        found = date_in(head)
        if found is None:
            continue
        date, match = found
        before, after = head[: match.start()], head[match.end() :]
        text_after = paragraph[match.end() :].split()
        if (
            DATELINE_PREFIX.match(before)
            and DATELINE_END.match(after)
            and len(text_after) >= DATELINE_TEXT_WORDS
        ):
            return FoundDate(date, "dateline", _short(head[: match.end() + 1]))
    return None


def url_date(url: str) -> FoundDate | None:
    """Return the year-month-day date written in a URL's path (htmldate, then other forms)."""
    # Imported here: only articles with a URL and no better date need it.
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(
        extensive=False,
        max=dt.datetime.now(),
        min=dt.datetime.combine(EARLIEST_DATE, dt.time()),
        original=True,
        format="%Y-%m-%d",
    )
    if found := extract_url_date(url, options):
        return FoundDate(dt.date.fromisoformat(found), "URL", "")
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.IGNORECASE).split("?")[0]
    for form in URL_FORMS:
        for match in form.finditer(path):
            if date := _date_of(match):
                return FoundDate(date, "URL", "")
    return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    if parts.get("first"):
        order = _numeric_order(int(parts["first"]), int(parts["second"]))
        if order is None:
            return None
        day, month = order
    else:
        month = _MONTHS[parts["month"][:3].casefold()] if parts.get("month") else int(parts["mm"])
        day = int(re.sub(r"\D", "", parts["day"]))
    try:
        date = dt.date(int(parts["year"]), month, day)
    except ValueError:
        return None
    latest = dt.date.today() + dt.timedelta(days=1)
    return date if EARLIEST_DATE <= date <= latest else None


def _numeric_order(first: int, second: int) -> tuple[int, int] | None:
    """(day, month) of a date in digits when only one order makes a date ("24/03" or "03/24");
    None when both do ("03/04": which one a page means is a guess)."""
    if first == second or (first > 12 and second <= 12):
        return first, second
    if second > 12 and first <= 12:
        return second, first
    return None


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _is_body(line: str) -> bool:
    """Whether a line is the article's text: long, or a sentence of six words or more; a
    headline ending in an abbreviation ("... Speech to U.N.") or in title case is none."""
    words = line.split()
    if len(words) >= BODY_WORDS:
        return True
    if len(words) < 6 or not re.search(r"[.!?][\"'”’)]*$", line):
        return False
    if ABBREVIATION_END.search(line):
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised < TITLE_CASE_SHARE * len(words)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
