"""Photo captions, picture credits and pull quotes: lines about a picture, not the story.

A caption is kept in the clean text and marked (no statement is read from it; the dates
stage may read the day it names). A line that is only a credit ("Photo: VCG") is removed
by the cleaning. The signals below are generic (any outlet), each a named pattern:

- a credit closing the line: "Photo: VCG", "(Tim Goode/PA)", "Ana Ode/Getty Images",
  "(AP Photo/Ana Ode)", "(Coastwire via AP) (AP)" (these two, like "(… via Getty Images)",
  close captions of up to 120 words),
  "REUTERS/Ana Ode", "Picture by Ana Ode", "Photo credit Ana Ode/Getty Images",
  "Ana Ode/Pool: Reuters", "(Picture: Harbour Office)";
- a credit or label opening it: "FILE PHOTO:", "FILE -", "Photo:", "Image caption",
  "(Press Office via AP, Pool).";
- an opener: "This combination of pictures shows", "In this file photo taken on";
- a scene in the present tense: "Vell speaks during a rally in Dornholm." (the story
  reports in the past tense; a present-tense headline has no full stop);
- a position in the picture: "(L)", "(2nd R)";
- a pull quote: a short quotation repeated word for word from a paragraph of the story;
- a line right after an "Image copyright ..." credit, and a short label without final
  punctuation (an image's alternative text) next to a credit or a caption.

They were written from the caption ranges of the real-pages dev set (tests/fixtures/
real_pages_gold.json), the forms issue 13 lists, and checked not to mark the article bodies
of the seeds and the dev pages.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

# --- Pieces of patterns -------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:T\S+)?|\d{1,2}/\d{1,2}/\d{4})"
)
# A capitalised word of a name: "Ana", "O'Neil", "M.", "Zelenskyy".
_NAME_WORD = r"[A-Z][\w.'’-]*"
# A person's name: two to five capitalised words ("Tim Goode", "Michael M. Santiago").
_PERSON = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_CREDIT_WORD = (
    r"(?:Photos?|PHOTOS?|Pictures?|PICTURES?|Images?|IMAGES?|Photographs?|File [Pp]hoto"
    r"|FILE PHOTO|Credits?|CREDITS?|(?:Image|Photo|Picture) [Cc]redit"
    r"|(?:IMAGE|PHOTO|PICTURE) CREDIT)"
)
# Photo and wire agencies, and the words of a picture's source, that end a caption.
_AGENCY = (
    r"(?:AFP|AP|PA|AAP|EPA|EPA-EFE|ANI|PTI|IANS|UPI|EFE|dpa|ANSA|TASS|IRNA|Reuters|REUTERS"
    r"|Xinhua|XINHUA|Getty Images|Getty|Anadolu Agency|Anadolu|Bloomberg|Kyodo|Yonhap"
    r"|Shutterstock|Alamy(?: Stock Photo)?|NurPhoto|Sipa|SIPA|Sputnik|Pool|POOL|Handout"
    r"|HANDOUT|Wikimedia Commons|Flickr)"
)
# A picture's source after a slash: an agency or an abbreviation in capitals ("EWN").
_SOURCE = rf"(?:{_AGENCY}|[A-Z]{{2,6}}(?: PHOTO| Photo)?)"

# --- Credits (a line that is only a credit is removed; one ending a line marks a caption)

# A credit at the end of a line: "Photo: VCG", "Photo:Xinhua", "Image Credit: Lanmoor",
# "(Photo by Lanmoor Press)", "(AP Photo/Name)", "[Photo/Agency]", "AGENCY/Name",
# "AGENCY via Getty Images".
CREDIT_TAIL = re.compile(
    rf"(?:^|\s|[.)]){_CREDIT_WORD}(?:\s+(?i:by|courtesy(?: of)?))?\s*[:/|]\s*[^\s:].{{0,60}}$"
    rf"|(?:^|\s)\((?:[\w.&-]+\s+){{0,3}}{_CREDIT_WORD}"
    r"(?:\s+(?i:by|courtesy of)\s+[^)]{1,60}|\s*/\s*[^)]{1,60})?\)$"
    rf"|(?:^|\s)\[{_CREDIT_WORD}\s*[:/][^\]]{{1,60}}\]$"
    r"|(?:^|\s)(?:[A-Z]{2,}(?: PHOTO)?|AP Photo)\s*/\s*[A-Z][\w.'’-]*"
    r"(?:\s*/?\s*[A-Z][\w.'’-]*){0,4}$"
    r"|(?:^|\s)\(?(?:[A-Z]{2,}\s+)?via (?:Getty Images|[A-Z]{2,})\)?$"
)
# More credits closing a line, one commented form a line.
MORE_CREDIT_TAILS = re.compile(
    # "Picture by Ana Ode", "Photo credit Ana Ode/Getty Images" (no colon)
    rf"(?:^|\s|[.)])(?:Photo(?:graph)?|Picture|Image|PHOTO|PICTURE)s?\s+(?:by|credit|courtesy"
    rf"(?: of)?|BY|CREDIT)\s+{_NAME_WORD}[^()]{{0,60}}$"
    # "(Picture: Harbour Office)", "(Photo: PA)", "(File photo)", "[File]"
    r"|[(\[](?i:photo(?:graph)?s?|pictures?|pic|images?|credits?|file(?: photo)?)"
    r"(?:\s*(?::|\bby\b)[^()\[\]]{1,80})?[)\]]$"
    # "(Tim Goode/PA)", "(Ana Ode/Harbour Office via Getty Images)"
    rf"|\({_PERSON}\s*/\s*[^()]{{0,50}}{_SOURCE}\)$"
    # "(Xinhua/Ben Ruiz)", "(AFP/Ben Ruiz)"
    rf"|\({_SOURCE}\s*/\s*{_PERSON}\)$"
    # "Ana Ode/Getty Images", "Cem Oksuz/Presidential Palace/Handout via REUTERS",
    # "Mark Baker/Pool: Reuters", "Abigail Javier/EWN"
    rf"|(?:^|[\s.:])(?:{_PERSON}|{_NAME_WORD})(?:\s*/\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})*"
    rf"\s*/\s*{_SOURCE}(?:\s*(?:[:/]|via)\s*{_SOURCE})*\.?$"
    # "... via Getty Images", "Getty Images", "Alamy Stock Photo" closing the line
    r"|(?:^|[\s./(])(?:Getty Images|Shutterstock|Alamy Stock Photo)\)?\.?$"
    # "...on Monday.Credit...Ana Ode for The Harbour Times"
    r"|Credit(?:\.{3}|…)\s*\S.{0,80}$"
)
# A line that is only an agency, or agencies and photographers' names in capitals parted by
# slashes: "PA", "Getty Images", "POOL / HARBOUR NEWS".
_CAPS = r"[A-Z]{2,}(?:\s+[A-Z]{2,}){0,2}"
AGENCY_ONLY = re.compile(
    rf"^\(?(?:{_AGENCY}|{_CAPS}\s*/\s*(?:{_AGENCY}|{_CAPS}))(?:\s*/\s*(?:{_AGENCY}|{_CAPS}))*\)?$"
    # "Ana Ode | AFP | Getty Images": a photographer and agencies parted by bars
    rf"|^{_PERSON}(?:\s*[|/]\s*{_AGENCY})+$"
)
# Photo and wire agencies whose name ends a caption: "Theresa Vell. AFP", "(ANI)".
_WIRE = (
    r"(?:AFP|AP|PA|AAP|EPA|ANI|PTI|IANS|UPI|EFE|dpa|ANSA|TASS|IRNA|Reuters|REUTERS|Xinhua"
    r"|XINHUA|Getty Images|Anadolu Agency|Bloomberg|Kyodo|Yonhap)"
)
# A short line that names an agency after its last full stop or in brackets, or glues one
# to the next words: "Minister Ana Vell. AFP", "Ana Vell (AP)", "Mr Ode (ANI)Ode speaking".
AGENCY_TAIL = re.compile(rf"[.!?]\s*\(?{_WIRE}\)?$|\s\({_WIRE}\)$")
AGENCY_GLUED = re.compile(rf"\({_WIRE}\)(?=[A-Z])")
# A credit that opens a caption: "(Press Office via AGENCY, Pool). Vell addresses ...".
CREDIT_HEAD = re.compile(r"^\([^()]{1,60}\b(?:via|Photo|PHOTO|Pool)\b[^()]{0,40}\)\.?\s+[A-Z]")
# A photographer and agency closing a caption: "by Ana Ode/AGENCY", "(AGENCY/Ana Ode)".
PHOTOGRAPHER_TAIL = re.compile(
    rf"\bby\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s*/\s*{_WIRE}$"
    rf"|\({_WIRE}\s*/\s*[A-Z][^()]{{1,40}}\)$"
)
# A wire picture's subject tags after its credit: "REUTERS/Ana Ode (GERMANY - Tags: POLITICS)".
WIRE_TAGS = re.compile(r"\s*\([A-Z][A-Z .,-]*(?:-\s*)?Tags?:[^()]*\)$")
# A label or credit opening a caption, one commented form a line.
CAPTION_LABEL = re.compile(
    r"^(?:FILE(?:\s+PHOTO)?|File(?:\s+(?:photo|picture|image))?)\s*(?:[-–—:|]|\(|$)"  # "FILE -"
    r"|^[(\[](?:FILE|File)(?:\s+(?:PHOTO|photo))?[)\]]"  # "(FILE) Vell at the pier"
    r"|^(?:Photo(?:graph)?s?|Pictures?|Images?|Caption|PHOTOS?|PICTURES?)\s*:\s*\S"  # "Photo: …"
    r"|^(?:Image|Media|Photo)\s+caption\b"  # "Image caption Vell at the pier"
)
# A credit line after which the next line is the picture's caption: "Image copyright Lanmoor".
COPYRIGHT_CREDIT = re.compile(r"^(?:Image|Photo|Picture)\s+(?:copyright|source)\b", re.I)
# A credit inside a line, with the story glued after it: "Vell at the pier (Photo: PA)The
# minister said ...". The caption runs to the bracket's end.
GLUED_CREDIT = re.compile(
    r"[(\[](?i:photo(?:graph)?s?|pictures?|images?|credits?|file photo)\s*(?::|by\b)[^()\[\]]{1,60}"
    r"[)\]](?=\s*[A-Z\"“])"
    # "... in Paris, June 23, 2024. ANA ODE / AFP The view over ..."
    rf"|(?<=[.!?] )[A-Z]{{2,}}(?:[ -][A-Z]{{2,}})+\s*/\s*{_WIRE}(?=\s+[A-Z\"“])"
)

# --- Captions by their words -------------------------------------------------------

# How a caption opens: "This combination of pictures shows", "A handout picture taken",
# "In this file photo taken on May 3, Vell ...".
CAPTION_OPENER = re.compile(
    r"^(?:this|these|an?|the|in this)\s+(?:(?:undated|handout|file|combination of|composite"
    r"|grab|video|screen ?grab|still|photo|picture)\s+)*(?:(?:photos?|pictures?|images?"
    r"|photographs?|combination|composite|grab|screenshot|screen grab|still|handout|collage"
    r"|frame grab)\b)(?:\s+\w+){0,12}?\s+(?:shows?|showing|taken|released|provided"
    r"|made available|obtained|distributed|posted|published|created)\b"
    r"|^in this (?:\w+\s+){0,2}(?:photo|picture|image|handout|screenshot|screen grab|still)\b",
    re.IGNORECASE,
)
# Who stands where in a picture: "(L)", "(C)", "(2nd R)", "(L to R)". A bare "(R)" is
# a party in US copy ("Gov. Pence (R)"), and "(left)" is used in body text too.
PICTURE_POSITION = re.compile(
    r"\((?:L|C|\d(?:st|nd|rd|th)\s*(?:L|R|left|right)|[LR]\s*(?:to|-)\s*[LR]"
    r"|from (?:left|right)|back row|front row)\)"
)
# A caption of a person doing something on a day: "Vell speaking at the pier, 17 May 2019".
# A subject, an -ing word, no finite helper, and a full date that ends the line.
PARTICIPLE_CAPTION = re.compile(
    rf"^[A-Z][^\"“”]{{0,160}}?\b[a-z]{{3,}}ing\b[^\"“”]{{0,200}}?(?:,\s*|\s+on\s+|\s+)"
    rf"(?:{_WEEKDAY},?\s+)?{_DATE}$"
)
# What people in a picture do, in the present tense ("addresses", "gestures as he speaks").
_CAPTION_VERBS = (
    r"(?:addresses|speaks|delivers|gestures|attends|arrives|waves|listens|looks on|meets"
    r"|holds|poses|walks|greets|shakes hands|talks|sits|stands|leaves|visits|reviews"
    r"|chairs|presides|prays|reacts|smiles|casts|takes questions|takes part|answers questions"
    r"|applauds|hugs|laughs|points|departs|boards|lays|wears|gives a (?:speech|statement)"
    r"|acknowledges|salutes|embraces|kisses|bows|kneels|weeps|wipes|raises|inspects|tours"
    r"|enters|steps|rides|arrives|votes|takes the (?:stage|podium|floor)|testifies"
    r"|makes (?:a speech|a statement|remarks)|is (?:seen|pictured|shown|greeted|applauded)"
    r"|are (?:seen|pictured|shown)|gather|attend|listen|react|look on|pose|wave|applaud)"
)
# A caption in the present tense that ends with a full date, perhaps and a credit in
# brackets: "President Vell addresses the council on September 19, 2017." Body text
# reports in the past tense.
PRESENT_CAPTION = re.compile(
    rf"^[A-Z][^\"“”]{{0,120}}?\b{_CAPTION_VERBS}\b[^\"“”]{{0,200}}?"
    rf"(?:,\s*|\s+on\s+|\s+)(?:{_WEEKDAY},?\s+)?{_DATE}\.?(?:\s*\([^()]{{1,60}}\))?$"
)
# Who is in a picture: capitalised words, role words and possessives, perhaps after a
# dateline ("WASHINGTON – MARCH 16:"): "Turkey's President Ana Vell", "The prime minister".
_ROLE_WORDS = (
    r"(?:the|of|and|for|de|van|von|da|al|bin|former|prime|minister|president|vice|deputy"
    r"|chief|secretary|governor|leader|mayor|senator|supreme|foreign|finance|general|state"
    r"|members?|party|opposition|with|his|her|wife|husband|left|right|center|centre"
    r"|flanked|by|accompanied|activist|climate|candidate|spokes(?:man|woman|person)"
    r"|officials|lawmakers|leaders|supporters|protesters|students|pontiff|pope)"
)
_SUBJECT = (
    r"(?:[^:–—\"“”]{0,60}[:–—]\s+)?"
    rf"(?:(?:[A-Z][\w.'’-]*|{_ROLE_WORDS}|[\w-]+['’]s),?\s+){{1,12}}"
)
# A scene in the present tense without a date: "Vell speaks during a rally in Dornholm.",
# "Ode gestures as she addresses the council." A subject, a picture verb, a word saying
# where or when the picture was taken ("Vell attends a news conference after the talks").
SCENE_CAPTION = re.compile(
    rf"^{_SUBJECT}{_CAPTION_VERBS}\b[^\"“”!?]{{0,80}}?"
    r"\b(?:during|at|as|in|outside|inside|after|before|while|ahead of|alongside|next to"
    r"|with|from|to)\b[^\"“”!?]{0,240}$"
)
# Words that make a present-tense line a story's sentence, not a picture's caption: a
# report ("said"), a tense a picture cannot show ("will", "had").
STORY_WORDS = re.compile(
    r"\b(?:said|says|told|tells|added|adds|according|will|would|could|should|had|has|have"
    r"|was|were|urged|warned|announced)\b",
    re.IGNORECASE,
)
# A verb in the past tense ("addressed", "delivered"): captions speak in the present.
PAST_TENSE = re.compile(
    r"\b(?!(?:need|speed|feed|seed|breed|bed|red|shed|hundred|bred)\b)[a-z]{2,}ed\b"
)
# A caption's closing full stop.
SENTENCE_STOP = re.compile(r"\.[)\]]?$")
# Words of a standfirst, not a caption: a report ("May said she will step down").
REPORT_WORDS = re.compile(
    r"\b(?:said|says|told|tells|according|announced|warned|urged|vowed|will)\b", re.IGNORECASE
)
# Words that make a line with an -ing word a sentence, not a caption.
FINITE_HELPERS = re.compile(
    r"\b(?:is|was|were|are|am|be|been|has|have|had|will|would|said|says|told|added)\b",
    re.IGNORECASE,
)
# An embedded social-media post signed with its author and date: never a caption.
EMBEDDED_POST = re.compile(r"pic\.twitter\.com/|https?://|\(@\w+\)")
# A line repeating the start of a caption is one when it is this long (in characters).
MIN_REPEATED_CAPTION = 20
# Captions are at most this many words; a longer line is body text.
MAX_CAPTION_WORDS = 60
# ... unless it closes with a photographer's credit in brackets, "(Photo by Ana Ode/Agency via
# Getty Images)": a caption telling the news behind its picture in a second sentence runs
# to 70 words on the real-pages dev set (rudd-apology-2008-14). At most this many words.
MAX_CREDITED_CAPTION_WORDS = 120
CREDIT_BRACKET_TAIL = re.compile(
    r"\((?:photos?|pictures?|images?)\s+(?:by|courtesy of)\s+[^()]{1,80}\)$"
    r"|\([^()]{1,60}via Getty Images\)$"
    # a wire's picture credit, perhaps tagged again with the wire's name: "(AP Photo/Ana
    # Ode)", "(Harbour News via AP) (AP)"
    r"|\(AP\s+Photo\s*/[^()]{1,60}\)(?:\s*\((?:AP|AFP|Reuters)\))?$"
    r"|\([^()]{1,60}\bvia\s+(?:AP|Reuters|AFP)\)(?:\s*\((?:AP|AFP|Reuters)\))?$",
    re.IGNORECASE,
)
# Quotation marks: a line quoting someone is a statement, not a caption.
QUOTE_MARKS = re.compile(r"[\"“”]")
# A line that is only a credit has at most this many words: "Photo: VCG".
CREDIT_ONLY_WORDS = 8

# --- Pull quotes and labels next to pictures ------------------------------------------

# A pull quote opens with a quotation mark and is at most this many words.
MAX_PULL_QUOTE_WORDS = 45
# ... and repeats at least this many words of a paragraph of the story in a row (each part
# between the "..." of a shortened quote at least MIN_PULL_QUOTE_PART words).
MIN_PULL_QUOTE_WORDS = 5
MIN_PULL_QUOTE_PART = 3
QUOTE_OPENERS = "\"“‘'«„"
# A pull quote is a quotation and nothing else, perhaps signed after a dash ("— Ana Vell"):
# a line that says who said it ("…," Vell said.) is the story's own paragraph.
PULL_QUOTE = re.compile(
    r"^[\"“‘'«„][^\"“”]+[\"”’'»“][.,]?(?:\s*[—–-]\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?$"
)
# A shortened quotation's gaps: "We were chosen because ... we represent diversity".
ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
# An image's alternative text or a label beside a picture: at most this many words, no
# final punctuation ("Xi davos cp", "US President Ana Vell").
MAX_LABEL_WORDS = 8
LABEL_END = re.compile(r"[\w)]$")
# A line without final punctuation right above a credit is its picture's caption, at most
# this many words.
MAX_UNFINISHED_WORDS = 40
# A kept line this near a credit or caption (in raw line numbers) stands beside it.
NEAR_LINES = 2


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its number in the raw text and its text, trimmed."""

    index: int
    text: str


