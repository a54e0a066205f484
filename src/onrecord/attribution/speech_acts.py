"""Accounts of a speech: a page that says a named person gave a speech, and quotes none of it.

Archive pages, listings and official pages often say only that the speech was made: "On 3
May 2026, Harbour Minister Tomas Vell delivered a speech at the north pier", "Vell
addressed the nation on the storms", "Vell publicly apologised to the crews", "the address
delivered by Harbour Minister Tomas Vell", "Tomas Vell's speech to the harbour crews". Each
such sentence is a statement of that person (kind `indirect`): the person named is its
source, the words of the act ("delivered a speech", "addressed", "delivered by") its cue,
and the rest of the sentence, which says what the speech was, its content. The dates
stage dates it from the sentence, as any statement.

Only a person the page gives no statement to otherwise is read so (by any word of the name:
"Tomas" or "Vell"): a story that quotes the speech has its words already, and "Vell gave a
speech on Friday. He said …" is his statement once, not twice. An act in the present tense
("Vell addresses the assembly") is read only in the page's title: below it, it is mostly a
picture's caption. A person is a PERSON entity of the parse, never a site name, and
an act still to come ("will deliver a speech", "is due to address") is none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from onrecord.models import Attribution, Kind, Span, any_overlap

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A speech's name as an account of it writes it.
SPEECH_NOUN = (
    r"(?:speech|address|statement|apology|remarks|broadcast|keynote|lecture|sermon|eulogy"
    r"|testimony|declaration|announcement)"
)
# Up to four words between the article and the speech's name: "a formal", "his first
# televised", "a 160-minute budget".
_MODIFIERS = r"(?:[\w’'-]+\s+){0,4}?"
# What a person did when they spoke, right after their name (one alternative a line).
ACT = re.compile(
    r"(?:delivered|delivers|gave|gives|made|makes|offered|offers|read\s+out)\s+"
    rf"(?:a|an|the|his|her|their|this|that|its)\s+{_MODIFIERS}{SPEECH_NOUN}\b"
    r"|(?:addressed|addresses)\s+(?:the\s+)?(?:nation|country|parliament|house|assembly"
    r"|congress|senate|conference|summit|people|crowd|rally|delegates|lawmakers|chamber"
    r"|general\s+assembly|united\s+nations|[A-Z][\w-]+)\b"
    r"|(?:publicly\s+|publically\s+|formally\s+)?apologi[sz](?:ed|es)\b",
    re.IGNORECASE,
)
# An act in the present tense: a headline's, or a caption's under a picture ("Vell addresses
# the Harbour Assembly"); read only in the page's title.
PRESENT = re.compile(r"(?:\w+ly\s+)?\w+s\b", re.IGNORECASE)
# What may stand between the name and the act: an appositive set off by commas (", MP,",
# ", the prime minister,"), a closing comma, one adverb ("then", "publicly").
GAP = re.compile(
    r"(?:\s*,\s*(?:[\w.’'-]+\s+){0,4}?[\w.’'-]+\s*,?)?"
    r"\s+(?:(?:then|also|later|finally|once|first|famously|"
    r"today|yesterday)\s+)?",
    re.IGNORECASE,
)
# A speech given by someone named after it: "delivered by", "an address by".
BY = re.compile(
    rf"\b(?:(?:delivered|given|made|read)\s+by|{SPEECH_NOUN}\s+by)\s+",
    re.IGNORECASE,
)
# The participles of the passive "delivered by X" (the other form is "a speech by X").
PASSIVE_VERBS = ("delivered", "given", "made", "read")
# "A speech by X" is an account of it only when it opens its sentence or line ("Address by
# Minister X", "The keynote speech by X"): at most this many words before "by".
MAX_NOUN_WORDS = 5
# What may stand between "by" and the name: a role and its commas ("by the Prime Minister of
# Australia, the Honourable Kevin Rudd", "by Smt. Nirmala Sitharaman").
BY_ROLE = re.compile(r"(?:(?:[A-Z][\w.’'-]*|the|of|and),?\s+){0,8}")
# The name's possessive and the speech's name after it: "Tomas Vell's speech to the crews".
POSSESSIVE = re.compile(rf"['’]s?\s+{_MODIFIERS}{SPEECH_NOUN}\b", re.IGNORECASE)
# Words before an act that is still to come: no statement yet.
FUTURE = re.compile(
    r"\b(?:will|would|shall|to|due|expected|set|plans?|going|may|might|could|should)\s+$",
    re.IGNORECASE,
)
# Entity labels of a time in the content.
TIME_LABELS = frozenset({"DATE", "TIME"})
# A preposition left before a date cut off the content: "… peoples on".
TRAILING_PREPOSITION = re.compile(r"(?:\s+(?:on|in|at|of|since|from))*\s*$", re.IGNORECASE)
# How far back from the act the person's name may end (an appositive between them).
MAX_GAP = 60
# Content shorter than this many characters says nothing of the speech: no statement.
MIN_CONTENT = 3


def with_speech_acts(found: Sequence[Attribution], doc: Doc) -> list[Attribution]:
    """Add a statement for each account of a speech by a person with no statement (see module)."""
    text = doc.text
    voiced = {word for item in found for s in item.source for word in _name_words(s.text(text))}
    said = [span for item in found for span in item.content]
    spans = [span for item in found for span in item.source + item.cue + item.content]
    title = Span(0, len(text.split("\n", 1)[0]))
    ents = doc.ents  # built from every token on each read: read once per article
    persons = [Span(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]
    dates = [Span(e.start_char, e.end_char) for e in ents if e.label_ in TIME_LABELS]
    added: list[Attribution] = []
    taken: set[tuple[str, int]] = set()
    for sentence in doc.sents:
        where = Span(sentence.start_char, sentence.end_char)
        for act in _acts(text, persons, dates, where, title):
            key = (_surname(act.source[0].text(text)), sentence.start_char)
            named = _name_words(act.source[0].text(text)) & voiced
            if named or key in taken or any_overlap(act.source + act.cue, said):
                continue  # (an act inside someone's words is theirs to tell)
            kept = _before_others(text, act, spans)
            if kept is not None:
                taken.add(key)
                added.append(kept)
    if not added:
        return list(found)
    return sorted([*found, *added], key=lambda a: min(s.start for s in a.content + a.cue))


def _before_others(text: str, act: Attribution, spans: Sequence[Span]) -> Attribution | None:
    """End the content where another statement starts: "After Vell gave a speech on the
    quay, Marr told reporters …" is Vell's act, and Marr's words are hers."""
    content = act.content[0]
    later = [s.start for s in spans if content.start < s.start < content.end]
    if not later:
        return act
    words = _trimmed(text, content.start, min(later))
    return dataclasses.replace(act, content=(words,)) if words else None


