"""Resolving each attribution's source to a speaker, rule by rule (see the package docstring)."""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from onrecord.models import Analysis, Attribution, MentionKind, Span, Statement
from onrecord.speakers.mentions import corrected_mentions
from onrecord.speakers.names import (
    Entity,
    clean_name,
    group_people,
    is_role_phrase,
    leading_person,
    looks_like_name,
    matching_entity,
    may_be_name,
    normal_words,
    role_words,
    singular,
    strip_determiner,
    title_words,
    trim_span,
    with_synonyms,
)
from onrecord.speakers.rules import (
    ANONYMOUS_HEADS,
    BACK_REFERENCES,
    DEFINITE,
    DEICTIC_PRONOUNS,
    DESIGNATORS,
    GENERIC_HEADS,
    GROUP_PRONOUNS,
    INDEFINITE,
    LEADING_OFFICES,
    LINKING_WORDS,
    ORGANISATION_HEADS,
    PERSON_PRONOUNS,
    POSSESSIVE_DETERMINERS,
    PRONOUN_PARAGRAPH_WINDOW,
    RELATIVES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)


@dataclass
class _Context:
    """What resolution needs to know about the article, computed once."""

    text: str
    analysis: Analysis
    people: list[Entity]
    paragraph_starts: list[int]
    person_mentions: list[tuple[Span, Entity]]  # PERSON mentions in text order
    history: list[tuple[Span, Entity | None]] = field(default_factory=list)

    def paragraph(self, offset: int) -> int:
        """Return the index of the paragraph holding `offset`."""
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def previous(self) -> Entity | None:
        """Return the speaker of the previous statement."""
        return self.history[-1][1] if self.history else None


# How a possessive source ends: "Macron’s", "the ministers'".
POSSESSIVES = ("’s", "'s", "’", "'")
# The dash that ends a dateline, spaced: a speaker's noun phrase never holds one.
DATELINE_DASH = re.compile(r"\s[–—-]\s+")


def resolve_speakers(text: str, analysis: Analysis) -> tuple[Statement, ...]:
    """Return one Statement per attribution, in order, with its speaker resolved."""
    analysis = dataclasses.replace(analysis, mentions=corrected_mentions(text, analysis.mentions))
    people, person_mentions = group_people(text, analysis.mentions)
    context = _Context(
        text=text,
        analysis=analysis,
        people=people,
        paragraph_starts=sorted(p.start for p in analysis.paragraphs),
        person_mentions=person_mentions,
    )
    order = sorted(range(len(analysis.attributions)), key=lambda i: _anchor(analysis, i))
    resolved: dict[int, Entity | None] = {}
    for index in order:
        attribution = analysis.attributions[index]
        entity = _resolve(attribution, context)
        if not _is_owner(attribution, text):  # "Macron’s remarks that ...": told in passing
            context.history.append((_anchor_span(attribution), entity))
        resolved[index] = entity
    return tuple(
        _statement(attribution, resolved[i]) for i, attribution in enumerate(analysis.attributions)
    )


def _is_owner(attribution: Attribution, text: str) -> bool:
    """Tell whether a statement's source is a possessive: "French President Macron’s".

    Such a statement is reported inside another speaker's sentence ("He pointed to
    Macron’s remarks that …, and said …"); the story goes on with that other speaker, so
    a later "he" does not continue it (seed 003).
    """
    return bool(attribution.source) and attribution.source[-1].text(text).endswith(POSSESSIVES)


def _anchor(analysis: Analysis, index: int) -> tuple[int, int]:
    """Return the sort key placing an attribution where it starts in the text."""
    return (_anchor_span(analysis.attributions[index]).start, index)


def _anchor_span(attribution: Attribution) -> Span:
    """Return the span from the first to the last character any role of an attribution covers."""
    spans = attribution.source + attribution.cue + attribution.content
    if not spans:
        return Span(0, 0)
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _statement(attribution: Attribution, entity: Entity | None) -> Statement:
    """Return the Statement for an attribution and its resolved speaker."""
    if entity is None:
        return Statement(attribution=attribution, speaker=None)
    return Statement(attribution, entity.name, entity.kind, entity.span)


