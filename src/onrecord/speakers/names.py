"""Names, titles and the in-article entity list that speaker resolution works on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from onrecord.models import Mention, MentionKind, Span
from onrecord.speakers.rules import (
    ANONYMOUS_HEADS,
    DEFINITE,
    DESIGNATORS,
    GENDER_MARKERS,
    HONORIFICS,
    INDEFINITE,
    MEDIA_WORDS,
    NAME_BREAKERS,
    NAME_PARTICLES,
    ORGANISATION_HEADS,
    PREFIX_WINDOW,
    QUANTIFIERS,
    ROLE_ABBREVIATIONS,
    ROLE_COMPLEMENTS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    TITLE_SYNONYMS,
    UNMATCHED_MODIFIERS,
)

_WORD = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_PUNCT = "\"“”‘’'()[],;:.!?"
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+$")
_ROLE_PHRASE_WORDS = (
    ROLE_HEADS | ROLE_MODIFIERS | UNMATCHED_MODIFIERS | DEFINITE | ROLE_COMPLEMENTS | {"of"}
)
# Words that make a capitalised run an organisation's name ("Obama Foundation").
ORGANISATION_WORDS = ORGANISATION_HEADS | MEDIA_WORDS | {"foundation", "center", "centre"}
# Words opening a form of address ("His Eminence", "Her Majesty").
_ADDRESS = frozenset({"his", "her", "your"})


# --- the in-article entity list ----------------------------------------------------------


@dataclass(eq=False)
class Entity:
    """One speaker within an article: a best name, its kind, and where it is mentioned."""

    name: str
    kind: MentionKind
    span: Span | None = None  # the mention `name` was read from
    mentions: list[Span] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # role words and country keys it carries
    tokens: frozenset[str] = frozenset()  # lowercase name words, honorifics left out
    surname: str = ""
    gender: str | None = None
    plural: bool = False
    in_prose: bool = False  # named in full in a sentence, not only in a title-case line
    named_in_full: int = 0  # mentions with a given name as well as the surname

    def add(self, text: str, span: Span, titles: set[str]) -> None:
        """Record one more mention of this entity, keeping the longest name seen."""
        words = normal_words(span.text(text))
        self.mentions.append(span)
        self.named_in_full += len(_name_tokens(words)) >= 2
        self.in_prose = self.in_prose or (len(words) >= 2 and not _in_title_case(text, span))
        self.titles |= titles
        self.tokens = self.tokens | _name_tokens(words)
        self.surname = self.surname or (words[-1] if words else "")
        self.gender = self.gender or _gender(words + sorted(titles))
        if self.span is None or span.end - span.start > self.span.end - self.span.start:
            self.span, self.name = span, span.text(text)


def person_entities(text: str, mentions: Iterable[Mention]) -> list[Entity]:
    """Group the PERSON mentions of an article into people, each with a best full name."""
    return group_people(text, mentions)[0]


def group_people(
    text: str, mentions: Iterable[Mention]
) -> tuple[list[Entity], list[tuple[Span, Entity]]]:
    """Return the people of an article and each PERSON mention (in text order) with its person.

    Names with a given name are grouped first, in text order; then each surname alone
    ("Cuomo", "Mr Obama") joins the person it most likely is, wherever in the article that
    person is named in full (a headline's "Obama" before "Barack Obama").
    """
    entities: list[Entity] = []
    located: list[tuple[Span, Entity]] = []
    named = []
    for mention in sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.span):
        span = clean_name(text, mention.span)
        if span is not None and _name_tokens(normal_words(span.text(text))):
            named.append((mention, span, normal_words(span.text(text))))
    in_full = [item for item in named if len(_name_tokens(item[2])) >= 2]
    headline = [item for item in in_full if _in_title_case(text, item[1])]
    prose = [item for item in in_full if item not in headline]
    alone = [item for item in named if len(_name_tokens(item[2])) < 2]
    for mention, span, words in prose + headline + alone:
        titles = _prefix_titles(text, span.start) | _appositive_titles(text, mention.span.end)
        entity = matching_entity(entities, words)
        if entity is None and (mention, span, words) in headline:
            span, entity = _headline_name(text, span, entities)
        if entity is None:
            entity = Entity(name=span.text(text), kind=MentionKind.PERSON)
            entities.append(entity)
        entity.add(text, span, titles)
        located.append((mention.span, entity))
    entities.sort(key=lambda e: min(s.start for s in e.mentions))
    return entities, sorted(located, key=lambda item: item[0])


def _headline_name(text: str, span: Span, entities: list[Entity]) -> tuple[Span, Entity | None]:
    """Return the part of a headline's name that names a person of the article, and that
    person: "Obama Signs" (a verb glued on by the tagger) is Barack Obama; else the span.

    Never when the words after it name an organisation ("Obama Foundation").
    """
    tokens = _tokens(text, span)
    if set(normal_words(span.text(text))) & ORGANISATION_WORDS:
        return span, None
    for end in range(len(tokens) - 1, 0, -1):
        part = Span(span.start, tokens[end - 1].end)
        entity = matching_entity(entities, normal_words(part.text(text)))
        if entity is not None:
            return trim_span(text, part) or part, entity
    return span, None


def may_be_name(phrase: str) -> bool:
    """Tell whether a phrase tagged an organisation may be a person's name: no word of an
    organisation's name in it ("Ivo Brandt", not "Rusk Foundation")."""
    return not set(normal_words(phrase)) & ORGANISATION_WORDS


def leading_person(text: str, span: Span, entities: list[Entity]) -> Entity | None:
    """Return the person of the article whose name opens a capitalised run the tagger read
    as one name ("Obama Praises Ruling"), if any."""
    return _headline_name(text, span, entities)[1]


def matching_entity(entities: list[Entity], words: list[str]) -> Entity | None:
    """Return the person a name is: with a given name, the most recent person with the same
    surname whose other names agree; a surname alone, the one of those the article is
    about (`_most_named`), not a namesake named in passing ("Mario Cuomo" in a story about
    Andrew Cuomo)."""
    tokens = _name_tokens(words)
    if not tokens:
        return None
    found = [
        entity
        for entity in reversed(entities)
        if entity.kind is MentionKind.PERSON
        and entity.surname == words[-1]
        and (tokens <= entity.tokens or entity.tokens <= tokens)
    ]
    if len(tokens) < 2 and len(found) > 1:
        return _most_named(found, words)
    if found:
        return found[0]
    return _by_first_name(entities, words)


def _most_named(people: list[Entity], words: list[str]) -> Entity:
    """Return which of several people sharing a surname a surname alone refers to: one whose
    gender an honorific names ("Mrs Brandt"), else one of unknown gender; then the one named
    in full most often, then the one named first."""
    gender = _gender(words)
    same = [e for e in people if gender is not None and e.gender == gender]
    fitting = same or [e for e in people if gender is None or e.gender is None] or people
    return min(fitting, key=lambda e: (-e.named_in_full, min(s.start for s in e.mentions)))


# A line of at least this many words, this share of them capitalised, is a title or headline.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.8


def _by_first_name(entities: list[Entity], words: list[str]) -> Entity | None:
    """Return the one person of the article whose first name a lone word is ("Greta").

    Only a single word no person has as a surname, and only when exactly one person
    named in full before has it as their first name: two such people leave it alone.
    """
    if len(words) != 1 or words[0] in HONORIFICS:
        return None
    found = {
        id(entity): entity
        for entity in entities
        if entity.kind is MentionKind.PERSON
        and entity.in_prose  # "Trump Threatens …" in a headline is no first and last name
        and _first_name(entity) == words[0]
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _in_title_case(text: str, span: Span) -> bool:
    """Tell whether a span lies in a line whose words nearly all start with a capital."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= TITLE_CASE_MIN_WORDS and capitals >= TITLE_CASE_SHARE * len(words)


def _first_name(entity: Entity) -> str | None:
    """Return a person's first name, when their name has a surname after it."""
    words = [w for w in normal_words(entity.name) if w not in HONORIFICS]
    return words[0] if len(words) >= 2 else None


def _name_tokens(words: list[str]) -> frozenset[str]:
    """Return the words of a name that identify it: honorifics left out."""
    return frozenset(w for w in words if w not in HONORIFICS)


def _gender(words: Iterable[str]) -> str | None:
    """Return the gender the words mark, if any."""
    return next((GENDER_MARKERS[w] for w in words if w in GENDER_MARKERS), None)


# --- names, titles and words ------------------------------------------------------------


def normal_words(phrase: str) -> list[str]:
    """Return the lowercase words of a phrase, edge punctuation and possessives removed."""
    words = []
    for raw in phrase.split():
        if raw.lower() in ROLE_ABBREVIATIONS:
            words.append(ROLE_ABBREVIATIONS[raw.lower()])
            continue
        word = raw.strip(_EDGE_PUNCT) if not _ABBREVIATION.match(raw) else raw
        word = _POSSESSIVE.sub("", word).lower() if len(word) > 2 else word.lower()
        if word:
            words.append(word)
    return words


def _tokens(text: str, span: Span) -> list[Span]:
    """Return the whitespace-separated tokens of a span, as spans."""
    return [
        Span(span.start + m.start(), span.start + m.end()) for m in _WORD.finditer(span.text(text))
    ]


def clean_name(text: str, span: Span) -> Span | None:
    """Return the part of `span` that is a name: leading role phrase and possessive removed."""
    tokens = _tokens(text, span)
    cut, i = 0, 0
    while i < len(tokens) - 1:
        word = normal_words(tokens[i].text(text))
        word_text = word[0] if word else ""
        if word_text in ROLE_HEADS or word_text in ROLE_MODIFIERS:
            cut = i = i + 1
        elif _is_role_filler(word_text, tokens[i].text(text)):
            i += 1
        elif word_text == "of" and cut == i:
            i += 1
            while i < len(tokens) - 1 and _is_complement(tokens[i].text(text)):
                i += 1
            cut = i
        else:
            break
    if not tokens[cut:]:
        return None
    last = len(tokens) - 1
    for j in range(cut + 1, len(tokens)):
        if set(normal_words(tokens[j].text(text))) & NAME_BREAKERS:
            last = j - 1  # "Ayatollah Khamenei Rules Out": the headline verb is not the name
            break
    return trim_span(text, Span(tokens[cut].start, tokens[last].end))


def _is_role_filler(word: str, token: str) -> bool:
    """Tell whether a word may stand in a role phrase without ending it ("US", "the", "Iran's")."""
    return (
        word in DESIGNATORS or word in DEFINITE or word in UNMATCHED_MODIFIERS
    ) or _is_possessive(token)


def _is_possessive(token: str) -> bool:
    """Tell whether a token is a possessive ("Iran's")."""
    return bool(re.search(r"\w['’]s?$", token))


def _is_complement(token: str) -> bool:
    """Tell whether a token can continue a role phrase after "of"."""
    words = normal_words(token)
    return bool(words) and (words[0] in ROLE_COMPLEMENTS or words[0] in DESIGNATORS)


def trim_span(text: str, span: Span) -> Span | None:
    """Return `span` without edge punctuation, a trailing possessive or surrounding space."""
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while start < end:
        tail = text[start:end]
        last = tail.split()[-1] if tail.split() else tail
        if tail[-1].isspace() or (tail[-1] in _EDGE_PUNCT and not _ABBREVIATION.match(last)):
            end -= 1
        elif re.search(r"\w['’]s$", tail):
            end -= 2
        else:
            break
    return Span(start, end) if start < end else None


def role_words(words: Iterable[str]) -> set[str]:
    """Return the words of a role phrase used to match titles: roles and country keys."""
    found = set()
    for word in words:
        if word in ROLE_HEADS or word in ROLE_MODIFIERS:
            found.add(word)
        elif word in DESIGNATORS:
            found.add(DESIGNATORS[word])
    return found


def _prefix_titles(text: str, start: int) -> set[str]:
    """Return the role words in the capitalised run just before a name ("US President")."""
    window = text[max(0, start - PREFIX_WINDOW) : start]
    window = window[window.rfind("\n") + 1 :]  # a role never crosses a line break
    run: list[str] = []
    for raw in reversed(window.split()):
        abbreviation = _ABBREVIATION.match(raw) or raw.lower() in ROLE_ABBREVIATIONS
        if raw in {"–", "—", "-"} or (raw[-1] in _EDGE_PUNCT and not abbreviation):
            break  # the end of the previous clause or sentence
        if not (raw[0].isupper() or raw in {"of", "the"}):
            break
        run.append(raw)
    if not any(w in ROLE_HEADS for w in normal_words(" ".join(run))):
        return set()
    return role_words(with_synonyms(normal_words(" ".join(run))))  # "PM": prime minister


def _appositive_titles(text: str, end: int) -> set[str]:
    """Return the role words of an apposition after a name ("Zarif, Iran's foreign minister,")."""
    match = re.match(r",\s+([^,.;:()“”\"]{1,60})[,.]", text[end : end + 70])
    if match is None:
        return set()
    words = with_synonyms(normal_words(match.group(1)))
    return (title_words(words) or set()) if words else set()


def looks_like_name(phrase: str) -> bool:
    """Tell whether every word of a phrase is capitalised and not a role word."""
    raw = phrase.split()
    words = normal_words(phrase)
    if not raw or len(raw) != len(words):
        return False
    return all(
        r[0].isupper() or w in NAME_PARTICLES for r, w in zip(raw, words, strict=True)
    ) and not any(
        w in ROLE_HEADS or w in DEFINITE or w in INDEFINITE or w in QUANTIFIERS for w in words
    )


def title_words(words: list[str]) -> set[str] | None:
    """Return the role words to match if a source is a title ("the Supreme Leader"), else None."""
    if words[0] in INDEFINITE or (words[-1].endswith("s") and words[-1][:-1] in ROLE_HEADS):
        return None  # "a spokesman", "ministers": unnamed, not a title
    if len(words) > 1 and words[0] in _ADDRESS:
        words = words[1:]  # "His Eminence": the office it addresses
    head = words.index("of") if "of" in words else len(words)
    if words[0] in DEFINITE and head > 1 and words[head - 1] in ROLE_HEADS:
        return role_words(words[:head])  # "the Indiana governor": unknown words not matched
    if not is_role_phrase(words) or not any(w in ROLE_HEADS for w in words[:head]):
        return None
    return role_words(words[:head])


def is_role_phrase(words: list[str]) -> bool:
    """Tell whether words make only a role phrase ("the Supreme Leader of the Islamic Republic")."""
    if len(words) > 1 and words[0] in _ADDRESS:
        words = words[1:]  # "His Eminence"
    return all(w in _ROLE_PHRASE_WORDS or w in DESIGNATORS or w in HONORIFICS for w in words)


def strip_determiner(text: str, source: Span, words: list[str]) -> Span:
    """Return `source` without a leading definite determiner and trailing possessive."""
    tokens = _tokens(text, source)
    if len(tokens) > 1 and words[0] in DEFINITE:
        source = Span(tokens[1].start, source.end)
    return trim_span(text, source) or source


def singular(word: str) -> str:
    """Return the singular of an anonymous head noun ("sources" → "source"), else the word."""
    for suffix in ("es", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] in ANONYMOUS_HEADS:
            return word[: -len(suffix)]
    return word


def with_synonyms(words: list[str]) -> list[str]:
    """Return the words of a title with other names of an office rewritten ("head of state")."""
    phrase = " ".join(words)
    for other, usual in TITLE_SYNONYMS.items():
        phrase = re.sub(rf"\b{other}\b", usual, phrase)
    return phrase.split()
