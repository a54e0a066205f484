"""Pages that are the text of a speech: each paragraph of the speech is its speaker's statement.

A transcript announces itself in a line before the speech ("The following is the full text
of the speech delivered on 14 October 2025 by Foreign Minister Petra Lindqvar", "Here's a
full transcript of her resignation statement", "Full text of X's address", "X's statement
in full", "Delivered on: …", a line ending "… confirmed that she would leave office:"). The
paragraphs after that line, up to the first that is not the speech (a reporter's sentence,
page furniture), are the speech: each becomes a statement of kind `transcript`, with the
speaker named in the announcing line as its source and the announcing words as its cue,
so the dates stage reads the day of the speech from that line. The tagger's statements
inside the speech whose source is the speaker's own "I" or "we" give way to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.attribution.quotes import paragraph_spans
from onrecord.models import Attribution, Kind, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A speech's name, as an announcing line gives it.
SPEECH_NOUNS = (
    r"(?:speech|statement|address|remarks|broadcast|message|transcript|text|apology"
    r"|announcement|declaration)"
)
# Words that announce the text of a speech after them. One commented alternative a line.
ANNOUNCEMENT = re.compile(
    r"\b(?:full\s+)?(?:text|transcript)\s+of\b"  # "The following is the full text of …"
    r"|\bin\s+full\b"  # "May's resignation statement in full"
    rf"|\bfull\s+{SPEECH_NOUNS}\b"  # "Read the full statement"
    rf"|\b(?:here\s+is|here['’]s|below\s+is|read)\b[^.\n]{{0,80}}?\b{SPEECH_NOUNS}\b"
    r"|\b(?:here\s+(?:is|are)|here['’]s|below\s+(?:is|are))\b[^.\n]{0,80}?\bquotes\b"  # a recap
    r"|\b(?:exactly\s+)?as\s+(?:it\s+was\s+)?delivered\b"  # gov.uk: "as delivered"
    r"|\bdelivered\s+on\s*:"  # "Delivered on: 23 March 2020"
    # a date line under a speech's heading: "delivered 9 October 2012, Parliament House"
    r"|^\W*delivered\s+(?:on\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4}"
    r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    rf"|\bthe\s+following\s+(?:is\b|{SPEECH_NOUNS}\b)"  # "delivered the following statement"
    # a standfirst: "Prime Minister Theresa May made a statement in Downing Street."
    rf"|\b(?:made|delivered|gave|held)\s+(?:a|an|this)\s+(?:{SPEECH_NOUNS}|press\s+conference)\b"
    rf"|^\W*(?:(?:the\s+)?(?:PM|Prime\s+Minister)['’]?s?\s+{SPEECH_NOUNS}\b)"  # a title
    rf"|^\W*{SPEECH_NOUNS}\s+(?:by|of)\s+(?:the\s+)?[A-Z]"  # "Address by Minister X"
    rf"|^\W*{SPEECH_NOUNS}\s+(?:by|of)\s*$"  # "Speech of" over the speaker's name
    rf"|^\W*{SPEECH_NOUNS}\s+to\s+the\s+nation\s+by\b",  # "ADDRESS TO THE NATION BY …"
    re.IGNORECASE,
)
# A line naming a speech and ending in a colon announces the words that follow it ("In a
# tearful speech …, Prime Minister May confirmed that she would be leaving office:"). A
# story's "Trump said:" before a quotation does not: the quotation is his statement already,
# and on PolNeAR dev such lines took quoted blog posts and interviews for speeches.
COLON_LEAD = re.compile(rf"\b{SPEECH_NOUNS}\b[^\n]*:\s*$", re.IGNORECASE)
# An announcing line is at most this many words; longer paragraphs are the story's own.
MAX_ANNOUNCEMENT_WORDS = 70
# Only this many paragraphs from the top may announce a transcript (a headline, a standfirst,
# a few paragraphs of the story): tuned on the real-pages dev set's transcripts, whose speech
# starts within the first eight paragraphs.
MAX_ANNOUNCEMENT_PARAGRAPH = 12
# A speech paragraph of fewer words is passed over, not stored ("Thank you.", "Speeches").
MIN_SPEECH_WORDS = 4
# A paragraph this long is speech even if it ends without a stop (a page cut short).
LONG_PARAGRAPH_WORDS = 12
# At least this share of a speech's paragraphs speak in the first person ("I", "we"): a
# story's paragraphs after "made a statement" do not.
MIN_FIRST_PERSON_SHARE = 0.5
# Page furniture that ends a speech: sharing, related stories, tags, footers, addresses.
FURNITURE = re.compile(
    r"^\W*(?:advertisement|read\s+more|related|recommended|share|tags?\b|topics\b|published"
    r"|updated|copyright|©|follow\s+us|sign\s+up|subscribe|the\s+post\b|source\s*:"
    r"|watch\b|video\b|click\b|comments?\b|print\b|email\b|more\s+(?:on|from)\b)"
    r"|https?://|www\.",
    re.IGNORECASE,
)
# Sources that are the speaker's own voice inside a speech: their statements give way.
OWN_VOICE = frozenset({"i", "we", "you", "my", "our", "us", "me"})
# Pronoun sources inside a speech ("They can see that we want a deal"): the speech holds
# those words already, and who "they" are is the speaker's to say, not a speaker to store.
SPEECH_PRONOUNS = OWN_VOICE | {"they", "he", "she", "it", "them", "one", "this", "that"}
# A first-person word: a paragraph holding one outside quotations is the speaker's.
FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us|me)\b")
# How a sentence of the speech ends: a stop, a question or exclamation mark, a quote mark, a
# dash. Paragraphs ending otherwise are labels and headings ("From:", "Prime Minister's
# Office, 10 Downing Street"), passed over.
SENTENCE_END = re.compile(r"[.!?…\"”’'—–-]\W*$")
# How many paragraphs before an announcement may name the speaker ("Prime Minister Boris
# Johnson delivered the following statement" … "From: … Boris Johnson MP" … "Delivered on:").
SPEAKER_LOOKBACK = 6
# A line announcing a speech whose speaker the next line names: "Speech of", "Address by".
NAME_FOLLOWS = re.compile(r"\b(?:by|of)\s*$", re.IGNORECASE)
# Words before a name that say who delivered the speech ("delivered … by X").
BY_NAME = re.compile(r"\bby\s+$", re.IGNORECASE)
# Role words that may stand for the speaker when the announcing line names no one.
ROLE = re.compile(
    r"\b(?:the\s+)?(?:PM|Prime\s+Minister|President|Chancellor|Premier|Governor"
    r"|Foreign\s+Minister|Finance\s+Minister|Minister|Leader)\b"
)
# Possessive pronouns of an announcing line: "her resignation statement".
POSSESSIVE = re.compile(r"\b(?:her|his)\b", re.IGNORECASE)
# A turn of an interview: a name in capitals and a colon opening a paragraph.
TURN_LABEL = re.compile(r"[\"“]?[A-Z][A-Z.'’ -]{1,30}:\s")
# A speaker's label opening a paragraph of a sitting's record: "PM VELL: ", "The Speaker: ".
SPEAKER_LABEL = re.compile(r"[\"“]?(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*:[ \t]+(?=\S)")
# A date line under a speech's heading: "delivered 9 October 2012, Parliament House".
DATE_LINE = re.compile(r"\W*delivered\s+(?:on\s+)?(?:\d|[A-Z][a-z]+\.?\s+\d)")
# Speakers' labels a speech's paragraphs must show before they are read as an interview.
MIN_TURN_NAMES = 2
# How many characters back a possessive pronoun may find the person it stands for.
PRONOUN_REACH = 1500


@dataclass(frozen=True, slots=True)
class Transcript:
    """A speech found on a page: who gave it, the announcing words, its paragraphs."""

    source: Span
    cue: Span
    paragraphs: tuple[Span, ...]

    def statements(self, text: str) -> list[Attribution]:
        """Return one statement of kind `transcript` for each paragraph of the speech."""
        return [
            Attribution((self.source,), (self.cue,), (paragraph,), Kind.TRANSCRIPT)
            for paragraph in self.paragraphs
            if len(paragraph.text(text).split()) >= MIN_SPEECH_WORDS
        ]


def with_transcripts(
    found: Sequence[Attribution], doc: Doc, captions: Sequence[Span] = ()
) -> list[Attribution]:
    """Add the statements of each speech the page holds the text of (see the module)."""
    speeches = transcripts(doc, found, captions)
    if not speeches:
        return list(found)
    text = doc.text
    spoken = [paragraph for speech in speeches for paragraph in speech.paragraphs]
    kept = [item for item in found if not _own_voice(item, spoken, text)]
    added = [statement for speech in speeches for statement in speech.statements(text)]
    return sorted([*kept, *added], key=lambda a: min(s.start for s in a.content + a.cue))


def _own_voice(item: Attribution, spoken: Sequence[Span], text: str) -> bool:
    """Whether a statement inside the speech is the speaker's own "I said", a pronoun's
    ("They can see that …") or sourceless: the speech's paragraph holds its words."""
    anchor = (item.cue or item.content)[0]
    if item.cue and any(_labels(item.cue[0], paragraph, text) for paragraph in spoken):
        return True  # "VELL: Thank you …" read as a turn: the speech's paragraph holds it
    if not any(_inside(anchor, paragraph) for paragraph in spoken):
        return False
    return not item.source or all(s.text(text).lower() in SPEECH_PRONOUNS for s in item.source)


