"""Which date expression tells when each statement was made, and what date that is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from onrecord.dates.context import Context
from onrecord.dates.expressions import (
    DAY_KINDS,
    DateKind,
    Expression,
    date_expressions,
    resolve,
    with_written_weekdays,
)
from onrecord.dates.headings import heading_dates, url_heading
from onrecord.models import Analysis, Kind, Precision, Span, Statement, StatementDate

# A preposition that makes a date the edge of a period, not a day something was said.
BLOCKERS = re.compile(
    r"\b(?:since|until|till|from|before|after|by|through|throughout|during|for|over"
    r"|between|into|to|of|as\s+of)\s+$",
    re.IGNORECASE,
)
# A preposition left at the end of a clause by a verb of speaking blocks nothing: "the
# Congress he spoke to early this morning".
STRANDED = re.compile(r"\b(?:spoke|speaks|speaking|talked|talking|said|written)\s+to\s+$", re.I)
# A pronoun opening a relative clause: a date inside one is about something else.
RELATIVE = re.compile(r"\b(?:which|who|whom|whose|where|when)\b", re.IGNORECASE)
# A clause opening between a date and a cue after it: the cue is not what the date modifies
# ("met on Monday, opening talks that both sides described as businesslike").
CLAUSE_BEFORE_CUE = re.compile(r"\b(?:that|which)\b", re.IGNORECASE)
# Text after a date that makes it a dateline ("July 21, IRNA –"): the report's date.
DATELINE_AFTER = re.compile(r"^,?\s*\(?[A-Z][A-Za-z]*\)?\s*[–—-]\s")
# Reported content that is an infinitive ("called on Turks to exchange ... on Friday"): what
# someone is urged to do follows the urging, so a day ending it is the cue's.
INFINITIVE_CONTENT = re.compile(r"(?!that\b|if\b|whether\b)(?:[\w’'-]+\s+){1,4}to\s+[a-z]")
# Cues of urging, whose content is what someone is urged to do.
URGING_CUE = re.compile(
    r"\b(?:call(?:ed|s|ing)? on|urg(?:ed|es|ing)|ask(?:ed|s|ing)|appeal(?:ed|s|ing) to"
    r"|order(?:ed|s|ing)|instruct(?:ed|s|ing)|encourag(?:ed|es|ing)|invit(?:ed|es|ing))\b",
    re.IGNORECASE,
)
# Words of reported content that put what follows in the future ("will ... today").
FUTURE_WORDS = re.compile(
    r"\b(?:will|would|shall|going to|set to|expected to|plans? to|to be)\b", re.IGNORECASE
)
# Days of the publication itself: an event of that day reported as past (outside quotation
# marks: the reporter's words) dates the report of it to the same day.
SAME_DAY_WORDS = frozenset(
    {"today", "earlier today", "this morning", "early this morning", "this afternoon"}
)
# A content no longer than this, not a clause, may end in a date that belongs to its cue
# ("deplored the seizure on Thursday").
SHORT_CONTENT_WORDS = 5
# A month or year dates a statement only this close (in words) to its cue or source.
COARSE_WINDOW_WORDS = 2
# What stands before a page's own date on its line: a byline's name, a publication label.
PAGE_STAMP = re.compile(
    r"^\W*(?:By\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:[|,–—-]\s*)?"
    r"|(?i:(?:first\s+)?(?:published|posted|publish\s+date)(?:\s+on)?\s*:?\s*))$"
)
# The label of an update's stamp opening a sentence, up to its date: "UPDATE (".
UPDATE_STAMP = re.compile(r"\W*(?:update[sd]?|edit(?:ed)?)\s*\(?\s*", re.IGNORECASE)
# A capitalised word of a name (a place, an event), and the calendar's own capitalised words.
PROPER_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_CALENDAR = (
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday photo"
)
CALENDAR_WORDS = frozenset(_CALENDAR.split())
# A speech named right before a date, and a clause after the date whose cue says what was
# said in it: the date is the cue's ("a statement late on Thursday in which he cited ...").
SPEECH_BEFORE_DATE = re.compile(
    r"\b(?:statement|speech|address|remarks|interview|news conference|press conference"
    r"|briefing|rally|message|broadcast)\s+(?:(?:late|early)\s+)?$",
    re.IGNORECASE,
)
SPEECH_CLAUSE = re.compile(
    r"^[\s,]*(?:in|during|at)\s+which\s+(?:he|she|they|the\s+\w+|[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,2})\s+(?:also\s+)?$"
)
# A finite verb of speaking: between a statement's cue and a date after it, it takes the date.
OTHER_CUE = re.compile(r"\b(?:said|says|told|tells|added|adds|stated|wrote)\b", re.IGNORECASE)
# Content that is only quotations (with a gloss in brackets) before a date: the date after
# them is the cue's ("declares “Wir schaffen das” (“We can do this”) on August 31, 2015").
QUOTED_ONLY = re.compile(r"\s*(?:[“\"‘][^”\"’]*[”\"’],?\s*(?:\([^()]*\)\s*)?)+")
# Between a speaker's name and a date in a sentence like "X on Monday ruled out ...".
NAME_GAP = re.compile(r"^[\s,]*(?:this\s+)?$")
# After such a date, a pluperfect makes it an earlier utterance's ("X, on May 2, had said").
PLUPERFECT_AFTER = re.compile(r"[\s,]*had\b", re.IGNORECASE)

# Words saying that someone spoke somewhere: a sentence holding one, a known speaker and a
# day dates that speaker's speech event ("Ms Ardern spoke to the nation on Friday").
APPEARANCE = re.compile(
    r"\b(?:spoke|speaks|speaking|address|addressed|addresses|addressing|told|tells|telling"
    r"|said|says"
    r"|saying|announced|announces|announcing|declared|warned|delivered|delivers|delivering"
    r"|presented|presents|presenting|apologi[sz]ed|speech|broadcast"
    # past verbs of speaking a report uses for an appearance ("Tennick urged dockers on
    # Friday ..."); nouns of occasions ("a statement", "a conference on Monday") are left out:
    # a report names other and coming occasions with them as often as the one it reports
    r"|urged|vowed|pledged|insisted|stressed|testified|wrote|tweeted)\b",
    re.IGNORECASE,
)
# In a photo caption, a noun of a speaking occasion shows one too: a caption shows what
# happened ("X smiles during a press conference in Berlin, Monday, Sept. 19, 2016"), and
# counts only near publication and when the text names no day (CAPTION_WINDOW_DAYS).
CAPTION_APPEARANCE = re.compile(
    APPEARANCE.pattern[: -len(")\\b")] + r"|conference|rally|interview|briefing)\b",
    re.IGNORECASE,
)
# Words putting an appearance in the future, right before its verb: "will address the
# nation tonight", "is set to deliver", "is due to speak" (a preview, not a report); a bare
# "to" is no future ("stopped usual TV programming to address the UK").
FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|(?:is|are|was|were)\s+(?:set|due|expected|scheduled|going)\s+to"
    r"|plans?\s+to)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A pluperfect right before a verb of speaking: an appearance before the one reported.
PLUPERFECT_BEFORE = re.compile(r"\bhad\s+(?:\w+\s+)?$", re.IGNORECASE)
# A day dates an appearance only this close (in words) to its verb.
APPEARANCE_WINDOW_WORDS = 25
# A photo credit marks a line as a caption: "Photo: AAP", "(AFP)", "[Photo/Xinhua]",
# "(Xinhua/Lan Hongguang)", "Mark Tantrum/Getty Images", "via REUTERS".
# An agency in brackets is a credit only at the end of the line: at its start it is a wire
# dateline ("ANKARA (Reuters) - ..."), and the story under it is no caption.
CAPTION_CREDIT = re.compile(
    r"\b(?:photo|picture|image)s?\s*:|\((?:AFP|AP|Reuters|EPA|XINHUA)\)\s*$|\[Photo/"
    r"|\(Xinhua/|/Getty Images|\bvia (?:AP|REUTERS|Reuters|AFP)\b|\bPHOTO\b",
    re.IGNORECASE,
)
# A caption's day dates the speaker's appearance only this close before publication (in
# days): a picture of the same appearance is of that day or the day before; a file picture
# of another day is older ("speaks ... at Yankee Stadium, Monday, July 26, 2021" above a
# story of August 10). Tuned on the real-pages dev set: every caption of the same
# appearance there is dated 0 or 1 day before publication, the others 9 days or more.
CAPTION_WINDOW_DAYS = 2
# The end of a sentence: a full stop, question or exclamation mark, perhaps before a quote.
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
# A phrase ending reported content that names the speech it was said in: a day after it
# is the cue's ("said the U.S. will ... during a speech before the United Nations on Tuesday").
SPEECH_ADJUNCT = re.compile(
    r"\b(?:during|in|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:speech|address|remarks|interview|news conference|press conference|rally|broadcast"
    r"|statement|briefing|announcement|appearance)\b"
    r"(?:\s+(?:to|before|at|in|of|with|from)\s+[^,;.\n]{1,80}?)?\s*$",
    re.IGNORECASE,
)
# A time of day ending content after a date: "... on August 28 at 17:23".
TIME_TAIL = re.compile(
    r"\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?[\s.,;]*",
    re.IGNORECASE,
)
# Relative days that may be spelled out by a full date right after them.
RELATIVE_DAY_KINDS = frozenset({DateKind.WEEKDAY, DateKind.SAME_DAY, DateKind.YESTERDAY})
# What may stand between a relative day and the full date spelling it out: a weekday in
# brackets, commas and spaces ("this morning (Tuesday), October 14, 2025").
SPELLED_OUT_GAP = re.compile(
    r"[\s,]*(?:\(\w+\))?[\s,]*(?:(?:morning|afternoon|evening|night)[\s,]+)?"
)
SPELLED_OUT_CHARS = 16

# How a date reached a statement, put in front of how its expression was resolved.
EVENT = "speech event in the article"
EARLIER = "earlier statement"
FOLLOWING = "quote following an earlier statement"
SCOPED = "the speaker's last dated appearance before it"
URL_HEADING = "URL slug naming the speech and its day"
DATE_LINE_HEADING = "date line under the page's speech heading"
UNKNOWN_YEAR = "not resolved: the article's publication date is unknown"


def date_statements(
    text: str,
    analysis: Analysis,
    statements: Sequence[Statement],
    published: dt.date | None,
    captions: Sequence[Span] = (),
    url: str | None = None,
    heading: tuple[dt.date, str] | None = None,
) -> tuple[Statement, ...]:
    """Return the statements with `said_on` set (None when unknown), in the same order.

    `captions` are the photo captions the cleaning marked (spans into `text`); lines with a
    photo credit count as captions too. A `url` whose slug names a speech and its day dates
    the one transcribed speaker's statements that the text dates in no way (`url_heading`);
    so does `heading`, the day of a date line under the page's speech heading with its
    evidence (a line the cleaning took out of `text`), before the URL.
    """
    context = Context(text, analysis, statements, captions)
    expressions = with_written_weekdays(
        text, date_expressions(text, analysis), lambda span: _not_narrative(context, span)
    )
    facts = _Facts.of(context, expressions, published)
    dated = []
    for i, statement in enumerate(statements):
        found = facts.evidence(context, i)
        if found:
            found = (_spelled_out(context, expressions, found[0]), found[1])
        said_on = _statement_date(*found, published) if found else None
        if found is None and facts.silent(context, i):
            said_on = _url_date(context, i, url, published, heading)
        dated.append(replace(statement, said_on=said_on))
    return tuple(dated)


def _url_date(
    context: Context,
    index: int,
    url: str | None,
    published: dt.date | None,
    line: tuple[dt.date, str] | None = None,
) -> StatementDate | None:
    """The day a date line under the page's speech heading, else the URL's slug, names with a
    speech, for the one speaker the page transcribes."""
    heading, how = (line, DATE_LINE_HEADING) if line else (url_heading(url), URL_HEADING)
    transcribed = {
        key
        for key, statement in zip(context.keys, context.statements, strict=True)
        if key and statement.kind is Kind.TRANSCRIPT
    }
    key = context.keys[index]
    if heading is None or not key or transcribed != {key}:
        return None
    day, words = heading
    if published is not None and day > published:
        return None
    return StatementDate(day, Precision.DAY, words, None, how)


@dataclass(frozen=True, slots=True)
class _Facts:
    """Per statement: nested or not, its own date expression, whether it refers back."""

    nested: list[bool]
    own: list[Expression | None]
    back: list[bool]
    following: dict[int, int]  # a quote right after a back-reference → that back-reference
    events: dict[str | int, Expression]  # speaker key (or statement index) → speech event date
    other_day: list[bool]  # its sentence names a day other than its speaker's event day
    several: dict[str, list[Expression]]  # speakers whose text names several days of speaking
    narrative: list[Expression]  # the reporter's own dates (not quoted, reported or captions)
    published: dt.date | None

    @classmethod
    def of(
        cls, context: Context, expressions: Sequence[Expression], published: dt.date | None
    ) -> _Facts:
        """Work out the facts for every statement of an article."""
        count = len(context.statements)
        nested = [context.nested(i) for i in range(count)]
        own = [
            _adjacent_day(context, i, expressions)
            if nested[i]
            else own_expression(context, i, expressions)
            for i in range(count)
        ]
        # An utterance before the article's event ("had said"), or one named as another
        # speech in its own sentence ("a statement late on Thursday in which he cited"),
        # keeps its own date and passes none on.
        back = [
            not nested[i] and (context.refers_back(i) or _named_speech(context, i, own[i]))
            for i in range(count)
        ]
        following = _following(context, own, back, nested)
        events, several = speech_events(
            context, expressions, own, back, following, nested, published
        )
        other_day = [
            _names_other_day(context, i, expressions, events, published) for i in range(count)
        ]
        narrative = [e for e in expressions if not _not_narrative(context, e.span)]
        return cls(nested, own, back, following, events, other_day, several, narrative, published)

    def silent(self, context: Context, index: int) -> bool:
        """Whether the text says nothing of when a statement was made, nor of another day."""
        key = context.keys[index]
        return not (
            self.nested[index]
            or self.own[index] is not None
            or index in self.following
            or self.back[index]
            or self.other_day[index]
            or index in self.events
            or (key and key in self.events)
        )

    def evidence(self, context: Context, index: int) -> tuple[Expression, str | None] | None:
        """Return the expression that dates a statement, and how it reached it."""
        own = self.own[index]
        if self.nested[index]:
            # Reported inside another statement: the report's date is not its date, only a
            # day written right at its own cue ("May today said ..., The Guardian reported").
            return (own, None) if own is not None else None
        if own is not None:
            return own, EARLIER if self.back[index] else None
        if index in self.following:
            earlier = self.own[self.following[index]]
            return (earlier, FOLLOWING) if earlier is not None else None
        if self.back[index] or self.other_day[index]:
            return None  # an earlier utterance, or a sentence about another day: unknown
        return _inherited(context, index, self.events) or self._scoped(context, index)

    def _scoped(self, context: Context, index: int) -> tuple[Expression, str] | None:
        """For a speaker the text dates on several days: the day of their last dated
        appearance before the statement, when no other date stands in between (the
        statement reports the same appearance); else unknown.

        "X said on Monday ... [statement] ... On Tuesday X told ... [statement]": each
        statement takes the day just before it. A statement before the first day, or after
        a date of anything else (another day, a month, a year), stays unknown.
        """
        key, anchor = context.keys[index], context.anchor(index)
        if not key or key not in self.several or anchor is None:
            return None
        before = [e for e in self.several[key] if e.span.end <= anchor.start]
        if not before:
            return None
        last = max(before, key=lambda e: e.span.start)
        day = resolve(last, self.published)
        # Only on the dated statement's own line: a report returns to its main appearance
        # after a paragraph about another without naming its day again.
        if day is None or "\n" in context.text[last.span.start : anchor.start]:
            return None
        for other in self.narrative:
            if last.span.end <= other.span.start and other.span.end <= anchor.start:
                resolved = resolve(other, self.published)
                if resolved is None or resolved.value != day.value:
                    return None  # another time named in between: another appearance maybe
                if resolved.precision is not day.precision:
                    return None
        return last, SCOPED


def own_expression(
    context: Context, index: int, expressions: Sequence[Expression]
) -> Expression | None:
    """Return the date expression in a statement's sentence that modifies its cue, if any."""
    anchor = context.anchor(index)
    if anchor is None:
        return None
    attribution = context.statements[index].attribution
    roles = attribution.cue + attribution.source
    sentence = _whole_sentence(context, anchor.start)
    candidates = [
        expression
        for expression in expressions
        if sentence.start <= expression.span.start < sentence.end
        and eligible(context, expression, anchor, roles)
    ]
    return min(candidates, key=lambda e: _distance(e.span, anchor), default=None)


