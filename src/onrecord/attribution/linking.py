"""From cue drafts to attributions: quotations settle where each content starts and ends.

Content touching a quotation takes all of it; a quotation right next to a cue's clause
(`"A," he said, "B."`) joins that cue's content; a quotation standing alone right after
a statement continues it; a long one with no statement before it stands on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.attribution import lexicon as lx
from onrecord.attribution.quotes import Quote
from onrecord.attribution.rules import (
    DROPPED_NO_CONTENT,
    DROPPED_SCARE_QUOTE,
    CharRange,
    Context,
    Draft,
    TokenRange,
    context,
    cue_drafts,
)
from onrecord.attribution.speaker_marks import signoff_attributions, turn_attributions
from onrecord.models import Attribution, Kind, Span, any_overlap

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Characters a quotation may be separated from its cue's clause by: `“A,” he said, “B.”`.
QUOTE_GLUE = frozenset(" \t,:")
# A quotation without a cue becomes a statement of its own only when it is this long;
# shorter ones are scare quotes ("dangerous game"). Tuned by eye on the five seeds.
MIN_ORPHAN_WORDS = 4
# The confidence of a quotation whose speaker the rules could not find.
ORPHAN_CONFIDENCE = 0.5


@dataclass(slots=True)
class Built:
    """An attribution in character ranges, before it becomes a record."""

    source: list[CharRange]
    cue: list[CharRange]
    content: list[CharRange]
    confidence: float

    @property
    def end(self) -> int:
        return max(end for _, end in self.source + self.cue + self.content)


@dataclass(frozen=True, slots=True)
class Layout:
    """Sentence and paragraph boundaries of a text, for "next sentence" questions."""

    sentence_starts: list[int]
    sentence_ends: list[int]
    paragraphs: tuple[CharRange, ...]
    paragraph_starts: list[int]


def char_range(doc: Doc, span: TokenRange) -> CharRange:
    """Return the characters a token range covers."""
    last = doc[span[1] - 1]
    return doc[span[0]].idx, last.idx + len(last.text)


def overlapping_quotes(ctx: Context, span: CharRange) -> Iterable[int]:
    """Yield the indices of the quotations that overlap a character range."""
    index = bisect_right(ctx.quote_ends, span[0])
    while index < len(ctx.quotes) and ctx.quotes[index].start < span[1]:
        yield index
        index += 1


def glue_before(text: str, at: int) -> int:
    """Return where the glue (spaces, commas, colons) before `at` starts."""
    while at > 0 and text[at - 1] in QUOTE_GLUE:
        at -= 1
    return at


def glue_after(text: str, at: int) -> int:
    """Return where the glue after `at` ends."""
    while at < len(text) and text[at] in QUOTE_GLUE:
        at += 1
    return at


def covered_quotes(ctx: Context, spans: Iterable[CharRange]) -> set[int]:
    """Return the indices of the quotations any of the character ranges overlaps."""
    return {index for span in spans for index in overlapping_quotes(ctx, span)}


def attach_adjacent_quotes(drafts: list[Draft], ctx: Context) -> None:
    """Join each quotation not inside any content to the cue clause right next to it."""
    doc, text = ctx.doc, ctx.text
    covered = covered_quotes(ctx, (char_range(doc, span) for d in drafts for span in d.content))
    clause_ends = {char_range(doc, d.clause)[1]: d for d in drafts if d.cue_token >= 0}
    clause_starts = {char_range(doc, d.clause)[0]: d for d in drafts if d.cue_token >= 0}
    for index, quote in enumerate(ctx.quotes):
        if index in covered or quote.single:
            continue
        before = clause_ends.get(glue_before(text, quote.start))
        after_at = glue_after(text, quote.end)
        after = clause_starts.get(after_at)
        comma_after = "," in text[quote.end : after_at] or text[quote.end - 2] == ","
        if after is not None and text[quote.end - 2] == "." and not comma_after:
            after = None  # `“A.” He said that B.`: the quotation ended its sentence
        chosen = after if after is not None and (comma_after or before is None) else before
        if chosen is not None:
            chosen.extra.append((quote.start, quote.end))


def snapped(ctx: Context, spans: list[CharRange]) -> list[CharRange]:
    """Widen ranges to whole quotations, merge them, and split them at paragraph breaks."""
    widened = []
    for start, end in spans:
        for index in overlapping_quotes(ctx, (start, end)):
            start = min(start, ctx.quotes[index].start)
            end = max(end, ctx.quotes[index].end)
        widened.append((start, end))
    merged: list[CharRange] = []
    text = ctx.text
    for start, end in sorted(widened):
        if merged and is_joint(text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [piece for span in merged for piece in split_paragraphs(ctx.text, span)]


def is_joint(gap: str) -> bool:
    """Tell whether two content pieces are one: only spaces or "and", "but" lie between."""
    return "\n\n" not in gap and all(word in lx.JOINING_WORDS for word in gap.split())


def split_paragraphs(text: str, span: CharRange) -> list[CharRange]:
    """Split a range at blank lines and trim whitespace, so no piece spans a paragraph break."""
    pieces = []
    start = span[0]
    while True:
        cut = text.find("\n\n", start, span[1])
        end = span[1] if cut < 0 else cut
        piece = (start, end)
        while piece[0] < piece[1] and text[piece[0]].isspace():
            piece = (piece[0] + 1, piece[1])
        while piece[1] > piece[0] and text[piece[1] - 1].isspace():
            piece = (piece[0], piece[1] - 1)
        if piece[0] < piece[1]:
            pieces.append(piece)
        if cut < 0:
            return pieces
        start = cut + 2


def clipped(spans: list[CharRange], bounds: CharRange) -> list[CharRange]:
    """Cut ranges to the cue's paragraph: a parse run over a paragraph break is no statement."""
    cut = [(max(start, bounds[0]), min(end, bounds[1])) for start, end in spans]
    return [(start, end) for start, end in cut if start < end]