def _labels(cue: Span, paragraph: Span, text: str) -> bool:
    """Whether a cue is the colon of the speaker's label that opens a speech's paragraph."""
    return cue.end <= paragraph.start and not text[cue.end : paragraph.start].strip()


def transcripts(
    doc: Doc, found: Sequence[Attribution], captions: Sequence[Span] = ()
) -> list[Transcript]:
    """Return the speeches whose text the page holds, in the order they appear."""
    text = doc.text
    paragraphs = lines(text)
    speeches: list[Transcript] = []
    taken = 0  # paragraphs up to here belong to a speech already found
    for i, paragraph in enumerate(paragraphs[:MAX_ANNOUNCEMENT_PARAGRAPH]):
        if i < taken:
            continue
        cue = announcement(paragraph, text)
        if cue is None:
            continue
        body = _speech(paragraphs[i + 1 :], found, captions, text)
        before = paragraphs[max(0, i - SPEAKER_LOOKBACK) : i][::-1]
        cue = _dated_cue(doc, cue, before)
        # "Speech of" / "Address by" over the name: the next lines name the speaker
        after = paragraphs[i + 1 : i + 3] if NAME_FOLLOWS.search(paragraph.text(text)) else []
        # under a name and a heading, a date line's place is no speaker ("delivered 3 May
        # 2026, Harbour Hall"): the lines above name who spoke
        places = (*before, paragraph) if DATE_LINE.match(paragraph.text(text)) else (paragraph,)
        source = next(
            (
                named
                for where in (*places, *after, *before)
                if (named := speaker(doc, where, cue, found, captions)) is not None
            ),
            None,
        )
        if not body or source is None or not _first_person(body, text) or _dialogue(body, text):
            continue
        taken = i + 1 + len(body)
        own = tuple(
            words
            for p in body
            if (words := _unlabelled(p, source, text)) is not None
            and (words != p or not _attributed(p, found, text))  # "VELL: …" is his
        )
        if own:
            speeches.append(Transcript(source, cue, own))
    return speeches