def eligible(context: Context, expression: Expression, anchor: Span, roles: Sequence[Span]) -> bool:
    """Whether a date expression in the anchor's sentence may say when the anchor happened."""
    text, span = context.text, expression.span
    sentence = context.sentence(anchor.start)
    clause_start = text.rfind(",", sentence.start, span.start) + 1 or sentence.start
    if _speech_clause(text, span, anchor) and not context.in_quote(span):
        return True
    return not (
        _page_stamp(text, span)  # "By Mara Quell Oct. 14, 2025": the page's own date
        or context.paragraph(span.start) != context.paragraph(anchor.start)  # a caption
        or context.in_quote(span)  # the speaker's own words talk about other days
        or _in_content(context, span)  # so does reported speech
        or _blocked(text, span)  # "since November 1964"
        or DATELINE_AFTER.match(text[span.end : span.end + 16])  # "Tehran, July 21, IRNA –"
        or _in_parentheses(text, sentence, span)  # "Aban 13 (November 4)": an aside
        or (span.start > anchor.end and RELATIVE.search(text, anchor.end, span.start))
        or (span.end <= anchor.start and CLAUSE_BEFORE_CUE.search(text, span.end, anchor.start))
        or (
            not clause_start <= anchor.start < span.start  # a relative clause without the cue
            and RELATIVE.search(text, clause_start, span.start)
        )
        or (expression.kind not in DAY_KINDS and not _near(text, span, roles))
        or _someone_else_between(context, span, anchor, roles)  # "on Tuesday, Xi called ..."
        or _other_cue_between(text, span, anchor, roles)  # "citing ..., said Monday"
    )


