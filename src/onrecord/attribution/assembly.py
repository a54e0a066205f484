"""From tagged spans to attributions: each cue takes a source and its content pieces.

Every cue span opens an attribution. A source span joins the nearest cue of its
sentence (a source may serve several cues: "X said A and added B"). A content span
joins the nearest cue of the sentences it touches; a content span whose sentences hold
no cue is claimed by a source or cue right after it (`"A?" Vitter demanded.`, the parse
having cut the sentence at the question mark); else it continues the statement whose
content came last before it, when that is in the same or the previous paragraph
(`"A," he said. "B."`, quotes running on). A cue left
without content, or content without a cue, makes no attribution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from onrecord.attribution.tagging import TaggedSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How many paragraphs back a content span with no cue near it may find its statement.
MAX_CONTINUATION_PARAGRAPHS = 1
# Marks that open a quotation (straight ones may, too).
QUOTE_OPENERS = frozenset({"“", '"', "‘", "'", "``", "„", "«"})
# Untagged tokens two content pieces of one attribution may be apart and still be joined.
MAX_MERGE_GAP = 3
# Tokens between a content span and the statement it continues, at most (two long sentences).
MAX_CONTINUATION_GAP = 80
# The tag of a possessive ending ("’s", "'"): "Macron’s remarks" makes Macron the owner of
# the noun cue after it, never the speaker of another cue in the sentence.
POSSESSIVE_TAG = "POS"
# Tokens a possessive source may lie before its noun cue: "Macron’s recent remarks".
MAX_OWNER_GAP = 2
# Tokens (a closing mark, a comma) between a content span and the source or cue right
# after it that claims it: `"A?" Vitter demanded.` On PolNeAR dev, attribution F1 +0.0015.
MAX_CLAIM_GAP = 2


@dataclass(slots=True)
class Linked:
    """An attribution as token spans: one cue, at most one source, content pieces."""

    cue: TaggedSpan
    source: TaggedSpan | None = None
    content: list[TaggedSpan] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Layout:
    """The sentence and paragraph each token is in."""

    sentence: list[int]
    paragraph: list[int]
    opens_quote: list[bool]  # the token is a quotation mark that may open a quotation
    possessive: list[bool]  # the token is a possessive ending ("’s"): its phrase owns a noun


def layout(doc: Doc, words: list[str]) -> Layout:
    """Number every token's sentence and paragraph (a blank-line token starts a paragraph)."""
    sentence = [0] * len(words)
    for number, sent in enumerate(doc.sents):
        sentence[sent.start : sent.end] = [number] * (sent.end - sent.start)
    paragraph = [0] * len(words)
    current = 0
    for index, word in enumerate(words):
        if "\n\n" in word or word.count("\n") > 1:
            current += 1
        paragraph[index] = current
    opens = [word in QUOTE_OPENERS for word in words]
    from spacy.attrs import TAG

    tag = doc.vocab.strings[POSSESSIVE_TAG]
    possessive = [row == tag for row in doc.to_array([TAG]).tolist()]
    return Layout(sentence, paragraph, opens, possessive)


def distance(a: TaggedSpan, b: TaggedSpan) -> int:
    """Return the number of tokens between two spans (0 when they touch or overlap)."""
    return max(0, a.first - b.last, b.first - a.last)


def nearest(span: TaggedSpan, cues: list[Linked]) -> Linked:
    """Return the attribution whose cue is nearest a span (the earlier one on a tie)."""
    return min(cues, key=lambda item: (distance(span, item.cue), item.cue.first))


def is_owner(span: TaggedSpan, where: Layout) -> bool:
    """Tell whether a source span ends in a possessive: "Emmanuel Macron’s"."""
    return where.possessive[span.last - 1]


def is_owned(cue: TaggedSpan, owner: TaggedSpan) -> bool:
    """Tell whether a cue is the noun a possessive source owns: right after it."""
    return 0 <= cue.first - owner.last <= MAX_OWNER_GAP


def sentences_of(span: TaggedSpan, where: Layout) -> range:
    """Return the sentence numbers a span touches."""
    return range(where.sentence[span.first], where.sentence[span.last - 1] + 1)