def built(draft: Draft, ctx: Context) -> Built:
    """Turn a draft's token ranges into character ranges with quotations settled."""
    doc = ctx.doc
    cue = [char_range(doc, span) for span in draft.cue]
    paragraph = ctx.paragraphs[bisect_right(ctx.paragraph_starts, cue[0][0]) - 1]
    content = clipped([char_range(doc, span) for span in draft.content], paragraph)
    return Built(
        source=clipped([char_range(doc, span) for span in draft.source], paragraph),
        cue=cue,
        content=snapped(ctx, content + draft.extra),
        confidence=draft.confidence,
    )


def layout(ctx: Context) -> Layout:
    """Collect sentence and paragraph boundaries of the Doc."""
    starts, ends = [], []
    for sentence in ctx.doc.sents:
        starts.append(sentence.start_char)
        ends.append(sentence.end_char)
    return Layout(starts, ends, ctx.paragraphs, ctx.paragraph_starts)


def continues(previous: Built, quote: Quote, where: Layout) -> bool:
    """Tell whether a quotation without a cue goes on with the previous statement."""
    last = previous.end - 1
    sentence = bisect_right(where.sentence_starts, last) - 1
    paragraph = bisect_right(where.paragraph_starts, last) - 1
    quote_sentence = bisect_right(where.sentence_starts, quote.start) - 1
    quote_paragraph = bisect_right(where.paragraph_starts, quote.start) - 1
    if not previous.source:
        return False  # only a statement with a known speaker is continued
    if quote_paragraph == paragraph:  # `“A,” he added. “B.”`
        return quote_sentence <= sentence + 1
    return (
        quote_paragraph == paragraph + 1  # the very next paragraph
        and quote.start == where.paragraphs[quote_paragraph][0]  # which the quote opens
        and where.sentence_ends[sentence] >= where.paragraphs[paragraph][1]  # after its end
    )


