"""Boilerplate removal: scraped site furniture out, every article sentence kept.

The clean text is made only of exact substrings of the raw text (whole lines, trimmed),
joined by "\\n" within a paragraph and "\\n\\n" between paragraphs, so each piece maps
back to the raw text through a Segment. Lines are judged one at a time by the patterns
below; each removal is counted under its reason. The patterns are generic (any outlet):
they were written from the five seed articles in ../shared/data/seeds and the forms of
real news pages (teasers, advertisement markers, photo captions and credits), and checked
not to touch the article bodies there.

Photo captions are not removed: a caption often says where and on which day a picture of
the speaker was taken, which the dates stage may read. They stay in the clean text and are
marked (`CleanText.captions`, spans into the clean text); no statement is read from them.
A line that is only a photo credit ("Photo: VCG") says nothing and is removed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.cleaning.captions import Line, caption_spans, is_caption, is_credit_only
from onrecord.models import CleanText, Segment, Span

__all__ = ["clean", "is_caption", "to_raw"]

# --- Pieces of patterns -------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_TIME = (
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:T\S+)?|\d{1,2}/\d{1,2}/\d{4})"
)
_SEP = r"(?:\s*[,|\-–—]\s*|\s+)"

# --- Header lines (only at the top, before the first body paragraph) -----------------

# A line that is only a date, perhaps with weekday, time and a "Published:" label.
DATE_LINE = re.compile(
    rf"^(?:(?:published|posted|updated|last updated|date)\s*:?\s*)?"
    rf"(?:{_TIME}{_SEP})?(?:{_WEEKDAY}{_SEP})?{_DATE}(?:{_SEP}(?:at\s+)?{_TIME})?$",
    re.IGNORECASE,
)
# A news agency's story number, e.g. "News Code: 12345" or "News ID: 12345".
NEWS_CODE = re.compile(r"^(?:news|story|article)\s*(?:code|id|no\.?)\s*:?\s*\d+$", re.IGNORECASE)
# A bare counter from a page's toolbar: "0 Persons", "12 Comments", "3 Views".
COUNTER = re.compile(
    r"^\d[\d,]*\s+(?:persons?|people|views?|visits?|comments?|shares?|likes?|reads?)$",
    re.IGNORECASE,
)
# A masthead label: a section or series name, perhaps after the outlet's abbreviation.
MASTHEAD = re.compile(
    r"^(?:[A-Z]{2,6}\s+)?(?:Exclusive|Special Report|Breaking(?: News)?|Analysis|Opinion"
    r"|Interview|Editorial|Feature|Commentary|Video|Photos?|Podcast|Live)$"
)
# Category names glued together by a scraper: a lower-case letter run into a capital.
GLUED_WORDS = re.compile(r"[a-z]{3}(?=[A-Z][a-z])")
# Glued joins needed before a line counts as breadcrumbs: "World NewsIranMiddle
# EastNorth America" has three, a headline naming "LinkedIn" and "PlayStation" two.
MIN_GLUED_JOINS = 3
# Breadcrumbs written with separators: "Home » World » Middle East".
BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:[»›>|]|\s/\s)\s*")
# Breadcrumb items are short; more words than this is a sentence with a symbol in it.
MAX_BREADCRUMB_WORDS = 5

# --- Boilerplate lines (anywhere) ---------------------------------------------------

# Invitations to follow, join or subscribe on a social network or newsletter.
SOCIAL_PROMPT = re.compile(
    r"^(?:follow|join|like|find|subscribe to|connect with)\s+us\b|^subscribe to our \w+",
    re.IGNORECASE,
)
# Social prompts are short; a longer line starting the same way is a sentence.
MAX_PROMPT_WORDS = 12
# Labels of page controls that scrapers keep as lines of text.
INTERFACE_LABELS = frozenset(
    {
        "back to top",
        "back to top button",
        "scroll to top",
        "skip to content",
        "print",
        "share",
        "share this",
        "tweet",
        "email",
        "comments",
        "leave a comment",
        "advertisement",
        "advertise with us",
        "subscribe",
        "search",
        "menu",
        "close",
        "sign in",
        "log in",
        "newsletter",
        "video player",
        "video playerclose",
        "by |",
        "by: |",
    }
)
# What separates the labels of a row of page controls: "Search    Subscribe", "Share | Print".
LABEL_ROW_SEPARATORS = re.compile(r"\s{2,}|\s*\|\s*")
# A teaser's age: "20 minutes ago", "2 hours ago", "1 day ago".
RELATIVE_TIME = re.compile(
    r"^(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago$",
    re.IGNORECASE,
)
# A section's name on a teaser card: one to three capitalised words ("Politics").
SECTION_LABEL = re.compile(r"[A-Z][\w&'’-]*(?:\s+(?:&\s+)?[A-Z][\w&'’-]*){0,2}")
MAX_SECTION_WORDS = 3
# Headings of lists of other stories; from one of these to the end of its list is dropped.
BLOCK_HEADING = re.compile(
    r"^(?:recent posts|recent news|related(?: news| posts| articles| stories| content)?"
    r"|most (?:visited|read|popular|viewed|shared)(?: (?:in|on) .{1,40})?"
    r"|top (?:\w+ ){0,3}stories|top news|latest news|latest posts|trending(?: now)?"
    r"|check also|see also|read also|also read|you may also like|you might also like"
    r"|more (?:from|on) .{1,40}|more stories|editor'?s picks"
    r"|recommended(?: for you| stories| articles| reading| videos?| news)?|read more|read next"
    r"|more for you|popular posts|latest stories|related coverage|further reading|more news"
    r"|in case you missed it|don'?t miss|what to read next|up next|you may be interested in)"
    r"\s*:?$",
    re.IGNORECASE,
)
# A staff credit: "<Outlet> Editorial Staff", "Newsroom Desk"; dropped with the bio
# paragraph after it when that paragraph names it.
STAFF_HEADING = re.compile(
    r"^(?:[A-Z][\w&.'-]*\s+){0,4}(?:Editorial\s+)?(?:Staff|Desk|Team|Editors)$"
)
# A staff credit that is boilerplate even without a bio after it.
STAFF_CREDIT = re.compile(r"^(?:[A-Z][\w&.'-]*\s+){0,4}(?:Editorial Staff|Staff Writer|News Desk)$")
# An image file name, alone or glued to the start of the text that follows it.
IMAGE_NAME = re.compile(r"^[\w\-]+\.(?:jpe?g|JPE?G|png|PNG|gif|GIF|webp|WEBP)(?![a-z0-9])")

# An advertisement marker, perhaps numbered: "Advertisement", "Advertisement 3",
# "Story continues below advertisement", "Sponsored content".
AD_MARKER = re.compile(
    r"^(?:advertisements?|sponsored(?: content| links?)?|paid content|promoted(?: content)?"
    r"|(?:story|article) continues below(?: (?:this )?advertisement)?"
    r"|continue reading (?:below|the main story)|scroll to continue(?: with content)?"
    r"|ad(?:vertisement)? feature)(?:\s*[:\-–]?\s*\d{1,3})?$",
    re.IGNORECASE,
)
# A one-line teaser: a label and another story's title ("READ MORE: Pier to reopen").
TEASER_LINE = re.compile(
    r"^(?:read more|read also|also read|more|related|see also|watch|listen|recommended"
    r"|read|suggested|more on this|more on this story|editor'?s pick)\s*[:|»›>]\s*\S",
    re.IGNORECASE,
)
# A teaser line is a title, never a long paragraph that opens with "More:".
MAX_TEASER_LINE_WORDS = 25
# Invitations to go on reading elsewhere: "[Continue reading…]", "Read the full story".
CONTINUE_PROMPT = re.compile(
    r"^[\[(]?(?:continue reading|read the (?:full|whole|rest of the) (?:story|article|text)"
    r"|read the rest(?: here)?|click here to read more|read more here)\W{0,4}[\])]?$",
    re.IGNORECASE,
)
# A comment form's lines: "Leave a Reply", "Your email address will not be published".
COMMENT_FORM = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|your email address will not be published"
    r"|you must be logged in to post a comment|comments? are closed|your comment)\b",
    re.IGNORECASE,
)

# --- Shapes of lines -----------------------------------------------------------------

# Ends like a sentence: final punctuation, perhaps inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# Ends like a truncated teaser excerpt.
TRUNCATED = re.compile(r"(?:…|\.\.\.)[\"'”’]?$")
# A line with this many words or more is article body, whatever its ending.
MIN_BODY_WORDS = 12
# A sentence-ended line with this many words or more is article body.
MIN_SENTENCE_WORDS = 6
# Lines other than masthead lines (the headline) the masthead may hold.
MAX_MASTHEAD_OTHER_LINES = 1
# Teaser titles and headlines are at most this many words.
MAX_HEADLINE_WORDS = 25


@dataclass(frozen=True, slots=True)
class _Line:
    index: int  # line number in the raw text, from 0
    start: int  # raw offset of the first non-space character
    text: str  # the line without surrounding whitespace

    @property
    def words(self) -> int:
        return len(self.text.split())


def clean(text: str) -> CleanText:
    """Remove site boilerplate from an article's raw text, keeping a map back to it."""
    lines = [line for line in _lines(text) if line.text]
    removed: Counter[str] = Counter()
    header, body = _split_header(lines, removed)
    kept = _drop_boilerplate(body, removed)
    kept = _drop_repeated_title(kept, removed)
    pieces = [_trim_image_name(line, removed) for line in kept]
    clean_text, segments = _join(pieces)
    kept_indices = {line.index for line in kept}
    credits = [
        Line(line.index, line.text)
        for line in body
        if line.index not in kept_indices and is_credit_only(line.text)
    ]
    found = caption_spans([Line(line.index, line.text) for line in pieces], credits)
    captions = tuple(
        Span(segments[i].clean_start + start, segments[i].clean_start + end)
        for i, (start, end) in found.items()
    )
    return CleanText(
        text=clean_text,
        segments=tuple(segments),
        header=tuple(line.text for line in header),
        removed=dict(sorted(removed.items())),
        captions=captions,
    )