def _resolve(attribution: Attribution, context: _Context) -> Entity | None:
    """Return the entity an attribution's source refers to, trying the rules in order."""
    if not attribution.source:
        return context.previous()
    source = Span(min(s.start for s in attribution.source), max(s.end for s in attribution.source))
    source = _after_dateline(context.text, source)
    phrase = source.text(context.text)
    words = normal_words(phrase)
    if not words:
        return context.previous()
    if len(words) == 1 and words[0] in PERSON_PRONOUNS.keys() | GROUP_PRONOUNS | DEICTIC_PRONOUNS:
        return _resolve_pronoun(words[0], source, attribution, context)
    if " ".join(words) in BACK_REFERENCES:
        return _resolve_back_reference(BACK_REFERENCES[" ".join(words)], source, context)
    for rule in (_resolve_person, _resolve_title, _resolve_anonymous, _resolve_organisation):
        entity = rule(source, words, context)
        if entity is not None:
            return entity
    return _resolve_missed_name(source, context)


def _after_dateline(text: str, source: Span) -> Span:
    """Drop a dateline the source swallowed ("Port Selden, March 15, CVNA – President X")."""
    ends = [match.end() for match in DATELINE_DASH.finditer(text, source.start, source.end)]
    return Span(ends[-1], source.end) if ends and ends[-1] < source.end else source


def _resolve_pronoun(
    pronoun: str, source: Span, attribution: Attribution, context: _Context
) -> Entity | None:
    """Return the antecedent of a pronoun source, by speaker continuity first."""
    previous = context.previous()
    if pronoun in GROUP_PRONOUNS:
        group = previous is not None and (
            previous.kind is MentionKind.ORGANISATION
            or (previous.kind is MentionKind.ANONYMOUS and previous.plural)
        )
        return previous if group else None
    if pronoun not in PERSON_PRONOUNS:
        return None
    gender = PERSON_PRONOUNS[pronoun]
    subject = _new_subject(source, attribution, gender, context)
    if subject is not None:
        return subject
    if previous is not None and _fits_pronoun(previous, gender) and _near_previous(source, context):
        return previous
    here = context.paragraph(source.start)
    for span, entity in reversed(context.person_mentions):
        if span.end > source.start or any(span.overlaps(c) for c in attribution.content):
            continue  # after the pronoun, or named inside the quote it introduces
        if here - context.paragraph(span.start) > PRONOUN_PARAGRAPH_WINDOW:
            break
        if _fits_pronoun(entity, gender):
            return entity
    return None


def _new_subject(
    source: Span, attribution: Attribution, gender: str | None, context: _Context
) -> Entity | None:
    """Return a person who opens a sentence between the previous statement and a pronoun.

    "Rosa Tennick, who chairs the congress, welcomed the speech. “…,” she told CVNA.": the
    new subject, not the previous speaker, is who "she" is. A person named inside the
    pronoun's own sentence ("Referring to remarks by Macron, he said") is not.
    """
    if not context.history:
        return None
    after = context.history[-1][0].end
    own = next((s for s in context.analysis.sentences if s.start <= source.start < s.end), None)
    contents = [c for a in context.analysis.attributions for c in a.content]
    for span, entity in reversed(context.person_mentions):
        if span.end > source.start or span.start < after:
            continue
        if own is not None and span.start >= own.start:
            continue  # in the pronoun's own sentence
        if any(span.overlaps(c) for c in contents + list(attribution.content)):
            continue
        opens = any(s.start == span.start for s in context.analysis.sentences)
        if opens and _fits_pronoun(entity, gender) and entity is not context.previous():
            return entity
    return None


def _resolve_back_reference(which: int, source: Span, context: _Context) -> Entity | None:
    """Return "the latter" (the last of the two people named before) or "the former"."""
    named: list[Entity] = []
    for span, entity in context.person_mentions:
        if span.end <= source.start:
            if entity in named:
                named.remove(entity)
            named.append(entity)
    return named[which] if len(named) >= -which else None


def _fits_pronoun(entity: Entity, gender: str | None) -> bool:
    """Tell whether "he"/"she" can refer to an entity."""
    if entity.kind not in (MentionKind.PERSON, MentionKind.ANONYMOUS) or entity.plural:
        return False
    return gender is None or entity.gender is None or entity.gender == gender


def _near_previous(source: Span, context: _Context) -> bool:
    """Tell whether the previous statement is close enough for a pronoun to continue it.

    It is when it lies within PRONOUN_PARAGRAPH_WINDOW paragraphs, or when no other person
    is named between it and the pronoun (outside quoted content).
    """
    anchor, previous = context.history[-1]
    if (
        context.paragraph(source.start) - context.paragraph(anchor.start)
        <= PRONOUN_PARAGRAPH_WINDOW
    ):
        return True
    contents = [c for a in context.analysis.attributions for c in a.content]
    return not any(
        anchor.end <= span.start and span.end <= source.start and entity is not previous
        and not any(span.overlaps(c) for c in contents)
        for span, entity in context.person_mentions
    )  # fmt: skip