def _other_cue_between(text: str, span: Span, anchor: Span, roles: Sequence[Span]) -> bool:
    """Whether a finite verb of speaking that is not the statement's own stands between its
    cue and a date after it: the date is that verb's ("Bild, citing estimates, said Monday")."""
    if span.start <= anchor.end:
        return False
    return any(
        not any(role.start <= match.start() < role.end for role in roles)
        for match in OTHER_CUE.finditer(text, anchor.end, span.start)
    )


def _blocked(text: str, span: Span) -> bool:
    """Whether a preposition makes a date the edge of a period ("since November 1964")."""
    if STRANDED.search(text, max(0, span.start - 20), span.start):
        return False
    return bool(BLOCKERS.search(text, max(0, span.start - 12), span.start))


def _named_speech(context: Context, index: int, own: Expression | None) -> bool:
    anchor = context.anchor(index)
    return own is not None and anchor is not None and _speech_clause(context.text, own.span, anchor)


def _page_stamp(text: str, span: Span) -> bool:
    """Whether a date is the page's own, after a byline or a publication label on its line
    ("By Mara Quell Oct. 14, 2025 ...", "Posted on October 14, 2025 ...")."""
    return bool(PAGE_STAMP.search(text[text.rfind("\n", 0, span.start) + 1 : span.start]))


