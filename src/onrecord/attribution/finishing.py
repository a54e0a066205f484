"""Where a statement's spans end, and what is no statement: measured on the seeds and real pages.

Each function takes the statements found in one parsed Doc and returns them mended:

- a source ends before trailing time words ("… Ali Khamenei Wednesday") and starts after a
  dateline ("Tehran, July 21, IRNA – Supreme Leader …");
- reported content that stops before ", but …" runs on through it to the sentence's end
  ("said the deal is not a goal, but a means"), unless the rest is someone else's;
- "Referring to / Pointing to / Denouncing X", where X is only a noun phrase, names a
  subject, not something said: it is no statement (counted, `DROPPED_REFERENCE`). When
  X holds another speaker's words ("Macron's remarks that …", "comments made by Rouhani
  saying that …"), those are that speaker's statement, found here when the parse hangs the
  participle elsewhere (`with_nested_reports`);
- a headline "Words: Speaker" is the speaker's statement: "No Talks with US: Iran Leader"
  has the source "Iran Leader" (`headline_statement`). (Dropping verb headlines whose
  content is a noun phrase, "Leader rules out any talks", was tried: PolNeAR annotates
  them, "Union endorses Clinton", and attribution F1 fell 0.002.)
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.attribution.linking import kind
from onrecord.attribution.rules import Context
from onrecord.models import Attribution, Kind, Span, any_overlap

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

DROPPED_REFERENCE = "names a subject, not what was said (referring to X)"

# Cue lemmas that name what a speaker spoke about rather than what they said, when their
# object is a noun phrase: "referring to the enemy's campaign", "pointing to the talks".
REFERENCE_LEMMAS: frozenset[str] = frozenset({"refer", "point", "denounce", "allude", "note"})
# A participle naming what a quotation was about, after its closing mark: '…," referring
# to Ode's speech'.
REFERENCE_TAIL = re.compile(
    r"[”\"’'],?\s*(?:referring|pointing|alluding|in (?:an? )?(?:apparent )?reference)\s+to\b.*$",
    re.DOTALL,
)
# Parts of speech that head a noun phrase.
NOMINAL_POS: frozenset[str] = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"})
# Dependencies that make a content more than a noun phrase: a clause of its own.
CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "csubj", "parataxis"})
# Tags of a finite verb or a modal: "but seems", "but will" continue the reporter's clause.
VERB_TAGS: frozenset[str] = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
# What a content run on through ", but" must not end in: a closed quotation is whole.
CLOSING_QUOTES = ("”", '"', "’", "'")

# Words that lead a time expression at the end of a source: "on Saturday", "last week".
TIME_LEADS: frozenset[str] = frozenset({"on", "last", "this", "late", "early", "just"})
# A dateline before a speaker is at most this many tokens: "Tehran, July 21, IRNA".
MAX_DATELINE_WORDS = 10
# A headline is one line of at most this many words, first in the text.
MAX_HEADLINE_WORDS = 25
# The side of a colon headline that names the speaker has at most this many words.
MAX_HEADLINE_SPEAKER_WORDS = 6
# Words that name a speaker by role in a headline: "Iran Leader", "PM", "FM".
ROLE_WORDS: frozenset[str] = frozenset(
    {
        "leader",
        "president",
        "minister",
        "pm",
        "fm",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "emir",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "chief",
        "head",
        "governor",
        "mayor",
        "senator",
        "ayatollah",
        "imam",
        "pope",
        "general",
        "commander",
        "envoy",
        "ambassador",
        "secretary",
        "chairman",
        "speaker",
        "source",
        "sources",
    }
)
# Labels that open a headline without naming anyone: "Flashback: …", "Watch: …".
HEADLINE_LABELS: frozenset[str] = frozenset(
    {
        "flashback",
        "watch",
        "video",
        "live",
        "breaking",
        "exclusive",
        "opinion",
        "analysis",
        "interview",
        "update",
        "explainer",
        "factbox",
        "timeline",
        "editorial",
        "photos",
        "read",
        "transcript",
        "full text",
    }
)
# Words naming a speech, not a speaker: "Prime Minister's statement: 2 September 2019" is
# the title of a transcript.
SPEECH_TITLE_WORDS: frozenset[str] = frozenset(
    {"statement", "speech", "address", "remarks", "transcript", "broadcast", "text"}
)
# Words that are only a date: "22 November 2018", "November 22, 2018".
ONLY_A_DATE = re.compile(
    r"^\W*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?,?\s+\d{4}"
    r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\W*$"
)
# Punctuation a headline's speaker never holds.
SIDE_PUNCTUATION = re.compile(r"[,;!?\"“”‘]|\.$")
# A colon between the two sides of a headline: "No talks with US: Iran Leader".
HEADLINE_COLON = re.compile(r"\s*:\s+")


def char_tokens(doc: Doc, span: Span) -> TokenSpan | None:
    """Return the tokens a character span touches."""
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def edges(tokens: Sequence[Token] | TokenSpan) -> Span:
    """Return the characters from the first token's start to the last token's end."""
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def is_time_word(token: Token) -> bool:
    """Tell whether a token belongs to a time expression ("Wednesday", "on Saturday")."""
    return token.ent_type_ in lx.TIME_ENTITY_LABELS or token.lower_ in lx.TIME_WORDS


def trimmed_source(doc: Doc, span: Span) -> Span:
    """Return a source without a dateline before it or time words after a name."""
    tokens = char_tokens(doc, span)
    if tokens is None or not len(tokens):
        return span
    words = list(tokens)
    dashes = [i for i, t in enumerate(words[:-1]) if t.text in lx.DATELINE_DASHES]
    if dashes and _is_dateline(words[: dashes[-1]]):
        words = words[dashes[-1] + 1 :]  # "Tehran, July 21, IRNA – Supreme Leader ..."
    end = len(words)
    while end > 1 and (is_time_word(words[end - 1]) or words[end - 1].lower_ in TIME_LEADS):
        end -= 1
    if end < len(words) and words[end - 1].pos_ == "PROPN" and any(map(is_time_word, words[end:])):
        words = words[:end]  # "... Ali Khamenei Wednesday", "Trump this week"
    return edges(words) if words else span


def _is_dateline(words: Sequence[Token]) -> bool:
    """Tell whether words before a dash are a dateline: a place, a date or an outlet."""
    return (
        len(words) <= MAX_DATELINE_WORDS
        and any(t.text in {",", "("} for t in words)
        and any(t.ent_type_ in {"GPE", "DATE"} or t.text.isupper() for t in words)
    )


def with_trimmed_sources(found: Sequence[Attribution], doc: Doc) -> list[Attribution]:
    """Trim every statement's source (see `trimmed_source`)."""
    return [
        dataclasses.replace(item, source=tuple(trimmed_source(doc, s) for s in item.source))
        if item.source
        else item
        for item in found
    ]