def is_caption(line: str) -> bool:
    """Tell whether a line of text is a photo caption (see the module's docstring)."""
    words = len(line.split())
    if EMBEDDED_POST.search(line):
        return False  # an embedded post names its author and day, like a caption does
    if CREDIT_BRACKET_TAIL.search(line) and words <= MAX_CREDITED_CAPTION_WORDS:
        return True
    if words > MAX_CAPTION_WORDS:
        return False
    if _credited(line) or CAPTION_OPENER.match(line) or CAPTION_LABEL.match(line):
        return True
    if AGENCY_GLUED.search(line) and words <= MAX_AGENCY_CAPTION_WORDS:
        return True  # "Mr Ode (ANI)Ode speaking: ...": a picture's label run into its caption
    if AGENCY_TAIL.search(line) and words <= MAX_AGENCY_CAPTION_WORDS:
        # a quotation signed by its agency is a statement, and so is a wire story's
        # paragraph ending "(ANI)": it reports in the past tense
        return line[:1] not in QUOTE_OPENERS and not _reports(line)
    if PICTURE_POSITION.search(line) and not QUOTE_MARKS.search(line):
        return True  # "Vell (L) and Ode at the pier": no one is quoted in a caption
    if SCENE_CAPTION.match(line) and not STORY_WORDS.search(line):
        # without a full stop, a line with a colon is a headline ("Vell: talks to resume")
        return bool(SENTENCE_STOP.search(line)) or ":" not in line
    dated = PARTICIPLE_CAPTION.match(line) or PRESENT_CAPTION.match(line)
    return bool(dated) and not FINITE_HELPERS.search(line)