def _dated_cue(doc: Doc, cue: Span, before: Sequence[Span]) -> Span:
    """Return the announcing words to date the speech by: those of the announcing line, or
    of an announcing line just above it that holds a date when it holds none ("PM statement
    in Downing Street: 22 November 2018" over "Prime Minister Theresa May made a statement")."""
    if _has_date(doc, cue):
        return cue
    for line in before:
        above = announcement(line, doc.text)
        if above is not None and _has_date(doc, line):
            return above
    return cue


def _has_date(doc: Doc, span: Span) -> bool:
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    line_end = doc.text.find("\n", span.end)
    line = Span(line_start, len(doc.text) if line_end < 0 else line_end)
    return any(
        e.label_ == "DATE" and _inside(Span(e.start_char, e.end_char), line) for e in doc.ents
    )


def lines(text: str) -> list[Span]:
    """Return each non-blank line, trimmed: a transcript's paragraphs, whether the page
    parts them with blank lines or with single line breaks."""
    found: list[Span] = []
    for start, end in paragraph_spans(text):
        offset = start
        for line in text[start:end].split("\n"):
            stripped = line.strip()
            if stripped:
                begin = offset + line.index(stripped)
                found.append(Span(begin, begin + len(stripped)))
            offset += len(line) + 1
    return found