def _speech_clause(text: str, span: Span, anchor: Span) -> bool:
    """Whether a date follows a speech's name and a clause saying what was said in it leads
    to the cue: "a statement late on Thursday in which he cited ..."."""
    return (
        span.end <= anchor.start
        and bool(SPEECH_BEFORE_DATE.search(text, max(0, span.start - 40), span.start))
        and bool(SPEECH_CLAUSE.match(text[span.end : anchor.start]))
    )


def _someone_else_between(
    context: Context, span: Span, anchor: Span, roles: Sequence[Span]
) -> bool:
    """Whether a person other than the statement's source is named between a date and its
    cue: the date is that person's ("While addressing X on Tuesday, Xi called for ..., Wang
    said")."""
    low, high = (span.end, anchor.start) if span.end <= anchor.start else (anchor.end, span.start)
    return any(
        mention.label == "PERSON"
        and low <= mention.span.start
        and mention.span.end <= high
        and not any(role.start <= mention.span.start < role.end for role in roles)
        for mention in context.analysis.mentions
    )


def _in_parentheses(text: str, sentence: Span, span: Span) -> bool:
    """Whether a date is an aside in brackets ("Aban 13 (November 4)"); an update's stamp
    opening the sentence ("UPDATE (23/03/2020): At 8.30pm, ...") is none."""
    if UPDATE_STAMP.fullmatch(text, sentence.start, span.start):
        return False
    return text.count("(", sentence.start, span.start) > text.count(")", sentence.start, span.start)