def to_raw(segments: tuple[Segment, ...] | list[Segment], clean_offset: int) -> int:
    """Map an offset in the clean text to the raw text (a boundary maps to the next segment)."""
    if clean_offset < 0 or not segments:
        if clean_offset == 0 and not segments:
            return 0
        raise ValueError(f"offset {clean_offset} is outside the clean text")
    starts = [segment.clean_start for segment in segments]
    position = bisect.bisect_right(starts, clean_offset) - 1
    segment = segments[max(position, 0)]
    last = segments[-1]
    if clean_offset > last.clean_start + last.length:
        raise ValueError(f"offset {clean_offset} is outside the clean text")
    return segment.raw_start + min(max(clean_offset - segment.clean_start, 0), segment.length)


def _lines(text: str) -> Iterator[_Line]:
    offset = 0
    for index, line in enumerate(text.split("\n")):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        yield _Line(index, offset + lead, stripped)
        offset += len(line) + 1


def _split_header(lines: list[_Line], removed: Counter[str]) -> tuple[list[_Line], list[_Line]]:
    """Take masthead lines (date, story number, breadcrumbs, label) from the top.

    The masthead ends at the first body paragraph or at the second line that is not a
    masthead line: it may hold the headline, but nothing after a headline and a second
    line (such as a "Recent Posts" list) is masthead.
    """
    header: list[_Line] = []
    body: list[_Line] = []
    in_header = True
    for line in lines:
        in_header = in_header and not _is_body(line) and len(body) <= MAX_MASTHEAD_OTHER_LINES
        reason = _header_reason(line) if in_header else None
        if reason:
            header.append(line)
            removed[reason] += 1
        else:
            body.append(line)
    return header, body