# An agency tail makes a caption of a line this short at most; a paragraph is longer.
MAX_AGENCY_CAPTION_WORDS = 30


def _reports(line: str) -> bool:
    """Whether a line reads as a story's sentence: a report, or a verb in the past tense."""
    return bool(STORY_WORDS.search(line) or PAST_TENSE.search(line))


def _credited(line: str) -> bool:
    """Whether a credit closes or opens the line (a wire's subject tags after it aside)."""
    line = WIRE_TAGS.sub("", line)
    return bool(
        CREDIT_TAIL.search(line)
        or MORE_CREDIT_TAILS.search(line)
        or CREDIT_HEAD.match(line)
        or PHOTOGRAPHER_TAIL.search(line)
    )


def is_credit_only(line: str) -> bool:
    """A line that is nothing but a photo credit: "Photo: VCG", "(Photo by Lanmoor Press)",
    "Ana Ode/Getty Images", "Image copyright Lanmoor"."""
    if len(line.split()) > CREDIT_ONLY_WORDS:
        return False
    if COPYRIGHT_CREDIT.match(line) or AGENCY_ONLY.match(line):
        return True
    for pattern in (CREDIT_TAIL, MORE_CREDIT_TAILS):
        found = pattern.search(line)
        if found is not None and not line[: found.start()].strip(" .)"):
            return True
    return False