def _unlabelled(paragraph: Span, source: Span, text: str) -> Span | None:
    """A paragraph opening with a speaker's label ("PM VELL: Thank you …", "The Deputy
    Speaker: I call …"): the words after it when the label names the speaker, else None
    (someone else's line in the record of the sitting)."""
    label = SPEAKER_LABEL.match(text, paragraph.start, paragraph.end)
    if label is None:
        return paragraph
    names = {w.lower() for w in re.findall(r"\w+", source.text(text)) if len(w) > 2}
    if not names & {w.lower() for w in re.findall(r"\w+", label.group())}:
        return None
    return Span(label.end(), paragraph.end) if label.end() < paragraph.end else None


def _dialogue(body: Sequence[Span], text: str) -> bool:
    """Whether the text is an interview's turns ("WALLACE: …", "PENCE: …"): the layout
    gives each turn its speaker (speaker_marks.py), not one speaker the whole. One label
    alone ("PM GILLARD: Thank you, Deputy Speaker …") opens a speech, no interview."""
    names = {
        found.group().rstrip(": ").strip("\"“").lower()
        for paragraph in body
        if (found := TURN_LABEL.match(text, paragraph.start, paragraph.end)) is not None
    }
    return len(names) >= MIN_TURN_NAMES


def _attributed(paragraph: Span, found: Sequence[Attribution], text: str) -> bool:
    """Whether most of a paragraph is already a named speaker's statement's content (a
    story's quotation after "Trump said:"): it is not stored twice."""
    covered = sum(
        max(0, min(span.end, paragraph.end) - max(span.start, paragraph.start))
        for item in found
        if item.source and not all(s.text(text).lower() in SPEECH_PRONOUNS for s in item.source)
        for span in item.content
    )
    return covered * 2 >= paragraph.end - paragraph.start


def _first_person(body: Sequence[Span], text: str) -> bool:
    """Whether enough of a speech's paragraphs say "I" or "we" (MIN_FIRST_PERSON_SHARE)."""
    speaking = sum(1 for paragraph in body if FIRST_PERSON.search(paragraph.text(text)))
    return speaking >= MIN_FIRST_PERSON_SHARE * len(body)


def announcement(paragraph: Span, text: str) -> Span | None:
    """Return the words of a paragraph that announce a speech's text after it, if any."""
    words = paragraph.text(text)
    if len(words.split()) > MAX_ANNOUNCEMENT_WORDS:
        return None
    match = ANNOUNCEMENT.search(words) or COLON_LEAD.search(words)
    if match is None:
        return None
    start = paragraph.start + match.start()
    end = start + len(match.group().rstrip(": \n"))
    return Span(start, end) if end > start else None


