"""Which date expressions in a sentence may say when its statement was made: the rules
that keep out dates of other things (quoted, reported, blocked, in a caption or a dateline)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.dates.context import Context
from onrecord.dates.expressions import DAY_KINDS, Expression
from onrecord.models import Span

# A preposition that makes a date the edge of a period, not a day something was said.
BLOCKERS = re.compile(
    r"\b(?:since|until|till|from|before|after|by|through|throughout|during|for|over"
    r"|between|into|to|of|as\s+of)\s+$",
    re.IGNORECASE,
)
# A preposition left at the end of a clause by a verb of speaking blocks nothing: "the
# Congress he spoke to early this morning".
STRANDED = re.compile(r"\b(?:spoke|speaks|speaking|talked|talking|said|written)\s+to\s+$", re.I)
# "Of" after a part of the day names the day itself, and "during" before a weekday's
# occasion ("during Monday's debate") names that day: neither is a period's edge.
PART_OF_DAY_OF = re.compile(r"\b(?:morning|afternoon|evening|night|day)\s+of\s+$", re.IGNORECASE)
DURING = re.compile(r"\bduring\s+$", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s\b")
# Names the parse often takes for people that are platforms: no one whose date it is.
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "telegram", "youtube", "tiktok"})
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
# A cue naming an address and its audience ("gave an address to", "delivered a speech
# before"): what follows is who heard it, not words said, so a day in it is the cue's.
AUDIENCE_CUE = re.compile(
    r"\b(?:address|speech|remarks|lecture|statement)\s+(?:to|before|at)\s*$", re.IGNORECASE
)
# A date with "on" opening reported content, right after its cue, is the cue's: "said on
# Monday the harbour would reopen" (a prepositional phrase, never the content's subject).
LEADING_ON = re.compile(r"on\s", re.IGNORECASE)
# A clause right after a day saying that the speaker spoke: the day is the cue's, which
# the clause describes ("said he stands by his decision Monday, addressing the nation").
APPEARING_AFTER = re.compile(
    r",\s+(?:addressing|speaking|talking|telling|testifying|appearing|answering|responding)\b",
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
# What stands before a page's own date on its line: a byline's name, a publication or an
# update label.
PAGE_STAMP = re.compile(
    r"^\W*(?:By\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:[|,–—-]\s*)?"
    r"|(?i:(?:first\s+|last\s+)?(?:published|posted|publish\s+date|updated)(?:\s+on)?\s*:?\s*"
    # a weekday may stand before the stamp's date: "Last Updated: Thursday, 10 May 2007"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?))$"
)
# The label of an update's stamp opening a sentence, up to its date: "UPDATE (".
UPDATE_STAMP = re.compile(r"\W*(?:update[sd]?|edit(?:ed)?)\s*\(?\s*", re.IGNORECASE)
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
# A photo credit marks a line as a caption: "Photo: AAP", "(AFP)", "[Photo/Xinhua]",
# "(Xinhua/Lan Hongguang)", "Mark Tantrum/Getty Images", "via REUTERS".
# An agency in brackets is a credit only at the end of the line: at its start it is a wire
# dateline ("ANKARA (Reuters) - ..."), and the story under it is no caption.
CAPTION_CREDIT = re.compile(
    r"\b(?:photo|picture|image)s?\s*:|\((?:AFP|AP|Reuters|EPA|XINHUA)\)\s*$|\[Photo/"
    r"|\(Xinhua/|/Getty Images|\bvia (?:AP|REUTERS|Reuters|AFP)\b|\bPHOTO\b",
    re.IGNORECASE,
)
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


def own_expression(
    context: Context, index: int, expressions: Sequence[Expression]
) -> Expression | None:
    """Return the date expression in a statement's sentence that modifies its cue, if any."""
    anchor = context.anchor(index)
    if anchor is None:
        return None
    attribution = context.statements[index].attribution
    roles = attribution.cue + attribution.source
    sentence = whole_sentence(context, anchor.start)
    candidates = [
        expression
        for expression in expressions
        if sentence.start <= expression.span.start < sentence.end
        and eligible(context, expression, anchor, roles)
    ]
    return min(candidates, key=lambda e: distance(e.span, anchor), default=None)