def caption_spans(
    lines: Sequence[Line], credits: Collection[Line] = ()
) -> dict[int, tuple[int, int]]:
    """Return, by position in `lines`, the part of each line that is a caption (start, end
    in the line's text): whole lines, the head of a line a credit is glued into, pull
    quotes, and labels beside pictures. `credits` are the credit lines the cleaning removed.
    """
    found = {i: (0, len(line.text)) for i, line in enumerate(lines) if is_caption(line.text)}
    whole = {lines[i].text for i in found}
    for i, line in enumerate(lines):
        if i in found:
            continue
        if len(line.text) >= MIN_REPEATED_CAPTION and any(c.startswith(line.text) for c in whole):
            found[i] = (0, len(line.text))  # a caption printed twice, once without its credit
        elif (head := _glued_caption(line.text)) is not None:
            found[i] = (0, head)
        elif _pull_quote(i, lines):
            found[i] = (0, len(line.text))
    credit_lines = {c.index for c in credits}
    for i, line in enumerate(lines[:-1]):
        after = lines[i + 1]
        if after.index == line.index + 1 and after.text == line.text and i not in found:
            # a picture's alternative text and its caption, the same words on two lines
            found[i] = found[i + 1] = (0, len(line.text))
    # the first line after an "Image copyright ..." credit is its picture's caption
    copyrights = [c.index for c in credits if COPYRIGHT_CREDIT.match(c.text)]
    after_copyright = {
        next((i for i, line in enumerate(lines) if line.index > index), -1) for index in copyrights
    }
    headline = next((i for i in range(len(lines)) if i not in found), None)
    for i, line in enumerate(lines):
        if i in found or i == headline:
            continue  # the first line that is no caption is the headline
        short = len(line.text.split()) <= MAX_CAPTION_WORDS
        # a report under the headline is its standfirst, even above a picture's credit
        standfirst = headline is not None and i == headline + 1 and REPORT_WORDS.search(line.text)
        above = (
            not standfirst
            and _unfinished(line.text)
            and _before(line.index, lines, i, credit_lines)
        )
        if above or (short and i in after_copyright):
            found[i] = (0, len(line.text))
    pictures = {lines[i].index for i in found} | credit_lines
    for i, line in enumerate(lines):
        if i not in found and i != headline and _label(line.text) and _near(line.index, pictures):
            found[i] = (0, len(line.text))
    return dict(sorted(found.items()))