def attach_orphan_quotes(items: list[Built], ctx: Context) -> list[Built]:
    """Continue statements with the quotations after them; keep long lone ones as their own."""
    where = layout(ctx)
    covered = covered_quotes(ctx, (span for item in items for span in item.content))
    ordered = sorted(items, key=lambda item: item.end)
    ends = [item.end for item in ordered]
    recent: Built | None = None
    for index, quote in enumerate(ctx.quotes):
        if index in covered or quote.single:
            continue
        position = bisect_right(ends, quote.start) - 1
        previous = ordered[position] if position >= 0 else None
        later = previous is None or recent is not None and recent.end > previous.end
        if recent is not None and recent.end <= quote.start and later:
            previous = recent
        if previous is not None and continues(previous, quote, where):
            previous.content.extend(quote.pieces)
            recent = previous
        elif len(ctx.text[quote.start : quote.end].split()) >= MIN_ORPHAN_WORDS:
            recent = Built([], [], list(quote.pieces), ORPHAN_CONFIDENCE)
            items.append(recent)
        else:
            ctx.dropped[DROPPED_SCARE_QUOTE] += 1
    return items


def kind(content: list[CharRange], ctx: Context) -> Kind:
    """Direct if the content is all quotation (bar "that" and punctuation), mixed if partly."""
    text = ctx.text
    quoted = False
    unquoted: list[str] = []
    for start, end in content:
        cursor = start
        for index in overlapping_quotes(ctx, (start, end)):
            quote = ctx.quotes[index]
            quoted = True
            unquoted.append(text[cursor : max(cursor, quote.start)])
            cursor = max(cursor, quote.end)
        unquoted.append(text[cursor:end])
    if not quoted:
        return Kind.INDIRECT
    words = [word.strip(",.;:!?—–-()") for word in " ".join(unquoted).split()]
    if all(word in {"", "that"} for word in words):
        return Kind.DIRECT
    return Kind.MIXED


@dataclass(frozen=True, slots=True)
class Extraction:
    """The attributions of one Doc and the count of dropped candidates by reason."""

    attributions: tuple[Attribution, ...]
    dropped: dict[str, int]


def extract(doc: Doc, ctx: Context | None = None) -> Extraction:
    """Find the attributions of a parsed Doc by rules, as records with character offsets."""
    ctx = ctx or context(doc)
    drafts = cue_drafts(ctx)
    attach_adjacent_quotes(drafts, ctx)
    items = []
    for draft in drafts:
        item = built(draft, ctx)
        if item.content:
            items.append(item)
        else:
            ctx.dropped[DROPPED_NO_CONTENT] += 1
    contents = [char_range(doc, span) for draft in drafts for span in draft.content]
    taken = covered_quotes(ctx, contents + [span for draft in drafts for span in draft.extra])
    signed = signoff_attributions(ctx, taken)
    items += [as_built(record) for record in signed]
    items = attach_orphan_quotes(items, ctx)
    records = [
        Attribution(
            source=tuple(Span(*span) for span in item.source),
            cue=tuple(Span(*span) for span in item.cue),
            content=tuple(Span(*span) for span in sorted(item.content)),
            kind=kind(item.content, ctx),
            confidence=item.confidence,
        )
        for item in items
    ]
    records = with_turns(records, turn_attributions(ctx))
    records.sort(key=lambda record: min(span.start for span in record.cue + record.content))
    return Extraction(tuple(records), dict(ctx.dropped))


def as_built(record: Attribution) -> Built:
    """Return a record's spans as character ranges, to be settled with the others."""
    ranges = {
        role: [(span.start, span.end) for span in getattr(record, role)]
        for role in ("source", "cue", "content")
    }
    return Built(**ranges, confidence=record.confidence)


def with_turns(records: list[Attribution], turns: list[Attribution]) -> list[Attribution]:
    """Add a transcript's turns; a quotation without a cue inside one was only its marks."""
    spans = [span for turn in turns for span in turn.content]
    kept = [record for record in records if record.cue or not any_overlap(record.content, spans)]
    return kept + turns