def _header_reason(line: _Line) -> str | None:
    text = line.text
    if DATE_LINE.match(text):
        return "date line"
    if NEWS_CODE.match(text):
        return "story number"
    if COUNTER.match(text):
        return "counter"
    if MASTHEAD.match(text):
        return "masthead"
    if _is_breadcrumbs(text):
        return "breadcrumbs"
    return None


def _is_breadcrumbs(text: str) -> bool:
    # Breadcrumbs hold names, never a sentence's punctuation.
    if re.search(r"[.,;:!?\"“”]", text):
        return False
    if len(GLUED_WORDS.findall(text)) >= MIN_GLUED_JOINS:
        return True
    items = BREADCRUMB_SEPARATORS.split(text)
    return len(items) >= 2 and all(0 < len(item.split()) <= MAX_BREADCRUMB_WORDS for item in items)


def _drop_boilerplate(lines: list[_Line], removed: Counter[str]) -> list[_Line]:
    """Drop boilerplate lines, story lists from their heading on, and staff bios."""
    kept: list[_Line] = []
    in_block = False
    bio_of: str | None = None
    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else None
        if bio_of is not None:
            bio_of = None
            removed["staff bio"] += 1
            continue
        if in_block and _is_teaser(line, following):
            removed["story list"] += 1
            continue
        in_block = False
        reason = _boilerplate_reason(line)
        if reason in (None, "staff credit") and _is_staff_heading(line, following):
            reason, bio_of = "staff credit", line.text
        in_block = reason == "story list"
        if reason == "relative time":
            _drop_card(kept, removed)
        if reason:
            removed[reason] += 1
        else:
            kept.append(line)
    return kept


def _drop_card(kept: list[_Line], removed: Counter[str]) -> None:
    """Drop the teaser card an age closes, from the lines kept: its section label, its
    cut-off excerpt and the title above it ("Vell: I won't resign" / "'What have I done?'
    This is what Vell had to say …" / "Politics" / "10 hours ago")."""
    if kept and _is_section_label(kept[-1]):
        kept.pop()
        removed["story list"] += 1
    if not kept or not TRUNCATED.search(kept[-1].text):
        return
    kept.pop()
    removed["story list"] += 1
    if kept and _is_headline(kept[-1]):
        kept.pop()
        removed["story list"] += 1


