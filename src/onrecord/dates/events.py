"""The day of each speaker's speech event in an article: from their dated statements, sentences
saying when they spoke, headings and photo captions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from onrecord.dates.context import Context
from onrecord.dates.eligibility import distance, eligible, in_caption, whole_sentence
from onrecord.dates.expressions import DAY_KINDS, Expression, resolve
from onrecord.dates.headings import heading_dates
from onrecord.models import Span

# A pronoun opening a sentence as its subject: who it is, the statement before it says.
PRONOUN_SUBJECT = re.compile(r"\s*(He|She)\s")
# Words after a sentence's verb of remarks that move what follows to another time: a day
# after them is another event's ("came ..., a day after the storm hit on Monday").
OTHER_TIME = re.compile(r"\b(?:after|before|since|following|ahead\s+of|amid)\b", re.IGNORECASE)
# A capitalised word of a name (a place, an event), and the calendar's own capitalised words.
PROPER_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_CALENDAR = (
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday photo"
)
CALENDAR_WORDS = frozenset(_CALENDAR.split())
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
    r"|urged|vowed|pledged|insisted|stressed|testified|wrote|tweeted"
    # questioned in public: "On Tuesday, X was asked about the deaths. His response: ..."
    r"|(?:was|were)\s+asked)\b",
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
# A caption's day dates the speaker's appearance only this close before publication (in
# days): a picture of the same appearance is of that day or the day before; a file picture
# of another day is older ("speaks ... at Yankee Stadium, Monday, July 26, 2021" above a
# story of August 10). Tuned on the real-pages dev set: every caption of the same
# appearance there is dated 0 or 1 day before publication, the others 9 days or more.
CAPTION_WINDOW_DAYS = 2
# A caption naming the place or event the speaker's statements name (`same_occasion`) counts
# up to a week before publication: a report may come days after the appearance it shows
# (a weekday in the text reaches back as far); older, it is a file picture.
CAPTION_OCCASION_DAYS = 7


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
        if not in_caption(context, expression.span):
            body.setdefault(key, []).append(expression)
        elif _near_publication(expression, published) or (
            _within_week(expression, published) and same_occasion(context, key, expression.span)
        ):
            captions.setdefault(key, []).append(expression)
    # A heading naming the speech and its day ("PM address to the nation: 23 March 2020")
    # counts when the text names no day for the speaker; a caption, when neither does.
    headings = heading_dates(context, expressions, lambda span: in_caption(context, span))
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


def same_occasion(context: Context, key: str, span: Span) -> bool:
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


def _within_week(expression: Expression, published: dt.date | None) -> bool:
    """Whether a caption's day may be that of a report published days after the appearance
    (CAPTION_OCCASION_DAYS), or the page has no publication date to tell."""
    if published is None:
        return True
    resolved = resolve(expression, published)
    return resolved is not None and (published - resolved.value).days <= CAPTION_OCCASION_DAYS


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
        sentence = whole_sentence(context, span.start)
        named = (
            _pronoun_subject(context, sentence)
            or [
                (where, key)
                for where, key in mentions
                if sentence.start <= where.start < sentence.end
            ]
            or context.names_in(sentence)
        )

        keys = {key for _, key in named}
        if len(keys) != 1:
            continue
        key = keys.pop()
        # The speaker's own name may stand between the day and the verb ("On January 17,
        # President Xi Jinping ... delivered"); anyone else's may not.
        roles = [where for where, _ in named]
        verbs = [
            verb
            for match in (CAPTION_APPEARANCE if in_caption(context, span) else APPEARANCE).finditer(
                context.text, sentence.start, sentence.end
            )
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


def _pronoun_subject(context: Context, sentence: Span) -> list[tuple[Span, str]]:
    """A sentence opening with "He" or "She" ("He was addressing the Assembly on Friday"):
    the speaker of the statement just before it, when nobody else is named in between;
    else nothing (the sentence's names decide)."""
    match = PRONOUN_SUBJECT.match(context.text, sentence.start)
    if match is None:
        return []
    before = [
        (anchor, key)
        for i, key in enumerate(context.keys)
        if key
        and not context.nested(i)
        and (anchor := context.anchor(i)) is not None
        and anchor.end <= sentence.start
    ]
    if not before:
        return []
    anchor, key = max(before, key=lambda item: item[0].end)
    others = [
        mention
        for mention in context.analysis.mentions
        if mention.label == "PERSON"
        and anchor.end <= mention.span.start < sentence.start
        and context.speaker_of(mention.text) != key
    ]
    return [] if others else [(Span(match.start(1), match.end(1)), key)]


def _words_between(text: str, a: Span, b: Span) -> int:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return len(text[first.end : second.start].split())


def _remark_date(
    context: Context, expressions: Sequence[Expression], sentence: Span, verb: Span
) -> Expression | None:
    """The day a sentence saying when remarks were made names for them: the nearest eligible
    day, never one after "after"/"before"/"since" ("came during a visit, a day after the
    storm hit on Monday": Monday is the storm's)."""
    candidates = [
        e
        for e in expressions
        if sentence.start <= e.span.start < sentence.end
        and e.kind in DAY_KINDS
        and eligible(context, e, verb, (verb,))
        and not (
            verb.end <= e.span.start and OTHER_TIME.search(context.text, verb.end, e.span.start)
        )
    ]
    return min(candidates, key=lambda e: distance(e.span, verb), default=None)


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