def with_but_clauses(found: Sequence[Attribution], ctx: Context) -> list[Attribution]:
    """Let reported content that stops at ", but" run on through the rest of its sentence.

    "said the deal is not a goal[, but a means]": the parse hangs the "but" clause on the
    reporting verb. Only after the cue, only when the rest holds no other statement's
    source or cue, and not when "but" opens a verb of the reporter's ("…, but declined").
    """
    taken = [span for item in found for span in item.source + item.cue]
    return [_through_but(item, ctx, taken) for item in found]


def _through_but(item: Attribution, ctx: Context, taken: list[Span]) -> Attribution:
    if not item.content or not item.cue or item.kind is Kind.DIRECT:
        return item
    *before, last = sorted(item.content)
    if max(c.end for c in item.cue) > last.start or ctx.text[: last.end].endswith(CLOSING_QUOTES):
        return item  # "A, but B, X said": the content came first, and whole
    doc = ctx.doc
    tokens = char_tokens(doc, last)
    if tokens is None or tokens.end + 2 >= len(doc):
        return item
    comma, but, after = doc[tokens.end], doc[tokens.end + 1], doc[tokens.end + 2]
    if comma.text != "," or but.lower_ != "but" or after.tag_ in VERB_TAGS:
        return item
    end = tokens[-1].sent.end
    while end > tokens.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= tokens.end + 2 or "\n" in doc[tokens.end : end].text:
        return item
    added = Span(last.end, doc[end - 1].idx + len(doc[end - 1].text))
    if any_overlap([added], taken):
        return item
    content = (*before, Span(last.start, added.end))
    return dataclasses.replace(item, content=content, kind=kind(_pairs(content), ctx))


def _pairs(spans: Sequence[Span]) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in spans]


def cue_lemma(item: Attribution, doc: Doc) -> str:
    """Return the lemma of the word that heads a statement's (first) cue."""
    tokens = char_tokens(doc, item.cue[0]) if item.cue else None
    return tokens.root.lemma_.lower() if tokens is not None and len(tokens) else ""


def is_noun_phrase(span: Span, doc: Doc) -> bool:
    """Tell whether a content is only a noun phrase: a nominal head and no clause of its own.

    A relative clause may qualify the noun ("countries which suffer ..."); a "that" clause
    or a complement clause is something said ("his remarks that the US ...").
    """
    tokens = _nominal(span, doc)
    if tokens is None:
        return False
    roots = [t for t in tokens if not tokens.start <= t.head.i < tokens.end]
    if not all(root.pos_ in NOMINAL_POS or root.is_punct for root in roots):
        return False  # (the parse may split a long noun phrase: "non - stop warfare")
    for token in tokens:
        if token.dep_ in CLAUSE_DEPS:
            return False
        if token.dep_ == "mark" and token.lower_ == "that":
            return False
    return True