def _is_section_label(line: _Line) -> bool:
    """A section's name over a teaser's age: "Politics", "World News"."""
    return line.words <= MAX_SECTION_WORDS and bool(SECTION_LABEL.fullmatch(line.text))


def _is_staff_heading(line: _Line, following: _Line | None) -> bool:
    """A staff credit followed by a bio that names it (not a quotation)."""
    if not STAFF_HEADING.match(line.text) or following is None or _is_quote(following):
        return False
    return line.text.casefold() in following.text.casefold()


def _boilerplate_reason(line: _Line) -> str | None:
    text = line.text
    if SOCIAL_PROMPT.match(text) and line.words <= MAX_PROMPT_WORDS:
        return "social prompt"
    if _is_interface(text) or CONTINUE_PROMPT.match(text):
        return "interface label"
    if AD_MARKER.match(text):
        return "advertisement"
    if TEASER_LINE.match(text) and line.words <= MAX_TEASER_LINE_WORDS:
        return "teaser"
    if COMMENT_FORM.match(text):
        return "comment form"
    if is_credit_only(text):
        return "photo credit"
    if RELATIVE_TIME.match(text):
        return "relative time"
    if BLOCK_HEADING.match(text):
        return "story list"
    if STAFF_CREDIT.match(text):
        return "staff credit"
    if IMAGE_NAME.fullmatch(text):
        return "image file name"
    if DATE_LINE.match(text):
        return "date line"
    if NEWS_CODE.match(text) or COUNTER.match(text):
        return "counter"
    return None


def _is_interface(text: str) -> bool:
    """A page control's label, or a row of them: "Back to top", "Search    Subscribe"."""
    if " ".join(text.casefold().split()).rstrip(" :.") in INTERFACE_LABELS:
        return True
    items = [item for item in LABEL_ROW_SEPARATORS.split(text) if item]
    labels = [item.casefold().strip(" :.") for item in items]
    return len(items) > 1 and all(label in INTERFACE_LABELS for label in labels)


def _is_teaser(line: _Line, following: _Line | None) -> bool:
    """A line of a list of other stories: a title, a cut-off excerpt, an age or a heading."""
    if _boilerplate_reason(line) is not None:
        return True
    if TRUNCATED.search(line.text):
        return True
    if following is not None and RELATIVE_TIME.match(following.text):
        return True
    # Teaser titles can be long; a list ends at the first whole sentence.
    return not (line.words >= MIN_SENTENCE_WORDS and SENTENCE_END.search(line.text))


def _is_body(line: _Line) -> bool:
    """Looks like a paragraph of article text rather than a title or a label."""
    if TRUNCATED.search(line.text):
        return False
    if line.words >= MIN_BODY_WORDS:
        return True
    return line.words >= MIN_SENTENCE_WORDS and bool(SENTENCE_END.search(line.text))


def _is_quote(line: _Line) -> bool:
    return line.text[:1] in "\"“'‘"


def _is_headline(line: _Line) -> bool:
    return line.words <= MAX_HEADLINE_WORDS and not line.text.endswith(".")


def _drop_repeated_title(lines: list[_Line], removed: Counter[str]) -> list[_Line]:
    """Drop later lines that repeat the headline (the first kept line) word for word.

    A caption before the headline is no headline: it is kept, and so are its repeats.
    """
    if not lines or not _is_headline(lines[0]) or is_caption(lines[0].text):
        return lines
    title = lines[0].text
    kept = [lines[0]]
    for line in lines[1:]:
        if line.text == title:
            removed["repeated headline"] += 1
        else:
            kept.append(line)
    return kept


def _trim_image_name(line: _Line, removed: Counter[str]) -> _Line:
    """Cut an image file name glued to the start of a line ("IMG_01.jpgThe minister")."""
    match = IMAGE_NAME.match(line.text)
    if not match:
        return line
    rest = line.text[match.end() :]
    trimmed = rest.lstrip()
    removed["image file name"] += 1
    return _Line(line.index, line.start + match.end() + len(rest) - len(trimmed), trimmed)


def _join(lines: list[_Line]) -> tuple[str, list[Segment]]:
    """Join kept lines: "\\n" between neighbours in the raw text, "\\n\\n" otherwise."""
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    previous: _Line | None = None
    for line in lines:
        if previous is not None:
            separator = "\n" if line.index == previous.index + 1 else "\n\n"
            parts.append(separator)
            offset += len(separator)
        segments.append(Segment(offset, line.start, len(line.text)))
        parts.append(line.text)
        offset += len(line.text)
        previous = line
    return "".join(parts), segments