def eligible(context: Context, expression: Expression, anchor: Span, roles: Sequence[Span]) -> bool:
    """Whether a date expression in the anchor's sentence may say when the anchor happened."""
    text, span = context.text, expression.span
    sentence = context.sentence(anchor.start)
    clause_start = text.rfind(",", sentence.start, span.start) + 1 or sentence.start
    if speech_clause(text, span, anchor) and not context.in_quote(span):
        return True
    return not (
        _page_stamp(text, span)  # "By Mara Quell Oct. 14, 2025": the page's own date
        or context.paragraph(span.start) != context.paragraph(anchor.start)  # a caption
        or context.in_quote(span)  # the speaker's own words talk about other days
        or in_content(context, span)  # so does reported speech
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
    if PART_OF_DAY_OF.search(text, max(0, span.start - 24), span.start):
        return False  # "on the morning of October 7": the day itself, no period's edge
    if DURING.search(text, max(0, span.start - 12), span.start) and POSSESSIVE.match(
        text, span.end
    ):
        return False  # "during Monday's debate": an occasion of that day
    return bool(BLOCKERS.search(text, max(0, span.start - 12), span.start))


def _page_stamp(text: str, span: Span) -> bool:
    """Whether a date is the page's own, after a byline or a publication label on its line
    ("By Mara Quell Oct. 14, 2025 ...", "Posted on October 14, 2025 ...")."""
    return bool(PAGE_STAMP.search(text[text.rfind("\n", 0, span.start) + 1 : span.start]))


def speech_clause(text: str, span: Span, anchor: Span) -> bool:
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
        and mention.text.lower() not in PLATFORMS  # "said on Twitter on Monday"
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


def in_content(context: Context, span: Span) -> bool:
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
            if _opens_content_after_cue(context, content, span):
                return False  # "said on Monday the harbour would reopen": the cue's day
            return not (short and at_end and content.text(text)[0] not in "“\"'‘")
    return False


def _cue_day_in_content(context: Context, content: Span, span: Span, at_end: bool) -> bool:
    """Whether a day inside reported content still says when it was reported: a day ending an
    infinitive ("called on Turks to exchange ... on Friday"), a day in the audience of an
    address ("gave an address to the Senate on May 3"), a day right before a clause saying
    the speaker spoke ("... with her Monday, addressing the nation"), or the day of
    publication in the reporter's words about something past ("... have died ... today,
    says X")."""
    text = context.text
    if context.in_quote(span) or text[content.start : content.start + 1] in "“\"'‘":
        return False
    cues = [cue.text(text) for cue in _cues_of(context, content)]
    urged = any(URGING_CUE.search(cue) for cue in cues)
    if at_end and urged and INFINITIVE_CONTENT.match(text, content.start, span.start):
        return True
    if any(AUDIENCE_CUE.search(cue) for cue in cues):
        return True
    past = not FUTURE_WORDS.search(text, content.start, span.start)
    if past and APPEARING_AFTER.match(text, span.end, content.end):
        return True
    core = " ".join(text[span.start : span.end].lower().split()).removeprefix("on ")
    return core in SAME_DAY_WORDS and past


def _opens_content_after_cue(context: Context, content: Span, span: Span) -> bool:
    """Whether a date with "on" opens reported content that follows its cue right away
    ("said on Monday the ..."); content opening a sentence ("On Monday, the harbour will
    reopen, Vell said") keeps its date."""
    text = context.text
    if span.start != content.start or not LEADING_ON.match(text, span.start):
        return False
    return any(
        cue.end <= content.start and not text[cue.end : content.start].strip()
        for cue in _cues_of(context, content)
    )


def _cues_of(context: Context, content: Span) -> list[Span]:
    """The cues of the statements whose content `content` is."""
    return [
        cue
        for statement in context.statements
        if content in statement.attribution.content
        for cue in statement.attribution.cue
    ]


def not_narrative(context: Context, span: Span) -> bool:
    """Whether a date is in a quotation, a caption or reported content: not the reporter's
    own account of when things happened."""
    return (
        context.in_quote(span)
        or in_caption(context, span)
        or any(c.start <= span.start and span.end <= c.end for c in context.contents)
    )


def in_caption(context: Context, span: Span) -> bool:
    """Whether a date stands in a photo caption: one the cleaning marked, or a line ending in
    a photo credit."""
    return context.in_caption(span) or bool(CAPTION_CREDIT.search(context.line(span.start)))


def adjacent_day(
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


def distance(span: Span, anchor: Span) -> int:
    return anchor.start - span.end if span.end <= anchor.start else max(0, span.start - anchor.end)


def whole_sentence(context: Context, offset: int) -> Span:
    """The parse's sentence, joined with the next when the parse cut it before its full stop
    ("Addressing the nation on Tuesday evening, PM" | "Modi abolished ...")."""
    sentence = context.sentence(offset)
    if SENTENCE_END.search(context.text[sentence.start : sentence.end].rstrip()):
        return sentence
    following = context.next_sentence(sentence)
    return Span(sentence.start, following.end) if following else sentence