def _in_content(context: Context, span: Span) -> bool:
    """Whether a date is inside reported content, unless it ends a short noun phrase or a
    phrase naming the speech itself ("... during a speech before the United Nations on
    Tuesday"): then it belongs to the cue."""
    text = context.text
    for content in context.contents:
        if content.start <= span.start and span.end <= content.end:
            words = content.text(text).split()
            short = len(words) <= SHORT_CONTENT_WORDS and words[0].lower() != "that"
            at_end = span.end >= len(content.text(text).rstrip(".,;")) + content.start
            # a time of day after the date keeps it at the end ("on August 28 at 17:23")
            at_end = at_end or bool(TIME_TAIL.fullmatch(text, span.end, content.end))
            if at_end and SPEECH_ADJUNCT.search(text, content.start, span.start):
                return False
            if QUOTED_ONLY.fullmatch(text, content.start, span.start):
                return False  # the cue's, as in: declares "..." on August 31, 2015
            if _cue_day_in_content(context, content, span, at_end):
                return False
            return not (short and at_end and content.text(text)[0] not in "“\"'‘")
    return False


def _cue_day_in_content(context: Context, content: Span, span: Span, at_end: bool) -> bool:
    """Whether a day inside reported content still says when it was reported: a day ending an
    infinitive ("called on Turks to exchange ... on Friday"), or the day of publication in
    the reporter's words about something past ("... have died ... today, says X")."""
    text = context.text
    if context.in_quote(span) or text[content.start : content.start + 1] in "“\"'‘":
        return False
    if at_end and INFINITIVE_CONTENT.match(text, content.start, span.start):
        cues = [
            cue
            for statement in context.statements
            if content in statement.attribution.content
            for cue in statement.attribution.cue
        ]
        if any(URGING_CUE.search(cue.text(text)) for cue in cues):
            return True
    core = " ".join(text[span.start : span.end].lower().split()).removeprefix("on ")
    return core in SAME_DAY_WORDS and not FUTURE_WORDS.search(text, content.start, span.start)