def _nominal(span: Span, doc: Doc) -> TokenSpan | None:
    """Return the tokens of a content headed by a noun (not a quotation), else None."""
    tokens = char_tokens(doc, span)
    if tokens is None or not len(tokens) or span.text(doc.text)[:1] in "“\"‘'":
        return None
    roots = [t for t in tokens if not tokens.start <= t.head.i < tokens.end and not t.is_punct]
    if not roots or roots[0].pos_ not in NOMINAL_POS:
        return None
    return tokens


def without_references(
    found: Sequence[Attribution], doc: Doc
) -> tuple[list[Attribution], Counter[str]]:
    """Drop "Referring to X" lead-ins: X only a noun phrase, or another speaker's words."""
    kept: list[Attribution] = []
    dropped: Counter[str] = Counter()
    for item in found:
        if _is_reference(item, found, doc) and _names_a_subject(item, found, doc):
            dropped[DROPPED_REFERENCE] += 1
        else:
            kept.append(item)
    return kept, dropped


def with_quoted_references(found: Sequence[Attribution], ctx: Context) -> list[Attribution]:
    """Cut '…," referring to X' off a content after its quotation: 'Vell said, "The devil
    came here," referring to Ode's speech' quotes words about a subject, and the subject
    is not what was said. (Keeping only the quotation of a "Referring to X: '…'" cue's
    content as well was tried: PolNeAR annotates X as content, and F1 fell 0.7390 -> 0.7375.)
    """
    return [_without_reference_tail(item, ctx) for item in found]


def _without_reference_tail(item: Attribution, ctx: Context) -> Attribution:
    """Cut "…,” referring to X" off a content after its quotation: X is no one's words."""
    content = []
    for span in item.content:
        tail = REFERENCE_TAIL.search(span.text(ctx.text))
        content.append(span if tail is None else Span(span.start, span.start + tail.start() + 1))
    if content == list(item.content):
        return item
    return dataclasses.replace(item, content=tuple(content), kind=kind(_pairs(content), ctx))


def _is_reference(item: Attribution, found: Sequence[Attribution], doc: Doc) -> bool:
    """Tell whether a cue only leads in to what is said: "Referring to X, he said ...".

    A participle ("Referring to", "Pointing to", "Denouncing") always does; a finite verb
    ("He referred to X, and said ...") when another statement of its sentence follows.
    PolNeAR annotates a lone "noted the clot's existence" as a statement.
    """
    tokens = char_tokens(doc, item.cue[0]) if item.cue else None
    if tokens is None or tokens.root.lemma_.lower() not in REFERENCE_LEMMAS:
        return False
    if tokens.root.tag_ == "VBG":
        return True
    sentence = tokens.root.sent
    return any(
        other is not item
        and other.cue
        and sentence.start_char <= other.cue[0].start < sentence.end_char
        and other.cue[0].start > item.cue[0].end
        for other in found
    )


def _names_a_subject(item: Attribution, found: Sequence[Attribution], doc: Doc) -> bool:
    if len(item.content) != 1 or _nominal(item.content[0], doc) is None:
        return False  # "noted that the question ... would not be part of the talks"
    if is_noun_phrase(item.content[0], doc):
        return True
    nested = [
        other
        for other in found
        if other is not item
        and other.source
        and not any_overlap(other.source, item.source)
        and all(_inside(span, item.content[0]) for span in other.cue + other.content)
    ]
    return bool(nested)  # "pointed to Macron's remarks that ...": those are Macron's


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def with_nested_reports(found: Sequence[Attribution], ctx: Context) -> list[Attribution]:
    """Add the statement of a speaker named inside another's content, "X saying that ...".

    "Referring to comments made by President Rouhani saying that 'If ...'": the parse hangs
    "saying" on "Referring", so nothing gives it Rouhani. A participle reporting verb right
    after a name, with a clause of its own, is that name's statement.
    """
    doc, result = ctx.doc, list(found)
    taken = [span for item in found for span in item.source + item.cue]
    for item in found:
        for span in item.content:
            tokens = char_tokens(doc, span)
            for token in tokens or ():
                nested = _participle_report(token, ctx)
                if nested is not None and not any_overlap(nested.cue, taken):
                    result.append(nested)
                    taken.extend(nested.cue)
    return sorted(result, key=lambda a: min(s.start for s in a.cue + a.content))


def _participle_report(token: Token, ctx: Context) -> Attribution | None:
    if token.tag_ != "VBG" or token.lemma_.lower() not in lx.CUE_VERBS or token.i == 0:
        return None
    clause = next((child for child in token.children if child.dep_ == "ccomp"), None)
    name = token.doc[token.i - 1]
    if clause is None or name.pos_ != "PROPN" or name.dep_ != "pobj":
        return None
    first = name.left_edge.i
    source = edges(token.doc[first : name.i + 1])
    content = edges(token.doc[clause.left_edge.i : clause.right_edge.i + 1])
    return Attribution(
        source=(source,),
        cue=(edges([token]),),
        content=(content,),
        kind=kind([(content.start, content.end)], ctx),
    )