def _glued_caption(text: str) -> int | None:
    """Where a caption ends when the story is glued after its bracketed credit, else None."""
    match = GLUED_CREDIT.search(text)
    if match is None:
        return None
    head = text[: match.end()]
    if len(head.split()) > MAX_CAPTION_WORDS or QUOTE_MARKS.search(head):
        return None
    return match.end()


def _pull_quote(position: int, lines: Sequence[Line]) -> bool:
    """Whether a line is a quotation repeated from a longer paragraph of the page."""
    text = lines[position].text
    if not PULL_QUOTE.match(text) or len(text.split()) > MAX_PULL_QUOTE_WORDS:
        return False
    parts = [_words(part) for part in ELLIPSIS.split(text)]
    parts = [part for part in parts if len(part.split()) >= MIN_PULL_QUOTE_PART]
    if sum(len(part.split()) for part in parts) < MIN_PULL_QUOTE_WORDS:
        return False
    size = len(_words(text))
    for other_position, other in enumerate(lines):
        if other_position == position:
            continue
        words = _words(other.text)
        if len(words) > size and all(f" {part} " in f" {words} " for part in parts):
            return True
    return False


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _label(text: str) -> bool:
    """A short line without final punctuation or quotation: an image's alternative text."""
    return (
        len(text.split()) <= MAX_LABEL_WORDS
        and bool(LABEL_END.search(text))
        and not QUOTE_MARKS.search(text)
        and ":" not in text
    )


def _near(index: int, others: Collection[int]) -> bool:
    return any(0 < abs(index - other) <= NEAR_LINES for other in others)


def _unfinished(text: str) -> bool:
    """A caption's sentence: no final punctuation and no quotation ("Ana Vell has set out
    her plan" over a credit), at most MAX_UNFINISHED_WORDS words."""
    return (
        len(text.split()) <= MAX_UNFINISHED_WORDS
        and bool(LABEL_END.search(text))
        and not QUOTE_MARKS.search(text)
    )


def _before(index: int, lines: Sequence[Line], position: int, credits: Collection[int]) -> bool:
    """Whether the next line of the page after this one is a credit the cleaning removed."""
    following = lines[position + 1].index if position + 1 < len(lines) else None
    return any(
        0 < credit - index <= NEAR_LINES and (following is None or credit < following)
        for credit in credits
    )