def _not_narrative(context: Context, span: Span) -> bool:
    """Whether a date is in a quotation, a caption or reported content: not the reporter's
    own account of when things happened."""
    return (
        context.in_quote(span)
        or _in_caption(context, span)
        or any(c.start <= span.start and span.end <= c.end for c in context.contents)
    )


def _adjacent_day(
    context: Context, index: int, expressions: Sequence[Expression]
) -> Expression | None:
    """A day written right at a statement's own source or cue ("Theresa May today said")."""
    attribution = context.statements[index].attribution
    roles = attribution.source + attribution.cue
    for expression in expressions:
        if expression.kind not in DAY_KINDS or context.in_quote(expression.span):
            continue
        if any(_adjacent(context.text, expression.span, role) for role in roles):
            return expression
    return None


def _adjacent(text: str, span: Span, role: Span) -> bool:
    gap = text[role.end : span.start] if role.end <= span.start else text[span.end : role.start]
    return (role.end <= span.start or span.end <= role.start) and not gap.strip(" ,")


def _near(text: str, span: Span, roles: Sequence[Span]) -> bool:
    for role in roles:
        gap = text[role.end : span.start] if role.end <= span.start else text[span.end : role.start]
        if len(gap.split()) <= COARSE_WINDOW_WORDS:
            return True
    return False


def _distance(span: Span, anchor: Span) -> int:
    return anchor.start - span.end if span.end <= anchor.start else max(0, span.start - anchor.end)


def _following(
    context: Context, own: list[Expression | None], back: list[bool], nested: list[bool]
) -> dict[int, int]:
    """Map a quote right after a back-reference, by the same speaker, to that back-reference."""
    result = {}
    for i in range(len(own) - 1):
        nxt = i + 1
        if not back[i] or nested[nxt] or back[nxt] or own[nxt] is not None:
            continue
        same = context.keys[i] is not None and context.keys[i] == context.keys[nxt]
        if same and context.statements[nxt].kind is Kind.DIRECT:
            result[nxt] = i
    return result


def speech_events(
    context: Context,
    expressions: Sequence[Expression],
    own: list[Expression | None],
    back: list[bool],
    following: dict[int, int],
    nested: list[bool],
    published: dt.date | None = None,
) -> tuple[dict[str | int, Expression], dict[str, list[Expression]]]:
    """Map speaker keys (and statement indices, for "the remarks") to their speech event's date;
    and the speakers whose text names several days of speaking, to those dates.

    A speaker's event day comes from their dated statements and from sentences that say
    when they spoke; photo captions count only when the text itself names no day. When
    the text names more than one day, the article reports several appearances: an undated
    statement takes the day of the last one before it only if no other date stands between
    (`_Facts._scoped`), else none.
    """
    body: dict[str, list[Expression]] = {}
    captions: dict[str, list[Expression]] = {}
    events: dict[str | int, Expression] = {}
    several: dict[str, list[Expression]] = {}
    for i, expression in enumerate(own):
        key = context.keys[i]
        if key and expression and not (back[i] or nested[i] or i in following):
            body.setdefault(key, []).append(expression)
    for remark in context.remarks():
        expression = _remark_date(context, expressions, remark.sentence, remark.verb)
        if expression is None:
            continue
        if remark.speaker:
            body.setdefault(remark.speaker, []).append(expression)
        if remark.previous is not None:
            events.setdefault(remark.previous, expression)
    for key, expression in _named_dates(context, expressions):
        body.setdefault(key, []).append(expression)
    # Sentences reporting an earlier utterance ("had on September 17 downplayed ...,
    # saying") or a statement inside another say nothing about this event.
    earlier = [
        context.sentence(anchor.start)
        for i in range(len(own))
        if (back[i] or nested[i]) and (anchor := context.anchor(i)) is not None
    ]
    candidates = [
        (key, e)
        for key, e in _appearances(context, expressions)
        if context.sentence(e.span.start) not in earlier
    ]
    for key, expression in candidates:
        if not _in_caption(context, expression.span):
            body.setdefault(key, []).append(expression)
        elif _near_publication(expression, published) or (
            published is None and _same_occasion(context, key, expression.span)
        ):
            captions.setdefault(key, []).append(expression)
    # A heading naming the speech and its day ("PM address to the nation: 23 March 2020")
    # counts when the text names no day for the speaker; a caption, when neither does.
    headings = heading_dates(context, expressions, lambda span: _in_caption(context, span))
    for key in {**captions, **headings, **body}:
        chosen = body.get(key) or headings.get(key) or captions.get(key) or []
        if day := _one_day(chosen, published):
            events[key] = day
        elif len(body.get(key, ())) > 1:
            several[key] = [
                e
                for i, e in enumerate(own)
                if e
                and context.keys[i] == key
                and i not in following
                and not (back[i] or nested[i])
            ]
    return events, several