def _name_words(name: str) -> set[str]:
    """The words of a name a story may call its bearer by ("Malala", "Yousafzai")."""
    return {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", name)}


def _surname(name: str) -> str:
    words = re.sub(r"['’]s?$", "", name.strip()).split()
    return words[-1].lower() if words else ""


def _acts(
    text: str, persons: Sequence[Span], dates: Sequence[Span], sentence: Span, title: Span
) -> list[Attribution]:
    """Return the speech acts of the named `persons` in one sentence."""
    found = []
    for entity in persons:
        if not sentence.start <= entity.start < sentence.end:
            continue
        person = _name(text, entity)
        act = _after(text, person, sentence, title) or _before(text, person, sentence)
        if act is not None:
            found.append(_undated(text, act, dates))
    return [act for act in found if act.content]


def _name(text: str, entity: Span) -> Span:
    """The name without a possessive the parse took into it ("Tomas Vell's")."""
    possessive = re.search(r"['’]s?$", entity.text(text))
    return Span(entity.start, entity.end - len(possessive.group())) if possessive else entity


def _undated(text: str, act: Attribution, dates: Sequence[Span]) -> Attribution:
    """End the content before a date in it: "gave the speech … on 3 May 2026" says when the
    speech was given, not what it said, and the dates stage reads it from the sentence."""
    content = act.content[0]
    inside = [d.start for d in dates if content.start < d.start < content.end]
    if not inside:
        return act
    end = min(inside)
    trailing = TRAILING_PREPOSITION.search(text[content.start : end])
    end -= len(trailing.group()) if trailing else 0
    words = _trimmed(text, content.start, end)
    return dataclasses.replace(act, content=(words,) if words else ())


def _after(text: str, person: Span, sentence: Span, title: Span) -> Attribution | None:
    """"Vell delivered a speech …", and in the page's title "Vell's address to the crews":
    the act after the name. (Elsewhere "Vell's speech" is often an earlier one, recalled:
    "Vell's speech of last year still echoes" is no account of a speech that day.)"""
    possessive = POSSESSIVE.match(text, person.end, sentence.end)
    if possessive and person.end <= title.end:
        noun = re.search(r"\w+$", possessive.group())
        cue = Span(possessive.end() - len(noun.group()) if noun else person.end, possessive.end())
        return _statement(text, person, cue, _rest(text, cue.end, sentence))
    gap = GAP.match(text, person.end, min(sentence.end, person.end + MAX_GAP))
    if gap is None:
        return None
    act = ACT.match(text, gap.end(), sentence.end)
    if act is None or (PRESENT.match(act.group()) and person.end > title.end):
        return None  # "Vell addresses the assembly" below the title: a picture's caption
    cue = Span(act.start(), act.end())
    return _statement(text, person, cue, _rest(text, cue.end, sentence))


def _before(text: str, person: Span, sentence: Span) -> Attribution | None:
    """"the speech delivered by Vell", "an address by the Prime Minister, Vell": the act
    before the name, and the speech it names before that as content. The act may stand in
    the sentence before when the parse ended one at a title's stop ("delivered by Smt.")."""
    line_start = text.rfind("\n", 0, person.start) + 1
    start = max(line_start, person.start - MAX_GAP)
    for by in BY.finditer(text, start, person.start):
        if BY_ROLE.fullmatch(text, by.end(), person.start) is None:
            continue
        cue = Span(by.start(), by.start() + len(by.group().rstrip()))
        opening = max(line_start, _sentence_start(text, cue.start, sentence))
        if not by.group().lower().startswith(PASSIVE_VERBS) and (
            len(text[opening : cue.start].split()) > MAX_NOUN_WORDS
        ):
            continue  # "… marked as the site of a speech by X": a speech named in passing
        before = _trimmed(text, opening, cue.start)
        content = before if before is not None else _rest(text, person.end, sentence)
        return _statement(text, person, cue, content)
    return None


def _sentence_start(text: str, at: int, sentence: Span) -> int:
    """The start of the sentence holding `at`: `sentence`'s, or after the last stop before."""
    if at >= sentence.start:
        return sentence.start
    stop = max(text.rfind(". ", 0, at), text.rfind("! ", 0, at), text.rfind("? ", 0, at))
    return stop + 2 if stop >= 0 else 0


def _rest(text: str, start: int, sentence: Span) -> Span | None:
    return _trimmed(text, start, sentence.end)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """The words from `start` to `end` without edge spaces and punctuation, if any are left."""
    words = text[start:end]
    left = len(words) - len(words.lstrip(" \t\n,;:–—-"))
    right = len(words.rstrip(" \t\n.,;:!?–—-"))
    if right - left < MIN_CONTENT:
        return None
    return Span(start + left, start + right)


def _statement(text: str, person: Span, cue: Span, content: Span | None) -> Attribution | None:
    if content is None or FUTURE.search(text, max(0, cue.start - 20), cue.start):
        return None
    return Attribution((person,), (cue,), (content,), Kind.INDIRECT)