def headline(doc: Doc) -> Span | None:
    """Return the headline: the text's first paragraph, one line of a few words."""
    text = doc.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or text[end : end + 2] != "\n\n":
        return None
    line = text[start:end].rstrip()
    if not line or len(line.split()) > MAX_HEADLINE_WORDS:
        return None
    return Span(start, start + len(line))


def with_headline(found: Sequence[Attribution], ctx: Context) -> list[Attribution]:
    """Read a "Words: Speaker" or "Speaker: Words" headline as the speaker's statement.

    Statements the tagger read inside the words of such a headline ("Voters Worried About
    …") give way to it.
    """
    top = headline(ctx.doc)
    found = [item for item in found if not _titles_a_speech(item, ctx)]
    colon = headline_statement(top, ctx) if top is not None else None
    if colon is None or any(any_overlap(item.cue, colon.cue) for item in found):
        return list(found)
    kept = [item for item in found if not any_overlap(item.cue, colon.content + colon.source)]
    return sorted([*kept, colon], key=lambda a: min(s.start for s in a.cue + a.content))


def _titles_a_speech(item: Attribution, ctx: Context) -> bool:
    """Tell whether a "Words: Words" statement is a title, not words said: its source names a
    speech or holds a number, or its content is only a date ("PM statement in Downing Street:
    22 November 2018")."""
    if len(item.cue) != 1 or item.cue[0].text(ctx.text) != ":" or len(item.source) != 1:
        return False
    source = item.source[0].text(ctx.text)
    # (this strip also takes an "s" off the start of "statement" and "speech"; with whole
    # words PolNeAR's titles lost attributions, F1 0.7390 -> 0.7357: a date alone is
    # refused by `_says_something` instead)
    words = {word.strip("’'s.,").casefold() for word in source.split()}
    if words & SPEECH_TITLE_WORDS or any(c.isdigit() for c in source):
        return True
    return len(item.content) == 1 and not _says_something(item.content[0], ctx)


def headline_statement(top: Span, ctx: Context) -> Attribution | None:
    """Return the statement of a headline "Words: Speaker" or "Speaker: Words", if it is one."""
    line = top.text(ctx.text)
    colons = list(HEADLINE_COLON.finditer(line))
    if len(colons) != 1:
        return None
    colon = colons[0]
    left = Span(top.start, top.start + colon.start())
    right = Span(top.start + colon.end(), top.end)
    mark = top.start + colon.start() + colon.group().index(":")
    cue = Span(mark, mark + 1)
    for source, content in ((right, left), (left, right)):
        if _names_speaker(source, ctx) and _says_something(content, ctx):
            return Attribution(
                source=(source,),
                cue=(cue,),
                content=(content,),
                kind=kind([(content.start, content.end)], ctx),
            )
    return None


def _says_something(span: Span, ctx: Context) -> bool:
    """Tell whether one side of a headline can be words said: two words or more, not only a
    date ("Prime Minister's statement: 2 September 2019")."""
    if len(span.text(ctx.text).split()) < 2 or ONLY_A_DATE.match(span.text(ctx.text)):
        return False
    tokens = char_tokens(ctx.doc, span)
    return tokens is None or not all(t.ent_type_ == "DATE" or t.is_punct for t in tokens)


def _names_speaker(span: Span, ctx: Context) -> bool:
    """Tell whether one side of a headline names a speaker: a name or a role, no verb."""
    phrase = span.text(ctx.text)
    words = phrase.split()
    if not words or len(words) > MAX_HEADLINE_SPEAKER_WORDS or SIDE_PUNCTUATION.search(phrase):
        return False  # "Buy Mines, Sell Coal." is a phrase, not a name
    if phrase.casefold() in HEADLINE_LABELS or phrase.isupper() and len(words) == 1:
        return False  # "Flashback", a dateline "PORT SELDEN"
    if any(c.isdigit() for c in phrase):
        return False  # a date or a number: "date 2019-09-03 UK Prime Minister's statement"
    tokens = char_tokens(ctx.doc, span)
    if tokens is None or any(t.lemma_.lower() in lx.CUE_VERBS for t in tokens):
        return False
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in tokens):
        return False
    lowered = {word.strip("’'s.,").casefold() for word in words}
    if lowered & SPEECH_TITLE_WORDS:
        return False  # "Prime Minister's statement" names a speech
    named = any(t.ent_type_ in {"PERSON", "NORP"} for t in tokens)
    return named or bool(lowered & ROLE_WORDS)