def _in_caption(context: Context, span: Span) -> bool:
    """Whether a date stands in a photo caption: one the cleaning marked, or a line ending in
    a photo credit."""
    return context.in_caption(span) or bool(CAPTION_CREDIT.search(context.line(span.start)))


def _same_occasion(context: Context, key: str, span: Span) -> bool:
    """Whether a caption names the place or event the speaker's statements name: two
    capitalised words in a row, outside quotations, other than the speaker's own name
    ("speaking at the Maritime Forum in Iskarel" over "... in a speech to the Iskarel
    Maritime Forum")."""
    line_start = context.text.rfind("\n", 0, span.start) + 1
    caption = _proper_pairs(context, Span(line_start, line_start + len(context.line(span.start))))
    if not caption:
        return False
    names = set(" ".join(context.names.get(key, ())).lower().split())
    caption = {pair for pair in caption if not set(pair) & names}
    for index in context.same_speaker(key):
        anchor = context.anchor(index)
        if anchor is not None and caption & _proper_pairs(context, context.sentence(anchor.start)):
            return True
    return False


def _proper_pairs(context: Context, span: Span) -> set[tuple[str, str]]:
    """Pairs of capitalised words in a row in `span`, outside quotations, lower-cased."""
    words = [
        (match.group().lower(), Span(match.start(), match.end()))
        for match in PROPER_WORD.finditer(context.text, span.start, span.end)
    ]
    return {
        (first, second)
        for (first, a), (second, b) in zip(words, words[1:], strict=False)
        if context.text[a.end : b.start] == " "
        and not context.in_quote(a)
        and first not in CALENDAR_WORDS
        and second not in CALENDAR_WORDS
    }


def _near_publication(expression: Expression, published: dt.date | None) -> bool:
    """Whether a caption's day falls on publication or just before it (CAPTION_WINDOW_DAYS);
    without a publication date no caption can be told from a file picture of another day."""
    if published is None:
        return False
    resolved = resolve(expression, published)
    return resolved is not None and (published - resolved.value).days <= CAPTION_WINDOW_DAYS


def _one_day(found: Sequence[Expression], published: dt.date | None) -> Expression | None:
    """The first expression, if all name the same day (unresolved ones: the same words)."""
    days: dict[object, Expression] = {}
    for expression in found:
        resolved = resolve(expression, published)
        if published is not None and resolved is None:
            continue  # a day after publication ("to resign on June 7") is no day of speaking
        days.setdefault(resolved.value if resolved else expression.core, expression)
    return min(days.values(), key=lambda e: e.span.start) if len(days) == 1 else None


def _appearances(
    context: Context, expressions: Sequence[Expression]
) -> list[tuple[str, Expression]]:
    """Return (speaker, date) for each sentence saying when one known speaker spoke.

    "Ms Ardern spoke to the nation on Friday evening", "Addressing the nation on Tuesday
    evening, PM Modi ...", a caption "X delivers a keynote speech ... on January 17, 2017".
    """
    found = []
    mentions = list(context.speaker_mentions())
    for expression in expressions:
        span = expression.span
        if expression.kind not in DAY_KINDS or context.in_quote(span):
            continue
        sentence = _whole_sentence(context, span.start)
        named = [
            (where, key) for where, key in mentions if sentence.start <= where.start < sentence.end
        ] or context.names_in(sentence)

        keys = {key for _, key in named}
        if len(keys) != 1:
            continue
        key = keys.pop()
        # The speaker's own name may stand between the day and the verb ("On January 17,
        # President Xi Jinping ... delivered"); anyone else's may not.
        roles = [where for where, _ in named]
        verbs = [
            verb
            for match in (
                CAPTION_APPEARANCE if _in_caption(context, span) else APPEARANCE
            ).finditer(context.text, sentence.start, sentence.end)
            if not context.in_quote(verb := Span(match.start(), match.end()))
            and not FUTURE_BEFORE.search(context.text, max(0, verb.start - 30), verb.start)
            # "from which Bush had addressed the assembly on Tuesday": an earlier appearance
            and not PLUPERFECT_BEFORE.search(context.text, max(0, verb.start - 20), verb.start)
            and eligible(context, expression, verb, (verb, *roles))
            and _words_between(context.text, verb, span) <= APPEARANCE_WINDOW_WORDS
        ]
        if verbs:
            found.append((key, expression))
    return found