def _resolve_person(source: Span, words: list[str], context: _Context) -> Entity | None:
    """Return the person a named source refers to: by PERSON mention, else by surname."""
    text = context.text
    comma = text.find(",", source.start, source.end)
    head = Span(source.start, comma if comma > source.start else source.end)  # before apposition
    heads = [e for span, e in context.person_mentions if _heads(text, span, head)]
    if heads:
        return heads[-1]  # "Clinton's campaign manager Robby Mook": the last name is the head
    if comma > source.start:
        named = _apposition(Span(head.start, comma), Span(comma + 1, source.end), context)
        if named is not None:
            return named  # "Her spokesman, James Slack,": the name in apposition
    name = clean_name(text, head)  # "Marsh, 58,": the name before the apposition
    if name is None or not looks_like_name(name.text(text)):
        return None
    entity = matching_entity(context.people, normal_words(name.text(text)))
    return entity or leading_person(text, name, context.people)  # "Obama Praises Ruling"


def _apposition(head: Span, rest: Span, context: _Context) -> Entity | None:
    """Return the person named right after the comma of a role phrase ("Her spokesman, James
    Slack,"; "a senior aide, Ana Ode,"; "Her father, Otto Marsh,"): the role is theirs, not
    its owner's. The name may be one the tagger called an organisation."""
    text = context.text
    words = normal_words(head.text(text))
    if not any(w in ROLE_HEADS or w in RELATIVES or singular(w) in ANONYMOUS_HEADS for w in words):
        return None
    start = rest.start + len(rest.text(text)) - len(rest.text(text).lstrip())
    for span, entity in context.person_mentions:
        if span.start == start and span.end <= rest.end + 1:
            entity.titles |= role_words(words)  # a later "Obama's spokesman" is them too
            return entity
    for mention in context.analysis.mentions:
        named = mention.span.text(text)
        if mention.label != "ORG" or mention.span.start != start or mention.span.end > rest.end:
            continue
        if len(named.split()) < 2 or not looks_like_name(named) or not may_be_name(named):
            continue
        person = matching_entity(context.people, normal_words(named))
        if person is None:
            person = Entity(name=named, kind=MentionKind.PERSON)
            context.people.append(person)
        person.add(text, mention.span, role_words(words))
        return person
    return None


def _heads(text: str, mention: Span, head: Span) -> bool:
    """Tell whether a PERSON mention is the head of a source's noun phrase, not a modifier."""
    if not mention.overlaps(head):
        return False
    before = normal_words(text[head.start : max(head.start, mention.start)])
    if before and (before[0] in INDEFINITE or LINKING_WORDS.intersection(before)):
        return False  # "an aide to Donald Trump", "a friend of Obama"
    after = text[mention.end : max(mention.end, head.end)].strip()
    return not after or after in {"'s", "’s", "'", "’"}  # "Obama's aides" is not Obama


def _resolve_title(source: Span, words: list[str], context: _Context) -> Entity | None:
    """Return the person carrying a title source's role earlier in the article.

    A title with words outside the rules ("the Indiana governor") is not given to the last
    speaker by default: those words may well say it is someone else.
    """
    owned = _owned_role(context.text, source)
    if owned is not None:  # "Putin's spokesman": the spokesman the article names, if any
        return _role_carrier(owned, source, context)
    words = with_synonyms(words)  # "the head of state" is "the president"
    wanted = title_words(words)
    if wanted is None:
        return None
    carriers = [e for span, e in context.person_mentions if wanted <= e.titles]
    # "the leader", "the Russian leader"; not "the Leader of the Opposition" (a modifier)
    generic = wanted & ROLE_HEADS <= GENERIC_HEADS and not wanted & ROLE_MODIFIERS
    if not carriers and generic:
        carriers = [e for span, e in context.person_mentions if _leads(e, wanted)]
    earlier = [e for span, e in context.person_mentions if span.end <= source.start]
    speakers = [e for _, e in reversed(context.history) if e is not None]
    for entity in speakers:
        if entity in carriers and entity in earlier:
            return entity
    for entity in reversed(earlier):
        if entity in carriers:
            return entity
    other_heads = ROLE_HEADS - wanted
    if generic:
        other_heads -= LEADING_OFFICES  # a president is also "the leader"
    for entity in speakers if is_role_phrase(words) else ():
        if not may_be_name(entity.name):
            continue  # "Hansard", "Fars News Agency": a publisher holds no office
        if entity.kind is MentionKind.PERSON and not _contradicts(entity, wanted, other_heads):
            return entity  # no title of its own that contradicts this one
    if carriers:
        return carriers[0]  # named with this title only later in the article
    return _unresolved_title(source, words, context)


