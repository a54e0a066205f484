"""Statements whose speaker is marked by layout, not by a verb: sign-offs and transcripts.

A sign-off: round-ups of readers', voters' or officials' words print each quotation with
its author after a dash at the end of the line, `“We deserve better.” ― Ana Ruiz`. The
dash is the cue, the name the source, the quotation the content.

A transcript turn: `WALLACE: Governor, ...` opens a paragraph with its speaker's name in
capitals and a colon; the turn runs on through the paragraphs after it up to the next
speaker's label. The colon is the cue. A document needs two labelled paragraphs before
they are read as turns: a lone `CORRECTION:` or `UPDATE:` is an editor's note.

PolNeAR annotates both so; its train split has no sign-off and few transcripts, so the
tagger never learns them.
"""

from __future__ import annotations

import re

from onrecord.attribution.rules import CharRange, Context
from onrecord.models import Attribution, Kind, Span

# A dash, then a name of up to five capitalised words ("Julie A. Diaz Martinez"), then
# the end of the line.
_WORD = r"[A-Z][\w'’-]*\.?"
SIGN_OFF = re.compile(
    rf"[ \t\xa0]*(?P<dash>[―—–]|--?)[ \t\xa0]*"
    rf"(?P<name>{_WORD}(?:[ \t\xa0]+{_WORD}){{0,4}})[ \t\xa0]*(?:\n|$)"
)
# A paragraph opening with a speaker's label: up to three words in capitals and a colon.
_CAPITALS = r"[A-Z][A-Z.'’-]+"
LABEL = re.compile(
    rf"[\"“]?(?P<name>{_CAPITALS}(?:[ \t\xa0]{_CAPITALS}){{0,2}})(?P<colon>:)[ \t\xa0]+(?=\S)"
)
# Labelled paragraphs a document needs before they are read as a transcript's turns.
MIN_TURNS = 2
# Marks that open a paragraph a turn does not run on into: "(CROSSTALK.)", "…", "[".
NOT_SPEECH = ("(", "[", "…")
# Quotation marks a transcript's paragraphs may open or close with (left out of turns).
EDGE_MARKS = '"“”'


def signoff_attributions(ctx: Context, taken: set[int]) -> list[Attribution]:
    """Return a statement for each double quotation a dash and a name sign off.

    Quotations in `taken` (their indices) already belong to a statement and are passed over.
    """
    found = []
    for index, quote in enumerate(ctx.quotes):
        if quote.single or index in taken:
            continue
        sign_off = SIGN_OFF.match(ctx.text, quote.end)
        if sign_off is None:
            continue
        found.append(
            Attribution(
                source=(Span(*name_span(ctx.text, *sign_off.span("name"))),),
                cue=(Span(*sign_off.span("dash")),),
                content=tuple(Span(*piece) for piece in quote.pieces),
                kind=Kind.DIRECT,
            )
        )
    return found


def name_span(text: str, start: int, end: int) -> CharRange:
    """Leave out the full stop that ends the line, not an initial's ("Julie A.")."""
    last_word = text[start:end].split()[-1]
    if last_word.endswith(".") and len(last_word) > 2:
        return start, end - 1
    return start, end


def turn_attributions(ctx: Context) -> list[Attribution]:
    """Return a statement for each speaker's turn of a transcript (see the module's docstring)."""
    text, paragraphs = ctx.text, ctx.paragraphs
    labelled = [
        (number, found)
        for number, (start, _) in enumerate(paragraphs)
        if (found := LABEL.match(text, start)) is not None
    ]
    if len(labelled) < MIN_TURNS:
        return []
    turns = []
    for position, (number, label) in enumerate(labelled):
        pieces = [(label.end(), paragraphs[number][1])]
        if position + 1 < len(labelled):  # the last turn's end is unknown: it stops here
            for start, end in paragraphs[number + 1 : labelled[position + 1][0]]:
                if text[start:end].lstrip(EDGE_MARKS).startswith(NOT_SPEECH):
                    break
                pieces.append((start, end))
        content = tuple(Span(*inside_marks(text, *piece)) for piece in pieces)
        turns.append(
            Attribution(
                source=(Span(*label.span("name")),),
                cue=(Span(*label.span("colon")),),
                content=tuple(span for span in content if span.start < span.end),
                kind=Kind.DIRECT,
            )
        )
    return [turn for turn in turns if turn.content]


def inside_marks(text: str, start: int, end: int) -> CharRange:
    """Trim the quotation marks a transcript's paragraph opens or closes with."""
    while start < end and text[start] in EDGE_MARKS:
        start += 1
    while end > start and text[end - 1] in EDGE_MARKS:
        end -= 1
    return start, end