def _whole_sentence(context: Context, offset: int) -> Span:
    """The parse's sentence, joined with the next when the parse cut it before its full stop
    ("Addressing the nation on Tuesday evening, PM" | "Modi abolished ...")."""
    sentence = context.sentence(offset)
    if SENTENCE_END.search(context.text[sentence.start : sentence.end].rstrip()):
        return sentence
    following = context.next_sentence(sentence)
    return Span(sentence.start, following.end) if following else sentence


def _words_between(text: str, a: Span, b: Span) -> int:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return len(text[first.end : second.start].split())


def _spelled_out(
    context: Context, expressions: Sequence[Expression], expression: Expression
) -> Expression:
    """A relative day followed by the full date it means ("this morning (Tuesday), October
    14, 2025"): the full date, which needs no publication date."""
    if expression.kind not in RELATIVE_DAY_KINDS:
        return expression
    for other in expressions:
        gap = context.text[expression.span.end : other.span.start]
        if (
            other.kind is DateKind.MONTH_DAY
            and 0 <= other.span.start - expression.span.end <= SPELLED_OUT_CHARS
            and SPELLED_OUT_GAP.fullmatch(gap)
        ):
            return other
    return expression


def _remark_date(
    context: Context, expressions: Sequence[Expression], sentence: Span, verb: Span
) -> Expression | None:
    candidates = [
        e
        for e in expressions
        if sentence.start <= e.span.start < sentence.end
        and e.kind in DAY_KINDS
        and eligible(context, e, verb, (verb,))
    ]
    return min(candidates, key=lambda e: _distance(e.span, verb), default=None)


def _named_dates(
    context: Context, expressions: Sequence[Expression]
) -> list[tuple[str, Expression]]:
    """Return (speaker, date) for each "X on Monday <did something>" outside quotations."""
    found = []
    names = sorted(set(context.speaker_mentions()), key=lambda item: item[0])
    for expression in expressions:
        if expression.kind not in DAY_KINDS or context.in_quote(expression.span):
            continue
        if PLUPERFECT_AFTER.match(context.text, expression.span.end):
            continue
        for span, key in names:
            gap = context.text[span.end : expression.span.start]
            if span.end <= expression.span.start and NAME_GAP.match(gap):
                found.append((key, expression))
                break
    return found


def _names_other_day(
    context: Context,
    index: int,
    expressions: Sequence[Expression],
    events: dict[str | int, Expression],
    published: dt.date | None,
) -> bool:
    """Whether a statement's sentence names a day, outside quotes and reported content, that
    is not its speaker's event day ("a statement late on Thursday in which he cited ...")."""
    key, anchor = context.keys[index], context.anchor(index)
    event = events.get(key) if key else None
    if event is None or anchor is None:
        return False
    sentence = context.sentence(anchor.start)
    resolved = resolve(event, published)
    event_day = resolved.value if resolved else event.core
    for expression in expressions:
        span = expression.span
        if not sentence.start <= span.start < sentence.end or expression.kind not in DAY_KINDS:
            continue
        if context.in_quote(span) or _in_content(context, span):
            continue
        day = resolve(expression, published)
        if (day.value if day else expression.core) != event_day:
            return True
    return False


def _inherited(
    context: Context, index: int, events: dict[str | int, Expression]
) -> tuple[Expression, str] | None:
    key = context.keys[index]
    expression = events.get(key) if key else None
    expression = expression or events.get(index)
    return (expression, EVENT) if expression is not None else None


def _statement_date(
    expression: Expression, how: str | None, published: dt.date | None
) -> StatementDate | None:
    resolved = resolve(expression, published)
    if resolved is None and published is None:
        # The words are kept as evidence; the date itself would need a guess.
        method = f"{how}: {UNKNOWN_YEAR}" if how else UNKNOWN_YEAR
        return StatementDate(None, None, expression.text, expression.span, method)
    if resolved is None:
        return None
    method = f"{how}: {resolved.method}" if how else resolved.method
    return StatementDate(
        value=resolved.value,
        precision=resolved.precision,
        expression=expression.text,
        span=expression.span,
        method=method,
    )