def _speech(
    following: Sequence[Span], found: Sequence[Attribution], captions: Sequence[Span], text: str
) -> list[Span]:
    """Return the paragraphs of the speech: those after the announcement, up to the first
    that is not the speaker's (furniture, a caption, a reporter's sentence, a new
    announcement)."""
    body: list[Span] = []
    for paragraph in following:
        words = paragraph.text(text)
        furniture = FURNITURE.search(words) or any(_inside(c, paragraph) for c in captions)
        if furniture and not body:
            continue  # "Published", "Share" between the announcement and the speech
        if furniture:
            break
        if words.isupper():
            continue  # a heading in capitals
        if _reported(paragraph, found, text):
            break
        if announcement(paragraph, text) is not None and not FIRST_PERSON.search(words):
            break  # a new announcement; "the text of that declaration has been agreed" is none
        if SENTENCE_END.search(words) or len(words.split()) >= LONG_PARAGRAPH_WORDS:
            body.append(paragraph)
    while body and len(body[-1].text(text).split()) < MIN_SPEECH_WORDS:
        body.pop()  # a closing "Thank you." stays in the speech, a trailing label does not
    return body


def _reported(paragraph: Span, found: Sequence[Attribution], text: str) -> bool:
    """Whether a paragraph reports someone in the third person outside a quotation and
    says nothing in the first person: the story resumes ("Theresa May fought back tears as
    she revealed …"), where a speech's "They can see that we want a deal" does not."""
    if FIRST_PERSON.search(_unquoted(paragraph, text)):
        return False
    for item in found:
        if not item.cue or not item.source or not _inside(item.cue[0], paragraph):
            continue
        if item.kind is Kind.DIRECT or _quoted(item.cue[0], paragraph, text):
            continue
        if not all(s.text(text).lower() in OWN_VOICE for s in item.source):
            return True
    return False


def _unquoted(paragraph: Span, text: str) -> str:
    """Return a paragraph's words outside quotations (an unclosed one runs to its end)."""
    words = paragraph.text(text)
    return re.sub(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", " ", words)


def _quoted(span: Span, paragraph: Span, text: str) -> bool:
    """Whether a span stands inside a quotation opened earlier in its paragraph."""
    before = text[paragraph.start : span.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def speaker(
    doc: Doc,
    paragraph: Span,
    cue: Span,
    found: Sequence[Attribution],
    captions: Sequence[Span] = (),
) -> Span | None:
    """Return who gave the speech: the announcing line's statement's source, the person it
    names ("… delivered by X"), who a "her"/"his" stands for, or a role ("PM"); never a
    name in a photo caption (a caption speaks for no one)."""
    text = doc.text
    if any(_inside(paragraph, caption) for caption in captions):
        return None
    for item in found:
        if (
            item.source
            and item.cue
            and _inside(item.cue[0], paragraph)
            and not all(s.text(text).lower() in SPEECH_PRONOUNS for s in item.source)
        ):
            return item.source[0]
    people = [p for p in _persons(doc) if not any(_inside(p, c) for c in captions)]
    persons = [p for p in people if _inside(p, paragraph)]
    after_by = [p for p in persons if BY_NAME.search(text, max(0, p.start - 4), p.start)]
    if after_by or persons:
        return (after_by or persons)[0]
    possessive = POSSESSIVE.search(text, paragraph.start, paragraph.end)
    if possessive:
        # the person named last before the line, or the source of the statement before it
        # ("Theresa May fought back tears as she revealed …"; the speakers stage knows "she")
        reach = paragraph.start - PRONOUN_REACH
        earlier = [p for p in people if reach <= p.start < paragraph.start] + [
            item.source[0]
            for item in found
            if item.source
            and reach <= item.source[0].start
            and item.source[0].end <= paragraph.start
            and not any(_inside(item.source[0], c) for c in captions)
        ]
        if earlier:
            return max(earlier, key=lambda span: span.start)
        if any(reach <= p.start < paragraph.start for p in _persons(doc)):
            # named only in a caption above: "his" is the source, and the speakers stage
            # tells whom it stands for
            return Span(possessive.start(), possessive.end())
    role = ROLE.search(text, paragraph.start, paragraph.end)
    return Span(role.start(), role.end()) if role else None


def _persons(doc: Doc) -> list[Span]:
    """The PERSON entities, without the line breaks a parse may take in ("Julia Gillard\n\n")."""
    found = []
    for e in doc.ents:
        if e.label_ == "PERSON":
            name = e.text.rstrip()
            found.append(Span(e.start_char, e.start_char + len(name)))
    return found


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end