def linked(spans: list[TaggedSpan], where: Layout) -> list[Linked]:
    """Link tagged spans into attributions (see the module's docstring)."""
    items = [Linked(cue=span) for span in spans if span.role == "CUE"]
    by_sentence: dict[int, list[Linked]] = {}
    for item in items:
        by_sentence.setdefault(where.sentence[item.cue.first], []).append(item)
    for position, span in enumerate(spans):
        if span.role != "SOURCE" or followed_by_source(position, spans, where):
            continue
        near = by_sentence.get(where.sentence[span.first], [])
        unsourced = [item for item in near if item.source is None]
        if is_owner(span, where):  # "Macron’s remarks": only the noun right after it
            unsourced = [item for item in unsourced if is_owned(item.cue, span)]
        if unsourced:
            nearest(span, unsourced).source = span
    for item in items:  # a cue whose sentence's source went to another cue shares it
        if item.source is None:
            sources = [
                s.source
                for s in by_sentence[where.sentence[item.cue.first]]
                if s.source is not None and not is_owner(s.source, where)
            ]
            if sources:
                item.source = min(sources, key=lambda s: distance(s, item.cue))
    attach_contents(spans, items, by_sentence, where)
    taken = [False] * len(where.sentence)
    for span in spans:
        if span.role != "CONTENT":
            taken[span.first : span.last] = [True] * (span.last - span.first)
    for item in items:
        item.content = merged(item.content, taken, where)
    return [item for item in items if item.content]


def followed_by_source(position: int, spans: list[TaggedSpan], where: Layout) -> bool:
    """Tell whether the next span is another source of the sentence: the nearer one speaks.

    "Dornholm, June 12, CVNA - Prime Minister Ondrel said": a dateline tagged as a
    source of its own must not take the cue from the speaker beside it.
    """
    if position + 1 >= len(spans):
        return False
    after = spans[position + 1]
    same = where.sentence[after.first] == where.sentence[spans[position].first]
    return after.role == "SOURCE" and same


def attach_contents(
    spans: list[TaggedSpan],
    items: list[Linked],
    by_sentence: dict[int, list[Linked]],
    where: Layout,
) -> None:
    """Give each content span to the nearest cue of its sentences, or continue a statement."""
    last_owner: Linked | None = None
    for span in spans:
        if span.role != "CONTENT":
            continue
        near = [
            item for number in sentences_of(span, where) for item in by_sentence.get(number, [])
        ]
        if near:
            owner: Linked | None = nearest(span, near)
        else:
            owner = (
                claimed(span, spans, items, where)
                or continued(span, last_owner, where)
                or following(span, spans, items, where)
            )
        if owner is not None:
            owner.content.append(span)
            last_owner = owner


def claimed(
    span: TaggedSpan, spans: list[TaggedSpan], items: list[Linked], where: Layout
) -> Linked | None:
    """Return the statement whose source or cue comes right after a content span."""
    after = [other for other in spans if other.first >= span.last and other.role != "CONTENT"]
    if not after:
        return None
    next_one = min(after, key=lambda other: other.first)
    if next_one.first - span.last > MAX_CLAIM_GAP:
        return None
    return following(span, spans, items, where)


def continued(span: TaggedSpan, previous: Linked | None, where: Layout) -> Linked | None:
    """Return the statement a cue-less content span goes on with, if it is close enough."""
    if previous is None or not previous.content or not where.opens_quote[span.first]:
        return None  # only a quotation goes on with a statement: `"A," he said. "B."`
    end = max(piece.last for piece in previous.content)
    if end > span.first or span.first - end > MAX_CONTINUATION_GAP:
        return None
    gap = where.paragraph[span.first] - where.paragraph[end - 1]
    return previous if gap <= MAX_CONTINUATION_PARAGRAPHS else None


def following(
    span: TaggedSpan, spans: list[TaggedSpan], items: list[Linked], where: Layout
) -> Linked | None:
    """Return the first cue after a content span in its paragraph: "A. B, X said"."""
    paragraph = where.paragraph[span.first]
    for other in spans:
        if other.first < span.last:
            continue
        if where.paragraph[other.first] != paragraph:
            return None
        if other.role == "CUE":
            return next(item for item in items if item.cue is other)
    return None


def merged(pieces: list[TaggedSpan], taken: list[bool], where: Layout) -> list[TaggedSpan]:
    """Join content pieces of one attribution that nothing tagged separates, in one paragraph."""
    result: list[TaggedSpan] = []
    for piece in sorted(pieces, key=lambda p: p.first):
        if result:
            last = result[-1]
            gap = range(last.last, piece.first)
            if (
                0 < len(gap) <= MAX_MERGE_GAP  # touching pieces were tagged apart on purpose
                and not any(taken[i] for i in gap)  # no cue or source in between
                and where.paragraph[last.last - 1] == where.paragraph[piece.first]
            ):
                result[-1] = TaggedSpan(last.role, last.first, piece.last)
                continue
        result.append(piece)
    return result