def _owned_role(text: str, source: Span) -> set[str] | None:
    """Return the role words of a title owned by a name ("Putin's spokesman", "the
    minister's adviser"), else None."""
    tokens = source.text(text).split()
    owners = [i for i, token in enumerate(tokens[:-1]) if token.endswith(POSSESSIVES)]
    if not owners or set(normal_words(" ".join(tokens[: owners[-1] + 1]))) <= DESIGNATORS.keys():
        return None  # "Iran's oil minister": a country's office, not someone's aide
    rest = normal_words(" ".join(tokens[owners[-1] + 1 :]))
    return title_words(rest) if rest and is_role_phrase(rest) else None


def _role_carrier(wanted: set[str], source: Span, context: _Context) -> Entity | None:
    """Return the person of the article who carries a role: the last named before the
    source, else the only one named after it; None when nobody carries it."""
    carriers = [(span, e) for span, e in context.person_mentions if wanted <= e.titles]
    earlier = [e for span, e in carriers if span.end <= source.start]
    if earlier:
        return earlier[-1]
    later = {id(e): e for _, e in carriers}
    return next(iter(later.values())) if len(later) == 1 else None


def _contradicts(entity: Entity, wanted: set[str], other_heads: frozenset[str]) -> bool:
    """Tell whether a person's own titles say they are not who a title names: another
    office, or another country ("the Russian president" is not the US president)."""
    if entity.titles & other_heads:
        return True
    modifiers = wanted & ROLE_MODIFIERS
    if modifiers and entity.titles & ROLE_HEADS and not modifiers & entity.titles:
        return True  # "the Leader of the Opposition" is not the prime minister
    places, own = _places(wanted), _places(entity.titles)
    return bool(places and own and not places & own)


def _places(words: set[str]) -> set[str]:
    """Return the country keys among a title's words."""
    return words & set(DESIGNATORS.values())


def _leads(entity: Entity, wanted: set[str]) -> bool:
    """Tell whether a person holds an office that leads the country a generic title names
    ("the Russian leader": a president or prime minister of Russia, or of no country said)."""
    if entity.kind is not MentionKind.PERSON or not entity.titles & LEADING_OFFICES:
        return False
    places, own = _places(wanted), _places(entity.titles)
    return not places or not own or places <= own


def _unresolved_title(source: Span, words: list[str], context: _Context) -> Entity:
    """Return a title nobody carries: "Supreme Leader", "Iran's oil minister" as a person.

    A title without a capital once its determiner is dropped ("the spokesman") says too
    little to name one person, so it is kept as an anonymous source.
    """
    span = strip_determiner(context.text, source, words)
    phrase = span.text(context.text)
    if phrase[:1].isupper():
        return Entity(name=phrase, kind=MentionKind.PERSON, span=span)
    return Entity(name=source.text(context.text), kind=MentionKind.ANONYMOUS, span=source)


def _resolve_anonymous(source: Span, words: list[str], context: _Context) -> Entity | None:
    """Return an unnamed source ("a US official", "sources") as itself."""
    heads = [w for w in words if singular(w) in ANONYMOUS_HEADS]
    if not heads:
        return None
    head = singular(heads[0])
    plural = heads[0] != head or head == "people"
    if words[0] in DEFINITE and not plural:
        for entity in reversed([e for _, e in context.history if e is not None]):
            if entity.kind is MentionKind.ANONYMOUS and head in normal_words(entity.name):
                return entity  # "a US official said ... the official added"
    span = trim_span(context.text, source) or source
    return Entity(
        name=span.text(context.text), kind=MentionKind.ANONYMOUS, span=span, plural=plural
    )


def _resolve_organisation(source: Span, words: list[str], context: _Context) -> Entity | None:
    """Return an organisation source: an ORG or GPE mention, or a described institution."""
    text = context.text
    comma = text.find(",", source.start, source.end)
    head = Span(source.start, comma) if comma > source.start else source  # before apposition
    bare = strip_determiner(text, head, words)
    if words[-1] in ORGANISATION_HEADS and _is_description(text, source, words):
        return _described_organisation(source, words, context)
    for mention in context.analysis.mentions:
        heads = mention.span.overlaps(source) and mention.span.end >= bare.end
        if mention.label == "ORG" and heads:
            span = strip_determiner(text, mention.span, normal_words(mention.span.text(text)))
            return Entity(span.text(text), MentionKind.ORGANISATION, span)  # the ORG is the head
    if words[-1] in ORGANISATION_HEADS:
        return _described_organisation(source, words, context)
    mentions = context.analysis.mentions
    named = {" ".join(normal_words(m.text)) for m in mentions if m.label in ("ORG", "GPE")}
    if " ".join(normal_words(bare.text(text))) in named:
        return Entity(bare.text(text), MentionKind.ORGANISATION, bare)  # tagged so elsewhere
    for mention in context.analysis.mentions:
        if mention.label not in ("GPE", "NORP") or not mention.span.overlaps(source):
            continue
        if strip_determiner(text, mention.span, normal_words(mention.span.text(text))) != bare:
            continue  # "Iran's oil minister": the country is not the speaker
        if mention.label == "GPE":  # "Washington said": the state speaks
            return Entity(bare.text(text), MentionKind.ORGANISATION, bare)
        return Entity(bare.text(text), MentionKind.ANONYMOUS, bare, plural=True)
    return None


