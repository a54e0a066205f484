"""Correcting the entity tagger's mentions before speaker resolution uses them.

Two corrections, both from the article itself:
- a name the tagger calls PERSON in one place but a place or organisation more often
  elsewhere ("Calverra", "Morvask") is a place or organisation everywhere;
- a source noun phrase ending in capitalised name words after a role ("President of the
  Republic of Calverra Oriane Kestrel") holds a person the tagger missed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from onrecord.models import Mention, Span
from onrecord.speakers.names import normal_words
from onrecord.speakers.rules import (
    DEFINITE,
    HONORIFICS,
    NAME_PARTICLES,
    PLACE_LABELS,
    ROLE_COMPLEMENTS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)

_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"\w['’]s?$")
# A source phrase holds a missed person only when this many name words end it.
MIN_TRAILING_NAME_WORDS = 2


def corrected_mentions(text: str, mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """Return the mentions with outvoted PERSON labels changed and missed persons added."""
    found = list(mentions)
    votes: Counter[tuple[str, str]] = Counter()
    for mention in found:
        votes[(_key(mention.text), "PERSON" if mention.label == "PERSON" else mention.label)] += 1
    result: list[Mention] = []
    for mention in found:
        if mention.label == "PERSON":
            label = _outvoting_label(_key(mention.text), votes)
            if label is not None:
                mention = Mention(mention.span, mention.text, label)
        result.append(mention)
    persons = [m.span for m in result if m.label == "PERSON"]
    # Places and organisations: read once (the loop below only adds persons).
    located = [m for m in result if m.label in PLACE_LABELS or m.label == "ORG"]
    place_words = {_key(m.text) for m in located}
    for mention in found:
        if mention.label != "NP":
            continue
        # an ORG ending where the phrase ends has swallowed the name: not a place
        places = [m.span for m in located if m.span.end != mention.span.end]
        name = trailing_name(text, mention.span, places, place_words)
        if name is not None and not any(name.overlaps(p) for p in persons):
            result.append(Mention(name, name.text(text), "PERSON"))
            persons.append(name)
    return tuple(sorted(result, key=lambda m: (m.span, m.label)))


def _key(phrase: str) -> str:
    return " ".join(normal_words(phrase))


def _outvoting_label(key: str, votes: Counter[tuple[str, str]]) -> str | None:
    """Return the place or organisation label a PERSON text carries at least as often."""
    person = votes[(key, "PERSON")]
    others = [(n, label) for (k, label), n in votes.items() if k == key and label != "PERSON"]
    best = max(others, default=None)
    if best is None or best[1] not in PLACE_LABELS | {"ORG"} or best[0] < person:
        return None
    return best[1]


def trailing_name(
    text: str, span: Span, places: list[Span], place_words: set[str] | frozenset[str] = frozenset()
) -> Span | None:
    """Return the capitalised name words ending a role-led source phrase, if a role leads it.

    "President of the Republic of Calverra Oriane Kestrel" → "Oriane Kestrel": the run
    stops at a role word, a possessive, a lowercase word or a tagged place.
    """
    tokens = [
        Span(span.start + m.start(), span.start + m.end()) for m in _TOKEN.finditer(span.text(text))
    ]
    words = [normal_words(t.text(text)) for t in tokens]
    if not tokens or not words[0] or words[0][0] not in ROLE_HEADS | ROLE_MODIFIERS | DEFINITE:
        return None
    start = len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        raw, word = tokens[i].text(text), (words[i] or [""])[0]
        if (
            not (raw[:1].isupper() or word in NAME_PARTICLES)
            or word in ROLE_HEADS | ROLE_MODIFIERS | ROLE_COMPLEMENTS | DEFINITE
            or word in HONORIFICS
            or (_POSSESSIVE.search(raw) and i < len(tokens) - 1)
            or any(tokens[i].overlaps(p) for p in places)
            or word in place_words  # "Calverra", tagged a place elsewhere
        ):
            break
        start = i
    if len(tokens) - start < MIN_TRAILING_NAME_WORDS:
        return None
    end = tokens[-1].end
    while end > tokens[start].start and text[end - 1] in ",.;:’'\"”":
        end -= 1
    if re.search(r"\w['’]s$", text[tokens[start].start : end]):
        end -= 2  # "Emmanuel Macron’s"
    return Span(tokens[start].start, end)