def _described_organisation(source: Span, words: list[str], context: _Context) -> Entity:
    """Return an institution named by description: "the ministry" is the ministry named before.

    "its Foreign Ministry" belongs to the place just spoken of; "the ministry" is the last
    organisation with the same head noun spoken for or named earlier in the article.
    """
    text = context.text
    bare = strip_determiner(text, source, words)
    if words[0] in POSSESSIVE_DETERMINERS:
        bare = Span(source.start + len(source.text(text).split()[0]) + 1, source.end)
        bare = trim_span(text, bare) or bare
        owner = _possessor(source, context)
        if owner is not None:  # "Its Foreign Ministry" after "Morvask …": no span of its own
            return Entity(f"{owner}'s {bare.text(text)}", MentionKind.ORGANISATION, None)
    own = normal_words(bare.text(text))
    if _is_description(text, source, words):
        earlier = [
            e for _, e in reversed(context.history) if e is not None and e.span is not None
        ] + [
            _organisation(text, m.span)
            for m in reversed(context.analysis.mentions)
            if m.label == "ORG" and m.span.end <= source.start
        ]
        for entity in earlier:
            names = normal_words(entity.name)
            same_head = bool(names) and names[-1] == words[-1] and len(names) > len(own)
            if entity.kind is MentionKind.ORGANISATION and same_head:
                return entity  # "the ministry" → "Calverran Foreign Ministry"
    return Entity(bare.text(text), MentionKind.ORGANISATION, bare)


def _organisation(text: str, span: Span) -> Entity:
    """Return an organisation entity named by a mention, without its determiner."""
    bare = strip_determiner(text, span, normal_words(span.text(text)))
    return Entity(bare.text(text), MentionKind.ORGANISATION, bare)


def _is_description(text: str, source: Span, words: list[str]) -> bool:
    """Tell whether an institution is named only by what it is ("the Foreign Ministry")."""
    if words[0] not in DEFINITE | POSSESSIVE_DETERMINERS:
        return False
    raw = strip_determiner(text, source, words).text(text).split()
    return all(
        w in ORGANISATION_HEADS or w in ROLE_MODIFIERS or w in POSSESSIVE_DETERMINERS
        for w in normal_words(" ".join(raw))
    )


def _possessor(source: Span, context: _Context) -> str | None:
    """Return the place "its" most likely refers to: the last one named in this paragraph
    or the one before."""
    here = context.paragraph(source.start)
    for anchor, entity in reversed(context.history):
        if entity is None or here - context.paragraph(anchor.start) > 1:
            break
        if entity.kind is MentionKind.ORGANISATION and not (
            set(normal_words(entity.name)) & ORGANISATION_HEADS
        ):
            return entity.name  # "Morvask says … Its Foreign Ministry said"
    for mention in reversed(context.analysis.mentions):
        if mention.span.end > source.start or mention.label not in ("GPE", "ORG"):
            continue
        if set(normal_words(mention.text)) & ORGANISATION_HEADS:
            continue  # "its" is the country, not another institution
        if here - context.paragraph(mention.span.start) > 1:
            return None
        return mention.span.text(context.text)
    return None


def _resolve_missed_name(source: Span, context: _Context) -> Entity | None:
    """Return a capitalised source the parse did not tag as a person, role words removed."""
    name = clean_name(context.text, source)
    if name is None or not looks_like_name(name.text(context.text)):
        return None
    stripped = name.start > (trim_span(context.text, source) or source).start
    if len(name.text(context.text).split()) < 2 and not stripped:
        return None  # one capitalised word no tagger called a person: "Video", "Politifact"
    entity = Entity(name=name.text(context.text), kind=MentionKind.PERSON)
    entity.add(context.text, name, role_words(normal_words(source.text(context.text))))
    context.people.append(entity)  # later mentions of the surname find it
    return entity
